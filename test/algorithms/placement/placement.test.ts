import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  exactPlacement,
  InfeasiblePlacementError,
  InvalidInstanceError,
  placementLowerBound,
  repairPlacement,
  solvePlacement,
  type PlacementInstance,
} from '../../../algorithms/placement/index.js';
import { bruteForce, evaluate, instanceArbitrary } from './helpers.js';

/** Small budgets keep the properties fast; the search must still be right with them. */
const BUDGET = { workBudget: 20_000 };

function solveOrProof(instance: PlacementInstance) {
  try {
    return { solution: solvePlacement(instance, BUDGET) };
  } catch (error) {
    if (error instanceof InfeasiblePlacementError) return { proof: error };
    throw error;
  }
}

describe('solvePlacement: properties on small instances (checked against enumeration)', () => {
  it('is feasible, reports its own cost, is never below the optimum, and proves infeasibility soundly', () => {
    fc.assert(
      fc.property(instanceArbitrary(), (instance) => {
        const optimum = bruteForce(instance);
        const outcome = solveOrProof(instance);
        if (outcome.proof) {
          // A proof of infeasibility must be right.
          expect(optimum).toBeUndefined();
          return;
        }
        const { solution } = outcome;
        if (optimum === undefined) {
          expect(solution.feasible).toBe(false);
          return;
        }
        // On instances this small the search finds a feasible placement whenever one exists.
        expect(solution.feasible).toBe(true);
        const check = evaluate(instance, solution.bins);
        expect(check.violations).toEqual([]);
        expect(solution.cut).toBeCloseTo(check.cut, 9);
        expect(solution.moveCost).toBeCloseTo(check.moveCost, 9);
        expect(solution.cost).toBeCloseTo(check.cost, 9);
        expect(solution.cost).toBeGreaterThanOrEqual(optimum.cost - 1e-9);
      }),
      { seed: 12, numRuns: 250 },
    );
  });

  it('finds the optimum on almost every small instance', () => {
    let solved = 0;
    let optimal = 0;
    fc.assert(
      fc.property(instanceArbitrary(), (instance) => {
        const optimum = bruteForce(instance);
        if (optimum === undefined) return;
        const solution = solvePlacement(instance, BUDGET);
        solved++;
        if (solution.cost <= optimum.cost + 1e-9) optimal++;
      }),
      { seed: 1212, numRuns: 300 },
    );
    expect(solved).toBeGreaterThan(100);
    expect(optimal / solved).toBeGreaterThanOrEqual(0.97);
  });

  it('is deterministic for a seed and budget', () => {
    fc.assert(
      fc.property(
        instanceArbitrary({ maxItems: 30, maxBins: 5, maxResources: 2 }),
        fc.nat(5),
        (instance, seed) => {
          const first = solveOrProof(instance);
          if (first.proof) return;
          const again = solvePlacement(instance, { ...BUDGET, seed: undefined });
          const twice = solvePlacement(instance, { ...BUDGET, seed: undefined });
          expect(Array.from(again.bins)).toEqual(Array.from(twice.bins));
          const seeded = [0, 1].map(() => solvePlacement(instance, { ...BUDGET, seed }));
          expect(Array.from(seeded[0].bins)).toEqual(Array.from(seeded[1].bins));
          expect(seeded[0].work).toBe(seeded[1].work);
        },
      ),
      { seed: 7, numRuns: 60 },
    );
  });

  it('keeps every plan feasible on larger random instances', () => {
    fc.assert(
      fc.property(instanceArbitrary({ maxItems: 40, maxBins: 6, maxResources: 2 }), (instance) => {
        const outcome = solveOrProof(instance);
        if (outcome.proof || !outcome.solution.feasible) return;
        const check = evaluate(instance, outcome.solution.bins);
        expect(check.violations).toEqual([]);
        expect(outcome.solution.cost).toBeCloseTo(check.cost, 9);
      }),
      { seed: 99, numRuns: 150 },
    );
  });
});

describe('lower bounds and the exact programme', () => {
  it('the combinatorial bound never exceeds the optimum', async () => {
    await fc.assert(
      fc.asyncProperty(instanceArbitrary(), async (instance) => {
        const optimum = bruteForce(instance);
        if (optimum === undefined) return;
        const bound = await placementLowerBound(instance, { bound: 'combinatorial' });
        expect(bound.value).toBeLessThanOrEqual(optimum.cost + 1e-9);
        expect(bound.lpSolved).toBe(false);
      }),
      { seed: 3, numRuns: 300 },
    );
  });

  it('the LP bound never exceeds the optimum, and is infeasible only when the instance is', async () => {
    await fc.assert(
      fc.asyncProperty(instanceArbitrary({ maxItems: 6, maxBins: 3, maxResources: 2 }), async (instance) => {
        const optimum = bruteForce(instance);
        const bound = await placementLowerBound(instance, { bound: 'lp' });
        if (bound.lpInfeasible) expect(optimum).toBeUndefined();
        if (optimum !== undefined) expect(bound.value).toBeLessThanOrEqual(optimum.cost + 1e-6);
      }),
      { seed: 4, numRuns: 60 },
    );
  });

  it('the exact programme finds the optimum (or proves infeasibility)', async () => {
    await fc.assert(
      fc.asyncProperty(instanceArbitrary({ maxItems: 6, maxBins: 3, maxResources: 2 }), async (instance) => {
        const optimum = bruteForce(instance);
        const exact = await exactPlacement(instance, { timeLimit: 30 });
        if (optimum === undefined) {
          expect(exact.bins).toBeUndefined();
          return;
        }
        expect(exact.optimal).toBe(true);
        expect(exact.bins).toBeDefined();
        const check = evaluate(instance, exact.bins as Int32Array);
        expect(check.violations).toEqual([]);
        expect(check.cost).toBeCloseTo(optimum.cost, 6);
        expect(exact.lowerBound).toBeLessThanOrEqual(optimum.cost + 1e-6);
      }),
      { seed: 5, numRuns: 50 },
    );
  });
});

