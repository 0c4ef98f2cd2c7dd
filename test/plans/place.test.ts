/**
 * planPlace at the plans seam, on in-memory models: the invariants (candidates, capacities,
 * spread) checked by checkPlacement, errors naming the file, service and property, infeasible
 * models naming the cause and numbers, migrations, and user names that are not identifiers.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ModelError } from '../../models/errors.js';
import type { DistributionModel, InfrastructureModel, ServicesModel, Value } from '../../models/types.js';
import { PlanningError } from '../../src/errors.js';
import { checkPlacement } from '../../src/plans/place-check.js';
import { defaultWorkBudget, programmeColumns, solvePlacement } from '../../algorithms/placement/index.js';
import { placeProblem, planPlace, type PlaceModels, type PlacePlanOptions } from '../../src/plans/place.js';
import { parseResourcePairs } from '../../src/plans/resources.js';
import { generateInstance } from '../../bench/placement-instances.js';

interface ServiceSpec {
  mem?: number;
  cpu?: number;
  dependsOn?: string[];
  connectsTo?: string[];
  group?: string;
  properties?: Record<string, Value>;
}

function servicesOf(specs: Record<string, ServiceSpec>): ServicesModel {
  const model: ServicesModel = Object.create(null) as ServicesModel;
  for (const [name, spec] of Object.entries(specs)) {
    const properties: Record<string, Value> = { ...spec.properties };
    if (spec.mem !== undefined) properties.requireMem = spec.mem;
    if (spec.cpu !== undefined) properties.requireCpu = spec.cpu;
    if (spec.group !== undefined) properties.spreadGroup = spec.group;
    model[name] = {
      name,
      dependsOn: spec.dependsOn ?? [],
      connectsTo: spec.connectsTo ?? [],
      group: '',
      properties,
    };
  }
  return model;
}

function targetsOf(specs: Record<string, { mem?: number; cpu?: number }>): InfrastructureModel {
  const model: InfrastructureModel = Object.create(null) as InfrastructureModel;
  for (const [name, spec] of Object.entries(specs)) {
    const properties: Record<string, Value> = {};
    if (spec.mem !== undefined) properties.mem = spec.mem;
    if (spec.cpu !== undefined) properties.cpu = spec.cpu;
    model[name] = { name, properties, containers: {} };
  }
  return model;
}

const MEM = parseResourcePairs(['requireMem:mem']);
const BOTH = parseResourcePairs(['requireMem:mem', 'requireCpu:cpu']);

/** The web stack of examples/placement, in memory. */
function webStack(): ServicesModel {
  return servicesOf({
    'frontend-a': { mem: 1024, cpu: 1, dependsOn: ['api-a'], group: 'frontend' },
    'frontend-b': { mem: 1024, cpu: 1, dependsOn: ['api-b'], group: 'frontend' },
    'api-a': {
      mem: 2048,
      cpu: 2,
      dependsOn: ['db-primary', 'cache'],
      group: 'api',
      properties: { linkWeights: { 'db-primary': 10 } },
    },
    'api-b': {
      mem: 2048,
      cpu: 2,
      dependsOn: ['db-primary', 'cache'],
      group: 'api',
      properties: { linkWeights: { 'db-primary': 10 } },
    },
    'db-primary': { mem: 6144, cpu: 4, group: 'db' },
    'db-replica': {
      mem: 6144,
      cpu: 4,
      dependsOn: ['db-primary'],
      group: 'db',
      properties: { linkWeights: { 'db-primary': 5 } },
    },
    cache: { mem: 1024, cpu: 1 },
    queue: { mem: 1024, cpu: 1 },
    worker: { mem: 2048, cpu: 2, dependsOn: ['db-primary', 'queue'] },
  });
}

const machines = (names: string[]) =>
  targetsOf(
    Object.fromEntries(
      names.map((t) => [t, t.startsWith('data') ? { mem: 8192, cpu: 8 } : { mem: 4096, cpu: 4 }]),
    ),
  );

const ALL = ['web1', 'web2', 'web3', 'data1', 'data2'];
const WEB_OPTIONS: PlacePlanOptions = {
  resources: BOTH,
  spreadProperty: 'spreadGroup',
  linkWeightProperty: 'linkWeights',
};

