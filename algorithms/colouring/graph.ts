/**
 * Compact undirected simple graph for the colouring algorithms: CSR (compressed sparse row)
 * adjacency on typed arrays, built from an edge list that may contain parallel edges (removed) and
 * self-loops (rejected with {@link SelfLoopError}, since a self-adjacent node has no proper colour).
 *
 * De-duplication is O(n + m) with a stamp array (no per-node sorting), so a 10^6-edge graph is
 * built in a few tens of milliseconds.
 */
import { SelfLoopError } from './errors.js';

/** Undirected simple graph: the neighbours of v are `targets[offsets[v] .. offsets[v+1])`. */
export interface Adjacency {
  readonly nodeCount: number;
  /** Length nodeCount + 1. */
  readonly offsets: Int32Array;
  /** Each undirected edge appears twice (once per endpoint). Neighbours keep first-seen order. */
  readonly targets: Int32Array;
  /** Number of distinct undirected edges. */
  readonly edgeCount: number;
  /** Largest degree (0 for an empty graph). */
  readonly maxDegree: number;
}

/** Name of node v for messages: its name if names are given, else its index. */
export function nodeLabel(names: readonly string[] | undefined, v: number): string {
  return names !== undefined ? names[v] : String(v);
}

/**
 * Builds the CSR adjacency. Throws RangeError for an endpoint outside [0, nodeCount) and
 * {@link SelfLoopError} for an edge (v, v).
 */
export function buildAdjacency(
  nodeCount: number,
  edges: ReadonlyArray<readonly [number, number]>,
  names?: readonly string[],
): Adjacency {
  if (!Number.isInteger(nodeCount) || nodeCount < 0) throw new RangeError(`invalid node count ${nodeCount}`);
  const m = edges.length;
  const from = new Int32Array(m);
  const to = new Int32Array(m);
  const rawDegree = new Int32Array(nodeCount + 1);
  for (let i = 0; i < m; i++) {
    const e = edges[i];
    const u = e[0];
    const v = e[1];
    if (!Number.isInteger(u) || !Number.isInteger(v) || u < 0 || v < 0 || u >= nodeCount || v >= nodeCount) {
      throw new RangeError(`edge ${i} (${u}, ${v}) has an endpoint outside [0, ${nodeCount})`);
    }
    if (u === v) throw new SelfLoopError(u, nodeLabel(names, u));
    from[i] = u;
    to[i] = v;
    rawDegree[u]++;
    rawDegree[v]++;
  }
  // Raw CSR (with duplicates).
  const rawOffsets = new Int32Array(nodeCount + 1);
  for (let v = 0; v < nodeCount; v++) rawOffsets[v + 1] = rawOffsets[v] + rawDegree[v];
  const fill = rawOffsets.slice(0, nodeCount);
  const raw = new Int32Array(2 * m);
  for (let i = 0; i < m; i++) {
    raw[fill[from[i]]++] = to[i];
    raw[fill[to[i]]++] = from[i];
  }
  // Compact, dropping repeated neighbours (stamp[w] = v + 1 once w was seen as a neighbour of v).
  const stamp = new Int32Array(nodeCount);
  const offsets = new Int32Array(nodeCount + 1);
  let k = 0;
  let maxDegree = 0;
  for (let v = 0; v < nodeCount; v++) {
    offsets[v] = k;
    for (let i = rawOffsets[v]; i < rawOffsets[v + 1]; i++) {
      const w = raw[i];
      if (stamp[w] !== v + 1) {
        stamp[w] = v + 1;
        raw[k++] = w; // k <= i, so compaction in place is safe
      }
    }
    if (k - offsets[v] > maxDegree) maxDegree = k - offsets[v];
  }
  offsets[nodeCount] = k;
  return { nodeCount, offsets, targets: raw.slice(0, k), edgeCount: k / 2, maxDegree };
}

/**
 * rank[v] = position of v when nodes are sorted by name in plain code-unit order (ties, i.e.
 * duplicate names, by index); the identity when there are no names.
 */
export function nameRanks(nodeCount: number, names?: readonly string[]): Int32Array {
  const rank = new Int32Array(nodeCount);
  if (names === undefined) {
    for (let v = 0; v < nodeCount; v++) rank[v] = v;
    return rank;
  }
  const order = Array.from({ length: nodeCount }, (_, v) => v);
  order.sort((a, b) => {
    const x = names[a];
    const y = names[b];
    return x < y ? -1 : x > y ? 1 : a - b;
  });
  for (let i = 0; i < nodeCount; i++) rank[order[i]] = i;
  return rank;
}

/** True iff `colouring` gives adjacent nodes different colours (and every node a colour >= 0). */
export function isProperColouring(adj: Adjacency, colouring: ArrayLike<number>): boolean {
  for (let v = 0; v < adj.nodeCount; v++) {
    const c = colouring[v];
    if (!(c >= 0)) return false;
    for (let i = adj.offsets[v]; i < adj.offsets[v + 1]; i++)
      if (colouring[adj.targets[i]] === c) return false;
  }
  return true;
}
