/**
 * The ID assigner beyond dydisnix: placement memory, pins, preferences, reserved ranges, no reuse
 * (algorithms/ids). Examples first, then properties (fast-check, 1,000 runs each).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  assignIds,
  PinConflictError,
  PinOutsidePoolError,
  PoolExhaustedError,
  type IdAssignmentState,
  type IdConsumer,
  type ScopedIdPool,
} from '../../../algorithms/ids/index.js';
import { isInPool, RangeSet } from '../../../algorithms/ids/pool.js';

const RUNS = { numRuns: 1000 };
const machine = (extra: Partial<ScopedIdPool> = {}): ScopedIdPool => ({
  min: 3000,
  max: 4000,
  step: 1,
  scope: 'machine',
  ...extra,
});
const global = (extra: Partial<ScopedIdPool> = {}): ScopedIdPool => ({ ...machine(extra), scope: 'global' });
const c = (name: string, hosts: string[] | null, extra: Partial<IdConsumer> = {}): IdConsumer => ({
  name,
  needs: ['ports'],
  hosts,
  ...extra,
});

describe('placement memory (machine scope)', () => {
  const pools = { ports: machine() };
  const first = assignIds({
    pools,
    consumers: [c('testService2', ['testtarget1']), c('testService3', ['testtarget2'])],
    placementsKnown: true,
    rememberHosts: true,
  });
  const moved = [c('testService2', ['testtarget2']), c('testService3', ['testtarget2'])];

  it('records the targets of every machine-scope assignment', () => {
    expect(first.state.ids.ports).toEqual({ testService2: 3000, testService3: 3000 });
    expect(first.state.hosts).toEqual({
      ports: { testService2: ['testtarget1'], testService3: ['testtarget2'] },
    });
  });

  it('after a move, the service that stayed keeps its ID and the mover gets a new one', () => {
    const after = assignIds({ pools, consumers: moved, placementsKnown: true, previous: first.state });
    expect(after.state.ids.ports).toEqual({ testService2: 3001, testService3: 3000 });
    expect(after.dropped).toEqual([
      {
        pool: 'ports',
        consumer: 'testService2',
        id: 3000,
        reason: { kind: 'taken', by: 'testService3', host: 'testtarget2' },
      },
    ]);
    // Memory is kept once recorded, and follows the move.
    expect(after.state.hosts?.ports.testService2).toEqual(['testtarget2']);
  });

  it('a previous distribution gives the same answer when the state has no memory', () => {
    const { hosts: _none, ...withoutMemory } = first.state;
    const previousHosts = new Map([
      ['testService2', ['testtarget1']],
      ['testService3', ['testtarget2']],
    ]);
    const after = assignIds({
      pools,
      consumers: moved,
      placementsKnown: true,
      previous: withoutMemory,
      previousHosts,
    });
    expect(after.state.ids.ports).toEqual({ testService2: 3001, testService3: 3000 });
    expect(after.state.hosts).toBeUndefined();
  });

  it('without any memory, the first by name keeps the ID (as before)', () => {
    const { hosts: _none, ...withoutMemory } = first.state;
    const after = assignIds({ pools, consumers: moved, placementsKnown: true, previous: withoutMemory });
    expect(after.state.ids.ports).toEqual({ testService2: 3000, testService3: 3001 });
  });

  it('among movers, the first by name keeps the ID', () => {
    const previous: IdAssignmentState = {
      ids: { ports: { a: 3000, b: 3000 } },
      last: {},
      lastPerHost: {},
      hosts: { ports: { a: ['t1'], b: ['t2'] } },
    };
    const after = assignIds({
      pools,
      consumers: [c('a', ['t3']), c('b', ['t3'])],
      placementsKnown: true,
      previous,
    });
    expect(after.state.ids.ports).toEqual({ a: 3000, b: 3001 });
  });
});

describe('pinned IDs', () => {
  it('a pin beats the previous assignment of another consumer, which moves', () => {
    const pools = { ports: global() };
    const previous: IdAssignmentState = {
      ids: { ports: { web: 3000 } },
      last: { ports: 3000 },
      lastPerHost: {},
    };
    const result = assignIds({
      pools,
      consumers: [c('proxy', null, { pinned: new Map([['ports', 3000]]) }), c('web', null)],
      placementsKnown: false,
      previous,
    });
    expect(result.state.ids.ports).toEqual({ proxy: 3000, web: 3001 });
    expect(result.dropped).toEqual([
      { pool: 'ports', consumer: 'web', id: 3000, reason: { kind: 'pinned', by: 'proxy' } },
    ]);
  });

  it('two pins on one ID in one scope are an error naming both; on two machines they are fine', () => {
    const pin = { pinned: new Map([['ports', 3005]]) };
    expect(() =>
      assignIds({
        pools: { ports: global() },
        consumers: [c('a', null, pin), c('b', null, pin)],
        placementsKnown: false,
      }),
    ).toThrow(new PinConflictError('ports', 3005, 'a', 'b'));
    expect(() =>
      assignIds({
        pools: { ports: machine() },
        consumers: [c('a', ['t1'], pin), c('b', ['t1'], pin)],
        placementsKnown: true,
      }),
    ).toThrow(/"a" and "b" are both pinned to 3005 in pool "ports" on "t1"/);
    const apart = assignIds({
      pools: { ports: machine() },
      consumers: [c('a', ['t1'], pin), c('b', ['t2'], pin)],
      placementsKnown: true,
    });
    expect(apart.state.ids.ports).toEqual({ a: 3005, b: 3005 });
  });

  it('a pin outside the pool, off the step grid or reserved is an error', () => {
    const pool = global({ step: 2, reserved: [{ min: 3010, max: 3020 }] });
    for (const [pin, why] of [
      [2999, 'out-of-pool'],
      [3001, 'out-of-pool'],
      [3012, 'reserved'],
    ] as const) {
      expect(() =>
        assignIds({
          pools: { ports: pool },
          consumers: [c('a', null, { pinned: new Map([['ports', pin]]) })],
          placementsKnown: false,
        }),
      ).toThrow(new PinOutsidePoolError('ports', 'a', pin, why));
    }
  });
});

describe('preferred IDs', () => {
  it('are used when free, otherwise next fit with a note; they never displace kept IDs', () => {
    const previous: IdAssignmentState = {
      ids: { ports: { old: 3005 } },
      last: { ports: 3005 },
      lastPerHost: {},
    };
    const prefer = (id: number) => ({ preferred: new Map([['ports', id]]) });
    const result = assignIds({
      pools: { ports: global() },
      consumers: [
        c('a', null, prefer(3005)),
        c('b', null, prefer(3100)),
        c('c', null),
        c('old', null, prefer(3200)),
      ],
      placementsKnown: false,
      previous,
    });
    expect(result.state.ids.ports).toEqual({ a: 3006, b: 3100, c: 3007, old: 3005 });
    expect(result.notes).toEqual([
      { kind: 'preferred-unavailable', pool: 'ports', consumer: 'a', id: 3005, why: 'taken', by: 'old' },
    ]);
    // Preferences do not move the counter: next fit continues after the last ID it handed out.
    expect(result.state.last.ports).toBe(3007);
  });
});

describe('reserved IDs', () => {
  it('are never handed out, and a previous assignment inside them moves', () => {
    const pool = global({
      min: 3000,
      max: 3030,
      reserved: [
        { min: 3005, max: 3005 },
        { min: 3010, max: 3020 },
      ],
    });
    const previous: IdAssignmentState = {
      ids: { ports: { x: 3012 } },
      last: { ports: 3003 },
      lastPerHost: {},
    };
    const result = assignIds({
      pools: { ports: pool },
      consumers: ['a', 'b', 'c', 'x'].map((n) => c(n, null)),
      placementsKnown: false,
      previous,
    });
    expect(result.state.ids.ports).toEqual({ a: 3004, b: 3006, c: 3007, x: 3008 });
    expect(result.dropped).toEqual([
      { pool: 'ports', consumer: 'x', id: 3012, reason: { kind: 'reserved' } },
    ]);
  });

  it('exhaustion says how many IDs are reserved', () => {
    const pool = global({ min: 1, max: 10, reserved: [{ min: 2, max: 9 }] });
    expect(() =>
      assignIds({
        pools: { ports: pool },
        consumers: ['a', 'b', 'c'].map((n) => c(n, null)),
        placementsKnown: false,
      }),
    ).toThrow('pool "ports" is exhausted: of the 10 IDs reachable with its step, 2 in use, 8 reserved');
  });
});

describe('no reuse', () => {
  it('a freed ID is retired and never handed out again, even after wrap-around', () => {
    const pools = { uids: { ...global({ min: 1, max: 4, noReuse: true }) } };
    const needs = ['uids'];
    const run = (names: string[], previous?: IdAssignmentState) =>
      assignIds({
        pools,
        consumers: names.map((n) => ({ name: n, needs, hosts: null })),
        placementsKnown: false,
        previous,
      });
    const one = run(['a', 'b', 'c']);
    const two = run(['b', 'c'], one.state);
    expect(two.state.retired).toEqual({ uids: [{ min: 1, max: 1 }] });
    const three = run(['b', 'c', 'd'], two.state);
    expect(three.state.ids.uids).toEqual({ b: 2, c: 3, d: 4 });
    // Without no reuse, e would get 1 after the wrap-around.
    expect(() => run(['b', 'c', 'd', 'e'], three.state)).toThrow(PoolExhaustedError);
    const reusing = assignIds({
      pools: { uids: global({ min: 1, max: 4 }) },
      consumers: ['b', 'c', 'd', 'e'].map((n) => ({ name: n, needs, hosts: null })),
      placementsKnown: false,
      previous: three.state,
    });
    expect(reusing.state.ids.uids.e).toBe(1);
  });

  it('exhaustion names the retired IDs', () => {
    const pools = { uids: global({ min: 1, max: 2, noReuse: true }) };
    const run = (names: string[], previous?: IdAssignmentState) =>
      assignIds({
        pools,
        consumers: names.map((n) => ({ name: n, needs: ['uids'], hosts: null })),
        placementsKnown: false,
        previous,
      });
    const first = run(['a', 'b']);
    const second = run(['b'], first.state);
    expect(() => run(['b', 'c'], second.state)).toThrow(
      'pool "uids" is exhausted: of the 2 IDs reachable with its step, 1 in use, 1 retired (no reuse: freed IDs are never handed out again)',
    );
  });

  it('machine scope: an ID freed on a machine is not given to another service there, but may be elsewhere', () => {
    const pools = { ports: machine({ min: 1, max: 9, noReuse: true }) };
    const first = assignIds({ pools, consumers: [c('a', ['t1']), c('b', ['t2'])], placementsKnown: true });
    expect(first.state.ids.ports).toEqual({ a: 1, b: 1 });
    // a moves from t1 to t3 keeping 1; 1 is retired on t1 only.
    const second = assignIds({
      pools,
      consumers: [c('a', ['t3']), c('b', ['t2']), c('n1', ['t1'])],
      placementsKnown: true,
      previous: first.state,
    });
    expect(second.state.ids.ports).toEqual({ a: 1, b: 1, n1: 2 });
    expect(second.state.retiredPerHost).toEqual({ t1: { ports: [{ min: 1, max: 1 }] } });
    // b leaves t2 for t1, where 1 was a's: it must not get it back there.
    const third = assignIds({
      pools,
      consumers: [c('a', ['t3']), c('b', ['t1']), c('n1', ['t1'])],
      placementsKnown: true,
      previous: second.state,
    });
    expect(third.state.ids.ports.b).not.toBe(1);
    expect(third.dropped).toEqual([
      { pool: 'ports', consumer: 'b', id: 1, reason: { kind: 'retired', host: 't1' } },
    ]);
  });
});

// ---------------------------------------------------------------------------------------------
// Properties

const HOSTS = ['h1', 'h2', 'h3'];
const NAMES = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', '__proto__', 'toString', 'constructor'];
const rangeArb = (lo: number, hi: number) =>
  fc
    .tuple(fc.integer({ min: lo, max: hi }), fc.integer({ min: 0, max: 6 }))
    .map(([min, span]) => ({ min, max: min + span }));

const poolArb = fc
  .record({
    min: fc.integer({ min: 0, max: 20 }),
    span: fc.integer({ min: 0, max: 40 }),
    step: fc.integer({ min: 1, max: 3 }),
    machine: fc.boolean(),
    reserved: fc.array(rangeArb(0, 60), { maxLength: 3 }),
    noReuse: fc.boolean(),
  })
  .map(({ min, span, step, machine: m, reserved, noReuse }): ScopedIdPool => ({
    min,
    max: min + span,
    step,
    scope: m ? 'machine' : 'global',
    reserved,
    noReuse,
  }));

const featureScenario = fc.record({
  pools: fc
    .dictionary(fc.constantFrom('ports', 'uids', '__proto__'), poolArb, { minKeys: 1, maxKeys: 3 })
    .map((pools) => Object.assign(Object.create(null) as Record<string, ScopedIdPool>, pools)),
  consumers: fc.uniqueArray(
    fc.record({
      name: fc.constantFrom(...NAMES),
      needs: fc.subarray(['ports', 'uids', '__proto__']),
      hosts: fc.subarray(HOSTS, { minLength: 1 }),
      pins: fc.array(
        fc.tuple(fc.constantFrom('ports', 'uids', '__proto__'), fc.integer({ min: 0, max: 70 })),
        { maxLength: 2 },
      ),
      prefs: fc.array(
        fc.tuple(fc.constantFrom('ports', 'uids', '__proto__'), fc.integer({ min: 0, max: 70 })),
        { maxLength: 2 },
      ),
    }),
    { selector: (x) => x.name, maxLength: 10 },
  ),
  previous: fc.dictionary(
    fc.constantFrom('ports', 'uids', '__proto__'),
    fc.dictionary(fc.constantFrom(...NAMES), fc.integer({ min: -2, max: 70 })),
  ),
});

function consumersOf(
  raw: {
    name: string;
    needs: string[];
    hosts: string[];
    pins: [string, number][];
    prefs: [string, number][];
  }[],
) {
  return raw.map((r): IdConsumer => {
    const pinned = new Map(r.pins);
    const preferred = new Map(r.prefs);
    const needs = [...new Set([...r.needs, ...pinned.keys(), ...preferred.keys()])];
    return { name: r.name, needs, hosts: r.hosts, pinned, preferred };
  });
}

function nullProto<T>(record: Record<string, T>): Record<string, T> {
  return Object.assign(Object.create(null) as Record<string, T>, record);
}

/** Fails with a message; cheaper than expect() in the inner loops of the properties. */
function check(ok: boolean, message: () => string): void {
  if (!ok) throw new Error(message());
}