async function planned(models: PlaceModels, options: PlacePlanOptions) {
  const result = await planPlace(models, options);
  const check = checkPlacement(models, result.distribution, options);
  expect(check.violations).toEqual([]);
  expect(result.objective).toBeCloseTo(check.objective, 9);
  expect(result.counts.crossingLinks).toBe(check.crossingLinks);
  expect(result.moved).toHaveLength(check.moved);
  expect(result.lowerBound).toBeLessThanOrEqual(result.objective + 1e-9);
  return result;
}

describe('planPlace: the web stack', () => {
  it('places every service within memory, CPU and spread groups, with the optimal weighted cut', async () => {
    const models = { services: webStack(), infrastructure: machines(ALL) };
    const result = await planned(models, WEB_OPTIONS);
    // 18 is the optimum (proven by the MIP below).
    expect(result.objective).toBe(18);
    expect(result.counts).toMatchObject({ services: 9, targets: 5, links: 9, resources: 2, spreadGroups: 3 });
    expect(result.summary).toMatch(
      /^place: 5 of 9 links cross targets \(weight 18\); objective 18; lower bound \d+/,
    );
    expect(result.usage.map((u) => u.overloaded)).toEqual([false, false, false, false, false]);
  });

  it('--exact proves the optimum', async () => {
    const models = { services: webStack(), infrastructure: machines(ALL) };
    const result = await planned(models, { ...WEB_OPTIONS, exact: true });
    expect(result).toMatchObject({
      objective: 18,
      lowerBound: 18,
      optimal: true,
      method: 'exact MIP (HiGHS)',
    });
    expect(result.summary).toBe(
      'place: 5 of 9 links cross targets (weight 18); objective 18; lower bound 18 (optimal)',
    );
  });

  it('keeps candidates: each service on one of its candidate mappings, containers kept', async () => {
    const web = ['web1', 'web2', 'web3'].map((target) => ({ target, container: 'process' }));
    const data = ['data1', 'data2'].map((target) => ({ target }));
    const distribution: DistributionModel = Object.create(null) as DistributionModel;
    for (const name of Object.keys(webStack()))
      distribution[name] = name.startsWith('db') ? data : [...web, ...data];
    const models = { services: webStack(), infrastructure: machines(ALL), distribution };
    const result = await planned(models, WEB_OPTIONS);
    for (const name of ['frontend-a', 'api-a', 'cache'])
      if (result.distribution[name][0].target.startsWith('web'))
        expect(result.distribution[name][0].container).toBe('process');
    expect(result.distribution['db-primary'][0].target).toMatch(/^data/);
  });

  it('after web3 leaves, with a high migration cost only the services of web3 move', async () => {
    const previousDistribution: DistributionModel = {
      'frontend-a': [{ target: 'web1' }],
      'frontend-b': [{ target: 'web3' }],
      'api-a': [{ target: 'web1' }],
      'api-b': [{ target: 'web3' }],
      cache: [{ target: 'web2' }],
      queue: [{ target: 'web2' }],
      worker: [{ target: 'web2' }],
      'db-primary': [{ target: 'data1' }],
      'db-replica': [{ target: 'data2' }],
    };
    const models = {
      services: webStack(),
      infrastructure: machines(ALL.filter((t) => t !== 'web3')),
      previousDistribution,
    };
    const high = await planned(models, { ...WEB_OPTIONS, migrationCost: 1000 });
    expect(high.moved.sort()).toEqual(['api-b', 'frontend-b']);
    expect(high.counts).toMatchObject({ moved: 2, displaced: 2, moveCost: 2000 });
    for (const name of Object.keys(previousDistribution))
      if (!high.moved.includes(name)) expect(high.distribution[name]).toEqual(previousDistribution[name]);
    expect(high.summary).toContain('2 services moved (cost 2000)');
    // Displaced services must move whatever the cost: the bound counts them.
    expect(high.lowerBound).toBeGreaterThanOrEqual(2000);

    // With no migration cost the plan is free to move more, and is never worse in links.
    const free = await planned(models, { ...WEB_OPTIONS, migrationCost: 0 });
    expect(free.counts.crossingWeight).toBeLessThanOrEqual(high.counts.crossingWeight);
  });

  it('takes the migration cost from a service property (1 without it)', async () => {
    const services = webStack();
    services['db-primary'].properties.migrationCost = 500;
    const previousDistribution: DistributionModel = {
      'db-primary': [{ target: 'gone' }],
      cache: [{ target: 'gone' }],
    };
    const models = { services, infrastructure: machines(ALL), previousDistribution };
    const result = await planned(models, { ...WEB_OPTIONS, migrationCost: { property: 'migrationCost' } });
    expect(result.counts.moveCost).toBe(501);
    expect(result.moved.sort()).toEqual(['cache', 'db-primary']);
  });
});

