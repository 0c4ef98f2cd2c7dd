/**
 * Per-node candidate colour lists for list colouring (Vizing 1976; Erdős, Rubin & Taylor 1979):
 * node v may only take a colour of its list. Stored as CSR on typed arrays; nodes without a list
 * are "unrestricted" and may take any colour (below the colour limit, if any).
 */
import { sortedRowIncludes } from '../support/index.js';

export interface ColourLists {
  /** 1 when the node has a list, 0 when it may take any colour. */
  readonly restricted: Uint8Array;
  /** Length nodeCount + 1; the list of v is `colours[offsets[v] .. offsets[v+1])`. */
  readonly offsets: Int32Array;
  /** Sorted, de-duplicated, below the colour limit. */
  readonly colours: Int32Array;
  /** 1 + the largest listed colour (0 if no list has a colour). */
  readonly listedBound: number;
  /** Number of distinct colours that appear in some list. */
  readonly distinctListed: number;
}

/**
 * Normalises the user's lists: sorts, removes duplicates and colours >= limit. Returns null when
 * no node is restricted (plain colouring). Throws RangeError for a colour that is not a
 * non-negative integer or a wrong list count.
 */
export function normaliseColourLists(
  nodeCount: number,
  allowed: ReadonlyArray<readonly number[] | undefined> | undefined,
  limit: number,
): ColourLists | null {
  if (allowed === undefined) return null;
  if (allowed.length !== nodeCount) {
    throw new RangeError(`allowed colours given for ${allowed.length} nodes, expected ${nodeCount}`);
  }
  if (allowed.every((list) => list === undefined)) return null;
  const restricted = new Uint8Array(nodeCount);
  const offsets = new Int32Array(nodeCount + 1);
  const out: number[] = [];
  const distinct = new Set<number>();
  let listedBound = 0;
  for (let v = 0; v < nodeCount; v++) {
    offsets[v] = out.length;
    const list = allowed[v];
    if (list === undefined) continue;
    restricted[v] = 1;
    for (const c of list) {
      if (!Number.isInteger(c) || c < 0) throw new RangeError(`node ${v}: invalid colour ${c}`);
    }
    const sorted = [...new Set(list)].filter((c) => c < limit).sort((a, b) => a - b);
    for (const c of sorted) {
      out.push(c);
      distinct.add(c);
      if (c + 1 > listedBound) listedBound = c + 1;
    }
  }
  offsets[nodeCount] = out.length;
  return { restricted, offsets, colours: Int32Array.from(out), listedBound, distinctListed: distinct.size };
}

/** True iff colour c is in v's list (binary search), or v is unrestricted. */
export function listAllows(lists: ColourLists, v: number, c: number): boolean {
  return lists.restricted[v] === 0 || sortedRowIncludes(lists.offsets, lists.colours, v, c);
}
