import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  greedySetCover,
  setCover,
  SetCoverError,
  UncoverableElementError,
  type SetCoverProblem,
  setCoverExact,
} from '../../../algorithms/set-cover/index.js';

// dydisnix test models (docs/compatibility.md §7.4): services S1..S3 (elements), targets t1 (cost 100),
// t2 (cost 200).
const names = ['S1', 'S2', 'S3'];
const cartesian: SetCoverProblem = {
  elementCount: 3,
  elementNames: names,
  sets: [
    { members: [0, 1, 2], cost: 100 },
    { members: [0, 1, 2], cost: 200 },
  ],
};
const mapped: SetCoverProblem = {
  elementCount: 3,
  elementNames: names,
  sets: [
    { members: [0, 1], cost: 100 }, // t1 <- S1, S2
    { members: [0, 1, 2], cost: 200 }, // t2 <- S1, S2, S3
  ],
};

describe('set cover: reference behaviour (dydisnix §7.4)', () => {
  it('cartesian: t1 (100/3 < 200/3) covers everything', () => {
    expect(greedySetCover(cartesian)).toMatchObject({ chosen: [0], cost: 100, assignment: [0, 0, 0] });
    expect(setCover(cartesian)).toMatchObject({
      chosen: [0],
      cost: 100,
      assignment: [0, 0, 0],
      optimal: true,
    });
  });

  it('mapped lists: the original greedy puts S1, S2 on t1 and S3 on t2', () => {
    expect(greedySetCover(mapped)).toEqual({
      chosen: [0, 1],
      cost: 300,
      assignment: [0, 0, 1],
      optimal: false,
      lowerBound: 0,
      method: 'greedy',
    });
  });

  it('mapped lists: redundancy removal then finds the optimum, t2 alone (200 < 300)', () => {
    const r = setCover(mapped);
    expect(r).toMatchObject({
      chosen: [1],
      cost: 200,
      assignment: [1, 1, 1],
      optimal: true,
      lowerBound: 200,
    });
  });

  it('throws a typed error naming an element no set covers (the original looped forever)', () => {
    const problem = { ...mapped, elementCount: 4, elementNames: [...names, 'S4'] };
    for (const run of [() => greedySetCover(problem), () => setCover(problem)]) {
      expect(run).toThrow(UncoverableElementError);
      expect(run).toThrow('element "S4" is in no set: it cannot be covered');
    }
    try {
      setCover(problem);
    } catch (e) {
      expect(e).toBeInstanceOf(SetCoverError);
      expect(e).toMatchObject({ element: 3, elementName: 'S4' });
    }
  });

  it('handles no elements, zero costs and duplicate members; rejects bad input', () => {
    expect(setCover({ elementCount: 0, sets: [] })).toMatchObject({ chosen: [], cost: 0, optimal: true });
    const zero = setCover({
      elementCount: 2,
      sets: [
        { members: [0, 0], cost: 0 },
        { members: [1], cost: 0 },
      ],
    });
    expect(zero).toMatchObject({ chosen: [0, 1], cost: 0, optimal: true });
    expect(() => setCover({ elementCount: 1, sets: [{ members: [1], cost: 1 }] })).toThrow(RangeError);
    expect(() => setCover({ elementCount: 1, sets: [{ members: [0], cost: -1 }] })).toThrow(RangeError);
    expect(() => setCover({ elementCount: 1, sets: [{ members: [0], cost: NaN }] })).toThrow(RangeError);
  });

  it('breaks greedy ties by the lowest set index', () => {
    const tie: SetCoverProblem = {
      elementCount: 2,
      sets: [
        { members: [1], cost: 6 },
        { members: [0, 1], cost: 10 },
        { members: [0, 1], cost: 10 },
      ],
    };
    expect(greedySetCover(tie).chosen).toEqual([1]);
    expect(setCover(tie).chosen).toEqual([1]);
  });
});

const arbProblem: fc.Arbitrary<SetCoverProblem> = fc
  .record({ m: fc.integer({ min: 1, max: 8 }), k: fc.integer({ min: 1, max: 9 }) })
  .chain(({ m, k }) =>
    fc
      .array(
        fc.record({
          members: fc.uniqueArray(fc.nat(m - 1), { maxLength: m }),
          cost: fc.integer({ min: 0, max: 30 }),
        }),
        {
          minLength: k,
          maxLength: k,
        },
      )
      .map((sets) => {
        // Make every element coverable: element i goes into set (i mod k) as well.
        const fixed = sets.map((s) => ({ members: [...s.members], cost: s.cost }));
        for (let i = 0; i < m; i++) fixed[i % k].members.push(i);
        return { elementCount: m, sets: fixed };
      }),
  );

