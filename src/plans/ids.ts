/**
 * ID assignment planner (docs/compatibility.md §7.7): unique, stable IDs (ports, UIDs, GIDs...)
 * for the services that ask for them, from the pools of the ID resources model, keeping every
 * still-valid assignment of the previous ids model. Distribution mode (a distribution given):
 * only distributed services get IDs, and machine-scope pools are unique per target.
 *
 * Beyond dydisnix: pinned IDs (`fixedIds`), preferred IDs (`preferredIds`), reserved ranges and
 * no reuse (ID resources model), and placement memory (`idTargets` in the ids model, or a previous
 * distribution) so that after a move the service that stayed keeps its machine-scope ID.
 */
import {
  assignIds,
  exhaustionDetail,
  PinConflictError,
  PinOutsidePoolError,
  PoolExhaustedError,
  ScopeNeedsPlacementError,
  type DropReason,
  type IdAssignmentState,
  type IdConsumer,
  type IdDrop,
  type IdNote,
} from '../../algorithms/ids/index.js';
import { ModelError, describeType, formatPath } from '../../models/errors.js';
import type {
  DistributionModel,
  IdResourcesModel,
  IdsModel,
  Service,
  ServicesModel,
  Value,
} from '../../models/types.js';

export interface IdsPlanModels {
  services: ServicesModel;
  idResources: IdResourcesModel;
  distribution?: DistributionModel;
  /** The previous ids model, whose valid assignments are kept. */
  ids?: IdsModel;
  /** Where services ran before: placement memory when the ids model has none. */
  previousDistribution?: DistributionModel;
}

export interface IdsPlanOptions {
  /** Service attribute listing the resources a service needs IDs from (default `requiresUniqueIdsFor`). */
  serviceProperty?: string;
  /** Service attribute with the exact IDs a service must have (default `fixedIds`). */
  fixedIdsProperty?: string;
  /** Service attribute with the IDs a service gets when they are free (default `preferredIds`). */
  preferredIdsProperty?: string;
  /**
   * Record, per machine-scope assignment, the targets it was made for (`idTargets`); on by default.
   * `false` writes the original's layout, except when the previous ids model has such a record and
   * for no-reuse machine-scope resources, where the record is always kept.
   */
  rememberTargets?: boolean;
  sources?: { services?: string; idResources?: string };
}

/** A previous assignment that a run does not keep, and why (in words). */
export interface IdsDrop {
  resource: string;
  service: string;
  id: number;
  kind: DropReason['kind'];
  /** The assignment the service gets instead, if any. */
  next?: number;
  /** Why, in words: "no longer in the services model", "3000 is also held by ...". */
  reason: string;
}

export interface IdsPlanResult {
  ids: IdsModel;
  /** Assignments kept from the previous ids model, new ones, and previous ones dropped. */
  counts: { kept: number; added: number; removed: number };
  /** Previous assignments not kept, by resource then service. */
  dropped: IdsDrop[];
  /** A pin moved another service, an assignment moved out of a reserved range, a pin took a retired ID. */
  warnings: string[];
  /** A preferred ID was not free. */
  notes: string[];
}

const DEFAULTS = {
  serviceProperty: 'requiresUniqueIdsFor',
  fixedIdsProperty: 'fixedIds',
  preferredIdsProperty: 'preferredIds',
};

const hasOwn = (record: object, key: string) => Object.prototype.hasOwnProperty.call(record, key);

/** Which ID resources a service asks for; anything but a list of names is an error, not "nothing". */
function requiredResources(service: Service, name: string, property: string, file: string): string[] {
  const value = service.properties[property];
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) {
    throw new ModelError(file, formatPath([name, property]), 'expected a list of ID resource names');
  }
  return value as string[];
}

/** `fixedIds = { ports = 8080; }`: resource -> integer, every resource defined. */
function idsByResource(
  service: Service,
  name: string,
  property: string,
  resources: IdResourcesModel,
  files: { services: string; idResources: string },
): Map<string, number> | undefined {
  if (!hasOwn(service.properties, property)) return undefined;
  const value: Value = service.properties[property];
  if (value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new ModelError(
      files.services,
      formatPath([name, property]),
      `expected an attribute set of ID resource names to IDs, got ${describeType(value)}`,
    );
  }
  const out = new Map<string, number>();
  for (const resource of Object.keys(value)) {
    const id = value[resource];
    if (typeof id !== 'number' || !Number.isSafeInteger(id))
      throw new ModelError(
        files.services,
        formatPath([name, property, resource]),
        `expected an integer, got ${describeType(id)}`,
      );
    if (!hasOwn(resources, resource))
      throw new ModelError(
        files.services,
        formatPath([name, property, resource]),
        `no ID resource named ${JSON.stringify(resource)} in ${files.idResources}`,
      );
    out.set(resource, id);
  }
  return out.size > 0 ? out : undefined;
}

