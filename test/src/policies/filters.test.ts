/**
 * The reference filters (docs/compatibility.md §6.1): each one on small models with the results
 * and errors dyplan promises (bug 29 fixed: verbose previous distributions, a machine that has
 * gone, round robin on an empty list), and the JavaScript filters (YAML and JS policies) agreeing
 * with the Nix ones (Nix policies) on random models, in one nix-instantiate run.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeInfrastructure, normalizeServices } from '../../../models/normalize.js';
import { MODELS_NIX_DIR } from '../../../models/nix-eval.js';
import { referenceFilters, type Filters } from '../../../src/policies/filters.js';
import { GENDIST_NIX } from '../../../src/policies/nix-policy.js';
import { itNix } from '../../helpers/cli.js';

type Attrs = Record<string, unknown>;

function filtersFor(services: Attrs, infrastructure: Attrs, where = 'policy.yaml: steps[0]'): Filters {
  return referenceFilters({
    base: {
      services: normalizeServices(services, 'services'),
      infrastructure: normalizeInfrastructure(infrastructure, 'infrastructure'),
      sources: { services: 'services', infrastructure: 'infrastructure' },
    },
    baseValues: { services, infrastructure },
    where: () => where,
    onStep: () => undefined,
  });
}

const services: Attrs = {
  a: { name: 'a', type: 'process', zone: 'US', zones: ['US', 'Asia'], stateful: true },
  b: { name: 'b', type: 'mysql-database', zone: 'EU', zones: ['EU'], dependsOn: ['a'] },
  c: { name: 'c', type: 'process', zone: 'EU', zones: ['US', 'EU'] },
};
const infrastructure: Attrs = {
  t1: { properties: { hostname: 't1', zone: 'US', types: ['process'], priority: 2 } },
  t2: { properties: { hostname: 't2', zone: 'EU', types: ['process', 'mysql-database'], priority: 1 } },
  t3: { properties: { hostname: 't3', zone: 'EU', types: ['mysql-database'], priority: 3 } },
};
const every = { a: ['t1', 't2', 't3'], b: ['t1', 't2', 't3'], c: ['t1', 't2', 't3'] };
const f = filtersFor(services, infrastructure);
const base = { services, infrastructure, distribution: every };

describe('the pure filters', () => {
  it('mapAttrOnAttr keeps the targets whose property equals the service one', () => {
    expect(f.mapAttrOnAttr({ ...base, serviceProperty: 'zone', targetProperty: 'zone' })).toEqual({
      a: ['t1'],
      b: ['t2', 't3'],
      c: ['t2', 't3'],
    });
  });

  it('mapAttrOnList keeps the targets whose list holds the service property', () => {
    expect(f.mapAttrOnList({ ...base, serviceProperty: 'type', targetPropertyList: 'types' })).toEqual({
      a: ['t1', 't2'],
      b: ['t2', 't3'],
      c: ['t1', 't2'],
    });
  });

  it('mapListOnAttr keeps the targets whose property is in the service list, containers kept', () => {
    const distribution = { ...every, a: [{ target: 't3', container: 'x' }, 't1'] };
    expect(
      f.mapListOnAttr({ ...base, distribution, servicePropertyList: 'zones', targetProperty: 'zone' }),
    ).toEqual({ a: ['t1'], b: ['t2', 't3'], c: ['t1', 't2', 't3'] });
    const europe = { ...every, c: [{ target: 't3', container: 'x' }] };
    expect(
      (
        f.mapListOnAttr({
          ...base,
          distribution: europe,
          servicePropertyList: 'zones',
          targetProperty: 'zone',
        }) as Attrs
      ).c,
    ).toEqual([{ target: 't3', container: 'x' }]);
  });

  it('order sorts by a target property, stable', () => {
    expect(f.order({ infrastructure, distribution: every, targetProperty: 'priority' })).toEqual({
      a: ['t2', 't1', 't3'],
      b: ['t2', 't1', 't3'],
      c: ['t2', 't1', 't3'],
    });
    const same = { t1: { properties: { p: 1 } }, t2: { properties: { p: 1 } } };
    expect(
      filtersFor(services, same).order({
        infrastructure: same,
        distribution: { a: ['t2', 't1'] },
        targetProperty: 'p',
      }),
    ).toEqual({ a: ['t2', 't1'] });
  });

  it('mapStatefulToPrevious keeps a stateful service where it was (verbose previous too, bug 29)', () => {
    const previous = { a: [{ target: 't2', container: 'process' }], b: ['t3'] };
    expect(
      f.mapStatefulToPrevious({ services, distribution: every, previousDistribution: previous }),
    ).toEqual({
      a: ['t2'],
      b: every.b,
      c: every.c,
    });
    expect(f.mapStatefulToPrevious({ services, distribution: every, previousDistribution: null })).toBe(
      every,
    );
  });

  it('mapBoundServicesToPrevious: previous targets that are still candidates, else the candidates (bug 29)', () => {
    const previous = { a: ['t2'], b: ['gone'], old: ['t1'] };
    expect(
      f.mapBoundServicesToPrevious({ services, distribution: every, previousDistribution: previous }),
    ).toEqual({
      a: ['t2'],
      b: every.b,
      c: every.c,
    });
  });

  it('createCartesianProduct: every service on every target, sorted', () => {
    expect(f.createCartesianProduct({ services, infrastructure })).toEqual(every);
  });

  it('errors name the step, the filter and what is wrong', () => {
    expect(() => f.mapAttrOnAttr({ ...base, serviceProperty: 'nope', targetProperty: 'zone' })).toThrow(
      'policy.yaml: steps[0]: filters.mapAttrOnAttr: service "a" has no attribute nope',
    );
    expect(() => f.mapAttrOnList({ ...base, serviceProperty: 'type', targetPropertyList: 'zone' })).toThrow(
      'filters.mapAttrOnList: targetPropertyList: properties.zone of target "t1" is the string "US", expected a list',
    );
    expect(() =>
      f.mapAttrOnAttr({
        ...base,
        distribution: { a: ['t9'] },
        serviceProperty: 'zone',
        targetProperty: 'zone',
      }),
    ).toThrow('the distribution names target "t9", which is not in infrastructure');
    expect(() => f.mapAttrOnAttr({ ...base, serviceProperty: 'zone' })).toThrow(
      "filters.mapAttrOnAttr: called without required argument 'targetProperty'",
    );
    expect(() => f.order({ infrastructure, distribution: every, targetProperty: 'priority', x: 1 })).toThrow(
      "called with unexpected argument 'x'",
    );
  });

  it('any string is a service or target name', () => {
    const odd = { ['__proto__']: { name: '__proto__', t: 'x' }, toString: { name: 'toString', t: 'y' } };
    const infra = { constructor: { properties: { t: 'x' } }, hasOwnProperty: { properties: { t: 'y' } } };
    const distribution = JSON.parse(
      '{"__proto__": ["constructor", "hasOwnProperty"], "toString": ["constructor", "hasOwnProperty"]}',
    );
    const result = filtersFor(JSON.parse(JSON.stringify(odd)), infra).mapAttrOnAttr({
      services: JSON.parse(
        '{"__proto__": {"name": "__proto__", "t": "x"}, "toString": {"name": "toString", "t": "y"}}',
      ),
      infrastructure: infra,
      distribution,
      serviceProperty: 't',
      targetProperty: 't',
    }) as Record<string, string[]>;
    expect(Object.keys(result).sort()).toEqual(['__proto__', 'toString']);
    expect(result['__proto__']).toEqual(['constructor']);
    expect(result.toString).toEqual(['hasOwnProperty']);
  });
});

describe('the algorithm filters', () => {
  it('divideRoundRobin runs the round-robin plan; an empty list is an error naming the service (bug 29)', async () => {
    expect(await f.divideRoundRobin({ distribution: every })).toEqual({ a: ['t1'], b: ['t2'], c: ['t3'] });
    await expect(f.divideRoundRobin({ distribution: { ...every, b: [] } })).rejects.toThrow(
      'policy.yaml: steps[0]: filters.divideRoundRobin: service "b" has no candidate target left',
    );
  });

  it('graphcol keeps earlier filtering (bug 30)', async () => {
    const restricted = { a: ['t3'], b: ['t1', 't2'] };
    const result = (await f.graphcol({ services, infrastructure, distribution: restricted })) as Attrs;
    expect(result).toEqual({ a: ['t3'], b: ['t1'] });
  });

  it('a wrong argument names the step and the field', async () => {
    await expect(
      f.divide({ ...base, strategy: 'fair', serviceProperty: 'm', targetProperty: 'm' }) as Promise<unknown>,
    ).rejects.toThrow('policy.yaml: steps[0]: filters.divide: strategy: expected one of "greedy"');
  });
});

// --- The JavaScript filters agree with the Nix ones ---------------------------------------------

const ZONES = ['US', 'EU', 'Asia'];
const TYPES = ['process', 'db', 'web'];

const caseArbitrary = fc
  .record({
    serviceCount: fc.integer({ min: 1, max: 5 }),
    targetCount: fc.integer({ min: 1, max: 4 }),
    seedPicks: fc.array(fc.nat(1000), { minLength: 80, maxLength: 80 }),
  })
  .map(({ serviceCount, targetCount, seedPicks }) => {
    let k = 0;
    const pick = (n: number) => seedPicks[k++ % seedPicks.length] % n;
    const targets = Array.from({ length: targetCount }, (_, i) => `t${i}`);
    const infra: Attrs = {};
    for (const t of targets)
      infra[t] = {
        properties: {
          zone: ZONES[pick(3)],
          types: TYPES.filter(() => pick(2) === 0),
          priority: pick(3),
        },
      };
    const svcs: Attrs = {};
    const distribution: Attrs = {};
    const previous: Attrs = {};
    for (let i = 0; i < serviceCount; i++) {
      const name = `s${i}`;
      svcs[name] = {
        name,
        type: TYPES[pick(3)],
        zone: ZONES[pick(3)],
        zones: ZONES.filter(() => pick(2) === 0),
        stateful: pick(2) === 0,
      };
      // Every target (the cartesian case), or a shuffled subset, some with containers.
      distribution[name] =
        pick(3) === 0
          ? [...targets]
          : targets
              .filter(() => pick(3) > 0)
              .sort(() => pick(3) - 1)
              .map((t) => (pick(4) === 0 ? { target: t, container: 'c' } : t));
      if (pick(2) === 0)
        previous[name] = [pick(2) === 0 ? targets[pick(targetCount)] : { target: 'gone', container: 'c' }];
    }
    return { services: svcs, infrastructure: infra, distribution, previous };
  });

const PURE_CALLS: {
  filter: string;
  args: (c: { services: Attrs; infrastructure: Attrs; distribution: Attrs; previous: Attrs }) => Attrs;
}[] = [
  {
    filter: 'mapAttrOnAttr',
    args: (c) => ({
      services: c.services,
      infrastructure: c.infrastructure,
      distribution: c.distribution,
      serviceProperty: 'zone',
      targetProperty: 'zone',
    }),
  },
  {
    filter: 'mapAttrOnList',
    args: (c) => ({
      services: c.services,
      infrastructure: c.infrastructure,
      distribution: c.distribution,
      serviceProperty: 'type',
      targetPropertyList: 'types',
    }),
  },
  {
    filter: 'mapListOnAttr',
    args: (c) => ({
      services: c.services,
      infrastructure: c.infrastructure,
      distribution: c.distribution,
      servicePropertyList: 'zones',
      targetProperty: 'zone',
    }),
  },
  {
    filter: 'order',
    args: (c) => ({
      infrastructure: c.infrastructure,
      distribution: c.distribution,
      targetProperty: 'priority',
    }),
  },
  {
    filter: 'mapStatefulToPrevious',
    args: (c) => ({ services: c.services, distribution: c.distribution, previousDistribution: c.previous }),
  },
  {
    filter: 'mapBoundServicesToPrevious',
    args: (c) => ({ services: c.services, distribution: c.distribution, previousDistribution: c.previous }),
  },
  {
    filter: 'createCartesianProduct',
    args: (c) => ({ services: c.services, infrastructure: c.infrastructure }),
  },
];

describe('the JavaScript filters and the Nix filters agree', () => {
  itNix('on 60 random models, every pure filter and round robin (one nix-instantiate)', async () => {
    const cases = fc.sample(caseArbitrary, { numRuns: 60, seed: 20240901 });
    const calls: { filter: string; args: Attrs }[] = [];
    const expected: unknown[] = [];
    for (const c of cases) {
      const js = filtersFor(c.services, c.infrastructure);
      for (const call of PURE_CALLS) {
        const args = call.args(c);
        calls.push({ filter: call.filter, args });
        expected.push(JSON.parse(JSON.stringify(js[call.filter](args))));
      }
      // Round robin needs a candidate per service.
      const nonEmpty = Object.fromEntries(
        Object.entries(c.distribution).map(([s, list]) => [s, (list as unknown[]).length ? list : ['t0']]),
      );
      calls.push({ filter: 'divideRoundRobin', args: { distribution: nonEmpty } });
      expected.push(JSON.parse(JSON.stringify(await js.divideRoundRobin({ distribution: nonEmpty }))));
    }
    const dir = mkdtempSync(join(tmpdir(), 'dyplan-filters-'));
    const file = join(dir, 'calls.json');
    writeFileSync(file, JSON.stringify(calls));
    const expression = `
      let
        lib = import ${MODELS_NIX_DIR}/lib.nix;
        filters = import ${join(GENDIST_NIX, '..', 'filters.nix')} {
          inherit lib;
          request = _: _: throw "no algorithm here";
          fail = f: _: m: throw "\${f}: \${m}";
          infeasible = f: _: m: throw "\${f}: \${m}";
        };
      in map (call: filters.\${call.filter} call.args) (builtins.fromJSON (builtins.readFile ${file}))`;
    const run = spawnSync('nix-instantiate', ['--eval', '--strict', '--json', '-E', expression], {
      encoding: 'utf8',
    });
    rmSync(dir, { recursive: true, force: true });
    expect(run.status, run.stderr).toBe(0);
    const actual = JSON.parse(run.stdout) as unknown[];
    expect(actual).toHaveLength(expected.length);
    actual.forEach((value, i) =>
      expect({ call: calls[i].filter, value }).toEqual({ call: calls[i].filter, value: expected[i] }),
    );
  });
});