describe('infeasibility proofs name their numbers', () => {
  const base: PlacementInstance = {
    itemCount: 3,
    binCount: 2,
    edges: [
      [0, 1],
      [1, 2],
    ],
    demands: [[4, 4, 4]],
    capacities: [[5, 5]],
  };
  const reason = (instance: PlacementInstance) => {
    try {
      solvePlacement(instance);
    } catch (error) {
      if (error instanceof InfeasiblePlacementError) return error.reason;
      throw error;
    }
    return undefined;
  };

  it('total demand above total capacity', () => {
    expect(reason({ ...base, capacities: [[5, 6]] })).toEqual({
      kind: 'total-demand',
      resource: 0,
      demand: 12,
      capacity: 11,
    });
  });

  it('an item that fits on none of its candidates', () => {
    expect(reason({ ...base, demands: [[4, 9, 1]], capacities: [[8, 8]] })).toEqual({
      kind: 'item-fits-nowhere',
      item: 1,
      resource: 0,
      demand: 9,
      largestCapacity: 8,
    });
  });

  it('a spread group larger than its candidates', () => {
    expect(reason({ ...base, demands: [[1, 1, 1]], capacities: [[5, 5]], groups: [0, 0, 0] })).toMatchObject({
      kind: 'spread-group',
      items: [0, 1, 2],
      bins: 2,
    });
  });

  it('items pinned to one bin beyond its capacity', () => {
    expect(
      reason({ ...base, demands: [[3, 3, 1]], capacities: [[5, 9]], candidates: [[0], [0], undefined] }),
    ).toMatchObject({ kind: 'pinned-demand', bin: 0, resource: 0, demand: 6, capacity: 5, items: [0, 1] });
  });

  it('structurally bad input is an InvalidInstanceError, not a crash', () => {
    expect(() => solvePlacement({ ...base, edges: [[0, 3]] })).toThrow(InvalidInstanceError);
    expect(() => solvePlacement({ ...base, demands: [[1, -1, 1]] })).toThrow(InvalidInstanceError);
    expect(() => solvePlacement({ ...base, capacities: [[5]] })).toThrow(InvalidInstanceError);
    expect(() => solvePlacement({ ...base, candidates: [[2], undefined, undefined] })).toThrow(
      InvalidInstanceError,
    );
  });
});

describe('moves', () => {
  // A chain of 10 items on 5 bins of room 2 each, previously two per bin in a scattered order.
  const chain = (moveCost: number, leaving: number[]): PlacementInstance => {
    const n = 10;
    const previousBin = [0, 1, 2, 3, 4, 0, 1, 2, 3, 4];
    return {
      itemCount: n,
      binCount: 5,
      edges: Array.from({ length: n - 1 }, (_, i) => [i, i + 1] as [number, number]),
      demands: [new Array<number>(n).fill(1)],
      capacities: [[0, 1, 2, 3, 4].map((b) => (leaving.includes(b) ? 0 : 3))],
      previous: previousBin.map((b) => [b]),
      moveCosts: new Array<number>(n).fill(moveCost),
    };
  };

  it('with a high migration cost only the displaced items move', () => {
    const instance = chain(1000, [2]);
    const solution = solvePlacement(instance);
    expect(solution.feasible).toBe(true);
    const moved = Array.from(solution.bins)
      .map((b, i) => (b === instance.previous?.[i]?.[0] ? -1 : i))
      .filter((i) => i >= 0);
    expect(moved).toEqual([2, 7]);
    expect(solution.moved).toBe(2);
  });

  it('with a low migration cost moves pay for themselves', () => {
    const instance = chain(0.1, []);
    const solution = solvePlacement(instance);
    const before = evaluate(instance, [0, 1, 2, 3, 4, 0, 1, 2, 3, 4]);
    expect(solution.cost).toBeLessThan(before.cost);
    expect(solution.cut).toBeLessThan(before.cut);
  });
});

describe('repairPlacement', () => {
  it('turns an overloaded placement into a feasible one', () => {
    fc.assert(
      fc.property(instanceArbitrary({ maxItems: 20, maxBins: 4, maxResources: 2 }), (instance) => {
        if (solveOrProof(instance).proof) return;
        const repaired = repairPlacement(instance, new Array<number>(instance.itemCount).fill(0));
        if (repaired.feasible) expect(evaluate(instance, repaired.bins).violations).toEqual([]);
      }),
      { seed: 8, numRuns: 100 },
    );
  });
});