export function planIds(models: IdsPlanModels, options: IdsPlanOptions = {}): IdsPlanResult {
  const { distribution, idResources } = models;
  const files = {
    services: options.sources?.services ?? 'the services model',
    idResources: options.sources?.idResources ?? 'the ID resources model',
  };
  const property = options.serviceProperty ?? DEFAULTS.serviceProperty;
  const fixedProperty = options.fixedIdsProperty ?? DEFAULTS.fixedIdsProperty;
  const preferredProperty = options.preferredIdsProperty ?? DEFAULTS.preferredIdsProperty;
  const consumers: IdConsumer[] = [];
  for (const name in models.services) {
    const service = models.services[name];
    const mappings = distribution && hasOwn(distribution, name) ? distribution[name] : [];
    const consumer: IdConsumer = {
      name,
      needs: requiredResources(service, name, property, files.services),
      hosts: !distribution
        ? null
        : mappings.length === 1
          ? [mappings[0].target]
          : [...new Set(mappings.map((m) => m.target))],
    };
    const pinned = idsByResource(service, name, fixedProperty, idResources, files);
    const preferred = idsByResource(service, name, preferredProperty, idResources, files);
    if (pinned || preferred) {
      // A pin or a preference for a resource is a need for it.
      const needs = new Set(consumer.needs);
      for (const resource of [...(pinned?.keys() ?? []), ...(preferred?.keys() ?? [])]) needs.add(resource);
      consumer.needs = [...needs];
      if (pinned) consumer.pinned = pinned;
      if (preferred) consumer.preferred = preferred;
    }
    consumers.push(consumer);
  }
  const previousIds = models.ids;
  const previous: IdAssignmentState = previousIds
    ? {
        ids: previousIds.ids,
        last: previousIds.lastAssignments,
        lastPerHost: previousIds.lastAssignmentsPerTarget,
        hosts: previousIds.idTargets,
        retired: previousIds.retiredIds,
        retiredPerHost: previousIds.retiredIdsPerTarget,
      }
    : { ids: {}, last: {}, lastPerHost: {} };
  let previousHosts: Map<string, string[]> | undefined;
  if (models.previousDistribution) {
    previousHosts = new Map();
    for (const name of Object.keys(models.previousDistribution))
      previousHosts.set(name, [...new Set(models.previousDistribution[name].map((m) => m.target))]);
  }
  let assignment;
  try {
    assignment = assignIds({
      pools: idResources,
      consumers,
      previous,
      placementsKnown: distribution !== undefined,
      previousHosts,
      rememberHosts: options.rememberTargets !== false,
    });
  } catch (error) {
    throw planError(error, files, idResources, fixedProperty);
  }
  const { state } = assignment;
  const ids: IdsModel = {
    ids: state.ids,
    lastAssignments: state.last,
    lastAssignmentsPerTarget: state.lastPerHost,
  };
  if (state.hosts) ids.idTargets = state.hosts as Record<string, Record<string, string[]>>;
  if (state.retired) ids.retiredIds = state.retired as IdsModel['retiredIds'];
  if (state.retiredPerHost) ids.retiredIdsPerTarget = state.retiredPerHost as IdsModel['retiredIdsPerTarget'];

  const describe = describer(models, files, property, fixedProperty);
  const dropped = assignment.dropped.map((drop): IdsDrop => {
    const table = ids.ids[drop.pool];
    const next = table && hasOwn(table, drop.consumer) ? table[drop.consumer] : undefined;
    return {
      resource: drop.pool,
      service: drop.consumer,
      id: drop.id,
      kind: drop.reason.kind,
      ...(next === undefined ? {} : { next }),
      reason: describe(drop),
    };
  });
  const warnings: string[] = [];
  for (const drop of dropped) {
    if (drop.kind === 'pinned' || drop.kind === 'reserved')
      warnings.push(
        `${formatPath([drop.resource, drop.service])}: ${drop.reason}: ${JSON.stringify(drop.service)} moves to ${drop.next}`,
      );
  }
  const notes: string[] = [];
  for (const note of assignment.notes) {
    const where = formatPath([note.pool, note.consumer]);
    if (note.kind === 'pin-retired') {
      warnings.push(
        `${where}: pinned to ${note.id}, which was retired (noReuse)${onTarget(note.host)}: files owned by ${note.id} become ${JSON.stringify(note.consumer)}'s`,
      );
    } else {
      notes.push(
        `${where}: preferred ID ${note.id} ${preferredWhy(note, files)}; it gets ${ids.ids[note.pool][note.consumer]}`,
      );
    }
  }
  return { ids, counts: assignment.counts, dropped, warnings, notes };
}

