import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  exactMultiwayCut,
  freeLowerBound,
  isolatingCuts,
  lpLowerBound,
  multiwayCut,
  NoCandidateError,
} from '../../../algorithms/multiway-cut/index.js';
import { bruteForce, costOf, instanceArbitrary, isValid, triangle, type PlainInstance } from './helpers.js';

describe('isolatingCuts (Dahlhaus et al.)', () => {
  it('places the reference triangle on one host with 2 or 3 hosts', () => {
    for (const hosts of [2, 3]) {
      const result = isolatingCuts(triangle(hosts));
      expect(isValid(triangle(hosts), result.labels)).toBe(true);
      expect(result.cost).toBe(0);
      expect(new Set(result.labels).size).toBe(1);
    }
  });

  it('discards the heaviest isolating cut (lowest label on ties) and reports the cut weights', () => {
    // Items 0 and 1 pinned to labels 0 and 1; item 2 may take either and is tied to 1 by two edges.
    const instance: PlainInstance = {
      itemCount: 3,
      labelCount: 2,
      edges: [
        [0, 2],
        [1, 2],
        [1, 2],
      ],
      candidates: [[0], [1], [0, 1]],
    };
    const result = isolatingCuts(instance);
    expect(result.big).toBe(4);
    // Label 0 isolates {0}: cuts edge 0–2 and the link 2–0 (BIG). Label 1 isolates {1, 2}: cuts 0–2
    // and the link 2–0 (BIG). Equal weights: label 0's cut is discarded.
    expect(Array.from(result.isolatingCutWeights)).toEqual([5, 5]);
    expect(result.discardedLabel).toBe(0);
    expect(Array.from(result.labels)).toEqual([0, 1, 1]);
    expect(result.cost).toBe(1);
  });

  it('is valid and never below the optimum; exact with two labels (ratio 2 − 2/2 = 1)', () => {
    fc.assert(
      fc.property(instanceArbitrary(8, 4, 16), (instance) => {
        const optimum = bruteForce(instance).cost;
        const result = isolatingCuts(instance);
        expect(isValid(instance, result.labels)).toBe(true);
        expect(result.cost).toBe(costOf(instance, result.labels));
        expect(result.cost).toBeGreaterThanOrEqual(optimum);
        if (instance.labelCount === 2) expect(result.cost).toBe(optimum);
        expect(Array.from(isolatingCuts(instance).labels)).toEqual(Array.from(result.labels));
      }),
      { numRuns: 400 },
    );
  });

  it('rejects items without candidates', () => {
    expect(() => isolatingCuts({ itemCount: 1, labelCount: 1, edges: [], candidates: [[]] })).toThrow(
      NoCandidateError,
    );
  });
});

describe('HiGHS-based solvers', () => {
  it('solves the reference triangle exactly', async () => {
    const result = await exactMultiwayCut(triangle(3));
    expect(Array.from(result.labels)).toEqual([0, 0, 0]);
    expect(result.optimal).toBe(true);
    expect(result.timedOut).toBe(false);
  });

  it('gives the fractional CKR bound on a 3-terminal star', async () => {
    // Centre item 3 (any label) joined to items pinned to 0, 1, 2: optimum 2, LP also 2 here;
    // with a triangle of free items the LP is below the optimum.
    const star: PlainInstance = {
      itemCount: 4,
      labelCount: 3,
      edges: [
        [0, 3],
        [1, 3],
        [2, 3],
      ],
      candidates: [[0], [1], [2], [0, 1, 2]],
    };
    const lp = await lpLowerBound(star);
    expect(lp.solved).toBe(true);
    expect(lp.lowerBound).toBeCloseTo(2, 9);
    expect(lp.integerLowerBound).toBe(2);
    const exact = await exactMultiwayCut(star);
    expect(exact.cost).toBe(2);
    expect(exact.optimal).toBe(true);
  });

  it('equals the brute-force optimum; LP bound between the free bound and the optimum', async () => {
    await fc.assert(
      fc.asyncProperty(instanceArbitrary(8, 4, 18), async (instance) => {
        const optimum = bruteForce(instance).cost;
        // A zero restart/branch budget makes the MIP do the work.
        const exact = await exactMultiwayCut(instance, { exactNodeBudget: 0, restarts: 0 });
        expect(isValid(instance, exact.labels)).toBe(true);
        expect(exact.cost).toBe(optimum);
        expect(costOf(instance, exact.labels)).toBe(optimum);
        expect(exact.optimal).toBe(true);
        expect(exact.lowerBound).toBe(optimum);
        const lp = await lpLowerBound(instance);
        expect(lp.solved).toBe(true);
        expect(lp.lowerBound).toBeLessThanOrEqual(optimum + 1e-6);
        expect(lp.integerLowerBound).toBeLessThanOrEqual(optimum);
        expect(lp.lowerBound).toBeGreaterThanOrEqual(freeLowerBound(instance) - 1e-6);
      }),
      { numRuns: 150 },
    );
  });

  it('falls back to the heuristic with timedOut when the time limit is already spent', async () => {
    // Two free triangles hanging off items pinned to three labels: the heuristic cannot prove it.
    const instance: PlainInstance = {
      itemCount: 9,
      labelCount: 3,
      edges: [
        [0, 3],
        [1, 4],
        [2, 5],
        [3, 4],
        [4, 5],
        [3, 5],
        [6, 3],
        [7, 4],
        [8, 5],
      ],
      candidates: [[0], [1], [2], [0, 1, 2], [0, 1, 2], [0, 1, 2], [0], [1], [2]],
    };
    const heuristic = multiwayCut(instance, { exactNodeBudget: 0, restarts: 0, dualSweeps: 0 });
    const result = await exactMultiwayCut(instance, { timeLimit: 0, exactNodeBudget: 0, restarts: 0, dualSweeps: 0 });
    expect(result.optimal).toBe(false);
    expect(result.timedOut).toBe(true);
    expect(Array.from(result.labels)).toEqual(Array.from(heuristic.labels));
    expect(result.lowerBound).toBeLessThanOrEqual(bruteForce(instance).cost);
  });
});
