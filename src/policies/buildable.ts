/**
 * Filter buildable (docs/compatibility.md §5.7): a candidate distribution keeping, per service, the
 * targets for whose `system` the service's package instantiates (evaluated to a derivation, never
 * built), as `dydisnix-filter-buildable` and `gendist --filter-buildable` do. The services model
 * must be a Nix file (the packages are in it) and nixpkgs must be on the search path. All pairs are
 * checked in one evaluation; when one fails in a way Nix cannot catch (not a `throw` or `assert`),
 * the services are checked one by one so that only the faulty one loses its targets.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ModelError } from '../../models/errors.js';
import { MODELS_NIX_DIR, runNixInstantiate } from '../../models/nix-eval.js';
import { normalizeDistribution } from '../../models/normalize.js';
import { infrastructureToValue } from '../../models/to-value.js';
import type { DistributionModel, InfrastructureModel } from '../../models/types.js';
import { GENDIST_NIX } from './nix-policy.js';
import { toCandidates } from './values.js';

const BUILDABLE_NIX = join(GENDIST_NIX, '..', 'buildable.nix');

export interface BuildableInput {
  /** The Nix services model (as the user gave it). */
  servicesFile: string;
  infrastructure: InfrastructureModel;
  distribution: DistributionModel;
  extraParams?: string;
  showTrace?: boolean;
  includePaths?: string[];
  onNixOutput?: (text: string) => void;
}

export interface BuildableResult {
  distribution: DistributionModel;
  /** Mappings dropped. */
  removed: number;
  summary: string;
}

export async function planBuildable(input: BuildableInput): Promise<BuildableResult> {
  if (!/\.nix$/i.test(input.servicesFile) && !input.servicesFile.endsWith('/'))
    throw new ModelError(
      input.servicesFile,
      '',
      'filter-buildable instantiates the packages of the services, so it needs the Nix services model',
    );
  const dir = await mkdtemp(join(tmpdir(), 'dyplan-buildable-'));
  try {
    const infrastructureFile = join(dir, 'infrastructure.json');
    const distributionFile = join(dir, 'distribution.json');
    await writeFile(infrastructureFile, JSON.stringify(infrastructureToValue(input.infrastructure)));
    await writeFile(distributionFile, JSON.stringify(toCandidates(input.distribution)));
    const args = [
      '--eval',
      '--strict',
      '--json',
      BUILDABLE_NIX,
      '--argstr',
      'modelsDir',
      MODELS_NIX_DIR,
      '--argstr',
      'servicesFile',
      resolve(input.servicesFile),
      '--argstr',
      'infrastructureJSONFile',
      infrastructureFile,
      '--argstr',
      'distributionJSONFile',
      distributionFile,
      '--arg',
      'extraParams',
      input.extraParams ?? '{}',
    ];
    if (input.showTrace) args.push('--show-trace');
    for (const path of input.includePaths ?? []) args.push('-I', path);

    const evaluate = async (only?: string): Promise<Record<string, unknown> | undefined> => {
      const run = await runNixInstantiate(
        only === undefined ? args : [...args, '--argstr', 'only', only],
        input.servicesFile,
      );
      if (run.code !== 0) {
        if (input.showTrace) input.onNixOutput?.(run.stderr);
        return undefined;
      }
      const output = JSON.parse(run.stdout) as { nixpkgs: boolean; result?: Record<string, unknown> };
      if (!output.nixpkgs)
        throw new ModelError(
          input.servicesFile,
          '',
          'filter-buildable needs nixpkgs to instantiate the packages, and <nixpkgs> is not on the Nix search path (give -I nixpkgs=PATH or set NIX_PATH)',
        );
      return output.result;
    };
    let raw = await evaluate();
    if (raw === undefined) {
      // Some package fails beyond what tryEval catches: check the services one by one.
      raw = {};
      for (const service of Object.keys(input.distribution)) {
        const one = await evaluate(service);
        raw[service] = one ? one[service] : [];
      }
    }
    const distribution = normalizeDistribution(raw, input.servicesFile);
    let removed = 0;
    for (const service in input.distribution)
      removed += input.distribution[service].length - (distribution[service]?.length ?? 0);
    const total = Object.values(input.distribution).reduce((n, ms) => n + ms.length, 0);
    return {
      distribution,
      removed,
      summary: `filter-buildable: ${total - removed} of ${total} candidate targets instantiate`,
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
