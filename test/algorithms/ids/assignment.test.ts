import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  assignIds,
  PoolExhaustedError,
  ScopeNeedsPlacementError,
  type IdAssignmentState,
  type IdConsumer,
} from '../../../algorithms/ids/index.js';
import type { ScopedIdPool } from '../../../algorithms/ids/assignment.js';
import { allocateId, isInPool, nextInPool, poolCapacity } from '../../../algorithms/ids/pool.js';

const RUNS = { numRuns: 1000 };
const HOSTS = ['h1', 'h2', 'h3'];

const poolArb = fc
  .record({
    min: fc.integer({ min: 0, max: 50 }),
    span: fc.integer({ min: 0, max: 40 }),
    step: fc.integer({ min: 1, max: 4 }),
    machine: fc.boolean(),
  })
  .map(({ min, span, step, machine }): ScopedIdPool => ({
    min,
    max: min + span,
    step,
    scope: machine ? 'machine' : 'global',
  }));

const poolsArb = fc.dictionary(fc.constantFrom('ports', 'uids', 'gids'), poolArb, { minKeys: 1, maxKeys: 3 });

const consumerArb = (placed: boolean) =>
  fc.record({
    name: fc.string({ minLength: 1, maxLength: 3, unit: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f') }),
    needs: fc.subarray(['ports', 'uids', 'gids', 'other']),
    hosts: placed ? fc.subarray(HOSTS) : fc.constant(null),
  });

const consumersArb = (placed: boolean) =>
  fc.uniqueArray(consumerArb(placed), { selector: (c) => c.name, maxLength: 25 }) as fc.Arbitrary<
    IdConsumer[]
  >;

const scenarioArb = fc.boolean().chain((placed) =>
  fc.record({
    placed: fc.constant(placed),
    pools: placed
      ? poolsArb
      : poolsArb.map((ps) =>
          Object.fromEntries(Object.entries(ps).map(([k, p]) => [k, { ...p, scope: 'global' as const }])),
        ),
    consumers: consumersArb(placed),
  }),
);

/** Runs the assignment; undefined when a pool is exhausted. */
function tryAssign(
  pools: Record<string, ScopedIdPool>,
  consumers: IdConsumer[],
  placed: boolean,
  previous?: IdAssignmentState,
) {
  try {
    return assignIds({ pools, consumers, placementsKnown: placed, previous }).state;
  } catch (error) {
    if (error instanceof PoolExhaustedError) return undefined;
    throw error;
  }
}

function isPresent(c: IdConsumer, placed: boolean) {
  return !placed || (c.hosts !== null && c.hosts.length > 0);
}

describe('ID pools', () => {
  it('walks the step grid and wraps around to min', () => {
    const pool = { min: 8086, max: 8096, step: 3 };
    expect(poolCapacity(pool)).toBe(4);
    expect(nextInPool(pool, 8086)).toBe(8089);
    expect(nextInPool(pool, 8095)).toBe(8086);
    expect(nextInPool(pool, 8090)).toBe(8092); // off the grid: the next grid point
    expect(nextInPool(pool, 12)).toBe(8086); // below min (stale last assignment): start at min
    expect(isInPool(pool, 8092)).toBe(true);
    expect(isInPool(pool, 8093)).toBe(false);
  });

  it('reports exhaustion instead of looping when step > 1 (bug 12)', () => {
    const pool = { min: 3000, max: 3003, step: 2 };
    const used = new Set([3000, 3002]);
    expect(allocateId(pool, (x) => used.has(x), used.size, 3002)).toBeUndefined();
  });
});

describe('assignIds: the reference examples', () => {
  const ports: Record<string, ScopedIdPool> = { ports: { min: 3000, max: 4000, step: 1, scope: 'global' } };
  const three = ['testService1', 'testService2', 'testService3'].map((name, i): IdConsumer => ({
    name,
    needs: ['ports'],
    hosts: [i === 0 ? 't1' : 't2'],
  }));

  it('hands out IDs in name order and remembers the last one', () => {
    expect(assignIds({ pools: ports, consumers: three, placementsKnown: true }).state).toEqual({
      ids: { ports: { testService1: 3000, testService2: 3001, testService3: 3002 } },
      last: { ports: 3002 },
      lastPerHost: {},
    });
  });

  it('refuses machine scope without placements', () => {
    expect(() =>
      assignIds({
        pools: { ports: { ...ports.ports, scope: 'machine' } },
        consumers: three,
        placementsKnown: false,
      }),
    ).toThrow(ScopeNeedsPlacementError);
  });

  it('gives a consumer on two hosts an ID free on both', () => {
    const pools: Record<string, ScopedIdPool> = { ports: { min: 1, max: 10, step: 1, scope: 'machine' } };
    const consumers: IdConsumer[] = [
      { name: 'a', needs: ['ports'], hosts: ['h1'] },
      { name: 'b', needs: ['ports'], hosts: ['h2'] },
      { name: 'c', needs: ['ports'], hosts: ['h1', 'h2'] },
    ];
    const { state } = assignIds({ pools, consumers, placementsKnown: true });
    // c is placed while h1 is served; its ID counts as handed out on h2 too, so b continues after it.
    expect(state.ids.ports).toEqual({ a: 1, b: 3, c: 2 });
    expect(state.lastPerHost).toEqual({ h1: { ports: 2 }, h2: { ports: 3 } });
  });

  it('drops a previous ID that is off the step grid or out of range', () => {
    const pools: Record<string, ScopedIdPool> = { p: { min: 10, max: 20, step: 5, scope: 'global' } };
    const consumers: IdConsumer[] = ['a', 'b', 'c'].map((name) => ({ name, needs: ['p'], hosts: null }));
    const { state } = assignIds({
      pools,
      consumers,
      placementsKnown: false,
      previous: { ids: { p: { a: 12, b: 25, c: 15 } }, last: { p: 15 }, lastPerHost: {} },
    });
    expect(state.ids.p).toEqual({ a: 20, b: 10, c: 15 });
  });
});

describe('assignIds: properties', () => {
  it('IDs are unique within their scope, inside [min, max] and on the step grid', () => {
    fc.assert(
      fc.property(scenarioArb, ({ pools, consumers, placed }) => {
        const state = tryAssign(pools, consumers, placed);
        if (!state) return;
        for (const [poolName, pool] of Object.entries(pools)) {
          const table = state.ids[poolName];
          expect(table).toBeDefined();
          for (const id of Object.values(table)) expect(isInPool(pool, id)).toBe(true);
          const expected = consumers
            .filter((c) => c.needs.includes(poolName) && isPresent(c, placed))
            .map((c) => c.name)
            .sort();
          expect(Object.keys(table).sort()).toEqual(expected);
          if (pool.scope === 'global') {
            expect(new Set(Object.values(table)).size).toBe(Object.keys(table).length);
          } else {
            for (const host of HOSTS) {
              const onHost = consumers
                .filter((c) => c.hosts?.includes(host) && c.name in table)
                .map((c) => table[c.name]);
              expect(new Set(onHost).size).toBe(onHost.length);
            }
          }
        }
      }),
      RUNS,
    );
  });

  it('a rerun with the previous result changes nothing', () => {
    fc.assert(
      fc.property(scenarioArb, ({ pools, consumers, placed }) => {
        const state = tryAssign(pools, consumers, placed);
        if (!state) return;
        expect(assignIds({ pools, consumers, placementsKnown: placed, previous: state }).state).toEqual(state);
      }),
      RUNS,
    );
  });

  it('adding or removing consumers never changes the IDs of the others', () => {
    fc.assert(
      fc.property(
        scenarioArb,
        fc.array(fc.boolean(), { minLength: 25, maxLength: 25 }),
        ({ pools, consumers, placed }, keep) => {
          const before = tryAssign(pools, consumers, placed);
          if (!before) return;
          const subset = consumers.filter((_, i) => keep[i]);
          // Removal: the remaining consumers keep their IDs.
          const after = tryAssign(pools, subset, placed, before);
          expect(after).toBeDefined();
          // Addition: starting from the subset's state, add the others back.
          const readded = tryAssign(pools, consumers, placed, after);
          for (const poolName of Object.keys(pools)) {
            for (const c of subset) {
              if (c.name in before.ids[poolName])
                expect(after!.ids[poolName][c.name]).toBe(before.ids[poolName][c.name]);
              if (readded && c.name in after!.ids[poolName])
                expect(readded.ids[poolName][c.name]).toBe(after!.ids[poolName][c.name]);
            }
          }
        },
      ),
      RUNS,
    );
  });

  it('a freed ID is not handed out again before the pool wraps around', () => {
    fc.assert(
      fc.property(scenarioArb, ({ pools, consumers, placed }) => {
        const global = Object.fromEntries(
          Object.entries(pools).map(([k, p]) => [k, { ...p, scope: 'global' as const }]),
        );
        const before = tryAssign(global, consumers, placed);
        if (!before || consumers.length < 2) return;
        // Remove the first consumer, then add a newcomer: it must not get the freed ID unless the pool wrapped.
        const [gone, ...rest] = consumers;
        const after = tryAssign(global, rest, placed, before)!;
        const newcomer: IdConsumer = { name: 'zzzz', needs: gone.needs, hosts: gone.hosts };
        const withNew = tryAssign(global, [...rest, newcomer], placed, after);
        if (!withNew) return;
        for (const poolName of Object.keys(global)) {
          const freed = before.ids[poolName][gone.name];
          const given = withNew.ids[poolName][newcomer.name];
          if (freed === undefined || given === undefined) continue;
          const last = after.last[poolName];
          // Without wrap-around, new IDs come strictly after the last one handed out.
          if (given === freed) expect(given <= (last ?? Infinity)).toBe(true);
          if (last !== undefined && given > last) expect(given).not.toBe(freed);
        }
      }),
      RUNS,
    );
  });

  it('exhaustion is reported exactly when demand exceeds the reachable IDs (global scope)', () => {
    fc.assert(
      fc.property(scenarioArb, ({ pools, consumers, placed }) => {
        const global = Object.fromEntries(
          Object.entries(pools).map(([k, p]) => [k, { ...p, scope: 'global' as const }]),
        );
        const overflowing = Object.entries(global).some(
          ([name, pool]) =>
            consumers.filter((c) => c.needs.includes(name) && isPresent(c, placed)).length >
            poolCapacity(pool),
        );
        let thrown: unknown;
        try {
          assignIds({ pools: global, consumers, placementsKnown: placed });
        } catch (error) {
          thrown = error;
        }
        expect(thrown instanceof PoolExhaustedError).toBe(overflowing);
      }),
      RUNS,
    );
  });

  it('every run terminates, even with random stale previous state', () => {
    const stateArb = fc.record({
      ids: fc.dictionary(
        fc.constantFrom('ports', 'uids', 'gids', 'gone'),
        fc.dictionary(fc.constantFrom('a', 'b', 'c', 'd', 'e'), fc.integer({ min: -5, max: 100 })),
      ),
      last: fc.dictionary(
        fc.constantFrom('ports', 'uids', 'gids', 'gone'),
        fc.integer({ min: -5, max: 100 }),
      ),
      lastPerHost: fc.dictionary(
        fc.constantFrom(...HOSTS, 'h9'),
        fc.dictionary(fc.constantFrom('ports', 'uids'), fc.integer({ min: -5, max: 100 })),
      ),
    });
    fc.assert(
      fc.property(scenarioArb, stateArb, ({ pools, consumers, placed }, previous) => {
        const state = tryAssign(pools, consumers, placed, previous);
        if (!state) return;
        for (const [poolName, pool] of Object.entries(pools))
          for (const id of Object.values(state.ids[poolName])) expect(isInPool(pool, id)).toBe(true);
        expect(Object.keys(state.ids).sort()).toEqual(Object.keys(pools).sort());
        if (!placed) expect(state.lastPerHost).toEqual({});
      }),
      RUNS,
    );
  });
});
