/**
 * Lower bounds on the placement objective.
 *
 * - The neighbourhood bound (combinatorial, O(Σ_v deg(v) log deg(v) + Σ_v |allowed(v)| deg(v))):
 *   the objective is Σ_v [moveCost(v, bin(v)) + ½ Σ_{u ∈ N(v)} w_uv · [bin(u) ≠ bin(v)]], so the sum
 *   over v of the least value the bracket can take is a bound. On bin b, v's links to neighbours
 *   that cannot join it (b not allowed for them, or a spread-group mate) are cut, and of the others
 *   at most a fractional knapsack's worth (by weight per demand, capacity of b minus v's own
 *   demand, per resource) can share b: the rest is cut. Stars whose leaves do not fit with the hub
 *   on any machine are what it catches, with candidates and spread groups.
 * - The component bound: a connected component whose demand needs p bins (the p largest
 *   capacities, per resource) has at least p - 1 links cut (its p - 1 lightest).
 * - The LP relaxation (`exact.ts`), when candidates make it informative and it is small enough.
 *
 * The best of them is reported; with integral weights and move costs it is rounded up.
 */
import { lpRelaxationBound, programmeSize } from './exact.js';
import { allowedBin, finestLevel, unaryCost, type Level, type PlacementInstance } from './instance.js';

/** Above this many columns the LP bound is skipped unless asked for. */
export const LP_BOUND_MAX_COLUMNS = 400_000;

export interface PlacementBound {
  /** The best lower bound found. */
  value: number;
  /** Where it comes from: `LP relaxation`, `neighbourhood`, `components`, or `''` (0). */
  kind: string;
  /** The LP relaxation was solved (its value may still be below a combinatorial bound). */
  lpSolved: boolean;
  /** The LP relaxation is infeasible, and so is the instance. */
  lpInfeasible: boolean;
}

export interface BoundOptions {
  /** `auto` (default): the LP when some item has candidate bins and it has at most
   * LP_BOUND_MAX_COLUMNS columns; `lp`: always; `combinatorial`: never. */
  bound?: 'auto' | 'lp' | 'combinatorial';
  /** Seconds for the LP (default 30). */
  timeLimit?: number;
}

/** The best of the neighbourhood, component and (when worth it) LP bounds. */
export async function placementLowerBound(
  instance: PlacementInstance,
  options: BoundOptions = {},
): Promise<PlacementBound> {
  const level = finestLevel(instance);
  const candidates: [number, string][] = [
    [neighbourhoodBound(level), 'neighbourhood'],
    [componentBound(level), 'components'],
  ];
  const mode = options.bound ?? 'auto';
  let lpSolved = false;
  let lpInfeasible = false;
  const wantLp =
    mode === 'lp' ||
    (mode === 'auto' && level.candBits !== null && programmeSize(level) <= LP_BOUND_MAX_COLUMNS);
  if (wantLp && level.n > 0) {
    const lp = await lpRelaxationBound(level, options.timeLimit ?? 30);
    lpSolved = lp.solved;
    lpInfeasible = lp.infeasible;
    if (lp.solved) candidates.push([lp.value, 'LP relaxation']);
  }
  let best: [number, string] = [0, ''];
  for (const c of candidates) if (c[0] > best[0] + 1e-9) best = c;
  const value = roundBound(level, best[0]);
  return { value, kind: value > 0 ? best[1] : '', lpSolved, lpInfeasible };
}

