import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  divide,
  DivideError,
  EmptyCandidatesError,
  InsufficientCapacityError,
  MissingDemandError,
  roundRobin,
} from '../../../algorithms/division/index.js';
import type { DivideItem, DivideStrategy } from '../../../algorithms/division/divide.js';

// dydisnix worked example (docs/compatibility.md §7.1): requireMem / mem, cartesian candidates [t1, t2].
const items: DivideItem[] = [
  { name: 'S1', demand: 262144, candidates: [0, 1] },
  { name: 'S2', demand: 262143, candidates: [0, 1] },
  { name: 'S3', demand: 262145, candidates: [0, 1] },
];
const capacities = [524288, 655360]; // t1, t2

describe('divide: reference example (dydisnix §7.1)', () => {
  it('greedy: S1 -> t1, S2 -> t1, S3 -> t2', () => {
    expect(divide('greedy', items, capacities)).toEqual({ assignment: [0, 0, 1], remaining: [1, 393215] });
  });

  it('highest-bidder: S1 -> t2, S2 -> t1, S3 -> t2', () => {
    expect(divide('highest-bidder', items, capacities)).toEqual({
      assignment: [1, 0, 1],
      remaining: [262145, 131071],
    });
  });

  it('lowest-bidder: S1 -> t1, S2 -> t1, S3 -> t2', () => {
    expect(divide('lowest-bidder', items, capacities)).toEqual({
      assignment: [0, 0, 1],
      remaining: [1, 393215],
    });
  });

  it('under-capacity infrastructure: typed error with item, demand and best remaining capacity', () => {
    for (const strategy of ['greedy', 'highest-bidder', 'lowest-bidder'] as const) {
      const run = (): unknown => divide(strategy, items, [1, 1]);
      expect(run).toThrow(InsufficientCapacityError);
      expect(run).toThrow(
        'no candidate bin has enough capacity left for item "S1": demand 262144, largest remaining capacity 1',
      );
      try {
        run();
      } catch (e) {
        expect(e).toBeInstanceOf(DivideError);
        expect(e).toMatchObject({ item: 'S1', demand: 262144, bestRemaining: 1 });
      }
    }
  });

  it('capacity runs out across items: the third item fails on the remaining capacity', () => {
    const run = (): unknown => divide('greedy', items, [524288, 262144]);
    // S1 -> t1 (262144 left), S2 -> t1 (1 left), S3 (262145) fits neither t1 (1) nor t2 (262144).
    expect(run).toThrow('item "S3": demand 262145, largest remaining capacity 262144');
  });

  it('missing demand is a typed error; candidates without capacity are skipped', () => {
    expect(() => divide('greedy', [{ name: 'S9', demand: undefined, candidates: [0] }], [5])).toThrow(
      MissingDemandError,
    );
    expect(() => divide('greedy', [{ name: 'S9', demand: undefined, candidates: [0] }], [5])).toThrow(
      'item "S9" has no demand value',
    );
    expect(divide('highest-bidder', [{ name: 'a', demand: 1, candidates: [0, 1] }], [undefined, 3])).toEqual({
      assignment: [1],
      remaining: [undefined, 2],
    });
    expect(() => divide('greedy', [{ name: 'a', demand: 1, candidates: [0] }], [undefined])).toThrow(
      'item "a": demand 1, no candidate has a capacity',
    );
  });

  it('ties go to the earliest candidate; candidate order matters', () => {
    const one = (candidates: number[]): DivideItem[] => [{ name: 'x', demand: 2, candidates }];
    expect(divide('highest-bidder', one([1, 0]), [5, 5]).assignment).toEqual([1]);
    expect(divide('lowest-bidder', one([1, 0]), [5, 5]).assignment).toEqual([1]);
    expect(divide('greedy', one([1, 0]), [5, 5]).assignment).toEqual([1]);
    expect(divide('lowest-bidder', one([0, 1, 2]), [9, 2, 1]).assignment).toEqual([1]); // 1 does not fit
  });

  it('rejects unknown strategies and bad candidates', () => {
    expect(() => divide('random' as DivideStrategy, items, capacities)).toThrow(RangeError);
    expect(() => divide('greedy', [{ name: 'a', demand: 1, candidates: [2] }], [1, 1])).toThrow(RangeError);
  });
});

