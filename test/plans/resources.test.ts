import { describe, expect, it } from 'vitest';
import { ModelError } from '../../models/errors.js';
import type { InfrastructureModel, ServicesModel } from '../../models/types.js';
import { UsageError } from '../../src/errors.js';
import {
  exceedsCapacity,
  parseResourcePair,
  parseResourcePairs,
  readResources,
  resourceName,
  resourceUsage,
} from '../../src/plans/resources.js';
import { testModels } from './helpers.js';

const service = (name: string, properties: ServicesModel[string]['properties']) => ({
  name,
  dependsOn: [],
  connectsTo: [],
  group: '',
  properties,
});
const target = (name: string, properties: InfrastructureModel[string]['properties']) => ({
  name,
  properties,
  containers: {},
});

describe('parseResourcePair', () => {
  it('splits SERVICEPROP:TARGETPROP at the last colon', () => {
    expect(parseResourcePair('requireMem:mem')).toEqual({
      demandProperty: 'requireMem',
      capacityProperty: 'mem',
    });
    expect(parseResourcePair('a:b:c')).toEqual({ demandProperty: 'a:b', capacityProperty: 'c' });
    expect(resourceName(parseResourcePair('requireMem:mem'))).toBe('requireMem:mem');
  });

  it.each(['requireMem', ':mem', 'requireMem:', ''])('rejects %j as a usage error naming it', (text) => {
    expect(() => parseResourcePair(text)).toThrow(UsageError);
    expect(() => parseResourcePair(text)).toThrow(
      `--resource ${JSON.stringify(text)}: expected SERVICEPROP:TARGETPROP`,
    );
  });

  it('rejects the same pair twice', () => {
    expect(() => parseResourcePairs(['m:mem', 'c:cpu', 'm:mem'])).toThrow(
      '--resource "m:mem" is given twice',
    );
    expect(parseResourcePairs(['m:mem', 'm:cpu'])).toHaveLength(2);
  });
});

describe('readResources', () => {
  it('reads demands and capacities of the test services (numbers and numeric strings)', async () => {
    const models = await testModels();
    const table = readResources(models, [{ demandProperty: 'requireMem', capacityProperty: 'mem' }]);
    expect(table.services).toEqual(['testService1', 'testService2', 'testService3']);
    expect(table.targets).toEqual(['testtarget1', 'testtarget2']);
    expect([...table.demand[0]]).toEqual([262144, 262143, 262145]);
    expect([...table.capacity[0]]).toEqual([524288, 655360]);
  });

  const services: ServicesModel = {
    a: service('a', { m: 2, c: '1.5' }),
    b: service('b', { m: 3 }),
    toString: service('toString', { m: 1, c: 4 }),
  };
  const infrastructure: InfrastructureModel = {
    t1: target('t1', { mem: 4, cpu: 2 }),
    t2: target('t2', { mem: '5' }),
  };
  const pairs = parseResourcePairs(['m:mem', 'c:cpu']);

  it('names the service, the property and the file of a missing demand', () => {
    expect(() =>
      readResources({ services, infrastructure }, pairs, { sources: { services: 's.nix' } }),
    ).toThrow(
      new ModelError(
        's.nix',
        'b.c',
        "missing; --resource c:... needs it as the service's demand (or --missing-demand zero)",
      ),
    );
  });

  it('names the target and the property of a missing capacity', () => {
    expect(() =>
      readResources({ services, infrastructure }, pairs, { missingDemand: 'zero', missingCapacity: 'error' }),
    ).toThrow(
      "infrastructure: t2.properties.cpu: missing; --resource c:cpu needs it as the target's capacity",
    );
  });

  it('reads missing properties as 0 with missingDemand zero, for services and targets', () => {
    const table = readResources({ services, infrastructure }, pairs, { missingDemand: 'zero' });
    expect(table.demand.map((d) => [...d])).toEqual([
      [2, 3, 1],
      [1.5, 0, 4],
    ]);
    expect(table.capacity.map((c) => [...c])).toEqual([
      [4, 5],
      [2, 0],
    ]);
  });

  it('rejects negative and non-numeric amounts even with missingDemand zero', () => {
    const bad = { ...services, b: service('b', { m: -1 }) };
    expect(() => readResources({ services: bad, infrastructure }, pairs, { missingDemand: 'zero' })).toThrow(
      'services: b.m: expected a number >= 0, got -1',
    );
    const word = { ...services, b: service('b', { m: 'lots' }) };
    expect(() => readResources({ services: word, infrastructure }, pairs, { missingDemand: 'zero' })).toThrow(
      'services: b.m: expected a number, got "lots"',
    );
  });

  it('reads only the services and targets asked for, in the order given', () => {
    const table = readResources({ services, infrastructure }, pairs.slice(0, 1), {
      services: ['toString', 'a'],
      targets: ['t2'],
    });
    expect(table.services).toEqual(['toString', 'a']);
    expect([...table.demand[0]]).toEqual([1, 2]);
    expect([...table.capacity[0]]).toEqual([5]);
  });

  it('sums the demands placed on each target against its capacity', () => {
    const table = readResources({ services, infrastructure }, pairs, { missingDemand: 'zero' });
    const usage = resourceUsage(table, {
      a: [{ target: 't1' }],
      b: [{ target: 't1' }, { target: 't2' }, { target: 't1', container: 'x' }],
      toString: [{ target: 't2' }],
    });
    expect(usage).toEqual([
      { target: 't1', used: [5, 1.5], capacity: [4, 2], services: ['a', 'b'], overloaded: true },
      { target: 't2', used: [4, 4], capacity: [5, 0], services: ['b', 'toString'], overloaded: true },
    ]);
    expect(resourceUsage(table, { a: [{ target: 't2' }] })[1]).toMatchObject({
      used: [2, 1.5],
      overloaded: true,
    });
    expect(resourceUsage(table, {})[0]).toMatchObject({ used: [0, 0], overloaded: false });
  });

  it('forgives the rounding of fractional sums, not a real excess', () => {
    expect(exceedsCapacity(0.1 + 0.2, 0.3)).toBe(false);
    expect(exceedsCapacity(0.3001, 0.3)).toBe(true);
    expect(exceedsCapacity(1, 0)).toBe(true);
  });
});
