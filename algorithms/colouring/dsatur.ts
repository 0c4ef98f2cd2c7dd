/**
 * DSATUR heuristic: Brélaz, "New methods to color the vertices of a graph", CACM 22(4), 1979.
 *
 * Repeatedly colours the uncoloured node of highest saturation (number of DISTINCT colours among
 * its neighbours), ties by highest degree in the uncoloured subgraph, then by smallest name rank,
 * with the lowest colour not used by a neighbour. This fixes the original dydisnix version
 * (docs/compatibility.md §7.6: counted coloured links instead of distinct colours, tie-break over
 * all nodes, infinite loop).
 *
 * With candidate lists (list colouring) a node's first key becomes the number of colours still
 * available to it (fewest first, the classical DSATUR generalisation: a node with one option left
 * must go now); saturation, uncoloured degree and name follow. When every list is the full palette
 * this is exactly the plain order. Colour = lowest listed colour no neighbour uses.
 *
 * Complexity O((n + m) log n): an indexed binary heap (support/keyed-heap.ts) holds the uncoloured
 * nodes; each edge causes at most one priority change per endpoint, and neighbour colour sets are
 * O(1) (see neighbour-colours.ts).
 */
import { KeyedMaxHeap } from '../support/index.js';
import type { Adjacency } from './graph.js';
import { listAllows, type ColourLists } from './lists.js';
import { NeighbourColours } from './neighbour-colours.js';

export interface HeuristicOutcome {
  /** Colour per node; -1 for nodes not reached when the run failed. */
  colour: Int32Array;
  /** Number of distinct colours used. */
  colours: number;
  /** Node that could not be coloured (lists / limit exhausted), or -1 on success. */
  failedNode: number;
}

/**
 * Runs DSATUR. Without lists the colour limit is ignored (the caller compares the colour count:
 * the order does not depend on the limit, so the full run tells how many colours DSATUR needs).
 * With lists, unrestricted nodes may use colours below `limit` (Infinity = any).
 */
export function dsaturHeuristic(
  adj: Adjacency,
  rank: Int32Array,
  lists: ColourLists | null,
  limit: number,
): HeuristicOutcome {
  const n = adj.nodeCount;
  const { offsets, targets } = adj;
  const colour = new Int32Array(n).fill(-1);
  // Priority as ONE exact number (S = maxDegree + 1, udeg = uncoloured degree < S, sat < S):
  //   no lists:   sat * S + udeg
  //   with lists: -min(remaining, S + 1) * S^2 + sat * S + udeg
  // Capping `remaining` at S + 1 changes nothing that matters: a node with more than S options
  // can never run out. Exact in float64 while S^3 < 2^53 (maximum degree < 208,000); beyond, only
  // the tie order could blur, never the properness of the colouring.
  const S = adj.maxDegree + 1;
  const key = new Float64Array(n);
  const remaining = new Float64Array(n);
  const palette = Number.isFinite(limit) ? limit : n + (lists?.listedBound ?? 0) + 1;
  for (let v = 0; v < n; v++) {
    const udeg = offsets[v + 1] - offsets[v];
    key[v] = udeg;
    if (lists !== null) {
      remaining[v] = lists.restricted[v] === 1 ? lists.offsets[v + 1] - lists.offsets[v] : palette;
      key[v] -= Math.min(remaining[v], S + 1) * S * S;
    }
  }
  const heap = new KeyedMaxHeap(key, rank);
  const all = new Int32Array(n);
  for (let v = 0; v < n; v++) all[v] = v;
  heap.buildFrom(all);
  const seen = new NeighbourColours(n);
  const usedFlag = new Uint8Array(Math.max(n, lists?.listedBound ?? 0) + 1);
  let colours = 0;

  while (heap.size > 0) {
    const v = heap.pop();
    let c = -1;
    if (lists === null || lists.restricted[v] === 0) {
      c = seen.lowestFree(v);
      if (lists !== null && c >= limit) return { colour, colours, failedNode: v };
    } else {
      for (let i = lists.offsets[v]; i < lists.offsets[v + 1]; i++) {
        if (!seen.has(v, lists.colours[i])) {
          c = lists.colours[i];
          break;
        }
      }
      if (c < 0) return { colour, colours, failedNode: v };
    }
    colour[v] = c;
    if (usedFlag[c] === 0) {
      usedFlag[c] = 1;
      colours++;
    }
    for (let i = offsets[v]; i < offsets[v + 1]; i++) {
      const w = targets[i];
      if (colour[w] >= 0) continue;
      key[w]--; // one uncoloured neighbour less
      if (seen.add(w, c)) {
        key[w] += S; // one more distinct neighbour colour
        if (lists !== null && (lists.restricted[w] === 0 || listAllows(lists, w, c))) {
          const before = Math.min(remaining[w], S + 1);
          remaining[w]--;
          key[w] += (before - Math.min(remaining[w], S + 1)) * S * S;
        }
        heap.moveUp(w);
      } else {
        heap.moveDown(w);
      }
    }
  }
  return { colour, colours, failedNode: -1 };
}