/** Literal transcription of dydisnix's pseudocode (docs/compatibility.md §7.1): select() with YES / MAYBE / NO. */
function reference(
  strategy: DivideStrategy,
  its: readonly DivideItem[],
  caps: readonly number[],
): number[] | 'error' {
  const cap = [...caps];
  const out: number[] = [];
  for (const it of its) {
    const d = it.demand as number;
    let chosen: number | null = null;
    for (const m of it.candidates) {
      let status: 'YES' | 'MAYBE' | 'NO';
      if (strategy === 'greedy') status = d <= cap[m] ? 'YES' : 'NO';
      else if (chosen === null) status = d <= cap[m] ? 'MAYBE' : 'NO';
      else if (strategy === 'highest-bidder') status = cap[m] > cap[chosen] ? 'MAYBE' : 'NO';
      else status = d <= cap[m] && cap[m] < cap[chosen] ? 'MAYBE' : 'NO';
      if (status !== 'NO') chosen = m;
      if (status === 'YES') break;
    }
    if (chosen === null) return 'error';
    cap[chosen] -= d;
    out.push(chosen);
  }
  return out;
}

const arbCase = fc.integer({ min: 1, max: 5 }).chain((bins) =>
  fc.record({
    strategy: fc.constantFrom<DivideStrategy>('greedy', 'highest-bidder', 'lowest-bidder'),
    caps: fc.array(fc.integer({ min: 0, max: 20 }), { minLength: bins, maxLength: bins }),
    items: fc.array(
      fc.record({
        name: fc.string({ maxLength: 3 }),
        demand: fc.integer({ min: 0, max: 10 }),
        candidates: fc.array(fc.nat(bins - 1), { maxLength: 4 }),
      }),
      { maxLength: 10 },
    ),
  }),
);

describe('divide: properties', () => {
  it('agrees with the literal pseudocode, never exceeds a capacity, picks a candidate, is repeatable', () => {
    fc.assert(
      fc.property(arbCase, ({ strategy, caps, items: its }) => {
        const expected = reference(strategy, its, caps);
        if (expected === 'error') {
          expect(() => divide(strategy, its, caps)).toThrow(InsufficientCapacityError);
          return;
        }
        const r = divide(strategy, its, caps);
        expect(r.assignment).toEqual(expected);
        r.assignment.forEach((bin, k) => expect(its[k].candidates).toContain(bin));
        r.remaining.forEach((left) => expect(left).toBeGreaterThanOrEqual(0));
        const used = caps.map((c, b) => c - (r.remaining[b] as number));
        const demandPerBin = caps.map((_, b) =>
          r.assignment.reduce((s, x, k) => s + (x === b ? (its[k].demand as number) : 0), 0),
        );
        expect(used).toEqual(demandPerBin);
        expect(divide(strategy, its, caps)).toEqual(r);
      }),
      { numRuns: 500, seed: 1234 },
    );
  });
});

describe('roundRobin (dydisnix §7.2)', () => {
  it('reference test: S1 -> t1, S2 -> t2, S3 -> t1', () => {
    expect(
      roundRobin([
        ['t1', 't2'],
        ['t1', 't2'],
        ['t1', 't2'],
      ]),
    ).toEqual(['t1', 't2', 't1']);
  });

  it('rotates relative to the previous choice within the current list', () => {
    expect(roundRobin([['a', 'b', 'c'], ['c', 'b'], ['b'], ['x', 'y'], ['y', 'b', 'x']])).toEqual([
      'a',
      'c',
      'b',
      'x',
      'y',
    ]);
  });

  it('an empty candidate list is a typed error naming the item', () => {
    expect(() => roundRobin([['t1'], []], ['S1', 'S2'])).toThrow(EmptyCandidatesError);
    expect(() => roundRobin([[]], ['S1'])).toThrow('item "S1" has no candidate');
  });

  it('always picks from the list; a single candidate is always taken', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.nat(4), { minLength: 1, maxLength: 5 }), { maxLength: 12 }),
        (lists) => {
          const out = roundRobin(lists);
          expect(out.length).toBe(lists.length);
          out.forEach((t, k) => {
            expect(lists[k]).toContain(t);
            if (lists[k].length === 1) expect(t).toBe(lists[k][0]);
            if (k > 0 && lists[k].length > 1) {
              const at = lists[k].indexOf(out[k - 1]);
              expect(t).toBe(at < 0 ? lists[k][0] : lists[k][(at + 1) % lists[k].length]);
            }
          });
          expect(roundRobin(lists)).toEqual(out);
        },
      ),
      { numRuns: 300, seed: 77 },
    );
  });
});
