/** The ID assignment planner at the plans seam (docs/compatibility.md §7.7). */
import { describe, expect, it } from 'vitest';
import { loadModels } from '../../models/load.js';
import { ModelError } from '../../models/errors.js';
import { planIds } from '../../src/plans/ids.js';
import { J } from './helpers.js';

const load = (services: string, distribution: string, resources: string) =>
  loadModels({
    services: `${J}/${services}.json`,
    infrastructure: `${J}/infrastructure.json`,
    distribution: `${J}/${distribution}.json`,
    idResources: `${J}/${resources}.json`,
  });

describe('planIds', () => {
  it('assigns, keeps on a rerun, and counts what changed', async () => {
    const first = planIds(await load('services-with-ids', 'distribution', 'idresources-global'));
    expect(first.ids.ids.ports).toEqual({ testService1: 3000, testService2: 3001, testService3: 3002 });
    expect(first.counts).toEqual({ kept: 0, added: 3, removed: 0 });

    const rerun = planIds({
      ...(await load('services-with-ids', 'distribution', 'idresources-global')),
      ids: first.ids,
    });
    expect(rerun.ids).toEqual(first.ids);
    expect(rerun.counts).toEqual({ kept: 3, added: 0, removed: 0 });

    const dropped = planIds({
      ...(await load('services-with-ids2', 'distribution2', 'idresources-global')),
      ids: first.ids,
    });
    expect(dropped.ids.ids.ports).toEqual({ testService2: 3001, testService3: 3002 });
    expect(dropped.ids.lastAssignments).toEqual({ ports: 3002 });
    expect(dropped.counts).toEqual({ kept: 2, added: 0, removed: 1 });
  });

  it('names the pool that is exhausted', async () => {
    const models = await load('services-with-ids', 'distribution', 'idresources-global-small');
    expect(() => planIds(models, { sources: { idResources: 'small.json' } })).toThrow(
      new ModelError(
        'small.json',
        'ports',
        'the pool is exhausted: all 2 IDs reachable with its step are in use',
      ),
    );
  });

  it('refuses machine scope without a distribution', async () => {
    const { services, idResources } = await load('services-with-ids', 'distribution', 'idresources-machine');
    expect(() => planIds({ services, idResources }, { sources: { idResources: 'machine.json' } })).toThrow(
      new ModelError(
        'machine.json',
        'ports.scope',
        'scope "machine" needs a distribution model (-d) to know which services share a machine',
      ),
    );
  });
});