function covers(p: SetCoverProblem, chosen: readonly number[]): boolean {
  const covered = new Set(chosen.flatMap((j) => p.sets[j].members));
  return covered.size === p.elementCount;
}

function bruteForceOptimum(p: SetCoverProblem): number {
  let best = Infinity;
  for (let mask = 0; mask < 1 << p.sets.length; mask++) {
    const chosen = p.sets.map((_, j) => j).filter((j) => (mask >> j) & 1);
    if (!covers(p, chosen)) continue;
    best = Math.min(
      best,
      chosen.reduce((s, j) => s + p.sets[j].cost, 0),
    );
  }
  return best;
}

describe('set cover: properties', () => {
  it('covers completely, without redundant sets, at least as cheap as greedy, bounded by the optimum', () => {
    fc.assert(
      fc.property(arbProblem, (p) => {
        const g = greedySetCover(p);
        expect(covers(p, g.chosen)).toBe(true);
        const r = setCover(p);
        expect(covers(p, r.chosen)).toBe(true);
        expect(r.chosen).toEqual([...new Set(r.chosen)].sort((a, b) => a - b));
        for (const j of r.chosen) {
          if (p.sets[j].members.length === 0) continue;
          expect(
            covers(
              p,
              r.chosen.filter((x) => x !== j),
            ),
          ).toBe(false); // redundancy-free
        }
        expect(r.cost).toBe(r.chosen.reduce((s, j) => s + p.sets[j].cost, 0));
        expect(r.cost).toBeLessThanOrEqual(g.cost);
        const opt = bruteForceOptimum(p);
        expect(r.cost).toBeGreaterThanOrEqual(opt);
        expect(r.lowerBound).toBeLessThanOrEqual(opt);
        if (r.optimal) expect(r.cost).toBe(opt);
        r.assignment.forEach((j, i) => {
          expect(r.chosen).toContain(j);
          expect(p.sets[j].members).toContain(i);
        });
        expect(setCover(p)).toEqual(r);
      }),
      { numRuns: 400, seed: 424242 },
    );
  });

  it('exact (HiGHS) equals brute force on tiny instances', async () => {
    await fc.assert(
      fc.asyncProperty(arbProblem, async (p) => {
        // maxIterations 0: no Lagrangian proof, so HiGHS always runs.
        const r = await setCoverExact(p, { timeLimitSeconds: 10, heuristic: { maxIterations: 0 } });
        expect(r.solverStatus === 'optimal' || r.cost === 0).toBe(true);
        expect(covers(p, r.chosen)).toBe(true);
        expect(r.cost).toBe(bruteForceOptimum(p));
        expect(r.optimal).toBe(true);
        expect(r.timedOut).toBe(false);
        expect(r.lowerBound).toBe(r.cost);
      }),
      { numRuns: 60, seed: 7 },
    );
  });

  it('exact: reference instance and uncoverable error', async () => {
    await expect(setCoverExact(mapped)).resolves.toMatchObject({ chosen: [1], cost: 200, optimal: true });
    await expect(setCoverExact({ elementCount: 1, sets: [] })).rejects.toThrow(UncoverableElementError);
  });

  it('exact: a time limit that is hit falls back to the best known cover with optimal = false', async () => {
    // Unit costs, 40 elements, 120 random sets: the Lagrangian bound (7) does not prove the
    // heuristic cover (8) optimal, so HiGHS runs, and a ~0 s limit stops it.
    let seed = 5;
    const rnd = (): number => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    const sets = Array.from({ length: 120 }, () => ({
      members: Array.from({ length: 40 }, (_, i) => i).filter(() => rnd() < 0.1),
      cost: 1,
    }));
    for (let i = 0; i < 40; i++) sets[i].members.push(i);
    const p = { elementCount: 40, sets };
    const limited = await setCoverExact(p, { timeLimitSeconds: 1e-6 });
    expect(limited).toMatchObject({
      cost: 8,
      lowerBound: 7,
      optimal: false,
      timedOut: true,
      solverStatus: 'timeLimit',
    });
    expect(covers(p, limited.chosen)).toBe(true);
    const full = await setCoverExact(p, { timeLimitSeconds: 30 });
    expect(full).toMatchObject({
      cost: 8,
      lowerBound: 8,
      optimal: true,
      timedOut: false,
      solverStatus: 'optimal',
    });
  });
});