describe('planPlace: small programmes are solved exactly after the search', () => {
  it('a generated 30 x 3 model with two candidates each: the MIP closes what the search leaves', async () => {
    const generated = generateInstance({
      kind: 'layered',
      services: 30,
      targets: 3,
      resources: 1,
      utilisation: 0.9,
      spread: true,
      candidates: 2,
      seed: 1,
    });
    const models = {
      services: generated.services,
      infrastructure: generated.infrastructure,
      distribution: generated.distribution,
    };
    const options: PlacePlanOptions = { resources: MEM, spreadProperty: 'spreadGroup' };
    const alone = await planned(models, { ...options, autoExact: false });
    const result = await planned(models, options);
    expect(result).toMatchObject({ objective: 21, lowerBound: 21, optimal: true, boundKind: 'MIP' });
    expect(alone.objective).toBeGreaterThanOrEqual(21);
    expect(result.method).toBe(
      alone.objective > 21 ? 'multilevel search, then MIP (HiGHS)' : 'multilevel search',
    );
  });
});

describe('the search restarts once stalled', () => {
  it('a tight 40 x 4 model (95 %, memory and CPU, spread): fresh starts find a better plan', () => {
    const generated = generateInstance({
      kind: 'layered',
      services: 40,
      targets: 4,
      resources: 2,
      utilisation: 0.95,
      spread: true,
      candidates: 0,
      seed: 1,
    });
    const { instance } = placeProblem(
      { services: generated.services, infrastructure: generated.infrastructure },
      { resources: parseResourcePairs(['requireMem:mem', 'requireCpu:cpu']), spreadProperty: 'spreadGroup' },
    );
    const stopped = solvePlacement(instance, { restarts: false });
    const restarted = solvePlacement(instance);
    expect(stopped).toMatchObject({ feasible: true, cost: 18, restarts: 0 });
    // The optimum is 16 (HiGHS proves it in about 20 s).
    expect(restarted).toMatchObject({ feasible: true, cost: 17 });
    expect(restarted.restarts).toBeGreaterThan(0);
    expect(restarted.work).toBeGreaterThan(stopped.work);
  });

  it('small models without candidates (101-1,200 columns) get five times the budget and 40 fresh starts, then a tabu search', async () => {
    const generated = generateInstance({
      kind: 'scalefree',
      services: 40,
      targets: 4,
      resources: 2,
      utilisation: 0.95,
      spread: true,
      candidates: 0,
      seed: 1,
    });
    const models = { services: generated.services, infrastructure: generated.infrastructure };
    const options: PlacePlanOptions = {
      resources: parseResourcePairs(['requireMem:mem', 'requireCpu:cpu']),
      spreadProperty: 'spreadGroup',
      bound: 'combinatorial',
    };
    const { instance } = placeProblem(models, options);
    expect(programmeColumns(instance)).toBe(468);
    const plain = await planned(models, { ...options, workBudget: defaultWorkBudget(instance), tabu: false });
    const larger = await planned(models, { ...options, tabu: false });
    const tabu = await planned(models, options);
    // The optimum is 25 (HiGHS proves it in about 25 s).
    expect(plain.objective).toBe(28);
    expect(larger.objective).toBe(26);
    expect(larger.counts.work).toBeGreaterThan(4 * defaultWorkBudget(instance));
    expect(larger.method).toBe('multilevel search');
    expect(tabu.objective).toBe(25);
    expect(tabu.method).toBe('multilevel search, then tabu search');
    expect(tabu.counts.work).toBeGreaterThan(larger.counts.work + 4 * defaultWorkBudget(instance));
  });
});

