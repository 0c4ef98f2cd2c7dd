/**
 * `dyplan filter-buildable -s -i -d` (docs/compatibility.md §5.7): the candidate distribution
 * without the targets a service's package does not instantiate for (src/policies/buildable.ts).
 * `--xml` reads the distribution as XML only: the services model is always the Nix file, whose
 * packages are instantiated (bug 38); `--target-property` addresses the targets (bug 21).
 */
import type { Command } from 'commander';
import { MODEL_KINDS } from '../../models/kinds.js';
import { loadModels, readModelText } from '../../models/load.js';
import { diagnostics } from '../diagnostics.js';
import { emitDistribution } from './planning.js';
import {
  loadOptionsOf,
  withInputOptions,
  withOutputOptions,
  type ActionRunner,
  type InputOptions,
  type OutputOptions,
} from './options.js';

interface FilterBuildableOptions extends InputOptions, OutputOptions {
  services: string;
  infrastructure: string;
  distribution: string;
  targetProperty?: string;
}

export function registerFilterBuildable(program: Command, run: ActionRunner): void {
  withOutputOptions(
    withInputOptions(
      program
        .command('filter-buildable')
        .description(
          'keep the targets for which each service instantiates (dydisnix-filter-buildable; needs nixpkgs)',
        )
        .requiredOption('-s, --services <file>', 'services model (Nix: its packages are instantiated)')
        .requiredOption('-i, --infrastructure <file>', 'infrastructure model')
        .requiredOption('-d, --distribution <file>', 'candidate distribution')
        .option(
          '--target-property <name>',
          'property that addresses a target (default $DISNIX_TARGET_PROPERTY or hostname)',
        )
        .option('--interface <name>', 'accepted for dydisnix compatibility (dyplan never contacts targets)'),
    ),
  ).action((options: FilterBuildableOptions) =>
    run(async () => {
      const loadOptions = {
        ...loadOptionsOf(options),
        // dydisnix's --xml means the distribution only here: the packages are in the Nix services model.
        xml: false,
        targetProperty: options.targetProperty ?? process.env.DISNIX_TARGET_PROPERTY,
      };
      const models = await loadModels(
        {
          services: options.services,
          infrastructure: options.infrastructure,
          distribution: options.xml ? undefined : options.distribution,
        },
        loadOptions,
      );
      const { infrastructure } = models;
      let distribution = models.distribution;
      if (options.xml || distribution === undefined) {
        const spec = MODEL_KINDS.distribution;
        const raw = await spec.readXml(await readModelText(options.distribution), options.distribution);
        distribution = await spec.normalise(raw, options.distribution, {
          services: { model: models.services, file: options.services },
          infrastructure: { model: infrastructure, file: options.infrastructure },
        });
      }
      const { planBuildable } = await import('../policies/buildable.js');
      const result = await planBuildable({
        servicesFile: options.services,
        infrastructure,
        distribution,
        extraParams: options.extraParams,
        showTrace: options.showTrace,
        includePaths: options.include,
        onNixOutput: (text) => process.stderr.write(text),
      });
      diagnostics.summary(result.summary);
      await emitDistribution(result.distribution, options);
    }),
  );
}
