/**
 * `dyplan augment-infra -i INFRASTRUCTURE -a AUGMENT` (docs/compatibility.md §5.14): prints the
 * augmented infrastructure model (dydisnix printed the path of a temporary file, bug 28).
 */
import type { Command } from 'commander';
import { MODEL_KINDS } from '../../models/kinds.js';
import { outputFormatOf, render } from '../formats.js';
import { emit } from '../output.js';
import {
  loadOptionsOf,
  withInputOptions,
  withOutputOptions,
  type ActionRunner,
  type InputOptions,
  type OutputOptions,
} from './options.js';

interface AugmentOptions extends InputOptions, OutputOptions {
  infrastructure: string;
  augment: string;
}

export function registerAugmentInfra(program: Command, run: ActionRunner): void {
  withOutputOptions(
    withInputOptions(
      program
        .command('augment-infra')
        .description(
          'augment an infrastructure model with a function of { infrastructure, lib } (dydisnix-augment-infra)',
        )
        .requiredOption('-i, --infrastructure <file>', 'infrastructure model')
        .requiredOption(
          '-a, --augment <file>',
          'augmentation: a Nix function or a JavaScript/TypeScript module',
        ),
    ),
  ).action((options: AugmentOptions) =>
    run(async () => {
      const { augmentInfrastructure } = await import('../policies/augment.js');
      const infrastructure = await augmentInfrastructure(
        options.infrastructure,
        options.augment,
        loadOptionsOf(options),
      );
      const { toValue, toXml } = MODEL_KINDS.infrastructure;
      await emit(
        render(toValue(infrastructure), outputFormatOf(options), () => toXml(infrastructure)),
        options.outputFile,
      );
    }),
  );
}