describe('planPlace: errors name the file, the service or target and the property', () => {
  const sources = { services: 'services.nix', infrastructure: 'infrastructure.nix' };
  const models = () => ({
    services: servicesOf({ a: { mem: 1, dependsOn: ['b'] }, b: { mem: 2 } }),
    infrastructure: targetsOf({ t1: { mem: 4 }, t2: { mem: 4 } }),
  });

  it('a service without the demand property', async () => {
    const m = models();
    delete m.services.b.properties.requireMem;
    const run = planPlace(m, { resources: MEM, sources });
    await expect(run).rejects.toThrow(ModelError);
    await expect(run).rejects.toThrow(/^services\.nix: b\.requireMem: missing; --resource requireMem/);
    const zero = await planPlace(m, { resources: MEM, sources, missingDemand: 'zero' });
    expect(zero.objective).toBe(0);
  });

  it('a target without the capacity property', async () => {
    const m = models();
    delete m.infrastructure.t2.properties.mem;
    await expect(planPlace(m, { resources: MEM, sources })).rejects.toThrow(
      /^infrastructure\.nix: t2\.properties\.mem: missing/,
    );
  });

  it('a demand that is not a number', async () => {
    const m = models();
    m.services.a.properties.requireMem = 'lots';
    await expect(planPlace(m, { resources: MEM, sources })).rejects.toThrow(
      /^services\.nix: a\.requireMem: /,
    );
  });

  it('a link weight property that is not an attribute set, and a negative link weight', async () => {
    const m = models();
    m.services.a.properties.w = 3;
    await expect(planPlace(m, { resources: MEM, sources, linkWeightProperty: 'w' })).rejects.toThrow(
      'services.nix: a.w: expected an attribute set of link weights by dependency name',
    );
    m.services.a.properties.w = { b: -1 };
    await expect(planPlace(m, { resources: MEM, sources, linkWeightProperty: 'w' })).rejects.toThrow(
      'services.nix: a.w.b: expected a link weight >= 0',
    );
  });

  it('a spread property that is not a string', async () => {
    const m = models();
    m.services.a.properties.spread = ['x'];
    await expect(planPlace(m, { resources: MEM, sources, spreadProperty: 'spread' })).rejects.toThrow(
      'services.nix: a.spread: expected a string naming the spread group',
    );
  });
});

describe('planPlace: infeasible models exit with the cause and the numbers', () => {
  const infeasible = async (models: PlaceModels, options: PlacePlanOptions, message: string) => {
    const run = planPlace(models, options);
    await expect(run).rejects.toThrow(PlanningError);
    await expect(run).rejects.toThrow(message);
  };

  it('total demand above total capacity', async () => {
    await infeasible(
      {
        services: servicesOf({ a: { mem: 3 }, b: { mem: 3 } }),
        infrastructure: targetsOf({ t1: { mem: 2 }, t2: { mem: 3 } }),
      },
      { resources: MEM },
      'place: infeasible: the services need 6 requireMem in total, the targets offer 5 mem (--resource requireMem:mem)',
    );
  });

  it('a service that fits on no candidate', async () => {
    await infeasible(
      {
        services: servicesOf({ a: { mem: 1 }, big: { mem: 5 } }),
        infrastructure: targetsOf({ t1: { mem: 4 }, t2: { mem: 4 } }),
      },
      { resources: MEM },
      'place: infeasible: service "big" needs 5 requireMem, the most mem any of its candidate targets has is 4',
    );
  });

  it('a spread group larger than its targets', async () => {
    await infeasible(
      {
        services: servicesOf({
          a: { mem: 1, group: 'g' },
          b: { mem: 1, group: 'g' },
          c: { mem: 1, group: 'g' },
        }),
        infrastructure: targetsOf({ t1: { mem: 4 }, t2: { mem: 4 } }),
      },
      { resources: MEM, spreadProperty: 'spreadGroup' },
      'place: infeasible: spread group "g" has 3 services ("a", "b", "c") but they can be spread over only 2 targets',
    );
  });

  it('services that cannot be packed (found by the exact solve of small programmes)', async () => {
    await infeasible(
      {
        services: servicesOf({ a: { mem: 3 }, b: { mem: 3 }, c: { mem: 3 } }),
        infrastructure: targetsOf({ t1: { mem: 4.5 }, t2: { mem: 4.5 } }),
      },
      { resources: MEM },
      'place: infeasible: no placement meets every capacity, spread group and candidate list (proven by the integer programme, HiGHS)',
    );
  });

  it('no target at all', async () => {
    await infeasible(
      { services: servicesOf({ a: { mem: 1 } }), infrastructure: targetsOf({}) },
      { resources: MEM },
      'place: infeasible: there is no target to place the services on',
    );
  });
});

