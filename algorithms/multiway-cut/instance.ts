/**
 * Input model, validation and compact (CSR) form of the candidate-restricted multiway cut
 * ("uniform labelling" / Potts labelling with hard label constraints):
 *
 *   n items, k labels, an undirected multigraph on the items and a non-empty candidate label list
 *   per item. Choose one candidate label per item, minimising the number of edges whose endpoints
 *   get different labels. Self-loops never count; parallel edges count once each.
 *
 * Multiway cut: Dahlhaus, Johnson, Papadimitriou, Seymour, Yannakakis, "The complexity of
 * multiterminal cuts", SIAM J. Comput. 23(4), 1994. Candidate restrictions make it the uniform
 * metric labelling problem of Kleinberg & Tardos (J. ACM 49(5), 2002) with 0/∞ assignment costs.
 */
import { AlgorithmError, sortedRowIncludes } from '../support/index.js';

/** Plain-data problem instance. */
export interface MultiwayCutInstance {
  itemCount: number;
  labelCount: number;
  /** `[u, v]` pairs, or a flat Int32Array `u0, v0, u1, v1, ...`. 0-based item indices. */
  edges: ReadonlyArray<readonly [number, number]> | Int32Array;
  /** `candidates[i]`: the labels item i may take (0-based, non-empty; duplicates are ignored). */
  candidates: ReadonlyArray<ReadonlyArray<number>>;
}

/** Common result of every solver in this family. */
export interface MultiwayCutResult {
  /** Label of every item; always one of the item's candidates. */
  labels: Int32Array;
  /** Number of edges whose endpoints have different labels. */
  cost: number;
  /** A proven lower bound on the optimum, when the solver computed one. */
  lowerBound?: number;
  /** True when `cost` is proven optimal. */
  optimal?: boolean;
  /** True when a time limit stopped the solver before it could prove optimality. */
  timedOut?: boolean;
}

/** Thrown when an item has an empty candidate list: no valid assignment exists. */
export class NoCandidateError extends AlgorithmError {
  override readonly name = 'NoCandidateError';
  constructor(readonly item: number) {
    super(`item ${item} has no candidate label`);
  }
}

/** Thrown for structurally invalid input (indices out of range, non-integers, size mismatch). */
export class InvalidInstanceError extends AlgorithmError {
  override readonly name = 'InvalidInstanceError';
}

/**
 * Validated, compact form shared by the solvers. Parallel edges are merged into integer weights,
 * self-loops dropped, candidate lists sorted and deduplicated.
 */
export interface CompactInstance {
  n: number;
  k: number;
  /** Candidate labels of item i: `candLabels[candStart[i] .. candStart[i+1])`, ascending. */
  candStart: Int32Array;
  candLabels: Int32Array;
  /** Items having label l as a candidate: `labelItems[labelStart[l] .. labelStart[l+1])`, ascending. */
  labelStart: Int32Array;
  labelItems: Int32Array;
  /** Weighted simple adjacency (both directions), neighbours ascending. */
  adjStart: Int32Array;
  adjItem: Int32Array;
  adjWeight: Int32Array;
  /** Number of non-loop edges (with multiplicity). */
  edgeCount: number;
  /** Original non-loop edges as flat pairs, for cost evaluation. */
  edgePairs: Int32Array;
}

function flatEdges(edges: MultiwayCutInstance['edges']): Int32Array {
  if (edges instanceof Int32Array) {
    if (edges.length % 2 !== 0) throw new InvalidInstanceError('flat edge array has odd length');
    return edges;
  }
  const flat = new Int32Array(edges.length * 2);
  for (let e = 0; e < edges.length; e++) {
    const pair = edges[e];
    if (pair === undefined || pair === null || pair.length !== 2)
      throw new InvalidInstanceError(`edge ${e} is not a pair`);
    const u = pair[0];
    const v = pair[1];
    if (!Number.isInteger(u) || !Number.isInteger(v))
      throw new InvalidInstanceError(`edge ${e} has non-integer ends`);
    flat[2 * e] = u;
    flat[2 * e + 1] = v;
  }
  return flat;
}

/** Neighbourhoods up to this long are sorted by insertion. */
const SHORT_ROW = 16;

