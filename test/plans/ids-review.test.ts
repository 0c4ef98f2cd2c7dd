/**
 * The ID planner's new inputs (fixedIds, preferredIds, reserved, noReuse, placement memory) and
 * `--check` / `--diff` at the plans seam, through the real normalisation and writers.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ModelError } from '../../models/errors.js';
import {
  normalizeDistribution,
  normalizeIdResources,
  normalizeIds,
  normalizeServices,
} from '../../models/normalize.js';
import { idsToValue } from '../../models/to-value.js';
import type { IdsModel } from '../../models/types.js';
import { checkIds, diffIds, diffText } from '../../src/plans/ids-review.js';
import { planIds, type IdsPlanModels } from '../../src/plans/ids.js';

const sources = { services: 'services.json', idResources: 'idresources.json' };
const roundTrip = (ids: IdsModel): IdsModel =>
  normalizeIds(JSON.parse(JSON.stringify(idsToValue(ids))), 'ids.json');

function models(
  services: Record<string, unknown>,
  resources: Record<string, unknown>,
  distribution?: Record<string, string[]>,
): IdsPlanModels {
  return {
    services: normalizeServices(services, 'services.json'),
    idResources: normalizeIdResources(resources, 'idresources.json'),
    ...(distribution ? { distribution: normalizeDistribution(distribution, 'distribution.json') } : {}),
  };
}

describe('fixedIds and preferredIds', () => {
  const resources = { ports: { min: 3000, max: 4000, reserved: [3500] } };
  const plan = (services: Record<string, unknown>) => planIds(models(services, resources), { sources });

  it('a pin or a preference is a need; a pin moves another service with a warning', () => {
    const first = plan({ web: { requiresUniqueIdsFor: ['ports'] } });
    expect(first.ids.ids.ports).toEqual({ web: 3000 });
    const second = planIds(
      {
        ...models(
          {
            web: { requiresUniqueIdsFor: ['ports'] },
            proxy: { fixedIds: { ports: 3000 } },
            app: { preferredIds: { ports: 3000 } },
          },
          resources,
        ),
        ids: first.ids,
      },
      { sources },
    );
    expect(second.ids.ids.ports).toEqual({ app: 3001, proxy: 3000, web: 3002 });
    expect(second.warnings).toEqual(['ports.web: 3000 is pinned to "proxy" (fixedIds): "web" moves to 3002']);
    expect(second.notes).toEqual(['ports.app: preferred ID 3000 is held by "proxy"; it gets 3001']);
  });

  it('bad pins are one-line errors naming the service, the resource and the ID', () => {
    const cases: [Record<string, unknown>, ModelError][] = [
      [
        { a: { fixedIds: [3000] } },
        new ModelError(
          'services.json',
          'a.fixedIds',
          'expected an attribute set of ID resource names to IDs, got a list',
        ),
      ],
      [
        { a: { fixedIds: { ports: '80' } } },
        new ModelError('services.json', 'a.fixedIds.ports', 'expected an integer, got the string "80"'),
      ],
      [
        { a: { fixedIds: { uids: 80 } } },
        new ModelError('services.json', 'a.fixedIds.uids', 'no ID resource named "uids" in idresources.json'),
      ],
      [
        { a: { fixedIds: { ports: 80 } } },
        new ModelError(
          'services.json',
          'a.fixedIds.ports',
          '80 is not in the pool ports of idresources.json (3000-4000)',
        ),
      ],
      [
        { a: { fixedIds: { ports: 3500 } } },
        new ModelError(
          'services.json',
          'a.fixedIds.ports',
          '3500 is reserved in idresources.json (ports.reserved)',
        ),
      ],
      [
        { a: { fixedIds: { ports: 3001 } }, b: { fixedIds: { ports: 3001 } } },
        new ModelError('services.json', 'b.fixedIds.ports', '"a" and "b" are both pinned to 3001'),
      ],
    ];
    for (const [services, error] of cases) expect(() => plan(services)).toThrow(error);
  });

  it('--fixed-ids-property and --preferred-ids-property rename the attributes', () => {
    const result = planIds(
      models({ a: { port: { ports: 3007 } }, b: { wish: { ports: 3009 } } }, resources),
      {
        sources,
        fixedIdsProperty: 'port',
        preferredIdsProperty: 'wish',
      },
    );
    expect(result.ids.ids.ports).toEqual({ a: 3007, b: 3009 });
  });
});

describe('the new attributes of the ids model', () => {
  it('round-trip through the evaluated structure, and an ids model without them reads as before', () => {
    const m = models(
      { a: { requiresUniqueIdsFor: ['ports', 'uids'] }, b: { requiresUniqueIdsFor: ['ports', 'uids'] } },
      {
        ports: { min: 1, max: 9, scope: 'machine', noReuse: true },
        uids: { min: 10, max: 19, noReuse: true },
      },
      { a: ['t1'], b: ['t2'] },
    );
    const first = planIds(m, { sources });
    const second = planIds(
      {
        ...models(
          { b: { requiresUniqueIdsFor: ['ports', 'uids'] } },
          {
            ports: { min: 1, max: 9, scope: 'machine', noReuse: true },
            uids: { min: 10, max: 19, noReuse: true },
          },
          { b: ['t1'] },
        ),
        ids: roundTrip(first.ids),
      },
      { sources },
    );
    expect(second.ids.ids).toEqual({ ports: { b: 2 }, uids: { b: 11 } });
    expect(second.ids.idTargets).toEqual({ ports: { b: ['t1'] } });
    expect(second.ids.retiredIds).toEqual({ uids: [{ min: 10, max: 10 }] });
    expect(second.ids.retiredIdsPerTarget).toEqual({
      t1: { ports: [{ min: 1, max: 1 }] },
      t2: { ports: [{ min: 1, max: 1 }] },
    });
    expect(roundTrip(second.ids)).toEqual(second.ids);
    expect(idsToValue(second.ids)).toMatchObject({ retiredIds: { uids: [10] } });
  });
});

describe('--check and --diff', () => {
  const resources = { ports: { min: 3000, max: 3010, scope: 'machine' } };
  const services = { s2: { requiresUniqueIdsFor: ['ports'] }, s3: { requiresUniqueIdsFor: ['ports'] } };

  it('the migration case: one line per problem, and the diff says who moves and why', () => {
    const before = planIds(models(services, resources, { s2: ['t1'], s3: ['t2'] }), {
      sources,
      rememberTargets: true,
    });
    const moved = { ...models(services, resources, { s2: ['t2'], s3: ['t2'] }), ids: roundTrip(before.ids) };
    const result = planIds(moved, { sources });
    expect(checkIds(moved.ids, result)).toEqual([
      { field: 'ids.ports.s2', detail: 'duplicate in scope: 3000 is also held by "s3" on target "t2"' },
      { field: 'idTargets.ports.s2', detail: 'a run would write ["t2"], the file has ["t1"]' },
      { field: 'lastAssignmentsPerTarget.t1.ports', detail: 'a run would drop it (the file has 3000)' },
      { field: 'lastAssignmentsPerTarget.t2.ports', detail: 'a run would write 3001, the file has 3000' },
    ]);
    const diff = diffIds(moved.ids, result);
    expect(diff.changed).toBe(true);
    expect(diffText(diff).split('\n').slice(0, 3)).toEqual([
      'ports: 1 kept, 0 added, 1 moved, 0 removed',
      '  kept    s3  3000',
      '  moved   s2  3000 -> 3001  (3000 is also held by "s3" on target "t2")',
    ]);
    const after = { ...moved, ids: roundTrip(result.ids) };
    expect(checkIds(after.ids, planIds(after, { sources }))).toEqual([]);
    expect(diffIds(after.ids, planIds(after, { sources })).changed).toBe(false);
  });

  it('names each kind of problem', () => {
    const m = models(
      {
        a: { requiresUniqueIdsFor: ['ports'] },
        b: { requiresUniqueIdsFor: ['ports'], fixedIds: { ports: 3003 } },
        c: { requiresUniqueIdsFor: ['ports'] },
      },
      { ports: { min: 3000, max: 3010, reserved: [3005] } },
    );
    const file = normalizeIds(
      { ids: { ports: { a: 3005, b: 3004, gone: 3001, c: 3005 } }, lastAssignments: { ports: 3005 } },
      'ids.json',
    );
    const problems = checkIds(file, planIds({ ...m, ids: file }, { sources }));
    expect(problems.map((p) => `${p.field}: ${p.detail}`)).toEqual([
      'ids.ports.a: reserved: 3005 is reserved in idresources.json',
      'ids.ports.b: pin violated: pinned to 3003 (fixedIds), the file has 3004',
      'ids.ports.c: reserved: 3005 is reserved in idresources.json',
      'ids.ports.gone: assignment for a service that no longer needs it: no longer in the services model',
      'lastAssignments.ports: a run would write 3007, the file has 3005',
    ]);
  });

  // Random models with every feature, a random previous file, and random edits of the result.
  const NAMES = ['a', 'b', 'c', 'd', 'toString', 'constructor'];
  const scenario = fc.record({
    services: fc.uniqueArray(
      fc.record({
        name: fc.constantFrom(...NAMES),
        needs: fc.subarray(['ports', 'uids']),
        pin: fc.option(fc.integer({ min: 3000, max: 3012 }), { nil: undefined }),
        prefer: fc.option(fc.integer({ min: 2000, max: 2012 }), { nil: undefined }),
        targets: fc.subarray(['t1', 't2']),
      }),
      { selector: (s) => s.name, maxLength: 6 },
    ),
    machine: fc.boolean(),
    noReuse: fc.boolean(),
    reserved: fc.subarray([3002, 3003, 2005, 2006]),
    withDistribution: fc.boolean(),
    previous: fc.record({
      ports: fc.dictionary(fc.constantFrom(...NAMES, 'gone'), fc.integer({ min: 2995, max: 3015 })),
      uids: fc.dictionary(fc.constantFrom(...NAMES, 'gone'), fc.integer({ min: 1995, max: 2015 })),
    }),
    edit: fc.record({
      kind: fc.constantFrom('change', 'delete', 'add', 'counter', 'duplicate', 'memory', 'none'),
      pool: fc.constantFrom('ports', 'uids'),
      pick: fc.nat(),
      value: fc.integer({ min: 1995, max: 3015 }),
    }),
  });

  it('--check passes exactly on files a run with the same models would write, with a line per problem', () => {
    let checked = 0;
    let rejected = 0;
    fc.assert(
      fc.property(scenario, ({ services, machine, noReuse, reserved, withDistribution, previous, edit }) => {
        const servicesModel = Object.fromEntries(
          services.map((s) => [
            s.name,
            {
              requiresUniqueIdsFor: s.needs,
              ...(s.pin === undefined ? {} : { fixedIds: { ports: s.pin } }),
              ...(s.prefer === undefined ? {} : { preferredIds: { uids: s.prefer } }),
            },
          ]),
        );
        const resources = {
          ports: {
            min: 3000,
            max: 3012,
            scope: machine && withDistribution ? 'machine' : 'global',
            reserved: reserved.filter((r) => r >= 3000),
          },
          uids: { min: 2000, max: 2012, noReuse, reserved: reserved.filter((r) => r < 3000) },
        };
        const distribution = withDistribution
          ? Object.fromEntries(services.map((s) => [s.name, s.targets]))
          : undefined;
        const m = models(servicesModel, resources, distribution);
        const file0 = normalizeIds({ ids: previous }, 'ids.json');
        let produced: IdsModel;
        try {
          produced = roundTrip(planIds({ ...m, ids: file0 }, { sources, rememberTargets: machine }).ids);
        } catch (error) {
          if (error instanceof ModelError) return; // pins in conflict, or a pool too small
          throw error;
        }
        // A file written by a run passes.
        expect(checkIds(produced, planIds({ ...m, ids: produced }, { sources }))).toEqual([]);
        // An edited file passes exactly when a run would write it back unchanged.
        const edited = roundTrip(produced);
        const table = edited.ids[edit.pool];
        const names = Object.keys(table).sort();
        const target = names.length > 0 ? names[edit.pick % names.length] : undefined;
        switch (edit.kind) {
          case 'change':
            if (target !== undefined) table[target] = edit.value;
            break;
          case 'delete':
            if (target !== undefined) delete table[target];
            break;
          case 'add':
            table.gone = edit.value;
            break;
          case 'counter':
            edited.lastAssignments[edit.pool] = edit.value;
            break;
          case 'duplicate':
            if (names.length >= 2) table[names[0]] = table[names[1]];
            break;
          case 'memory':
            if (edited.idTargets?.ports && target !== undefined) edited.idTargets.ports[target] = ['t3'];
            break;
        }
        let rerun;
        try {
          rerun = planIds({ ...m, ids: edited }, { sources });
        } catch (error) {
          if (error instanceof ModelError) return;
          throw error;
        }
        const problems = checkIds(edited, rerun);
        const unchanged = JSON.stringify(idsToValue(rerun.ids)) === JSON.stringify(idsToValue(edited));
        expect(problems.length === 0).toBe(unchanged);
        checked++;
        if (!unchanged) {
          rejected++;
          for (const p of problems) expect(p.detail).not.toBe('');
          // The edited assignment is named when it is the problem.
          if (edit.kind === 'delete' && target !== undefined)
            expect(
              problems.some(
                (p) => p.detail.startsWith('missing assignment') || p.field.startsWith('lastAssignments'),
              ),
            ).toBe(true);
          if (edit.kind === 'add')
            expect(problems.some((p) => p.field === `ids.${edit.pool}.gone`)).toBe(true);
        }
      }),
      { numRuns: 1000 },
    );
    expect(checked).toBeGreaterThan(300);
    expect(rejected).toBeGreaterThan(100);
  });
});