describe('planPlace: names are data', () => {
  // Any string: `__proto__` as a service, a target and a spread group (a property value).
  const awkward = [
    '__proto__',
    'toString',
    'valueOf',
    'constructor',
    'ünïcödé "quoted"',
    'x'.repeat(300),
    'a:b',
  ];
  it('services, targets and spread groups with any name', async () => {
    const specs: Record<string, ServiceSpec> = Object.create(null) as Record<string, ServiceSpec>;
    awkward.forEach((name, i) => {
      specs[name] = {
        mem: 1,
        dependsOn: i > 0 ? [awkward[i - 1]] : [],
        group: i < 2 ? '__proto__' : undefined,
      };
    });
    const targets: Record<string, { mem: number }> = Object.create(null) as Record<string, { mem: number }>;
    for (const name of ['hasOwnProperty', '__proto__', 'ターゲット']) targets[name] = { mem: 3 };
    const models = { services: servicesOf(specs), infrastructure: targetsOf(targets) };
    const result = await planned(models, { resources: MEM, spreadProperty: 'spreadGroup' });
    expect(Object.keys(result.distribution).sort()).toEqual([...awkward].sort());
  });
});

describe('planPlace: random models (fast-check)', () => {
  it('every plan passes the independent check, and the same models give the same plan', async () => {
    const model = fc
      .record({
        services: fc.integer({ min: 1, max: 14 }),
        targets: fc.integer({ min: 1, max: 4 }),
        seed: fc.nat(),
      })
      .map(({ services, targets, seed }) => {
        let state = seed;
        const random = () => (state = (state * 1103515245 + 12345) >>> 0) / 2 ** 32;
        const specs: Record<string, ServiceSpec> = {};
        for (let i = 0; i < services; i++)
          specs[`s${i}`] = {
            mem: 1 + Math.floor(random() * 4),
            cpu: Math.floor(random() * 3),
            dependsOn: i > 0 && random() < 0.8 ? [`s${Math.floor(random() * i)}`] : [],
            connectsTo: i > 1 && random() < 0.3 ? [`s${Math.floor(random() * i)}`] : [],
            group: random() < 0.3 ? `g${Math.floor(random() * 2)}` : undefined,
          };
        const infra: Record<string, { mem: number; cpu: number }> = {};
        for (let j = 0; j < targets; j++)
          infra[`t${j}`] = { mem: 4 + Math.floor(random() * 8), cpu: 2 + Math.floor(random() * 6) };
        const previousDistribution: DistributionModel = {};
        for (let i = 0; i < services; i++)
          if (random() < 0.5)
            previousDistribution[`s${i}`] = [{ target: `t${Math.floor(random() * (targets + 1))}` }];
        return { services: servicesOf(specs), infrastructure: targetsOf(infra), previousDistribution };
      });
    await fc.assert(
      fc.asyncProperty(model, async (models) => {
        const options: PlacePlanOptions = {
          resources: BOTH,
          spreadProperty: 'spreadGroup',
          migrationCost: 2,
        };
        let result;
        try {
          result = await planned(models, options);
        } catch (error) {
          if (error instanceof PlanningError) return;
          throw error;
        }
        const again = await planPlace(models, options);
        expect(again.distribution).toEqual(result.distribution);
      }),
      { seed: 14, numRuns: 60 },
    );
  });
});
