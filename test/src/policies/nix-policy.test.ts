/**
 * A Nix policy evaluated in the process of its Nix models (src/policies/nix-policy.ts) sees the
 * models as nix/gendist.nix derives them from the evaluated ones; that must be what policyValues
 * gives a separate evaluation of the validated models, else dyplan evaluates the policy again.
 * These check the claim behind the shortcut (a services model the loader assembled without its
 * schema is seen exactly so) on generated models, and that a difference is noticed.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  assembleInfrastructure,
  assembleServices,
  isPlainInfrastructure,
  isPlainServices,
} from '../../../models/assemble.js';
import { sameValue } from '../../../models/compare.js';
import { seesValidatedModels, valuesSeenByNix } from '../../../src/policies/nix-policy.js';
import { infrastructureToValue, servicesValue } from '../../../src/policies/values.js';

const names = fc.oneof(
  fc.string({ minLength: 1, maxLength: 8 }),
  fc.constantFrom('__proto__', 'toString', 'constructor', 'dependsOn', 'name', 'ünï "q"'),
);
const primitive = fc.oneof(fc.constant(null), fc.boolean(), fc.integer(), fc.string({ maxLength: 4 }));
const property = fc.oneof(
  primitive,
  fc.array(primitive, { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 3 }), fc.oneof(primitive, fc.array(primitive, { maxLength: 2 })), {
    maxKeys: 2,
  }),
);

/** Evaluated models as evaluate-models.nix prints them: services naming existing services only. */
const evaluatedModels = fc.uniqueArray(names, { minLength: 1, maxLength: 6 }).chain((serviceNames) =>
  fc.record({
    services: fc
      .tuple(
        ...serviceNames.map((name) =>
          fc.record(
            {
              name: fc.constant(name),
              type: fc.constantFrom('process', 'mysql-database'),
              dependsOn: fc.subarray(serviceNames),
              connectsTo: fc.subarray(serviceNames),
              extra: property,
              mem: fc.integer({ min: 0, max: 100 }),
            },
            { requiredKeys: [] },
          ),
        ),
      )
      .map((list) => Object.fromEntries(serviceNames.map((name, i) => [name, list[i]]))),
    infrastructure: fc.dictionary(
      names,
      fc.record(
        {
          properties: fc.dictionary(fc.string({ maxLength: 4 }), property, { maxKeys: 3 }),
          containers: fc.dictionary(
            fc.string({ maxLength: 4 }),
            fc.dictionary(fc.string({ maxLength: 3 }), primitive, { maxKeys: 2 }),
            { maxKeys: 2 },
          ),
          system: fc.constant('x86_64-linux'),
          numOfCores: fc.nat(8),
          sshUser: fc.string({ maxLength: 3 }),
        },
        { requiredKeys: [] },
      ),
      { minKeys: 1, maxKeys: 4 },
    ),
  }),
);

describe('the models a policy evaluated with them sees', () => {
  it('are what a separate evaluation is handed, for every model the loader assembles without its schema', () => {
    fc.assert(
      fc.property(evaluatedModels, (raw) => {
        // A JSON round trip: what dyplan reads back from Nix's output.
        const evaluated = JSON.parse(JSON.stringify(raw)) as typeof raw;
        expect(isPlainServices(evaluated.services)).toBe(true);
        expect(isPlainInfrastructure(evaluated.infrastructure)).toBe(true);
        const models = {
          services: assembleServices(evaluated.services, 'services.nix'),
          infrastructure: assembleInfrastructure(evaluated.infrastructure),
        };
        const seen = valuesSeenByNix(evaluated);
        expect(seen).toBeDefined();
        expect(sameValue(seen?.services, servicesValue(models.services))).toBe(true);
        expect(sameValue(seen?.infrastructure, infrastructureToValue(models.infrastructure))).toBe(true);
        expect(seesValidatedModels(evaluated, models)).toBe(true);
      }),
      { seed: 5, numRuns: 200 },
    );
  });

  it('are not taken for the validated ones when those differ', () => {
    const evaluated = {
      services: { a: { name: 'a', type: 'process' } },
      infrastructure: { t: { properties: { mem: 1 } } },
    };
    const models = {
      services: assembleServices(evaluated.services, 'services.nix'),
      infrastructure: assembleInfrastructure(evaluated.infrastructure),
    };
    expect(seesValidatedModels(evaluated, models)).toBe(true);
    const otherTargets = assembleInfrastructure({ t: { properties: { mem: 2 } } });
    expect(seesValidatedModels(evaluated, { ...models, infrastructure: otherTargets })).toBe(false);
    // Services the loader could not assemble as they are are compared value by value.
    const unusual = { ...evaluated, services: { a: { name: 'a', type: 7 } } };
    expect(isPlainServices(unusual.services)).toBe(false);
    expect(seesValidatedModels(unusual, models)).toBe(false);
    expect(seesValidatedModels({ services: evaluated.services }, models)).toBe(false);
  });
});
