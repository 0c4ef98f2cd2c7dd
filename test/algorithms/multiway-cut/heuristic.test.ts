import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { alphaExpansion } from '../../../algorithms/multiway-cut/expansion.js';
import { greedyLabels } from '../../../algorithms/multiway-cut/greedy.js';
import { runHeuristic } from '../../../algorithms/multiway-cut/heuristic.js';
import { compactInstance, reducedAdjacency } from '../../../algorithms/multiway-cut/instance.js';
import {
  freeLowerBound,
  InvalidInstanceError,
  multiwayCut,
  NoCandidateError,
  type MultiwayCutOptions,
} from '../../../algorithms/multiway-cut/index.js';
import { bruteForce, costOf, instanceArbitrary, isValid, triangle, type PlainInstance } from './helpers.js';

const PLAIN: MultiwayCutOptions = { exactNodeBudget: 0, restarts: 0 };

describe('multiwayCut (default solver): exact small cases', () => {
  it('puts the reference triangle on host 0 with 2 or 3 hosts', () => {
    for (const hosts of [2, 3]) {
      for (const options of [{}, PLAIN]) {
        const result = multiwayCut(triangle(hosts), options);
        expect(Array.from(result.labels)).toEqual([0, 0, 0]);
        expect(result.cost).toBe(0);
      }
    }
  });

  it('keeps a path together on a shared label, breaking ties to the lowest index', () => {
    const path: PlainInstance = {
      itemCount: 4,
      labelCount: 3,
      edges: [
        [0, 1],
        [1, 2],
        [2, 3],
      ],
      candidates: [
        [2, 1],
        [1, 2],
        [2, 1, 0],
        [0, 1, 2],
      ],
    };
    const result = multiwayCut(path);
    expect(Array.from(result.labels)).toEqual([1, 1, 1, 1]);
    expect(result.cost).toBe(0);
    expect(result.optimal).toBe(true);
  });

  it('respects pinned items: the cheapest place for the middle of a pinned path', () => {
    // 0 pinned to 0, 4 pinned to 1; path 0-1-2-3-4 with a second edge 3-4: cut the single 0-1 edge.
    const instance: PlainInstance = {
      itemCount: 5,
      labelCount: 2,
      edges: [
        [0, 1],
        [1, 2],
        [2, 3],
        [3, 4],
        [3, 4],
      ],
      candidates: [[0], [0, 1], [0, 1], [0, 1], [1]],
    };
    const result = multiwayCut(instance);
    expect(result.cost).toBe(1);
    expect(result.optimal).toBe(true);
    expect([result.labels[0], result.labels[3], result.labels[4]]).toEqual([0, 1, 1]);
  });

  it('pays for edges between items without a common candidate', () => {
    const instance: PlainInstance = {
      itemCount: 3,
      labelCount: 3,
      edges: [
        [0, 1],
        [1, 2],
        [0, 2],
      ],
      candidates: [[0], [1], [1, 2]],
    };
    const result = multiwayCut(instance);
    expect(Array.from(result.labels)).toEqual([0, 1, 1]);
    expect(result.cost).toBe(2);
    expect(result.lowerBound).toBe(2);
    expect(result.optimal).toBe(true);
    expect(freeLowerBound(instance)).toBe(2);
  });

  it('ignores self-loops, counts parallel edges, accepts flat Int32Array edges', () => {
    const instance: PlainInstance = {
      itemCount: 3,
      labelCount: 2,
      edges: [
        [0, 0],
        [0, 1],
        [1, 2],
        [1, 2],
      ],
      candidates: [[0], [0, 1], [1]],
    };
    const result = multiwayCut(instance);
    expect(Array.from(result.labels)).toEqual([0, 1, 1]);
    expect(result.cost).toBe(1);
    const flat = multiwayCut({ ...instance, edges: Int32Array.from([0, 0, 0, 1, 1, 2, 1, 2]) });
    expect(Array.from(flat.labels)).toEqual([0, 1, 1]);
  });

  it('handles empty instances and isolated items', () => {
    expect(multiwayCut({ itemCount: 0, labelCount: 0, edges: [], candidates: [] }).cost).toBe(0);
    const isolated = multiwayCut({ itemCount: 2, labelCount: 3, edges: [], candidates: [[2, 1], [0]] });
    expect(Array.from(isolated.labels)).toEqual([1, 0]);
  });
});

describe('multiwayCut: validation', () => {
  it('throws NoCandidateError carrying the item index', () => {
    const run = (): unknown =>
      multiwayCut({ itemCount: 3, labelCount: 2, edges: [], candidates: [[0], [1], []] });
    expect(run).toThrow(NoCandidateError);
    try {
      run();
    } catch (error) {
      expect(error).toBeInstanceOf(NoCandidateError);
      expect((error as NoCandidateError).item).toBe(2);
      expect((error as NoCandidateError).message).toBe('item 2 has no candidate label');
    }
  });

  it('throws InvalidInstanceError on out-of-range data', () => {
    const bad = [
      { itemCount: 2, labelCount: 2, edges: [[0, 2]], candidates: [[0], [1]] },
      { itemCount: 2, labelCount: 2, edges: [], candidates: [[0], [2]] },
      { itemCount: 2, labelCount: 2, edges: [], candidates: [[0]] },
      { itemCount: 2, labelCount: 2, edges: [[0, 1.5]], candidates: [[0], [1]] },
      { itemCount: 2, labelCount: 2, edges: Int32Array.from([0]), candidates: [[0], [1]] },
      { itemCount: -1, labelCount: 2, edges: [], candidates: [] },
    ];
    for (const instance of bad) {
      expect(() => multiwayCut(instance as unknown as PlainInstance)).toThrow(InvalidInstanceError);
    }
  });
});

