/**
 * Capacitated placement with spread groups and move costs: the problem, its validation and its
 * compact form (the finest level of the multilevel search).
 *
 *   n items with a demand vector (R resources), k bins with a capacity vector, an undirected
 *   weighted multigraph on the items, candidate bins per item, spread groups (items of one group
 *   on pairwise different bins) and previous bins with a move cost per item. Give every item one
 *   of its candidate bins, so that on every bin and resource the demands sum to at most the
 *   capacity and no bin holds two items of a group, minimising
 *
 *     Σ over edges whose ends are on different bins of the edge weight
 *   + Σ over items with previous bins that are not on one of them of the item's move cost.
 *
 * With one bin per item allowed and no capacities this is the multiway cut with label lists
 * (Dahlhaus et al., SIAM J. Comput. 23(4), 1994); with unit item weights, equal capacities and
 * no candidates it is balanced k-way graph partitioning (Kernighan & Lin, Bell Syst. Tech. J.
 * 49(2), 1970); the move costs make it the unary part of metric labelling (Kleinberg & Tardos,
 * J. ACM 49(5), 2002). NP-hard in all of these forms.
 */
import { AlgorithmError } from '../support/index.js';

export interface PlacementInstance {
  itemCount: number;
  binCount: number;
  /** Links as `[a, b]` item pairs (0-based); self-loops never count, parallel links add up. */
  edges: ReadonlyArray<readonly [number, number]>;
  /** Weight of each link (>= 0; default 1). */
  edgeWeights?: ArrayLike<number>;
  /** `demands[r][i]`: what item i needs of resource r (>= 0). */
  demands: ReadonlyArray<ArrayLike<number>>;
  /** `capacities[r][b]`: what bin b offers of resource r (>= 0). */
  capacities: ReadonlyArray<ArrayLike<number>>;
  /** Candidate bins per item; a missing list (or no `candidates` at all) allows every bin. */
  candidates?: ReadonlyArray<ReadonlyArray<number> | undefined>;
  /** Spread group of each item (an integer >= 0), or -1 for none. */
  groups?: ArrayLike<number>;
  /** Previous bins per item; an item without any pays no move cost wherever it goes. */
  previous?: ReadonlyArray<ReadonlyArray<number> | undefined>;
  /** Cost of an item with previous bins that lands on none of them (>= 0; default 1). */
  moveCosts?: ArrayLike<number>;
}

/** Structurally invalid input: indices out of range, negative amounts, mismatched lengths. */
export class InvalidInstanceError extends AlgorithmError {
  override readonly name = 'InvalidInstanceError';
}

/** Why an instance has no feasible placement (proven before any search). */
export type InfeasibleReason =
  | {
      kind: 'total-demand';
      resource: number;
      /** Total demand of every item, and total capacity of every bin, of the resource. */
      demand: number;
      capacity: number;
    }
  | {
      kind: 'item-fits-nowhere';
      item: number;
      resource: number;
      demand: number;
      /** The largest capacity of the resource among the item's candidate bins (-1: no candidate). */
      largestCapacity: number;
    }
  | {
      kind: 'spread-group';
      group: number;
      /** Items of the group, and how many distinct candidate bins they can be spread over. */
      items: number[];
      bins: number;
    }
  | {
      kind: 'pinned-demand';
      bin: number;
      resource: number;
      /** Demand of the items whose only candidate is the bin, against its capacity. */
      demand: number;
      capacity: number;
      items: number[];
    };

/** The instance has no feasible placement: `reason` says why, with the numbers. */
export class InfeasiblePlacementError extends AlgorithmError {
  override readonly name = 'InfeasiblePlacementError';
  constructor(readonly reason: InfeasibleReason) {
    super(`infeasible placement: ${reason.kind}`);
  }
}

/**
 * One level of the multilevel search: the finest is the instance itself, each coarser one merges
 * items into nodes. Everything is flat typed arrays; node v's demand of resource r is
 * `weight[v * R + r]`, bin b's capacity `cap[b * R + r]`.
 */
export interface Level {
  n: number;
  k: number;
  R: number;
  /** Weighted simple adjacency (both directions, parallel links merged, no self-loops). */
  adjStart: Int32Array;
  adjNode: Int32Array;
  adjWeight: Float64Array;
  weight: Float64Array;
  cap: Float64Array;
  /** Candidate bitset, `words` 32-bit words per node, or null when every node may use every bin. */
  candBits: Uint32Array | null;
  words: number;
  /** Number of candidate bins per node. */
  candCount: Int32Array;
  /** Spread groups each node holds: `groupId[groupStart[v] .. groupStart[v+1])`. */
  groupStart: Int32Array;
  groupId: Int32Array;
  groupCount: number;
  /**
   * Move costs: node v costs `unaryBase[v]` minus `savValue[p]` on bin `savBin[p]` for p in
   * `savStart[v] .. savStart[v+1]` (the summed move costs of its items that were on that bin).
   */
  unaryBase: Float64Array;
  savStart: Int32Array;
  savBin: Int32Array;
  savValue: Float64Array;
  /** Total weight of the links inside nodes (never cut at this level or any coarser one). */
  internalWeight: number;
}

