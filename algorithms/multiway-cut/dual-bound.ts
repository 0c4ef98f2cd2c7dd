/**
 * Lower bound of the candidate-restricted multiway cut by dual coordinate ascent on its LP
 * relaxation (the local-polytope LP of the Potts energy, which for uniform labelling is the LP of
 * Kleinberg & Tardos, J. ACM 49(5), 2002): the edge updates of MPLP, Globerson & Jaakkola, "Fixing
 * max-product: convergent message passing algorithms for MAP LP-relaxations", NIPS 2007, in their
 * min-sum form.
 *
 * Each component (components.ts) is the energy E(x) = Σ_i θ_i(x_i) + Σ_ij w_ij [x_i ≠ x_j] over
 * its items, x_i a candidate of i, θ_i(a) = the weight of i's edges to fixed (single-candidate)
 * items labelled other than a. For any messages λ (one vector per edge end), the reparametrisation
 *
 *   θ̂_i(a) = θ_i(a) + Σ_j λ_ij,i(a),   θ̂_ij(a, b) = w_ij [a ≠ b] − λ_ij,i(a) − λ_ij,j(b)
 *
 * has the same energy for every labelling, so LB = Σ_i min θ̂_i + Σ_ij min θ̂_ij is a lower bound,
 * whatever λ is: the bound is proven by construction, not by the convergence of the method. An edge
 * update sets λ to the optimum of the two-item problem with the rest fixed (half of each min-marginal
 * to each end), which never lowers LB. For the Potts term a min-marginal is min(Q(a), min Q + w),
 * so an update costs O(|C(i)| + |C(j)|).
 *
 * Costs are integers, so ⌈LB⌉ (less a 1e-6 tolerance for rounding) bounds each component.
 * The budget is a number of sweeps over a component's edges, never time; results are reproducible.
 */
import type { Components } from './components.js';
import type { CompactInstance, ReducedAdjacency } from './instance.js';

export interface DualBoundOptions {
  /** Most sweeps over the edges of one component (default 200). */
  maxSweeps?: number;
  /** Stop a component when its bound gained less than this over the last 10 sweeps (default 1e-3). */
  stallTolerance?: number;
}

export interface DualBoundOutcome {
  /** Integer lower bound of each listed component (same order as `components`). */
  bounds: Float64Array;
  /** Edge updates made (the work done). */
  updates: number;
}

const TOLERANCE = 1e-6;
const CHECK_EVERY = 5;

/**
 * Bounds the listed components. `targetCosts[t]` is the cost of a known labelling of component
 * `components[t]`: a component stops as soon as its bound reaches it (proven optimal).
 */
export function dualComponentBounds(
  ci: CompactInstance,
  adj: ReducedAdjacency,
  comps: Components,
  components: ArrayLike<number>,
  targetCosts: ArrayLike<number>,
  options: DualBoundOptions = {},
): DualBoundOutcome {
  const maxSweeps = options.maxSweeps ?? 200;
  const stall = options.stallTolerance ?? 1e-3;
  const { candStart, candLabels } = ci;
  const pot = new Float64Array(candLabels.length);
  // λ of directed slot p (item i towards adj.item[p]) over C(i), allocated per component.
  const lamStart = new Int32Array(adj.item.length);
  let maxCands = 1;
  for (let i = 0; i < ci.n; i++) maxCands = Math.max(maxCands, candStart[i + 1] - candStart[i]);
  const P = new Float64Array(maxCands);
  const Q = new Float64Array(maxCands);
  const bounds = new Float64Array(components.length);
  let updates = 0;
  let lam = new Float64Array(1024);

  for (let t = 0; t < components.length; t++) {
    const c = components[t];
    const items = comps.items.subarray(comps.start[c], comps.start[c + 1]);
    // Unaries from fixed neighbours; message storage; the component's edges (i < j) as slot pairs.
    let size = 0;
    const edgeSlots: number[] = [];
    const owners: number[] = [];
    for (const i of items) {
      const a0 = candStart[i];
      const a1 = candStart[i + 1];
      pot.fill(0, a0, a1);
      for (let p = adj.start[i]; p < adj.start[i + 1]; p++) {
        const j = adj.item[p];
        const w = adj.weight[p];
        if (comps.of[j] < 0) {
          const fixedLabel = candLabels[candStart[j]];
          for (let a = a0; a < a1; a++) if (candLabels[a] !== fixedLabel) pot[a] += w;
          continue;
        }
        lamStart[p] = size;
        size += a1 - a0;
        if (j > i) {
          edgeSlots.push(p, reverseSlot(adj, j, i));
          owners.push(i, j);
        }
      }
    }
    if (lam.length < size) lam = new Float64Array(Math.max(size, 2 * lam.length));
    lam.fill(0, 0, size);
    const edgeOwner = Int32Array.from(owners);

    let best = componentBound(ci, adj, pot, lam, lamStart, items, edgeSlots, edgeOwner);
    let reference = best;
    for (let sweep = 1; sweep <= maxSweeps && Math.ceil(best - TOLERANCE) < targetCosts[t]; sweep++) {
      for (let e = 0; e < edgeSlots.length; e += 2) {
        updateEdge(edgeOwner[e], edgeSlots[e], edgeOwner[e + 1], edgeSlots[e + 1]);
      }
      updates += edgeSlots.length / 2;
      if (sweep % CHECK_EVERY === 0 || sweep === maxSweeps) {
        best = Math.max(best, componentBound(ci, adj, pot, lam, lamStart, items, edgeSlots, edgeOwner));
        if (sweep % 10 === 0) {
          if (best - reference < stall) break;
          reference = best;
        }
      }
    }
    bounds[t] = Math.max(0, Math.ceil(best - TOLERANCE));
  }
  return { bounds, updates };

  /** MPLP edge update between item i (slot p towards j) and item j (slot q towards i). */
  function updateEdge(i: number, p: number, j: number, q: number): void {
    const w = adj.weight[p];
    const a0 = candStart[i];
    const na = candStart[i + 1] - a0;
    const b0 = candStart[j];
    const nb = candStart[j + 1] - b0;
    const lp = lamStart[p];
    const lq = lamStart[q];
    let minP = Infinity;
    let minQ = Infinity;
    for (let a = 0; a < na; a++) {
      P[a] = pot[a0 + a] - lam[lp + a];
      if (P[a] < minP) minP = P[a];
    }
    for (let b = 0; b < nb; b++) {
      Q[b] = pot[b0 + b] - lam[lq + b];
      if (Q[b] < minQ) minQ = Q[b];
    }
    // Min-marginals: m_i(a) = min(minQ + w, Q(a) if a is a candidate of j); the same for j.
    const offI = minQ + w;
    const offJ = minP + w;
    for (let a = 0; a < na; a++) lam[lp + a] = offI;
    for (let b = 0; b < nb; b++) lam[lq + b] = offJ;
    let a = 0;
    let b = 0;
    while (a < na && b < nb) {
      const la = candLabels[a0 + a];
      const lb = candLabels[b0 + b];
      if (la === lb) {
        if (Q[b] < lam[lp + a]) lam[lp + a] = Q[b];
        if (P[a] < lam[lq + b]) lam[lq + b] = P[a];
        a++;
        b++;
      } else if (la < lb) a++;
      else b++;
    }
    // λ = (m − P) / 2, and the node keeps (P + m) / 2.
    for (let x = 0; x < na; x++) {
      const m = lam[lp + x];
      lam[lp + x] = (m - P[x]) / 2;
      pot[a0 + x] = (P[x] + m) / 2;
    }
    for (let y = 0; y < nb; y++) {
      const m = lam[lq + y];
      lam[lq + y] = (m - Q[y]) / 2;
      pot[b0 + y] = (Q[y] + m) / 2;
    }
  }
}