/** Validates an instance and builds its compact form. Throws NoCandidateError / InvalidInstanceError. */
export function compactInstance(instance: MultiwayCutInstance): CompactInstance {
  const { itemCount: n, labelCount: k, candidates } = instance;
  if (!Number.isInteger(n) || n < 0) throw new InvalidInstanceError(`invalid item count ${n}`);
  if (!Number.isInteger(k) || k < 0) throw new InvalidInstanceError(`invalid label count ${k}`);
  if (candidates.length !== n) {
    throw new InvalidInstanceError(`candidates has ${candidates.length} entries for ${n} items`);
  }

  // Candidates: sorted, deduplicated (insertion sort: lists are short).
  const candStart = new Int32Array(n + 1);
  let total = 0;
  for (let i = 0; i < n; i++) {
    const list = candidates[i];
    if (list === undefined || list.length === 0) throw new NoCandidateError(i);
    total += list.length;
  }
  const candBuffer = new Int32Array(total);
  for (let i = 0, at = 0; i < n; i++) {
    const list = candidates[i];
    const first = at;
    for (let c = 0; c < list.length; c++) {
      const l = list[c];
      if (!Number.isInteger(l) || l < 0 || l >= k) {
        throw new InvalidInstanceError(`item ${i} has candidate label ${l} outside 0..${k - 1}`);
      }
      let p = at;
      while (p > first && candBuffer[p - 1] > l) p--;
      if (p > first && candBuffer[p - 1] === l) continue; // duplicate
      // Shift by hand: copyWithin is a runtime call, costly for these few entries.
      for (let q = at; q > p; q--) candBuffer[q] = candBuffer[q - 1];
      candBuffer[p] = l;
      at++;
    }
    candStart[i + 1] = at;
  }
  const candLabels = candBuffer.slice(0, candStart[n]);
  const labelStart = new Int32Array(k + 1);
  for (let c = 0; c < candLabels.length; c++) labelStart[candLabels[c] + 1]++;
  for (let l = 0; l < k; l++) labelStart[l + 1] += labelStart[l];
  const labelItems = new Int32Array(candStart[n]);
  const fill = labelStart.slice(0, k);
  for (let i = 0; i < n; i++) {
    for (let c = candStart[i]; c < candStart[i + 1]; c++) labelItems[fill[candLabels[c]]++] = i;
  }

  // Edges: drop loops, then build a merged (weighted) CSR adjacency.
  const raw = flatEdges(instance.edges);
  const m = raw.length / 2;
  let kept = 0;
  const degree = new Int32Array(n + 1);
  for (let e = 0; e < m; e++) {
    const u = raw[2 * e];
    const v = raw[2 * e + 1];
    if (!(u >= 0 && u < n && v >= 0 && v < n)) {
      throw new InvalidInstanceError(`edge ${e} (${u}, ${v}) has an end outside 0..${n - 1}`);
    }
    if (u === v) continue;
    kept++;
    degree[u + 1]++;
    degree[v + 1]++;
  }
  const edgePairs = new Int32Array(2 * kept);
  const rawStart = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) rawStart[i + 1] = rawStart[i] + degree[i + 1];
  const rawAdj = new Int32Array(rawStart[n]);
  const pos = rawStart.slice(0, n);
  for (let e = 0, p = 0; e < m; e++) {
    const u = raw[2 * e];
    const v = raw[2 * e + 1];
    if (u === v) continue;
    edgePairs[p++] = u;
    edgePairs[p++] = v;
    rawAdj[pos[u]++] = v;
    rawAdj[pos[v]++] = u;
  }
  // Sort each neighbourhood and merge duplicates into weights.
  const adjStart = new Int32Array(n + 1);
  const adjItemTmp = new Int32Array(rawAdj.length);
  const adjWeightTmp = new Int32Array(rawAdj.length);
  let out = 0;
  for (let i = 0; i < n; i++) {
    const from = rawStart[i];
    const to = rawStart[i + 1];
    // Most neighbourhoods are short: sorted in place by insertion, without a typed-array view and
    // a call to its sort each; long ones by the built-in sort.
    if (to - from > SHORT_ROW) rawAdj.subarray(from, to).sort();
    else {
      for (let p = from + 1; p < to; p++) {
        const x = rawAdj[p];
        let q = p;
        for (; q > from && rawAdj[q - 1] > x; q--) rawAdj[q] = rawAdj[q - 1];
        rawAdj[q] = x;
      }
    }
    for (let p = from; p < to; p++) {
      if (out > adjStart[i] && adjItemTmp[out - 1] === rawAdj[p]) adjWeightTmp[out - 1]++;
      else {
        adjItemTmp[out] = rawAdj[p];
        adjWeightTmp[out] = 1;
        out++;
      }
    }
    adjStart[i + 1] = out;
  }
  return {
    n,
    k,
    candStart,
    candLabels,
    labelStart,
    labelItems,
    adjStart,
    adjItem: adjItemTmp.slice(0, out),
    adjWeight: adjWeightTmp.slice(0, out),
    edgeCount: kept,
    edgePairs,
  };
}