function checkIndex(value: number, limit: number, what: string): void {
  if (!Number.isInteger(value) || value < 0 || value >= limit)
    throw new InvalidInstanceError(`${what}: ${value} is not an index below ${limit}`);
}

function checkAmount(value: number, what: string): void {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0)
    throw new InvalidInstanceError(`${what}: expected a finite number >= 0, got ${value}`);
}

export function allowedBin(level: Level, v: number, b: number): boolean {
  const bits = level.candBits;
  return bits === null || (bits[v * level.words + (b >>> 5)] & (1 << (b & 31))) !== 0;
}

/** Move cost of node v on bin b. */
export function unaryCost(level: Level, v: number, b: number): number {
  let cost = level.unaryBase[v];
  for (let p = level.savStart[v]; p < level.savStart[v + 1]; p++)
    if (level.savBin[p] === b) cost -= level.savValue[p];
  return cost;
}

/** Validates an instance and builds its finest level. */
export function finestLevel(instance: PlacementInstance): Level {
  const { itemCount: n, binCount: k } = instance;
  if (!Number.isInteger(n) || n < 0) throw new InvalidInstanceError(`invalid item count ${n}`);
  if (!Number.isInteger(k) || k < 0) throw new InvalidInstanceError(`invalid bin count ${k}`);
  const R = instance.demands.length;
  if (instance.capacities.length !== R)
    throw new InvalidInstanceError(`${R} demand vectors but ${instance.capacities.length} capacity vectors`);
  const weight = new Float64Array(n * R);
  const cap = new Float64Array(k * R);
  for (let r = 0; r < R; r++) {
    const d = instance.demands[r];
    const c = instance.capacities[r];
    if (d.length !== n) throw new InvalidInstanceError(`demands[${r}] has ${d.length} entries, not ${n}`);
    if (c.length !== k) throw new InvalidInstanceError(`capacities[${r}] has ${c.length} entries, not ${k}`);
    for (let i = 0; i < n; i++) {
      checkAmount(d[i], `demands[${r}][${i}]`);
      weight[i * R + r] = d[i];
    }
    for (let b = 0; b < k; b++) {
      checkAmount(c[b], `capacities[${r}][${b}]`);
      cap[b * R + r] = c[b];
    }
  }

  // Adjacency: count, fill both directions, then merge parallel entries per row.
  const { edges, edgeWeights } = instance;
  if (edgeWeights && edgeWeights.length !== edges.length)
    throw new InvalidInstanceError(`${edges.length} edges but ${edgeWeights.length} edge weights`);
  const degree = new Int32Array(n + 1);
  for (let e = 0; e < edges.length; e++) {
    const pair = edges[e];
    checkIndex(pair[0], n, `edges[${e}][0]`);
    checkIndex(pair[1], n, `edges[${e}][1]`);
    if (edgeWeights) checkAmount(edgeWeights[e], `edgeWeights[${e}]`);
    if (pair[0] !== pair[1]) {
      degree[pair[0]]++;
      degree[pair[1]]++;
    }
  }
  const rawStart = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) rawStart[i + 1] = rawStart[i] + degree[i];
  const fill = rawStart.slice(0, n);
  const rawNode = new Int32Array(rawStart[n]);
  const rawWeight = new Float64Array(rawStart[n]);
  for (let e = 0; e < edges.length; e++) {
    const [a, b] = edges[e];
    if (a === b) continue;
    const w = edgeWeights ? edgeWeights[e] : 1;
    rawNode[fill[a]] = b;
    rawWeight[fill[a]++] = w;
    rawNode[fill[b]] = a;
    rawWeight[fill[b]++] = w;
  }
  const { adjStart, adjNode, adjWeight } = mergeRows(n, rawStart, rawNode, rawWeight);

  // Candidates as a bitset (only when some item is restricted).
  const words = (k + 31) >>> 5;
  const candCount = new Int32Array(n).fill(k);
  let candBits: Uint32Array | null = null;
  const candidates = instance.candidates;
  if (candidates) {
    if (candidates.length !== n)
      throw new InvalidInstanceError(`candidates has ${candidates.length} entries, not ${n}`);
    if (candidates.some((list) => list !== undefined)) {
      candBits = new Uint32Array(n * words);
      for (let i = 0; i < n; i++) {
        const list = candidates[i];
        if (list === undefined) {
          for (let b = 0; b < k; b++) candBits[i * words + (b >>> 5)] |= 1 << (b & 31);
          continue;
        }
        let count = 0;
        for (const b of list) {
          checkIndex(b, k, `candidates[${i}]`);
          const word = i * words + (b >>> 5);
          if ((candBits[word] & (1 << (b & 31))) === 0) count++;
          candBits[word] |= 1 << (b & 31);
        }
        candCount[i] = count;
      }
    }
  }

  // Spread groups: renumbered densely in order of first appearance.
  const groupStart = new Int32Array(n + 1);
  const groupIds: number[] = [];
  const dense = new Map<number, number>();
  const groups = instance.groups;
  if (groups && groups.length !== n)
    throw new InvalidInstanceError(`groups has ${groups.length} entries, not ${n}`);
  for (let i = 0; i < n; i++) {
    const g = groups ? groups[i] : -1;
    if (g !== -1) {
      if (!Number.isInteger(g) || g < 0)
        throw new InvalidInstanceError(`groups[${i}]: ${g} is neither -1 nor an integer >= 0`);
      let id = dense.get(g);
      if (id === undefined) dense.set(g, (id = dense.size));
      groupIds.push(id);
    }
    groupStart[i + 1] = groupIds.length;
  }

  // Move costs.
  const unaryBase = new Float64Array(n);
  const savStart = new Int32Array(n + 1);
  const savBin: number[] = [];
  const savValue: number[] = [];
  const { previous, moveCosts } = instance;
  if (previous && previous.length !== n)
    throw new InvalidInstanceError(`previous has ${previous.length} entries, not ${n}`);
  if (moveCosts && moveCosts.length !== n)
    throw new InvalidInstanceError(`moveCosts has ${moveCosts.length} entries, not ${n}`);
  for (let i = 0; i < n; i++) {
    const list = previous?.[i];
    if (list && list.length > 0) {
      const cost = moveCosts ? moveCosts[i] : 1;
      checkAmount(cost, `moveCosts[${i}]`);
      unaryBase[i] = cost;
      const seen = new Set<number>();
      for (const b of list) {
        checkIndex(b, k, `previous[${i}]`);
        if (seen.has(b)) continue;
        seen.add(b);
        savBin.push(b);
        savValue.push(cost);
      }
    }
    savStart[i + 1] = savBin.length;
  }

  return {
    n,
    k,
    R,
    adjStart,
    adjNode,
    adjWeight,
    weight,
    cap,
    candBits,
    words,
    candCount,
    groupStart,
    groupId: Int32Array.from(groupIds),
    groupCount: dense.size,
    unaryBase,
    savStart,
    savBin: Int32Array.from(savBin),
    savValue: Float64Array.from(savValue),
    internalWeight: 0,
  };
}

