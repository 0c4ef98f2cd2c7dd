/**
 * ID assignment planner (docs/compatibility.md §7.7): unique, stable IDs (ports, UIDs, GIDs...)
 * for the services that ask for them, from the pools of the ID resources model, keeping every
 * still-valid assignment of the previous ids model. Distribution mode (a distribution given):
 * only distributed services get IDs, and machine-scope pools are unique per target.
 */
import {
  assignIds,
  PoolExhaustedError,
  ScopeNeedsPlacementError,
  type IdConsumer,
  type IdAssignmentState,
} from '../../algorithms/ids/index.js';
import { ModelError, formatPath } from '../../models/errors.js';
import type {
  DistributionModel,
  IdResourcesModel,
  IdsModel,
  Service,
  ServicesModel,
} from '../../models/types.js';

export interface IdsPlanModels {
  services: ServicesModel;
  idResources: IdResourcesModel;
  distribution?: DistributionModel;
  /** The previous ids model, whose valid assignments are kept. */
  ids?: IdsModel;
}

export interface IdsPlanOptions {
  /** Service attribute listing the resources a service needs IDs from (default `requiresUniqueIdsFor`). */
  serviceProperty?: string;
  sources?: { services?: string; idResources?: string };
}

export interface IdsPlanResult {
  ids: IdsModel;
  /** Assignments kept from the previous ids model, new ones, and previous ones dropped. */
  counts: { kept: number; added: number; removed: number };
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

function countChanges(previous: IdsModel['ids'], next: IdsModel['ids']): IdsPlanResult['counts'] {
  const counts = { kept: 0, added: 0, removed: 0 };
  for (const resource in next)
    for (const service in next[resource]) {
      if (previous[resource]?.[service] === next[resource][service]) counts.kept++;
      else counts.added++;
    }
  for (const resource in previous)
    for (const service in previous[resource])
      if (next[resource]?.[service] !== previous[resource][service]) counts.removed++;
  return counts;
}

export function planIds(models: IdsPlanModels, options: IdsPlanOptions = {}): IdsPlanResult {
  const { distribution } = models;
  const servicesFile = options.sources?.services ?? 'the services model';
  const idResourcesFile = options.sources?.idResources ?? 'the ID resources model';
  const property = options.serviceProperty ?? 'requiresUniqueIdsFor';
  const consumers: IdConsumer[] = [];
  for (const name in models.services) {
    const mappings = distribution?.[name] ?? [];
    consumers.push({
      name,
      needs: requiredResources(models.services[name], name, property, servicesFile),
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
    const ids = { ids: state.ids, lastAssignments: state.last, lastAssignmentsPerTarget: state.lastPerHost };
    return { ids, counts: countChanges(models.ids?.ids ?? {}, ids.ids) };
  } catch (error) {
    if (error instanceof PoolExhaustedError) {
      const where = error.hosts.length > 0 ? ` on target ${error.hosts.join(', ')}` : '';
      throw new ModelError(
        idResourcesFile,
        formatPath([error.pool]),
        `the pool is exhausted${where}: all ${error.capacity} IDs reachable with its step are in use`,
        { cause: error },
      );
    }
    if (error instanceof ScopeNeedsPlacementError) {
      throw new ModelError(
        idResourcesFile,
        formatPath([error.pool, 'scope']),
        'scope "machine" needs a distribution model (-d) to know which services share a machine',
        { cause: error },
      );
    }
    throw error;
  }
}