describe('multiwayCut: properties against brute force', () => {
  it('is valid, never below the optimum, with a sound lower bound, deterministic', () => {
    let equal = 0;
    let runs = 0;
    fc.assert(
      fc.property(instanceArbitrary(), (instance) => {
        const optimum = bruteForce(instance).cost;
        for (const options of [{}, PLAIN]) {
          const result = multiwayCut(instance, options);
          expect(isValid(instance, result.labels)).toBe(true);
          expect(result.cost).toBe(costOf(instance, result.labels));
          expect(result.cost).toBeGreaterThanOrEqual(optimum);
          expect(result.lowerBound).toBeLessThanOrEqual(optimum);
          if (result.optimal) expect(result.cost).toBe(optimum);
          const again = multiwayCut(instance, options);
          expect(Array.from(again.labels)).toEqual(Array.from(result.labels));
          if (options === PLAIN) {
            runs++;
            if (result.cost === optimum) equal++;
          }
        }
      }),
      { numRuns: 400 },
    );
    // Plain expansion is a 2-approximation, but on tiny instances it is almost always optimal.
    expect(equal / runs).toBeGreaterThan(0.9);
  });

  it('is optimal when the per-component branch and bound can finish', () => {
    fc.assert(
      fc.property(instanceArbitrary(), (instance) => {
        const result = multiwayCut(instance, { exactNodeBudget: 1e6, restarts: 0 });
        expect(result.optimal).toBe(true);
        expect(result.cost).toBe(bruteForce(instance).cost);
        expect(result.lowerBound).toBe(result.cost);
      }),
      { numRuns: 300 },
    );
  });

  it('ends in a labelling no expansion move improves (checked exhaustively)', () => {
    fc.assert(
      fc.property(instanceArbitrary(7, 3, 12), (instance) => {
        const ci = compactInstance(instance);
        const adj = reducedAdjacency(ci);
        const labels = greedyLabels(ci, adj);
        alphaExpansion(ci, adj, labels);
        const cost = costOf(instance, labels);
        for (let alpha = 0; alpha < instance.labelCount; alpha++) {
          const movable = [...Array(instance.itemCount).keys()].filter(
            (i) => labels[i] !== alpha && instance.candidates[i].includes(alpha),
          );
          for (let mask = 1; mask < 1 << movable.length; mask++) {
            const moved = Array.from(labels);
            movable.forEach((i, b) => {
              if (mask & (1 << b)) moved[i] = alpha;
            });
            expect(costOf(instance, moved)).toBeGreaterThanOrEqual(cost);
          }
        }
      }),
      { numRuns: 200 },
    );
  });

  it('terminates on larger random instances with valid labels', () => {
    fc.assert(
      fc.property(instanceArbitrary(60, 8, 150), fc.integer({ min: 0, max: 1000 }), (instance, seed) => {
        const result = multiwayCut(instance, { seed });
        expect(isValid(instance, result.labels)).toBe(true);
        expect(result.cost).toBe(costOf(instance, result.labels));
        expect(result.cost).toBeLessThanOrEqual(result.expansionCost);
        expect(result.expansionCost).toBeLessThanOrEqual(result.greedyCost);
        expect(result.lowerBound).toBeGreaterThanOrEqual(freeLowerBound(instance));
        expect(result.lowerBound).toBeLessThanOrEqual(result.cost);
      }),
      { numRuns: 60 },
    );
  });
});

describe('multiwayCut: every item with one candidate (the forced labelling)', () => {
  // Pinned instances: each item's candidate list repeats one label (duplicates are ignored).
  const pinned = instanceArbitrary(10, 4, 24).chain((instance) =>
    fc
      .array(fc.integer({ min: 1, max: 3 }), { minLength: instance.itemCount, maxLength: instance.itemCount })
      .map((repeats) => ({
        ...instance,
        candidates: instance.candidates.map((list, i) => Array(repeats[i]).fill(list[0]) as number[]),
      })),
  );

  it('gives what the full solver gives: the forced labels, their cost, proven optimal', () => {
    fc.assert(
      fc.property(pinned, (instance) => {
        const fast = multiwayCut(instance);
        const full = runHeuristic(compactInstance(instance)).result;
        expect(Array.from(fast.labels)).toEqual(Array.from(full.labels));
        expect(fast.cost).toBe(full.cost);
        expect(fast.cost).toBe(costOf(instance, fast.labels));
        expect(fast.lowerBound).toBe(full.lowerBound);
        expect(fast.optimal).toBe(true);
        expect(full.optimal).toBe(true);
      }),
      { seed: 13, numRuns: 300 },
    );
  });

  it('reports malformed pinned instances as the full solver does', () => {
    const base = { itemCount: 2, labelCount: 2, candidates: [[0], [1]] };
    expect(() => multiwayCut({ ...base, edges: [[0, 2]] })).toThrow(InvalidInstanceError);
    expect(() => multiwayCut({ ...base, candidates: [[0], [2]], edges: [] })).toThrow(InvalidInstanceError);
    expect(() => multiwayCut({ ...base, candidates: [[0], []], edges: [] })).toThrow(NoCandidateError);
  });
});
