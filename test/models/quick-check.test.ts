/**
 * The quick shape checks of models/assemble.ts let a well-formed model skip its zod schema: each
 * must accept nothing its schema rejects, and the model assembled without the schema must be the
 * one the schema path builds (the raw value copied into prototype-free records).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  assembleServices,
  isPlainDistribution,
  isPlainInfrastructure,
  isPlainServices,
} from '../../models/assemble.js';
import { checkModelValue } from '../../models/limits.js';
import { normalizeServices } from '../../models/normalize.js';
import { toRecords } from '../../models/records.js';
import { distributionSchema, infrastructureSchema, servicesSchema } from '../../models/schemas.js';

const name = fc.constantFrom('a', 'b', 'web', '__proto__', 'toString', 'constructor', '', 'x y');
const primitive = fc.oneof(fc.string({ maxLength: 3 }), fc.integer(), fc.boolean(), fc.constant(null), fc.double());
const value = fc.oneof(primitive, fc.array(primitive, { maxLength: 3 }), fc.dictionary(name, primitive, { maxKeys: 2 }));
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined, freq: 3 });

// Right and wrong types for each attribute the schemas know, so both answers come up often.
const service = fc.record(
  {
    name: fc.oneof(name, value),
    type: fc.oneof(fc.constant('process'), value),
    dependsOn: fc.oneof(fc.array(name, { maxLength: 3 }), value),
    connectsTo: fc.oneof(fc.array(name, { maxLength: 2 }), value),
    group: fc.oneof(fc.string({ maxLength: 2 }), value),
    description: value,
    providesContainer: value,
    providesContainers: fc.oneof(fc.dictionary(name, fc.dictionary(name, primitive, { maxKeys: 2 }), { maxKeys: 2 }), value),
    extra: value,
  },
  { requiredKeys: [] },
);
const services = fc.oneof(fc.dictionary(name, fc.oneof(service, value), { maxKeys: 4 }), value);

const target = fc.record(
  {
    properties: fc.oneof(fc.dictionary(name, primitive, { maxKeys: 2 }), value),
    containers: fc.oneof(fc.dictionary(name, fc.dictionary(name, primitive, { maxKeys: 2 }), { maxKeys: 2 }), value),
    targetProperty: fc.oneof(name, value),
    system: value,
    numOfCores: fc.oneof(fc.integer(), fc.double(), fc.constant(2 ** 60), value),
    clientInterface: value,
    extra: value,
  },
  { requiredKeys: [] },
);
const infrastructure = fc.oneof(fc.dictionary(name, fc.oneof(target, value), { maxKeys: 3 }), value);

const mapping = fc.oneof(
  name,
  fc.record({ target: fc.oneof(name, value), container: maybe(fc.oneof(name, value)), other: maybe(value) }, { requiredKeys: [] }),
  value,
);
const distribution = fc.oneof(
  fc.dictionary(name, fc.oneof(fc.array(mapping, { maxLength: 3 }), fc.record({ targets: fc.array(mapping) }), value), { maxKeys: 3 }),
  value,
);

/** JSON-like values only (what the loader hands the checks): a round trip through JSON. */
const asJson = <T>(arb: fc.Arbitrary<T>) =>
  arb.map((v) => (JSON.stringify(v) === undefined ? null : (JSON.parse(JSON.stringify(v)) as unknown)));

describe('quick model checks', () => {
  it('accept only what the schemas accept', () => {
    const cases: [fc.Arbitrary<unknown>, (v: unknown) => boolean, { safeParse(v: unknown): { success: boolean } }][] = [
      [services, isPlainServices, servicesSchema],
      [infrastructure, isPlainInfrastructure, infrastructureSchema],
      [distribution, isPlainDistribution, distributionSchema],
    ];
    for (const [arb, quick, schema] of cases) {
      let accepted = 0;
      fc.assert(
        fc.property(fc.oneof(arb, asJson(arb)), (v) => {
          if (!quick(v)) return;
          accepted++;
          expect(schema.safeParse(v).success).toBe(true);
        }),
        { seed: 13, numRuns: 600 },
      );
      expect(accepted).toBeGreaterThan(20);
    }
  });

  it('assemble the services the schema path builds', () => {
    fc.assert(
      fc.property(asJson(fc.dictionary(name, service, { maxKeys: 4 })), (raw) => {
        if (!isPlainServices(raw)) return;
        let model;
        try {
          model = assembleServices(raw, 's.json');
        } catch {
          // A name or a dependency that does not match: the schema path says the same.
          expect(() => normalizeServices(raw, 's.json')).toThrow();
          return;
        }
        for (const key of Object.keys(raw)) {
          const copy = toRecords(raw[key]) as Record<string, unknown>;
          const { dependsOn = [], connectsTo = [], ...rest } = copy;
          const properties = Object.assign(Object.create(null) as object, rest, { name: key });
          expect(model[key].properties).toEqual(properties);
          expect(Object.getPrototypeOf(model[key].properties)).toBe(null);
          expect(Object.keys(model[key].properties)).toEqual(Object.keys(properties));
          expect(model[key].dependsOn).toEqual(dependsOn);
          expect(model[key].connectsTo).toEqual(connectsTo);
          expect(model[key].dependsOn).not.toBe(raw[key].dependsOn);
        }
      }),
      { seed: 13, numRuns: 400 },
    );
  });

  it('keep a list held twice (a YAML alias) shared, as toRecords does', () => {
    const list = ['b'];
    const model = assembleServices({ a: { x: list, y: list }, b: {} }, 's.json');
    expect(model.a.properties.x).toBe(model.a.properties.y);
    expect(model.a.properties.x).not.toBe(list);
  });

  it('name the field of a value beyond the limits, as before the quick walk', () => {
    const deep: unknown[] = [];
    let inner = deep;
    for (let i = 0; i < 250; i++) inner.push((inner = []));
    expect(() => checkModelValue({ a: deep }, 'm.json')).toThrow(/^m\.json: a(\[0\]){199}: nested more than 200 levels deep$/);
    const loop: Record<string, unknown> = {};
    loop.self = { back: loop };
    expect(() => checkModelValue(loop, 'm.json')).toThrow('m.json: self.back: the value contains itself');
    expect(() => checkModelValue({ a: [1, Infinity] }, 'm.json')).toThrow('m.json: a[1]: expected a number JSON and Nix hold exactly, got Infinity');
    expect(() => checkModelValue({ a: new Date(0) }, 'm.json')).toThrow('m.json: a: unexpected value (not a list or an attribute set)');
    expect(() => checkModelValue({ a: 1n }, 'm.json')).toThrow('m.json: a: expected a number JSON and Nix hold exactly, got the integer 1');
    expect(() => checkModelValue({ a: [1, { b: 'x' }] }, 'm.json')).not.toThrow();
  });
});
