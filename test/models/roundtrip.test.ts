/**
 * read(write(x)) == x for every model kind in JSON, YAML and XML, on random valid models (raw
 * models from arbitraries.ts, normalised). Writing goes through the kind's `toValue`/`toXml`,
 * reading through `loadModels` and the file's extension, as a command reads it. What a format
 * cannot carry today is listed, with the reason, in formats.ts.
 */
import fc from 'fast-check';
import { afterAll, describe, it } from 'vitest';
import { arbitraries } from './arbitraries.js';
import { FORMATS, normalise, scratch } from './formats.js';

/**
 * Runs per property. 500 for XML, whose reader and writer are dyplan's own code; 300 for JSON
 * (JSON.parse) and YAML (the yaml package), where dyplan adds only the schemas, which every
 * format shares. 1000 runs for all three took 45 s of CPU on the shared 2-core machine, most of
 * it in the yaml package and fast-xml-parser.
 */
const RUNS = { JSON: 300, YAML: 300, XML: 500 };
const files = scratch('dyplan-roundtrip-');
afterAll(files.done);

for (const [name, format] of [
  ['JSON', FORMATS.json],
  ['YAML', FORMATS.yaml],
  ['XML', FORMATS.xml],
] as const) {
  describe(`${name}: read(write(x)) == x`, () => {
    const arbs = arbitraries(format.limits);
    const single = {
      services: arbs.services,
      infrastructure: arbs.infrastructure,
      previousDistribution: arbs.previousDistribution,
      idResources: arbs.idResources,
      ids: arbs.ids,
      docs: arbs.docs,
    };
    for (const [kind, arb] of Object.entries(single)) {
      it(kind, async () => {
        await fc.assert(
          fc.asyncProperty(arb, async (raw) => files.roundTrip(format, await normalise({ [kind]: raw }))),
          { numRuns: RUNS[name] },
        );
      });
    }
    it('distribution (with the services and infrastructure it refers to)', async () => {
      await fc.assert(
        fc.asyncProperty(arbs.system, async (raw) => files.roundTrip(format, await normalise(raw))),
        { numRuns: RUNS[name] },
      );
    });
  });
}
