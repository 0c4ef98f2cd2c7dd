/**
 * read(write(x)) == x in Nix: `toNix(toValue(x))` for all seven kinds of one random system, read back
 * by the real nix-instantiate through `loadModels` (one evaluation per system, as a command does).
 * What Nix cannot carry today is listed, with the reason, in formats.ts.
 */
import fc from 'fast-check';
import { afterAll, describe } from 'vitest';
import { itNix } from '../helpers/cli.js';
import { arbitraries } from './arbitraries.js';
import { FORMATS, normalise, scratch } from './formats.js';

/** One nix-instantiate per system: 100 take 2 to 6 s. */
const RUNS = 100;
const files = scratch('dyplan-roundtrip-nix-');
afterAll(files.done);

describe('Nix: read(write(x)) == x', () => {
  const arbs = arbitraries(FORMATS.nix.limits);
  itNix(
    'services, infrastructure, distribution, previous distribution, ID resources, ids and docs',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          arbs.system,
          arbs.previousDistribution,
          arbs.idResources,
          arbs.ids,
          arbs.docs,
          async (system, previousDistribution, idResources, ids, docs) =>
            files.roundTrip(
              FORMATS.nix,
              await normalise({ ...system, previousDistribution, idResources, ids, docs }),
            ),
        ),
        { numRuns: RUNS },
      );
    },
  );
});