/** Checks uniqueness in scope, pool membership, reservations and pins of one result. */
function checkInvariants(
  pools: Record<string, ScopedIdPool>,
  consumers: IdConsumer[],
  state: IdAssignmentState,
) {
  for (const poolName of Object.keys(pools)) {
    const pool = pools[poolName];
    const table = state.ids[poolName];
    check(table !== undefined, () => `no table for ${poolName}`);
    const reserved = new RangeSet(pool.reserved ?? []);
    const needing = consumers.filter((x) => x.needs.includes(poolName));
    check(
      JSON.stringify(Object.keys(table).sort()) === JSON.stringify(needing.map((x) => x.name).sort()),
      () => `${poolName}: assigned ${JSON.stringify(Object.keys(table))}`,
    );
    for (const x of needing) {
      const id = table[x.name];
      check(isInPool(pool, id), () => `${poolName}.${x.name} = ${id} is not in the pool`);
      check(!reserved.has(id), () => `${poolName}.${x.name} = ${id} is reserved`);
      const pin = x.pinned?.get(poolName);
      check(pin === undefined || id === pin, () => `${poolName}.${x.name} = ${id}, pinned to ${pin}`);
    }
    const scopes =
      pool.scope === 'global' ? [needing] : HOSTS.map((h) => needing.filter((x) => x.hosts?.includes(h)));
    for (const scope of scopes) {
      const held = scope.map((x) => table[x.name]);
      check(new Set(held).size === held.length, () => `${poolName}: duplicate among ${JSON.stringify(held)}`);
    }
  }
}

