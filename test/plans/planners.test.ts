/**
 * The planners at the plans seam, on the reference's test models (docs/compatibility.md §7):
 * the documented placements, objectives and bounds, and the errors that name the cause.
 */
import { describe, expect, it } from 'vitest';
import { loadModels } from '../../models/load.js';
import { ModelError } from '../../models/errors.js';
import { PlanningError } from '../../src/errors.js';
import { planColouring } from '../../src/plans/colouring.js';
import { planDivide } from '../../src/plans/divide.js';
import { planMultiwayCut } from '../../src/plans/multiway-cut.js';
import { planRoundRobin } from '../../src/plans/round-robin.js';
import { planSetCover } from '../../src/plans/set-cover.js';
import type { DistributionModel, InfrastructureModel, ServicesModel } from '../../models/types.js';
import { readOrLibrary } from '../../bench/orlib.js';
import { benchData } from '../../bench/data-dir.js';
import { EXAMPLES } from '../helpers/cli.js';
import { J, targetsOf, testModels } from './helpers.js';

/** An OR-Library set-cover instance as models: rows are services, columns targets with a `cost`. */
function setCoverModels(file: string) {
  const problem = readOrLibrary(benchData('setcover', file));
  const infrastructure: InfrastructureModel = {};
  const distribution: DistributionModel = {};
  const services: ServicesModel = {};
  problem.sets.forEach((set, j) => {
    infrastructure[`t${j}`] = { name: `t${j}`, properties: { cost: set.cost }, containers: {} };
    for (const i of set.members) (distribution[`s${i}`] ??= []).push({ target: `t${j}` });
  });
  for (const name of Object.keys(distribution))
    services[name] = { name, dependsOn: [], connectsTo: [], group: '', properties: {} };
  return { services, infrastructure, distribution };
}

describe('planDivide (§7.1)', () => {
  const options = (strategy: 'greedy' | 'highest-bidder' | 'lowest-bidder') => ({
    strategy,
    demandProperty: 'requireMem',
    capacityProperty: 'mem',
  });
  it.each([
    ['greedy', { testService1: 'testtarget1', testService2: 'testtarget1', testService3: 'testtarget2' }],
    [
      'highest-bidder',
      { testService1: 'testtarget2', testService2: 'testtarget1', testService3: 'testtarget2' },
    ],
    [
      'lowest-bidder',
      { testService1: 'testtarget1', testService2: 'testtarget1', testService3: 'testtarget2' },
    ],
  ] as const)('%s gives the reference placement', async (strategy, expected) => {
    const result = await planDivide(await testModels(), options(strategy));
    expect(targetsOf(result.distribution)).toEqual(expected);
    expect(result.method).toBe(strategy);
  });

  it('reports the capacity left per target', async () => {
    const result = await planDivide(await testModels(), options('greedy'));
    expect([...result.remaining]).toEqual([
      ['testtarget1', 1],
      ['testtarget2', 393215],
    ]);
    expect(result.summary).toBe(
      'divide (greedy): 3 services placed; mem left: testtarget1 1, testtarget2 393215',
    );
  });

  it('fails naming the service and the numbers when nothing fits', async () => {
    const run = planDivide(await testModels('infrastructure-undercapacity'), options('greedy'));
    await expect(run).rejects.toThrow(PlanningError);
    await expect(run).rejects.toThrow(
      'divide: no candidate target has enough mem left for service "testService1": it needs 262144, the most mem left on a candidate is 1',
    );
  });
});

describe('planSetCover (§7.4)', () => {
  it('--exact says when its time limit stopped it and gives the gap; the default mode needs no clock', async () => {
    const models = setCoverModels('scp54.txt'); // optimum 242; the heuristic does not prove it
    const stopped = await planSetCover(models, { costProperty: 'cost', exact: true, timeLimit: 0.01 });
    expect(stopped.optimal).toBe(false);
    expect(stopped.notes).toEqual([
      'the exact search reached its time limit of 0.01 s, the best cover found is printed',
    ]);
    expect(stopped.boundKind).toBe('dual bound of the integer programme');
    expect(stopped.summary).toMatch(
      /^minsetcover: total cost (\d+) on \d+ of 2000 targets; lower bound (\d+) \(gap [\d.]+ %\); the exact search reached its time limit of 0.01 s, the best cover found is printed$/,
    );
    expect(stopped.objective).toBeGreaterThanOrEqual(242);
    expect(stopped.lowerBound).toBeLessThanOrEqual(242);
    const first = await planSetCover(models, { costProperty: 'cost' });
    const second = await planSetCover(models, { costProperty: 'cost' });
    expect(first.notes).toEqual([]);
    expect([second.objective, second.lowerBound, second.summary]).toEqual([
      first.objective,
      first.lowerBound,
      first.summary,
    ]);
    expect(targetsOf(second.distribution)).toEqual(targetsOf(first.distribution));
  });

  it('covers the cartesian distribution with the cheaper target alone', async () => {
    const result = await planSetCover(await testModels(), { costProperty: 'cost' });
    expect(targetsOf(result.distribution)).toEqual({
      testService1: 'testtarget1',
      testService2: 'testtarget1',
      testService3: 'testtarget1',
    });
    expect(result).toMatchObject({ objective: 100, lowerBound: 100, optimal: true });
  });

  it('after the access filter, needs both targets (the reference test)', async () => {
    const result = await planSetCover(await testModels('infrastructure', 'candidates-access'), {
      costProperty: 'cost',
      algorithm: 'greedy',
    });
    expect(targetsOf(result.distribution)).toEqual({
      testService1: 'testtarget1',
      testService2: 'testtarget1',
      testService3: 'testtarget2',
    });
    expect(result.objective).toBe(300);
  });

  it('names the service that no target can host', async () => {
    const models = await testModels();
    models.distribution.testService2 = [];
    await expect(
      planSetCover(models, { costProperty: 'cost', sources: { distribution: 'cd.json' } }),
    ).rejects.toThrow(
      new ModelError(
        'cd.json',
        'testService2',
        'the service has no candidate target, so no set of targets can host it',
      ),
    );
  });
});