/** True iff `label` is a candidate of item `i` (binary search in its sorted list). */
export function hasCandidate(ci: CompactInstance, i: number, label: number): boolean {
  return sortedRowIncludes(ci.candStart, ci.candLabels, i, label);
}

/** Number of (non-loop) edges whose endpoints have different labels. */
export function cutCost(ci: CompactInstance, labels: Int32Array): number {
  const pairs = ci.edgePairs;
  let cost = 0;
  for (let p = 0; p < pairs.length; p += 2) if (labels[pairs[p]] !== labels[pairs[p + 1]]) cost++;
  return cost;
}

/**
 * Checks that `labels` assigns every item one of its candidates; returns the first offending item
 * or -1.
 */
export function firstInvalidItem(ci: CompactInstance, labels: ArrayLike<number>): number {
  if (labels.length !== ci.n) return labels.length < ci.n ? labels.length : ci.n;
  for (let i = 0; i < ci.n; i++) if (!hasCandidate(ci, i, labels[i])) return i;
  return -1;
}

/**
 * The free lower bound: edges whose two items share no candidate label are cut by every valid
 * assignment.
 */
export function disjointCandidateBound(ci: CompactInstance): number {
  const { adjStart, adjItem, adjWeight, n } = ci;
  let bound = 0;
  for (let i = 0; i < n; i++) {
    for (let p = adjStart[i]; p < adjStart[i + 1]; p++) {
      const j = adjItem[p];
      if (j > i && !shareCandidate(ci, i, j)) bound += adjWeight[p];
    }
  }
  return bound;
}

/** The free lower bound: number of edges whose two items share no candidate label. */
export function freeLowerBound(instance: MultiwayCutInstance): number {
  return disjointCandidateBound(compactInstance(instance));
}

/** True iff items i and j have a common candidate label (merge of two sorted lists). */
export function shareCandidate(ci: CompactInstance, i: number, j: number): boolean {
  const { candStart, candLabels } = ci;
  let a = candStart[i];
  let b = candStart[j];
  const ae = candStart[i + 1];
  const be = candStart[j + 1];
  while (a < ae && b < be) {
    const x = candLabels[a];
    const y = candLabels[b];
    if (x === y) return true;
    if (x < y) a++;
    else b++;
  }
  return false;
}

/** Adjacency restricted to edges whose endpoints share a candidate (the only ones a solver can save). */
export interface ReducedAdjacency {
  start: Int32Array;
  item: Int32Array;
  weight: Int32Array;
  /** Total weight of the dropped edges: cut by every valid assignment (= the free lower bound). */
  constant: number;
}

/** Drops the edges whose endpoints share no candidate label; they add the same cost to every solution. */
export function reducedAdjacency(ci: CompactInstance): ReducedAdjacency {
  const { adjStart, adjItem, adjWeight, n } = ci;
  const keep = new Uint8Array(adjItem.length);
  const start = new Int32Array(n + 1);
  let constant = 0;
  for (let i = 0; i < n; i++) {
    let count = 0;
    for (let p = adjStart[i]; p < adjStart[i + 1]; p++) {
      if (shareCandidate(ci, i, adjItem[p])) {
        keep[p] = 1;
        count++;
      } else if (adjItem[p] > i) constant += adjWeight[p];
    }
    start[i + 1] = start[i] + count;
  }
  const item = new Int32Array(start[n]);
  const weight = new Int32Array(start[n]);
  for (let p = 0, q = 0; p < adjItem.length; p++) {
    if (keep[p] === 1) {
      item[q] = adjItem[p];
      weight[q] = adjWeight[p];
      q++;
    }
  }
  return { start, item, weight, constant };
}
