/**
 * Infrastructure augmentation (docs/compatibility.md §1.6, §5.14): a function of
 * `{ infrastructure, lib }` that returns a new infrastructure model (e.g. adds properties a
 * discovery tool cannot know), in Nix or as a JavaScript/TypeScript module. The result is read and
 * validated as an infrastructure model; nothing is left in a temporary file (bug 28).
 */
import { resolve } from 'node:path';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatOf, loadModels, type LoadOptions } from '../../models/load.js';
import { MODELS_NIX_DIR, runNixInstantiate } from '../../models/nix-eval.js';
import { normalizeInfrastructure } from '../../models/normalize.js';
import { infrastructureToValue } from '../../models/to-value.js';
import type { InfrastructureModel } from '../../models/types.js';
import { importFunction, policyKindOf } from './index.js';
import { jsLib } from './js-lib.js';
import { describeNixFailure, GENDIST_NIX } from './nix-policy.js';

const AUGMENT_NIX = join(GENDIST_NIX, '..', 'augment.nix');

export async function augmentInfrastructure(
  infrastructureFile: string,
  augmentFile: string,
  options: LoadOptions,
): Promise<InfrastructureModel> {
  const label = `${augmentFile}: result`;
  if (policyKindOf(augmentFile) === 'module') {
    const { infrastructure } = await loadModels({ infrastructure: infrastructureFile }, options);
    const augment = await importFunction(augmentFile, 'augmentation');
    const result = await augment({ infrastructure: infrastructureToValue(infrastructure), lib: jsLib });
    return normalizeInfrastructure(result, label);
  }
  const args = ['--eval', '--strict', '--json', AUGMENT_NIX, '--argstr', 'modelsDir', MODELS_NIX_DIR];
  args.push('--argstr', 'augmentFile', resolve(augmentFile));
  let dir: string | undefined;
  try {
    if (formatOf(infrastructureFile, options) === 'nix')
      args.push('--argstr', 'infrastructureFile', resolve(infrastructureFile));
    else {
      // The function sees the model as read (JSON, YAML or XML), like a Nix one.
      const { infrastructure } = await loadModels({ infrastructure: infrastructureFile }, options);
      dir = await mkdtemp(join(tmpdir(), 'dyplan-augment-'));
      const file = join(dir, 'infrastructure.json');
      await writeFile(file, JSON.stringify(infrastructureToValue(infrastructure)));
      args.push('--argstr', 'infrastructureJSONFile', file);
    }
    if (options.showTrace) args.push('--show-trace');
    for (const path of options.includePaths ?? []) args.push('-I', path);
    const run = await runNixInstantiate(args, augmentFile);
    if (run.code !== 0) {
      if (options.showTrace) options.onDiagnostics?.(run.stderr);
      throw describeNixFailure(
        run.stderr,
        new Map([
          [resolve(augmentFile), augmentFile],
          [resolve(infrastructureFile), infrastructureFile],
        ]),
        augmentFile,
        options.showTrace,
      );
    }
    return normalizeInfrastructure(JSON.parse(run.stdout), label);
  } finally {
    if (dir) await rm(dir, { recursive: true, force: true });
  }
}
