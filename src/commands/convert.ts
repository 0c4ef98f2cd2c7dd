/**
 * `dyplan convert`: prints one normalised model in any output format (dydisnix-xml's job, and more:
 * Nix, JSON or XML out, from Nix, JSON, YAML or XML in).
 */
import type { Command } from 'commander';
import { loadModels, UsageError, type ModelFiles } from '../../models/load.js';
import {
  distributionToValue,
  docsToValue,
  idResourcesToValue,
  idsToValue,
  infrastructureToValue,
  servicesToValue,
} from '../../models/to-value.js';
import type { Value } from '../../models/types.js';
import {
  distributionToXml,
  docsToXml,
  idResourcesToXml,
  idsToXml,
  infrastructureToXml,
  servicesToXml,
} from '../../models/write-xml.js';
import { outputFormatOf, render } from '../formats.js';
import { emit } from '../output.js';
import {
  loadOptionsOf,
  withInputOptions,
  withOutputOptions,
  type InputOptions,
  type OutputOptions,
  type ActionRunner,
} from './options.js';

interface ConvertOptions extends InputOptions, OutputOptions {
  services?: string;
  infrastructure?: string;
  distribution?: string;
  idResources?: string;
  ids?: string;
  docs?: string;
}

export function registerConvert(program: Command, run: ActionRunner): void {
  const command = program
    .command('convert')
    .description('print one model, normalised, as Nix, JSON or dydisnix XML')
    .option('-s, --services <file>', 'services model')
    .option('-i, --infrastructure <file>', 'infrastructure model (also needed to read a Nix distribution)')
    .option('-d, --distribution <file>', 'distribution model')
    .option('--id-resources <file>', 'ID resources model')
    .option('--ids <file>', 'ids model')
    .option('--docs <file>', 'documentation configuration');
  withOutputOptions(withInputOptions(command)).action((options: ConvertOptions) =>
    run(async () => {
      // -i accompanies -d; otherwise exactly one model is converted.
      const primary = (['services', 'distribution', 'idResources', 'ids', 'docs'] as const).filter(
        (k) => options[k] !== undefined,
      );
      if (primary.length === 0 && options.infrastructure) primary.push('infrastructure' as never);
      if (primary.length !== 1) {
        throw new UsageError(
          'convert takes exactly one model: -s, -i, -d (with -i), --id-resources, --ids or --docs',
        );
      }
      const kind = primary[0] as keyof ModelFiles;
      const files: ModelFiles = { [kind]: options[kind] };
      if (kind === 'distribution' && options.infrastructure) files.infrastructure = options.infrastructure;
      const models = await loadModels(files, loadOptionsOf(options));
      const format = outputFormatOf(options);
      let value: Value;
      let xml: () => string;
      switch (kind) {
        case 'services':
          value = servicesToValue(models.services!);
          xml = () => servicesToXml(models.services!);
          break;
        case 'infrastructure':
          value = infrastructureToValue(models.infrastructure!);
          xml = () => infrastructureToXml(models.infrastructure!);
          break;
        case 'distribution':
          value = distributionToValue(models.distribution!);
          xml = () => distributionToXml(models.distribution!);
          break;
        case 'idResources':
          value = idResourcesToValue(models.idResources!);
          xml = () => idResourcesToXml(models.idResources!);
          break;
        case 'ids':
          value = idsToValue(models.ids!);
          xml = () => idsToXml(models.ids!);
          break;
        default:
          value = docsToValue(models.docs!);
          xml = () => docsToXml(models.docs!);
      }
      await emit(render(value, format, xml), options.outputFile);
    }),
  );
}