/** Slot of edge j -> i in j's row (rows are sorted by neighbour). */
function reverseSlot(adj: ReducedAdjacency, j: number, i: number): number {
  let lo = adj.start[j];
  let hi = adj.start[j + 1] - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (adj.item[mid] < i) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** LB of the current reparametrisation: Σ min θ̂_i + Σ min θ̂_ij (see the module comment). */
function componentBound(
  ci: CompactInstance,
  adj: ReducedAdjacency,
  pot: Float64Array,
  lam: Float64Array,
  lamStart: Int32Array,
  items: Int32Array,
  edgeSlots: readonly number[],
  edgeOwner: Int32Array,
): number {
  const { candStart, candLabels } = ci;
  let bound = 0;
  for (const i of items) {
    let m = Infinity;
    for (let a = candStart[i]; a < candStart[i + 1]; a++) if (pot[a] < m) m = pot[a];
    bound += m;
  }
  for (let e = 0; e < edgeSlots.length; e += 2) {
    const i = edgeOwner[e];
    const j = edgeOwner[e + 1];
    const p = edgeSlots[e];
    const q = edgeSlots[e + 1];
    const w = adj.weight[p];
    const a0 = candStart[i];
    const na = candStart[i + 1] - a0;
    const b0 = candStart[j];
    const nb = candStart[j + 1] - b0;
    const lp = lamStart[p];
    const lq = lamStart[q];
    // min over equal labels of −λi(a) − λj(a), and w − max over a ≠ b of λi(a) + λj(b).
    let same = Infinity;
    let x = 0;
    let y = 0;
    while (x < na && y < nb) {
      const la = candLabels[a0 + x];
      const lb = candLabels[b0 + y];
      if (la === lb) {
        same = Math.min(same, -lam[lp + x] - lam[lq + y]);
        x++;
        y++;
      } else if (la < lb) x++;
      else y++;
    }
    let i1 = -1;
    let i2 = -1;
    for (let a = 0; a < na; a++) {
      const v = lam[lp + a];
      if (i1 < 0 || v > lam[lp + i1]) {
        i2 = i1;
        i1 = a;
      } else if (i2 < 0 || v > lam[lp + i2]) i2 = a;
    }
    let j1 = -1;
    let j2 = -1;
    for (let b = 0; b < nb; b++) {
      const v = lam[lq + b];
      if (j1 < 0 || v > lam[lq + j1]) {
        j2 = j1;
        j1 = b;
      } else if (j2 < 0 || v > lam[lq + j2]) j2 = b;
    }
    let differ: number;
    if (candLabels[a0 + i1] !== candLabels[b0 + j1]) differ = lam[lp + i1] + lam[lq + j1];
    else {
      differ = -Infinity;
      if (j2 >= 0) differ = Math.max(differ, lam[lp + i1] + lam[lq + j2]);
      if (i2 >= 0) differ = Math.max(differ, lam[lp + i2] + lam[lq + j1]);
    }
    bound += Math.min(same, w - differ);
  }
  return bound;
}
