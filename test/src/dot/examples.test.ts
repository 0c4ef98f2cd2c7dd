/**
 * examples/visualize/ holds the reference visualisation models as Nix (Disnix form) and JSON
 * (evaluated form). Both must load to the same normalised models as the test fixtures.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadModels } from '../../../models/load.js';
import { distributionDot } from '../../../src/dot/distribution.js';
import { servicesDot } from '../../../src/dot/services.js';
import {
  containerServices,
  visualizeDistribution,
  visualizeDocs,
  visualizeInfrastructure,
  visualizeServices,
} from '../../helpers/visualize-models.js';

const DIR = join(import.meta.dirname, '..', '..', '..', 'examples', 'visualize');

function files(ext: 'nix' | 'json'): Record<string, string> {
  return {
    services: join(DIR, `services.${ext}`),
    infrastructure: join(DIR, `infrastructure.${ext}`),
    distribution: join(DIR, `distribution.${ext}`),
    docs: join(DIR, `docs.${ext}`),
  };
}

describe('examples/visualize models', () => {
  for (const ext of ['nix', 'json'] as const) {
    it(`${ext} files load to the reference models`, async () => {
      const models = await loadModels(files(ext));
      expect(models.services).toEqual(visualizeServices);
      expect(models.infrastructure).toEqual(visualizeInfrastructure);
      expect(models.distribution).toEqual(visualizeDistribution);
      expect(models.docs).toEqual(visualizeDocs);
      expect(servicesDot(models.services ?? {})).toBe(servicesDot(visualizeServices));
      expect(
        distributionDot(models.services ?? {}, models.infrastructure ?? {}, models.distribution ?? {}),
      ).toBe(distributionDot(visualizeServices, visualizeInfrastructure, visualizeDistribution));
    });

    it(`${ext} container example loads to the docs/compatibility.md §8.1 container model`, async () => {
      const models = await loadModels({ services: join(DIR, `services-containers.${ext}`) });
      expect(models.services).toEqual(containerServices);
    });
  }
});
