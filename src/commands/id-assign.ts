/**
 * `dyplan id-assign`: unique, stable IDs (ports, UIDs, GIDs...) for services, from the ID resources
 * model, keeping the assignments of a previous ids file (reference section 5.6 and 7.7).
 */
import type { Command } from 'commander';
import {
  assignIds,
  PoolExhaustedError,
  ScopeNeedsPlacementError,
  type IdConsumer,
  type IdAssignmentState,
} from '../../algorithms/id-assignment.js';
import { ModelError, formatPath } from '../../models/errors.js';
import { loadModels } from '../../models/load.js';
import { idsToValue } from '../../models/to-value.js';
import type {
  DistributionModel,
  IdResourcesModel,
  IdsModel,
  Service,
  ServicesModel,
} from '../../models/types.js';
import { idsToXml } from '../../models/write-xml.js';
import { emit } from '../output.js';
import { outputFormatOf, render } from '../formats.js';
import {
  loadOptionsOf,
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
}

/** Which ID resources a service asks for; anything but a list of names is an error, not "nothing". */
function requiredResources(service: Service, name: string, property: string, file: string): string[] {
  const value = service.properties[property];
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) {
    throw new ModelError(file, formatPath([name, property]), 'expected a list of ID resource names');
  }
  return value as string[];
}

export interface IdAssignModels {
  services: ServicesModel;
  idResources: IdResourcesModel;
  distribution?: DistributionModel;
  ids?: IdsModel;
}

/** The whole command minus I/O: models in, new ids model out. */
export function computeIds(
  models: IdAssignModels,
  serviceProperty: string,
  files: { services: string; idResources: string },
): IdsModel {
  const { distribution } = models;
  const consumers: IdConsumer[] = [];
  for (const name in models.services) {
    const mappings = distribution?.[name] ?? [];
    consumers.push({
      name,
      needs: requiredResources(models.services[name], name, serviceProperty, files.services),
      hosts: !distribution
        ? null
        : mappings.length === 1
          ? [mappings[0].target]
          : [...new Set(mappings.map((m) => m.target))],
    });
  }
  const previous: IdAssignmentState = models.ids
    ? {
        ids: models.ids.ids,
        last: models.ids.lastAssignments,
        lastPerHost: models.ids.lastAssignmentsPerTarget,
      }
    : { ids: {}, last: {}, lastPerHost: {} };
  try {
    const state = assignIds({
      pools: models.idResources,
      consumers,
      previous,
      placementsKnown: distribution !== undefined,
    });
    return { ids: state.ids, lastAssignments: state.last, lastAssignmentsPerTarget: state.lastPerHost };
  } catch (error) {
    if (error instanceof PoolExhaustedError) {
      const where = error.hosts.length > 0 ? ` on target ${error.hosts.join(', ')}` : '';
      throw new ModelError(
        files.idResources,
        formatPath([error.pool]),
        `the pool is exhausted${where}: all ${error.capacity} IDs reachable with its step are in use`,
      );
    }
    if (error instanceof ScopeNeedsPlacementError) {
      throw new ModelError(
        files.idResources,
        formatPath([error.pool, 'scope']),
        'scope "machine" needs a distribution model (-d) to know which services share a machine',
      );
    }
    throw error;
  }
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
  withOutputOptions(withInputOptions(command)).action((options: IdAssignOptions) =>
    run(async () => {
      const models = await loadModels(
        {
          services: options.services,
          infrastructure: options.infrastructure,
          distribution: options.distribution,
          idResources: options.idResources,
          ids: options.ids,
        },
        loadOptionsOf(options),
      );
      const ids = computeIds(
        {
          services: models.services!,
          idResources: models.idResources!,
          distribution: models.distribution,
          ids: models.ids,
        },
        options.serviceProperty,
        { services: options.services, idResources: options.idResources },
      );
      const format = outputFormatOf(options);
      await emit(
        render(idsToValue(ids), format, () => idsToXml(ids)),
        options.outputFile,
      );
    }),
  );
}