describe('properties', () => {
  it('pins and reserved ranges are always respected; IDs are unique in scope and in the pool', () => {
    let solved = 0;
    fc.assert(
      fc.property(featureScenario, ({ pools, consumers: raw, previous }) => {
        const consumers = consumersOf(raw);
        const prev: IdAssignmentState = {
          ids: nullProto(Object.fromEntries(Object.entries(previous).map(([k, v]) => [k, nullProto(v)]))),
          last: {},
          lastPerHost: {},
        };
        let result;
        try {
          result = assignIds({ pools, consumers, placementsKnown: true, previous: prev });
        } catch (error) {
          // Errors only for what the pins or the pool sizes make impossible.
          if (error instanceof PinOutsidePoolError) {
            const pool = pools[error.pool];
            const bad = !isInPool(pool, error.id) || new RangeSet(pool.reserved ?? []).has(error.id);
            expect(bad).toBe(true);
            return;
          }
          if (error instanceof PinConflictError) {
            const [a, b] = [error.first, error.second].map((n) => consumers.find((x) => x.name === n)!);
            expect(a.pinned?.get(error.pool)).toBe(error.id);
            expect(b.pinned?.get(error.pool)).toBe(error.id);
            if (pools[error.pool].scope === 'machine')
              expect(a.hosts!.some((h) => b.hosts!.includes(h))).toBe(true);
            return;
          }
          if (error instanceof PoolExhaustedError) return;
          throw error;
        }
        solved++;
        checkInvariants(pools, consumers, result.state);
        // A rerun on the result changes nothing.
        const rerun = assignIds({ pools, consumers, placementsKnown: true, previous: result.state });
        expect(rerun.state).toEqual(result.state);
        expect(rerun.dropped).toEqual([]);
      }),
      RUNS,
    );
    expect(solved).toBeGreaterThan(100);
  });

  it('with no reuse, no retired ID ever reappears across 20 runs adding, removing and moving services', () => {
    const sequence = fc.record({
      pool: poolArb.map((p) => ({ ...p, noReuse: true, max: p.min + 60 * p.step })),
      runs: fc.array(
        fc.array(fc.tuple(fc.constantFrom(...NAMES), fc.subarray(HOSTS, { minLength: 1, maxLength: 2 })), {
          maxLength: 8,
        }),
        { minLength: 20, maxLength: 20 },
      ),
    });
    let completedRuns = 0;
    fc.assert(
      fc.property(sequence, ({ pool, runs }) => {
        const pools = nullProto({ p: pool });
        let state: IdAssignmentState | undefined;
        // scope key (the pool, or pool@host) -> id -> the consumer it was first handed to
        const owner = new Map<string, Map<number, string>>();
        const retiredEver = new Map<string, Set<number>>();
        const keyOf = (host: string | null) => (pool.scope === 'global' || host === null ? 'p' : `p@${host}`);
        for (const spec of runs) {
          const seen = new Set<string>();
          const consumers: IdConsumer[] = [];
          for (const [name, hosts] of spec) {
            if (seen.has(name)) continue;
            seen.add(name);
            consumers.push({ name, needs: ['p'], hosts });
          }
          let result;
          try {
            result = assignIds({ pools, consumers, placementsKnown: true, previous: state });
          } catch (error) {
            if (error instanceof PoolExhaustedError) return; // the pool ran dry: the sequence ends
            throw error;
          }
          completedRuns++;
          state = result.state;
          checkInvariants(pools, consumers, state);
          for (const x of consumers) {
            const id = state.ids.p[x.name];
            for (const host of pool.scope === 'global' ? [null] : x.hosts!) {
              const key = keyOf(host);
              // Never handed to another consumer in the same scope ...
              const first = owner.get(key) ?? owner.set(key, new Map()).get(key)!;
              if (!first.has(id)) first.set(id, x.name);
              check(first.get(id) === x.name, () => `${key}: ${id} went from ${first.get(id)} to ${x.name}`);
              // ... and never again once retired there (or everywhere).
              const retired = retiredEver.get(key)?.has(id) || retiredEver.get('p')?.has(id);
              check(!retired, () => `${key}: retired ${id} came back for ${x.name}`);
            }
          }
          const note = (key: string, ranges: readonly { min: number; max: number }[]) => {
            const set = retiredEver.get(key) ?? retiredEver.set(key, new Set()).get(key)!;
            for (const r of ranges) for (let id = r.min; id <= r.max; id++) set.add(id);
          };
          if (state.retired?.p) note('p', state.retired.p);
          for (const host of Object.keys(state.retiredPerHost ?? {}))
            note(`p@${host}`, state.retiredPerHost![host].p ?? []);
        }
      }),
      RUNS,
    );
    expect(completedRuns).toBeGreaterThan(5000);
  });
});
