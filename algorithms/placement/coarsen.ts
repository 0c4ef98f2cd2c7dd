/**
 * Coarsening for the multilevel search: heavy-edge matching (Karypis & Kumar, "A fast and high
 * quality multilevel scheme for partitioning irregular graphs", SIAM J. Sci. Comput. 20(1), 1998,
 * §2; Hendrickson & Leland, Supercomputing 1995) under the constraints of this problem: two nodes
 * merge only when their candidate bins intersect, they hold no common spread group, and their
 * merged demand stays below a share of the average capacity (so the coarse nodes still pack).
 * Nodes left unmatched whose neighbours are all taken are matched with another such node of the
 * same neighbour ("two-hop" matching, as METIS 5 does for the leaves of stars), so scale-free
 * graphs shrink too. A coarse node's links, demands, move costs and groups are its members'.
 */
import type { Level } from './instance.js';
import { mergeRows } from './instance.js';

export interface Coarsening {
  coarse: Level;
  /** Coarse node of every fine node. */
  map: Int32Array;
}

function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

function candidatesMeet(level: Level, a: number, b: number): boolean {
  const bits = level.candBits;
  if (bits === null) return true;
  const { words } = level;
  for (let w = 0; w < words; w++) if ((bits[a * words + w] & bits[b * words + w]) !== 0) return true;
  return false;
}

function groupsMeet(level: Level, a: number, b: number): boolean {
  const { groupStart, groupId } = level;
  for (let p = groupStart[a]; p < groupStart[a + 1]; p++)
    for (let q = groupStart[b]; q < groupStart[b + 1]; q++) if (groupId[p] === groupId[q]) return true;
  return false;
}

/**
 * One coarsening step. `order` is the visiting order (a seeded permutation); `maxWeight[r]` the
 * largest merged demand of resource r; with `part` (a bin per node), only nodes of one bin merge.
 */
export function coarsen(
  level: Level,
  order: Int32Array,
  maxWeight: Float64Array,
  part?: Int32Array,
): Coarsening {
  const { n, R, weight, adjStart, adjNode, adjWeight } = level;
  const mate = new Int32Array(n).fill(-1);
  const mergeable = (a: number, b: number) => {
    if (part !== undefined && part[a] !== part[b]) return false;
    for (let r = 0; r < R; r++) if (weight[a * R + r] + weight[b * R + r] > maxWeight[r]) return false;
    return candidatesMeet(level, a, b) && !groupsMeet(level, a, b);
  };
  // Link weight to each neighbour of the current node, for counting shared neighbours.
  const mark = new Float64Array(n);
  for (let t = 0; t < n; t++) {
    const v = order[t];
    if (mate[v] >= 0) continue;
    let best = -1;
    let bestWeight = 0;
    for (let p = adjStart[v]; p < adjStart[v + 1]; p++) mark[adjNode[p]] = adjWeight[p];
    for (let p = adjStart[v]; p < adjStart[v + 1]; p++) {
      const u = adjNode[p];
      // The constraints first: they are cheaper than the rating and often fail (candidates).
      if (mate[u] >= 0 || u === v || !mergeable(v, u)) continue;
      // Rating: the link plus the links through shared neighbours (a link inside a dense
      // cluster outranks a bridge of the same weight).
      let rating = adjWeight[p];
      let shared = 0;
      for (let q = adjStart[u]; q < adjStart[u + 1]; q++) {
        const x = adjNode[q];
        if (mark[x] > 0) shared += Math.min(mark[x], adjWeight[q]);
      }
      rating += 0.5 * shared;
      if (rating > bestWeight) {
        best = u;
        bestWeight = rating;
      }
    }
    for (let p = adjStart[v]; p < adjStart[v + 1]; p++) mark[adjNode[p]] = 0;
    if (best >= 0) {
      mate[v] = best;
      mate[best] = v;
    }
  }
  // Two-hop: unmatched nodes sharing a neighbour (the first one of their row) pair up.
  const waiting = new Int32Array(n).fill(-1);
  for (let t = 0; t < n; t++) {
    const v = order[t];
    if (mate[v] >= 0 || adjStart[v + 1] === adjStart[v]) continue;
    // The heaviest neighbour is the hub the leaf hangs on.
    let hub = adjNode[adjStart[v]];
    let hubWeight = adjWeight[adjStart[v]];
    for (let p = adjStart[v] + 1; p < adjStart[v + 1]; p++)
      if (adjWeight[p] > hubWeight) {
        hub = adjNode[p];
        hubWeight = adjWeight[p];
      }
    const other = waiting[hub];
    if (other >= 0 && mate[other] < 0 && mergeable(v, other)) {
      mate[v] = other;
      mate[other] = v;
      waiting[hub] = -1;
    } else waiting[hub] = v;
  }
  // Number the coarse nodes in fine order.
  const map = new Int32Array(n).fill(-1);
  let nc = 0;
  for (let v = 0; v < n; v++) {
    if (map[v] >= 0) continue;
    map[v] = nc;
    if (mate[v] >= 0) map[mate[v]] = nc;
    nc++;
  }
  return { coarse: contract(level, map, nc), map };
}