function onTarget(host: string | undefined): string {
  return host === undefined ? '' : ` on target ${JSON.stringify(host)}`;
}

function preferredWhy(
  note: Extract<IdNote, { kind: 'preferred-unavailable' }>,
  files: { idResources: string },
): string {
  switch (note.why) {
    case 'out-of-pool':
      return `is not in the pool of ${files.idResources}`;
    case 'reserved':
      return `is reserved in ${files.idResources}`;
    case 'retired':
      return `was retired (noReuse)${onTarget(note.host)}`;
    case 'taken':
      return `is held by ${JSON.stringify(note.by)}${onTarget(note.host)}`;
  }
}

/** Words for why a previous assignment is not kept. */
function describer(
  models: IdsPlanModels,
  files: { services: string; idResources: string },
  property: string,
  fixedProperty: string,
): (drop: IdDrop) => string {
  return ({ pool, consumer, id, reason }) => {
    switch (reason.kind) {
      case 'no-pool':
        return `no resource ${JSON.stringify(pool)} in ${files.idResources} any more`;
      case 'gone': {
        if (!hasOwn(models.services, consumer)) return 'no longer in the services model';
        const { distribution } = models;
        if (distribution && (!hasOwn(distribution, consumer) || distribution[consumer].length === 0))
          return 'not in the distribution';
        return `no longer asks for ${JSON.stringify(pool)} (${property})`;
      }
      case 'out-of-pool': {
        const r = models.idResources[pool];
        return `${id} is outside the pool (${r.min}-${r.max}${r.step > 1 ? `, step ${r.step}` : ''})`;
      }
      case 'reserved':
        return `${id} is reserved in ${files.idResources}`;
      case 'pinned':
        return `${id} is pinned to ${JSON.stringify(reason.by)} (${fixedProperty})${onTarget(reason.host)}`;
      case 'own-pin':
        return `pinned to ${reason.pin} (${fixedProperty})`;
      case 'taken':
        return `${id} is also held by ${JSON.stringify(reason.by)}${onTarget(reason.host)}`;
      case 'retired':
        return `${id} was retired (noReuse)${onTarget(reason.host)}`;
    }
  };
}

function planError(
  error: unknown,
  files: { services: string; idResources: string },
  idResources: IdResourcesModel,
  fixedProperty: string,
): unknown {
  if (error instanceof PoolExhaustedError) {
    const where = error.hosts.length > 0 ? ` on target ${error.hosts.join(', ')}` : '';
    return new ModelError(
      files.idResources,
      formatPath([error.pool]),
      `the pool is exhausted${where}: ${exhaustionDetail(error.capacity, error.blocked)}`,
      { cause: error },
    );
  }
  if (error instanceof ScopeNeedsPlacementError) {
    return new ModelError(
      files.idResources,
      formatPath([error.pool, 'scope']),
      'scope "machine" needs a distribution model (-d) to know which services share a machine',
      { cause: error },
    );
  }
  if (error instanceof PinOutsidePoolError) {
    const r = idResources[error.pool];
    return new ModelError(
      files.services,
      formatPath([error.consumer, fixedProperty, error.pool]),
      error.why === 'reserved'
        ? `${error.id} is reserved in ${files.idResources} (${formatPath([error.pool, 'reserved'])})`
        : `${error.id} is not in the pool ${formatPath([error.pool])} of ${files.idResources} (${r.min}-${r.max}${r.step > 1 ? `, step ${r.step}` : ''})`,
      { cause: error },
    );
  }
  if (error instanceof PinConflictError) {
    return new ModelError(
      files.services,
      formatPath([error.second, fixedProperty, error.pool]),
      `${JSON.stringify(error.first)} and ${JSON.stringify(error.second)} are both pinned to ${error.id}` +
        onTarget(error.host),
      { cause: error },
    );
  }
  return error;
}