/** Merges repeated neighbours of each row (summing weights) and sorts rows by neighbour. */
export function mergeRows(
  n: number,
  rawStart: Int32Array,
  rawNode: Int32Array,
  rawWeight: Float64Array,
): { adjStart: Int32Array; adjNode: Int32Array; adjWeight: Float64Array } {
  const adjStart = new Int32Array(n + 1);
  const adjNode = new Int32Array(rawNode.length);
  const adjWeight = new Float64Array(rawNode.length);
  const slot = new Int32Array(n).fill(-1);
  let z = 0;
  for (let v = 0; v < n; v++) {
    const rowStart = z;
    for (let p = rawStart[v]; p < rawStart[v + 1]; p++) {
      const u = rawNode[p];
      const s = slot[u];
      if (s >= rowStart) adjWeight[s] += rawWeight[p];
      else {
        slot[u] = z;
        adjNode[z] = u;
        adjWeight[z++] = rawWeight[p];
      }
    }
    // Sort the row by neighbour (insertion sort on short rows, else via an index sort).
    sortRow(adjNode, adjWeight, rowStart, z);
    adjStart[v + 1] = z;
  }
  return { adjStart, adjNode: adjNode.slice(0, z), adjWeight: adjWeight.slice(0, z) };
}

function sortRow(node: Int32Array, weight: Float64Array, start: number, end: number): void {
  if (end - start <= 16) {
    for (let p = start + 1; p < end; p++) {
      const u = node[p];
      const w = weight[p];
      let q = p - 1;
      while (q >= start && node[q] > u) {
        node[q + 1] = node[q];
        weight[q + 1] = weight[q];
        q--;
      }
      node[q + 1] = u;
      weight[q + 1] = w;
    }
    return;
  }
  const order = Array.from({ length: end - start }, (_, t) => start + t).sort((a, b) => node[a] - node[b]);
  const nodes = order.map((p) => node[p]);
  const weights = order.map((p) => weight[p]);
  node.set(nodes, start);
  weight.set(weights, start);
}