/** Σ_v min_b [moveCost(v, b) + ½ (links of v that must be cut on b)]. */
export function neighbourhoodBound(level: Level): number {
  const { n, k, R, weight, cap, adjStart, adjNode, adjWeight, groupStart, groupId } = level;
  const maxCap = new Float64Array(R);
  for (let b = 0; b < k; b++) for (let r = 0; r < R; r++) maxCap[r] = Math.max(maxCap[r], cap[b * R + r]);
  let total = 0;
  const order: number[] = [];
  for (let v = 0; v < n; v++) {
    const degree = adjStart[v + 1] - adjStart[v];
    const base = level.unaryBase[v];
    if (degree === 0) {
      total += minAllowedUnary(level, v);
      continue;
    }
    // Neighbours sorted by weight per demand, per resource (zero demand first).
    const sorted: Int32Array[] = [];
    for (let r = 0; r < R; r++) {
      order.length = 0;
      for (let p = adjStart[v]; p < adjStart[v + 1]; p++) order.push(p);
      order.sort((a, b) => ratio(level, b, r) - ratio(level, a, r));
      sorted.push(Int32Array.from(order));
    }
    const mate = (u: number) => {
      for (let p = groupStart[v]; p < groupStart[v + 1]; p++)
        for (let q = groupStart[u]; q < groupStart[u + 1]; q++) if (groupId[p] === groupId[q]) return true;
      return false;
    };
    const forcedOn = (b: number, capacityOf: (r: number) => number) => {
      let forced = 0;
      let worstExcess = 0;
      for (let r = 0; r < R; r++) {
        let room = capacityOf(r) - weight[v * R + r];
        let excess = 0;
        let blocked = 0;
        for (const p of sorted[r]) {
          const u = adjNode[p];
          const w = adjWeight[p];
          if ((b >= 0 && !allowedBin(level, u, b)) || mate(u)) {
            blocked += w;
            continue;
          }
          const d = weight[u * R + r];
          if (d <= room) room -= d;
          else if (room > 0) {
            excess += w * (1 - room / d);
            room = 0;
          } else excess += w;
        }
        forced = blocked;
        worstExcess = Math.max(worstExcess, excess);
      }
      if (R === 0) {
        for (let p = adjStart[v]; p < adjStart[v + 1]; p++) {
          const u = adjNode[p];
          if ((b >= 0 && !allowedBin(level, u, b)) || mate(u)) forced += adjWeight[p];
        }
      }
      return forced + worstExcess;
    };
    let least = Infinity;
    if (level.candBits === null) {
      // Every bin allowed for everyone: the largest capacities give the least forced cut.
      least = base + forcedOn(-1, (r) => maxCap[r]) / 2;
      for (let p = level.savStart[v]; p < level.savStart[v + 1]; p++) {
        const b = level.savBin[p];
        least = Math.min(least, unaryCost(level, v, b) + forcedOn(b, (r) => cap[b * R + r]) / 2);
      }
    } else {
      for (let b = 0; b < k; b++) {
        if (!allowedBin(level, v, b)) continue;
        least = Math.min(least, unaryCost(level, v, b) + forcedOn(b, (r) => cap[b * R + r]) / 2);
      }
    }
    total += Number.isFinite(least) ? least : 0;
  }
  return total;
}

function ratio(level: Level, p: number, r: number): number {
  const d = level.weight[level.adjNode[p] * level.R + r];
  return d > 0 ? level.adjWeight[p] / d : Infinity;
}

function minAllowedUnary(level: Level, v: number): number {
  if (level.candBits === null) {
    let least = level.unaryBase[v];
    for (let p = level.savStart[v]; p < level.savStart[v + 1]; p++)
      least = Math.min(least, unaryCost(level, v, level.savBin[p]));
    return least;
  }
  let least = Infinity;
  for (let b = 0; b < level.k; b++)
    if (allowedBin(level, v, b)) least = Math.min(least, unaryCost(level, v, b));
  return Number.isFinite(least) ? least : 0;
}

