/**
 * An independent checker and a brute-force solver of small placement instances (no code shared
 * with algorithms/placement), and a fast-check arbitrary of such instances.
 */
import fc from 'fast-check';
import type { PlacementInstance } from '../../../algorithms/placement/index.js';

export interface Evaluation {
  /** What breaks a constraint (empty: feasible). */
  violations: string[];
  cut: number;
  moveCost: number;
  cost: number;
}

const allowed = (instance: PlacementInstance, item: number, bin: number) => {
  const list = instance.candidates?.[item];
  return list === undefined || list.includes(bin);
};

/** Checks a placement from the instance alone and computes its objective. */
export function evaluate(instance: PlacementInstance, bins: ArrayLike<number>): Evaluation {
  const { itemCount: n, binCount: k } = instance;
  const violations: string[] = [];
  if (bins.length !== n) violations.push(`${bins.length} bins for ${n} items`);
  for (let i = 0; i < n; i++) {
    const b = bins[i];
    if (!Number.isInteger(b) || b < 0 || b >= k) violations.push(`item ${i} on bin ${b}`);
    else if (!allowed(instance, i, b)) violations.push(`item ${i} on bin ${b}, not a candidate`);
  }
  instance.demands.forEach((demand, r) => {
    const load = new Array<number>(k).fill(0);
    for (let i = 0; i < n; i++) load[bins[i]] += demand[i];
    for (let b = 0; b < k; b++)
      if (load[b] > instance.capacities[r][b] + 1e-9 * Math.max(1, instance.capacities[r][b]))
        violations.push(`bin ${b} resource ${r}: ${load[b]} > ${instance.capacities[r][b]}`);
  });
  const groups = instance.groups;
  if (groups) {
    const seen = new Set<string>();
    for (let i = 0; i < n; i++) {
      if (groups[i] < 0) continue;
      const key = `${groups[i]}/${bins[i]}`;
      if (seen.has(key)) violations.push(`group ${groups[i]} twice on bin ${bins[i]}`);
      seen.add(key);
    }
  }
  let cut = 0;
  instance.edges.forEach(([a, b], e) => {
    if (bins[a] !== bins[b]) cut += instance.edgeWeights ? instance.edgeWeights[e] : 1;
  });
  let moveCost = 0;
  for (let i = 0; i < n; i++) {
    const previous = instance.previous?.[i];
    if (previous && previous.length > 0 && !previous.includes(bins[i]))
      moveCost += instance.moveCosts ? instance.moveCosts[i] : 1;
  }
  return { violations, cut, moveCost, cost: cut + moveCost };
}

/** The optimum by enumeration (undefined: no feasible placement). Only for k^n up to ~10^5. */
export function bruteForce(instance: PlacementInstance): { cost: number; bins: number[] } | undefined {
  const { itemCount: n, binCount: k } = instance;
  if (n === 0) return { cost: 0, bins: [] };
  if (k === 0) return undefined;
  const bins = new Array<number>(n).fill(0);
  let best: { cost: number; bins: number[] } | undefined;
  for (;;) {
    const e = evaluate(instance, bins);
    if (e.violations.length === 0 && (best === undefined || e.cost < best.cost - 1e-9))
      best = { cost: e.cost, bins: [...bins] };
    let i = 0;
    while (i < n && bins[i] === k - 1) bins[i++] = 0;
    if (i === n) return best;
    bins[i]++;
  }
}

export interface ArbitraryLimits {
  maxItems: number;
  maxBins: number;
  maxResources: number;
}

/** Small instances: up to `maxItems` items, `maxBins` bins, optional candidates, groups, moves. */
export function instanceArbitrary(
  limits: ArbitraryLimits = { maxItems: 7, maxBins: 3, maxResources: 2 },
): fc.Arbitrary<PlacementInstance> {
  return fc
    .record({
      n: fc.integer({ min: 0, max: limits.maxItems }),
      k: fc.integer({ min: 1, max: limits.maxBins }),
      R: fc.integer({ min: 0, max: limits.maxResources }),
    })
    .chain(({ n, k, R }) => {
      const item = fc.integer({ min: 0, max: Math.max(0, n - 1) });
      const bin = fc.integer({ min: 0, max: k - 1 });
      return fc.record({
        itemCount: fc.constant(n),
        binCount: fc.constant(k),
        edges: fc.array(fc.tuple(item, item), { maxLength: 3 * n }),
        weights: fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 3 * n, maxLength: 3 * n }),
        demands: fc.array(fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }), {
          minLength: R,
          maxLength: R,
        }),
        capacities: fc.array(fc.array(fc.integer({ min: 0, max: 30 }), { minLength: k, maxLength: k }), {
          minLength: R,
          maxLength: R,
        }),
        candidates: fc.option(
          fc.array(fc.option(fc.uniqueArray(bin, { minLength: 1, maxLength: k }), { nil: undefined }), {
            minLength: n,
            maxLength: n,
          }),
          { nil: undefined },
        ),
        groups: fc.option(fc.array(fc.integer({ min: -1, max: 2 }), { minLength: n, maxLength: n }), {
          nil: undefined,
        }),
        previous: fc.option(
          fc.array(fc.option(fc.uniqueArray(bin, { maxLength: 2 }), { nil: undefined }), {
            minLength: n,
            maxLength: n,
          }),
          { nil: undefined },
        ),
        moveCosts: fc.array(fc.integer({ min: 0, max: 5 }), { minLength: n, maxLength: n }),
      });
    })
    .map(({ weights, ...rest }) => ({
      ...rest,
      edgeWeights: rest.edges.map((_, e) => weights[e]),
    }));
}