/** The level whose nodes are the classes of `map` (0..nc-1). */
export function contract(level: Level, map: Int32Array, nc: number): Level {
  const { n, k, R, weight, adjStart, adjNode, adjWeight, words } = level;
  // Members per coarse node.
  const memberStart = new Int32Array(nc + 1);
  for (let v = 0; v < n; v++) memberStart[map[v] + 1]++;
  for (let c = 0; c < nc; c++) memberStart[c + 1] += memberStart[c];
  const fill = memberStart.slice(0, nc);
  const members = new Int32Array(n);
  for (let v = 0; v < n; v++) members[fill[map[v]]++] = v;

  const cWeight = new Float64Array(nc * R);
  for (let v = 0; v < n; v++) for (let r = 0; r < R; r++) cWeight[map[v] * R + r] += weight[v * R + r];

  // Links between coarse nodes; links inside one become internal weight.
  let internal = level.internalWeight;
  const rawStart = new Int32Array(nc + 1);
  for (let c = 0; c < nc; c++) {
    let count = 0;
    for (let m = memberStart[c]; m < memberStart[c + 1]; m++) {
      const v = members[m];
      for (let p = adjStart[v]; p < adjStart[v + 1]; p++) if (map[adjNode[p]] !== c) count++;
    }
    rawStart[c + 1] = rawStart[c] + count;
  }
  const rawNode = new Int32Array(rawStart[nc]);
  const rawWeight = new Float64Array(rawStart[nc]);
  for (let c = 0, z = 0; c < nc; c++) {
    for (let m = memberStart[c]; m < memberStart[c + 1]; m++) {
      const v = members[m];
      for (let p = adjStart[v]; p < adjStart[v + 1]; p++) {
        const u = map[adjNode[p]];
        if (u === c) {
          internal += adjWeight[p] / 2;
          continue;
        }
        rawNode[z] = u;
        rawWeight[z++] = adjWeight[p];
      }
    }
  }
  const adjacency = mergeRows(nc, rawStart, rawNode, rawWeight);

  // Candidates: the intersection of the members'.
  let candBits: Uint32Array | null = null;
  const candCount = new Int32Array(nc).fill(k);
  if (level.candBits !== null) {
    candBits = new Uint32Array(nc * words).fill(0xffffffff);
    for (let v = 0; v < n; v++)
      for (let w = 0; w < words; w++) candBits[map[v] * words + w] &= level.candBits[v * words + w];
    for (let c = 0; c < nc; c++) {
      let count = 0;
      for (let w = 0; w < words; w++) count += popcount(candBits[c * words + w]);
      candCount[c] = count;
    }
  }

  // Groups and move costs: the members' lists joined.
  const groupStart = new Int32Array(nc + 1);
  const groupId: number[] = [];
  const unaryBase = new Float64Array(nc);
  const savStart = new Int32Array(nc + 1);
  const savBin: number[] = [];
  const savValue: number[] = [];
  for (let c = 0; c < nc; c++) {
    const savFrom = savBin.length;
    for (let m = memberStart[c]; m < memberStart[c + 1]; m++) {
      const v = members[m];
      for (let p = level.groupStart[v]; p < level.groupStart[v + 1]; p++) groupId.push(level.groupId[p]);
      unaryBase[c] += level.unaryBase[v];
      for (let p = level.savStart[v]; p < level.savStart[v + 1]; p++) {
        const b = level.savBin[p];
        let q = savFrom;
        while (q < savBin.length && savBin[q] !== b) q++;
        if (q < savBin.length) savValue[q] += level.savValue[p];
        else {
          savBin.push(b);
          savValue.push(level.savValue[p]);
        }
      }
    }
    groupStart[c + 1] = groupId.length;
    savStart[c + 1] = savBin.length;
  }

  return {
    n: nc,
    k,
    R,
    ...adjacency,
    weight: cWeight,
    cap: level.cap,
    candBits,
    words,
    candCount,
    groupStart,
    groupId: Int32Array.from(groupId),
    groupCount: level.groupCount,
    unaryBase,
    savStart,
    savBin: Int32Array.from(savBin),
    savValue: Float64Array.from(savValue),
    internalWeight: internal,
  };
}
