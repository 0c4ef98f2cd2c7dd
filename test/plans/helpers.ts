/** Loads the JSON example models for the plans tests (no Nix needed). */
import { loadModels } from '../../models/load.js';
import type { DistributionModel } from '../../models/types.js';
import { EXAMPLES } from '../helpers/cli.js';

export const J = `${EXAMPLES}/testservices/json`;

export async function testModels(infrastructure = 'infrastructure', distribution = 'distribution-cartesian') {
  return loadModels({
    services: `${J}/services.json`,
    infrastructure: `${J}/${infrastructure}.json`,
    distribution: `${J}/${distribution}.json`,
  });
}

/** `{ service: "target" }` of a distribution whose every service has one mapping. */
export function targetsOf(distribution: DistributionModel): Record<string, string> {
  return Object.fromEntries(
    Object.entries(distribution).map(([s, ms]) => [s, ms.map((m) => m.target).join(',')]),
  );
}