/** Σ over connected components of the p - 1 lightest links, p the bins its demand needs. */
export function componentBound(level: Level): number {
  const { n, k, R, weight, cap, adjStart, adjNode, adjWeight } = level;
  const sortedCaps: Float64Array[] = [];
  for (let r = 0; r < R; r++) {
    const c = new Float64Array(k);
    for (let b = 0; b < k; b++) c[b] = cap[b * R + r];
    c.sort().reverse();
    sortedCaps.push(c);
  }
  const seen = new Uint8Array(n);
  const stack: number[] = [];
  const weights: number[] = [];
  let total = 0;
  for (let s = 0; s < n; s++) {
    if (seen[s]) continue;
    seen[s] = 1;
    stack.push(s);
    const demand = new Float64Array(R);
    weights.length = 0;
    while (stack.length > 0) {
      const v = stack.pop() as number;
      for (let r = 0; r < R; r++) demand[r] += weight[v * R + r];
      for (let p = adjStart[v]; p < adjStart[v + 1]; p++) {
        const u = adjNode[p];
        if (u > v) weights.push(adjWeight[p]);
        if (!seen[u]) {
          seen[u] = 1;
          stack.push(u);
        }
      }
    }
    let bins = 1;
    for (let r = 0; r < R; r++) {
      let sum = 0;
      let p = 0;
      while (p < k && sum < demand[r] * (1 - 1e-12)) sum += sortedCaps[r][p++];
      bins = Math.max(bins, p);
    }
    if (bins > 1 && weights.length > 0) {
      weights.sort((a, b) => a - b);
      for (let t = 0; t < bins - 1 && t < weights.length; t++) total += weights[t];
    }
  }
  return total;
}

/** A bound rounded up when every weight and move cost is an integer. */
export function roundBound(level: Level, value: number): number {
  const integral =
    level.adjWeight.every((w) => Number.isInteger(w)) && level.unaryBase.every((c) => Number.isInteger(c));
  return integral ? Math.ceil(value - 1e-6) : value;
}

/**
 * The dual bound of the LP relaxation without capacities (the local polytope of the Potts model:
 * links cost w when their ends differ, items restricted to their allowed bins, move costs as
 * unary terms), by min-sum diffusion (Kovalevsky & Koval 1975; Werner, "A linear programming
 * approach to max-sum problem: a review", IEEE TPAMI 29(7), 2007, §6): every reparametrisation is a
 * valid bound, Σ_v min_b θ'_v(b) + Σ_links min θ'_link; each sweep averages, at every item, its
 * unary term with the min-marginals of its links. Runs `sweeps` sweeps (default 200), stopping
 * early when a sweep gains less than 1e-6 relative. O(Σ_links (|allowed(u)| + |allowed(v)|)) per
 * sweep.
 */
