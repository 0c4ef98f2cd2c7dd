/**
 * `dyplan id-assign`: unique, stable IDs (ports, UIDs, GIDs...) for services, from the ID resources
 * model, keeping the assignments of a previous ids file (src/plans/ids.ts).
 */
import type { Command } from 'commander';
import { MODEL_KINDS } from '../../models/kinds.js';
import { outputFormatOf, render } from '../formats.js';
import { emit } from '../output.js';
import { planIds } from '../plans/ids.js';
import { emptyReport, PhaseClock, withReportOption, writeReport } from '../report.js';
import {
  loadCommandModels,
  withInputOptions,
  withOutputOptions,
  type InputOptions,
  type OutputOptions,
  type ActionRunner,
} from './options.js';

interface IdAssignOptions extends InputOptions, OutputOptions {
  services: string;
  infrastructure?: string;
  distribution?: string;
  idResources: string;
  ids?: string;
  serviceProperty: string;
  report?: string;
}

export function registerIdAssign(program: Command, run: ActionRunner): void {
  const command = program
    .command('id-assign')
    .description('assign unique, stable numeric IDs (ports, UIDs, GIDs) to services')
    .requiredOption('-s, --services <file>', 'services model')
    .option('-i, --infrastructure <file>', 'infrastructure model (needed to read a Nix distribution)')
    .option(
      '-d, --distribution <file>',
      'distribution model: assign IDs only to distributed services (distribution mode)',
    )
    .requiredOption('--id-resources <file>', 'ID resources model: pools with min, max, scope and step')
    .option('--ids <file>', 'previous ids file whose assignments are kept where still valid')
    .option(
      '--service-property <name>',
      'service attribute listing the resources a service needs IDs from',
      'requiresUniqueIdsFor',
    );
  withReportOption(withOutputOptions(withInputOptions(command))).action((options: IdAssignOptions) =>
    run(async () => {
      const clock = new PhaseClock();
      const models = await clock.time('load models', () =>
        loadCommandModels(
          {
            services: options.services,
            infrastructure: options.infrastructure,
            distribution: options.distribution,
            idResources: options.idResources,
            ids: options.ids,
          },
          options,
        ),
      );
      const { ids, counts } = await clock.time('assign', () =>
        planIds(models, {
          serviceProperty: options.serviceProperty,
          sources: { services: options.services, idResources: options.idResources },
        }),
      );
      const { toValue, toXml } = MODEL_KINDS.ids;
      await clock.time('write', () =>
        emit(
          render(toValue(ids), outputFormatOf(options), () => toXml(ids)),
          options.outputFile,
        ),
      );
      const services = Object.keys(models.services).length;
      await writeReport(options.report, {
        ...emptyReport('id-assign', clock),
        counts: { services, idsKept: counts.kept, idsAdded: counts.added, idsRemoved: counts.removed },
      });
    }),
  );
}