describe('planMultiwayCut (§7.5)', () => {
  it('puts the triangle on one target: no link crosses, proven optimal', async () => {
    const result = await planMultiwayCut(await testModels('infrastructure', 'candidates'));
    expect(targetsOf(result.distribution)).toEqual({
      testService1: 'testtarget1',
      testService2: 'testtarget1',
      testService3: 'testtarget1',
    });
    expect(result).toMatchObject({
      objective: 0,
      lowerBound: 0,
      optimal: true,
      links: 3,
      method: 'alpha-expansion',
    });
    expect(result.summary).toBe('multiwaycut: 0 of 3 links cross targets; lower bound 0 (optimal)');
  });

  it('with S1 and S3 pinned apart, cuts two links and proves it', async () => {
    for (const algorithm of ['alpha-expansion', 'isolating-cuts'] as const) {
      const models = await testModels('infrastructure', 'candidates');
      models.distribution.testService1 = [{ target: 'testtarget1' }];
      models.distribution.testService3 = [{ target: 'testtarget2' }];
      const result = await planMultiwayCut(models, { algorithm });
      expect(result.objective).toBe(2);
      expect(result.lowerBound).toBe(2);
      expect(result.distribution.testService3).toEqual([{ target: 'testtarget2' }]);
    }
  });

  it('names the service without a candidate', async () => {
    const models = await testModels('infrastructure', 'candidates');
    models.distribution.testService1 = [];
    await expect(planMultiwayCut(models, { sources: { distribution: 'cd.json' } })).rejects.toThrow(
      new ModelError('cd.json', 'testService1', 'the service has no candidate target'),
    );
  });
});

describe('planColouring (§7.6)', () => {
  it('gives the triangle three targets, proven by its clique', async () => {
    const { services, infrastructure } = await testModels('infrastructure-3');
    const result = await planColouring({ services, infrastructure });
    expect(targetsOf(result.distribution)).toEqual({
      testService1: 'testtarget1',
      testService2: 'testtarget2',
      testService3: 'testtarget3',
    });
    expect(result).toMatchObject({ objective: 3, lowerBound: 3, optimal: true, boundKind: 'clique of 3' });
  });

  it('fails with two targets, naming how many are needed', async () => {
    const models = await testModels();
    await expect(planColouring(models, { sources: { infrastructure: 'infra.json' } })).rejects.toThrow(
      'graphcol: not enough targets: at least 3 targets needed, 2 available in infra.json',
    );
  });

  it('colours the bipartite visualisation example with two targets', async () => {
    const models = await loadModels({
      services: `${EXAMPLES}/visualize/services.json`,
      infrastructure: `${EXAMPLES}/visualize/infrastructure.json`,
    });
    const result = await planColouring(models);
    expect(result.objective).toBe(2);
    for (const [service, [mapping]] of Object.entries(result.distribution))
      for (const dependency of models.services[service].dependsOn)
        expect(result.distribution[dependency][0].target).not.toBe(mapping.target);
  });
});

describe('planRoundRobin (§7.2)', () => {
  it('rotates relative to the previous choice: S1 t1, S2 t2, S3 t1', async () => {
    const models = await loadModels({ distribution: `${J}/distribution-cartesian.json` });
    const result = await planRoundRobin(models);
    expect(targetsOf(result.distribution)).toEqual({
      testService1: 'testtarget1',
      testService2: 'testtarget2',
      testService3: 'testtarget1',
    });
  });

  it('names a service with no candidate', async () => {
    await expect(
      planRoundRobin(
        { distribution: { a: [{ target: 't' }], b: [] } },
        { sources: { distribution: 'd.json' } },
      ),
    ).rejects.toThrow(new ModelError('d.json', 'b', 'the service has no candidate target'));
  });
});