export function diffusionBound(level: Level, sweeps = 200): number {
  const { n, k, adjStart, adjNode, adjWeight } = level;
  // Allowed bins per item (CSR) and, per adjacency entry p = (v -> u), the messages φ_{p}(b)
  // on v's allowed bins, stored at msgStart[p] .. + |allowed(v)|.
  const binStart = new Int32Array(n + 1);
  const binsList: number[] = [];
  for (let v = 0; v < n; v++) {
    for (let b = 0; b < k; b++) if (allowedBin(level, v, b)) binsList.push(b);
    binStart[v + 1] = binsList.length;
  }
  const bins = Int32Array.from(binsList);
  const msgStart = new Int32Array(adjStart[n] + 1);
  for (let v = 0; v < n; v++)
    for (let p = adjStart[v]; p < adjStart[v + 1]; p++)
      msgStart[p + 1] = msgStart[p] + binStart[v + 1] - binStart[v];
  const phi = new Float64Array(msgStart[adjStart[n]]);
  // The reverse entry of every adjacency entry (u -> v for v -> u).
  const reverse = new Int32Array(adjStart[n]);
  for (let v = 0; v < n; v++)
    for (let p = adjStart[v]; p < adjStart[v + 1]; p++) {
      const u = adjNode[p];
      let lo = adjStart[u];
      let hi = adjStart[u + 1] - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (adjNode[mid] < v) lo = mid + 1;
        else hi = mid;
      }
      reverse[p] = lo;
    }
  const unary = new Float64Array(bins.length);
  for (let v = 0; v < n; v++)
    for (let t = binStart[v]; t < binStart[v + 1]; t++) unary[t] = unaryCost(level, v, bins[t]);
  // Scratch: φ of the other end indexed by bin, and v's min-marginals per link.
  const other = new Float64Array(k).fill(NaN);
  const marginal = new Float64Array(
    bins.length > 0
      ? // A loop, not Math.max(...): n reaches 100,000, too many arguments for the stack.
        Array.from(
          { length: n },
          (_, v) => (adjStart[v + 1] - adjStart[v]) * (binStart[v + 1] - binStart[v]),
        ).reduce((a, b) => Math.max(a, b), 1)
      : 1,
  );
  const total = new Float64Array(k);

  /** Min over u's bins b' of w[b != b'] - φ_{q}(b') for each b of v, into marginal[offset + t]. */
  const linkMarginals = (v: number, p: number, offset: number) => {
    const u = adjNode[p];
    const q = reverse[p];
    const w = adjWeight[p];
    let best1 = -Infinity;
    let best1Bin = -1;
    let best2 = -Infinity;
    for (let t = binStart[u]; t < binStart[u + 1]; t++) {
      const value = phi[msgStart[q] + t - binStart[u]];
      other[bins[t]] = value;
      if (value > best1) {
        best2 = best1;
        best1 = value;
        best1Bin = bins[t];
      } else if (value > best2) best2 = value;
    }
    for (let t = binStart[v]; t < binStart[v + 1]; t++) {
      const b = bins[t];
      const same = Number.isNaN(other[b]) ? Infinity : -other[b];
      const differ = w - (b === best1Bin ? best2 : best1);
      marginal[offset + t - binStart[v]] = Math.min(same, differ) - phi[msgStart[p] + t - binStart[v]];
    }
    for (let t = binStart[u]; t < binStart[u + 1]; t++) other[bins[t]] = NaN;
  };

  const boundNow = () => {
    let value = 0;
    for (let v = 0; v < n; v++) {
      let least = Infinity;
      for (let t = binStart[v]; t < binStart[v + 1]; t++) {
        let x = unary[t];
        for (let p = adjStart[v]; p < adjStart[v + 1]; p++) x += phi[msgStart[p] + t - binStart[v]];
        least = Math.min(least, x);
      }
      if (Number.isFinite(least)) value += least;
      for (let p = adjStart[v]; p < adjStart[v + 1]; p++) {
        if (adjNode[p] < v) continue; // each link once, from its smaller end
        linkMarginals(v, p, 0);
        let m = Infinity;
        for (let t = 0; t < binStart[v + 1] - binStart[v]; t++) m = Math.min(m, marginal[t]);
        if (Number.isFinite(m)) value += m;
      }
    }
    return value;
  };

  let bound = boundNow();
  for (let sweep = 0; sweep < sweeps; sweep++) {
    for (let v = 0; v < n; v++) {
      const degree = adjStart[v + 1] - adjStart[v];
      const size = binStart[v + 1] - binStart[v];
      if (degree === 0 || size === 0) continue;
      for (let t = 0; t < size; t++) {
        let x = unary[binStart[v] + t];
        for (let p = adjStart[v]; p < adjStart[v + 1]; p++) x += phi[msgStart[p] + t];
        total[t] = x;
      }
      for (let e = 0, p = adjStart[v]; p < adjStart[v + 1]; p++, e++) {
        linkMarginals(v, p, e * size);
        for (let t = 0; t < size; t++) total[t] += marginal[e * size + t];
      }
      // Each link's min-marginal and the unary term get T/(d+1): φ_p(b) += m_p(b) - T(b)/(d+1).
      for (let e = 0, p = adjStart[v]; p < adjStart[v + 1]; p++, e++)
        for (let t = 0; t < size; t++)
          phi[msgStart[p] + t] += marginal[e * size + t] - total[t] / (degree + 1);
    }
    const next = boundNow();
    const gained = next - bound;
    bound = Math.max(bound, next);
    if (gained < 1e-6 * Math.max(1, Math.abs(bound))) break;
  }
  return bound;
}
