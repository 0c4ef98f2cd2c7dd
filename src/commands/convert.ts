/**
 * `dyplan convert`: prints one normalised model in any output format (dydisnix-xml's job, and more:
 * Nix, JSON or XML out, from Nix, JSON, YAML or XML in).
 */
import { Option, type Command } from 'commander';
import { MODEL_KINDS, type ModelKind, type ModelTypes } from '../../models/kinds.js';
import type { ModelFiles } from '../../models/load.js';
import { UsageError } from '../errors.js';
import { outputFormatOf, render, type OutputFormat } from '../formats.js';
import { emit } from '../output.js';
import {
  loadCommandModels,
  withInputOptions,
  withOutputOptions,
  type InputOptions,
  type OutputOptions,
  type ActionRunner,
} from './options.js';

type ConvertOptions = InputOptions & OutputOptions & ModelFiles;

/** The kinds that can be converted on their own; `-i` also accompanies a Nix `-d`. */
const PRIMARY: readonly ModelKind[] = ['services', 'distribution', 'idResources', 'ids', 'docs'];

function renderModel<K extends ModelKind>(kind: K, model: ModelTypes[K], format: OutputFormat): string {
  const spec = MODEL_KINDS[kind];
  return render(spec.toValue(model), format, () => spec.toXml(model));
}

export function registerConvert(program: Command, run: ActionRunner): void {
  const command = program
    .command('convert')
    .description('print one model, normalised, as Nix, JSON or dydisnix XML')
    .option('-s, --services <file>', 'services model')
    .addOption(
      // Alone it is converted; with -d it reads a Nix distribution; with any other model it would be dropped.
      new Option(
        '-i, --infrastructure <file>',
        'infrastructure model (also needed to read a Nix distribution)',
      ).conflicts(['services', 'idResources', 'ids', 'docs']),
    )
    .option('-d, --distribution <file>', 'distribution model')
    .option('--id-resources <file>', 'ID resources model')
    .option('--ids <file>', 'ids model')
    .option('--docs <file>', 'documentation configuration');
  withOutputOptions(withInputOptions(command)).action((options: ConvertOptions) =>
    run(async () => {
      const primary = PRIMARY.filter((k) => options[k] !== undefined);
      if (primary.length === 0 && options.infrastructure) primary.push('infrastructure');
      if (primary.length !== 1) {
        throw new UsageError(
          'convert takes exactly one model: -s, -i, -d (with -i), --id-resources, --ids or --docs',
        );
      }
      const kind = primary[0];
      const files: ModelFiles = { [kind]: options[kind] };
      if (kind === 'distribution') files.infrastructure = options.infrastructure;
      const models: Partial<ModelTypes> = await loadCommandModels(files, options);
      const model = models[kind];
      if (model === undefined) throw new Error(`convert: the ${kind} model was not loaded`);
      await emit(renderModel(kind, model, outputFormatOf(options)), options.outputFile);
    }),
  );
}
