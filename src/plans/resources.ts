/**
 * Resources: numeric demand/capacity pairs such as `requireMem:mem` (the service property
 * `requireMem` is a demand on the target property `mem`). Parses the `--resource` pairs, reads
 * every service's demand and every target's capacity for each pair, and tells how much of each
 * target's capacity a distribution uses. `dyplan place` plans with these; `dyplan view` draws the
 * per-target load from them.
 */
import { ModelError, formatPath } from '../../models/errors.js';
import type { DistributionModel, InfrastructureModel, ServicesModel } from '../../models/types.js';
import { UsageError } from '../errors.js';
import { numericProperty, type ModelSources } from './placement.js';

/** One `SERVICEPROP:TARGETPROP` pair. */
export interface ResourcePair {
  /** Numeric service property: what a service needs (`requireMem`). */
  demandProperty: string;
  /** Numeric target property: what a target offers (`mem`). */
  capacityProperty: string;
}

/** What to do with a service or target that lacks the property: an error (default), or 0. */
export type MissingResource = 'error' | 'zero';

/**
 * `requireMem:mem` as a pair. The text is split at its last `:` (a property name may hold one,
 * a target property rarely does); both sides must be non-empty. Bad text is a UsageError naming it.
 */
export function parseResourcePair(text: string): ResourcePair {
  const colon = text.lastIndexOf(':');
  const demandProperty = colon < 0 ? '' : text.slice(0, colon);
  const capacityProperty = colon < 0 ? '' : text.slice(colon + 1);
  if (demandProperty === '' || capacityProperty === '')
    throw new UsageError(
      `--resource ${JSON.stringify(text)}: expected SERVICEPROP:TARGETPROP, e.g. requireMem:mem`,
    );
  return { demandProperty, capacityProperty };
}

/** Every `--resource` text as a pair, in order; the same pair twice is a UsageError. */
export function parseResourcePairs(texts: readonly string[]): ResourcePair[] {
  const seen = new Set<string>();
  return texts.map((text) => {
    const pair = parseResourcePair(text);
    const key = JSON.stringify([pair.demandProperty, pair.capacityProperty]);
    if (seen.has(key)) throw new UsageError(`--resource ${JSON.stringify(text)} is given twice`);
    seen.add(key);
    return pair;
  });
}

/** `requireMem:mem`: how a pair is written in messages and tables. */
export function resourceName(pair: ResourcePair): string {
  return `${pair.demandProperty}:${pair.capacityProperty}`;
}

export interface ResourceReadOptions {
  /** The services to read, in this order (default: every service of the model, in key order). */
  services?: readonly string[];
  /** The targets to read, in this order (default: every target of the model, in key order). */
  targets?: readonly string[];
  /** A service without the demand property: an error (default) or a demand of 0. */
  missingDemand?: MissingResource;
  /** A target without the capacity property: an error or a capacity of 0 (default: as `missingDemand`). */
  missingCapacity?: MissingResource;
  sources?: ModelSources;
}

/** Demands and capacities of every pair, as numbers indexed like `services` and `targets`. */
export interface ResourceTable {
  pairs: ResourcePair[];
  services: string[];
  targets: string[];
  /** `demand[r][i]`: what service `services[i]` needs of pair `r` (>= 0). */
  demand: Float64Array[];
  /** `capacity[r][j]`: what target `targets[j]` offers of pair `r` (>= 0). */
  capacity: Float64Array[];
}

/**
 * Reads each pair's demand of every service and capacity of every target. A missing (or list,
 * or attribute set) property is an error naming the file, the service or target and the property,
 * unless `missingDemand`/`missingCapacity` is `'zero'`; a value that is not a number, or is
 * negative, is always an error.
 */
export function readResources(
  models: { services: ServicesModel; infrastructure: InfrastructureModel },
  pairs: readonly ResourcePair[],
  options: ResourceReadOptions = {},
): ResourceTable {
  const services = [...(options.services ?? Object.keys(models.services))];
  const targets = [...(options.targets ?? Object.keys(models.infrastructure))];
  const missingDemand = options.missingDemand ?? 'error';
  const missingCapacity = options.missingCapacity ?? missingDemand;
  const servicesFile = options.sources?.services ?? 'services';
  const infrastructureFile = options.sources?.infrastructure ?? 'infrastructure';
  const demand = pairs.map(({ demandProperty }) =>
    Float64Array.from(services, (name) => {
      const path = [name, demandProperty];
      const service = models.services[name];
      if (service === undefined)
        throw new ModelError(servicesFile, formatPath([name]), 'no service of this name in the model');
      return amountOf(
        service.properties[demandProperty],
        servicesFile,
        path,
        missingDemand,
        `missing; --resource ${demandProperty}:... needs it as the service's demand (or --missing-demand zero)`,
      );
    }),
  );
  const capacity = pairs.map(({ demandProperty, capacityProperty }) =>
    Float64Array.from(targets, (name) => {
      const path = [name, 'properties', capacityProperty];
      const target = models.infrastructure[name];
      if (target === undefined)
        throw new ModelError(infrastructureFile, formatPath([name]), 'no target of this name in the model');
      return amountOf(
        target.properties[capacityProperty],
        infrastructureFile,
        path,
        missingCapacity,
        `missing; --resource ${demandProperty}:${capacityProperty} needs it as the target's capacity`,
      );
    }),
  );
  return { pairs: [...pairs], services, targets, demand, capacity };
}

function amountOf(
  value: Parameters<typeof numericProperty>[0],
  file: string,
  path: PropertyKey[],
  missing: MissingResource,
  missingText: string,
): number {
  const amount = numericProperty(value, file, path);
  if (amount === undefined) {
    if (missing === 'zero') return 0;
    throw new ModelError(file, formatPath(path), missingText);
  }
  if (!Number.isFinite(amount) || amount < 0)
    throw new ModelError(file, formatPath(path), `expected a number >= 0, got ${amount}`);
  return amount;
}

/** How much of each pair a target's services use, against its capacity. */
export interface TargetUsage {
  target: string;
  /** `used[r]`: the demands of pair `r` of the services placed on the target. */
  used: number[];
  /** `capacity[r]`: the target's capacity of pair `r`. */
  capacity: number[];
  /** Services placed on the target, in the table's order. */
  services: string[];
  /** Some pair's demands exceed its capacity. */
  overloaded: boolean;
}

/**
 * The usage per target (in the table's target order) of a distribution. A service mapped to
 * several targets counts on each of them; services and targets outside the table are ignored.
 */
export function resourceUsage(table: ResourceTable, distribution: DistributionModel): TargetUsage[] {
  const targetIndex = new Map(table.targets.map((t, j) => [t, j]));
  const usage: TargetUsage[] = table.targets.map((target, j) => ({
    target,
    used: table.pairs.map(() => 0),
    capacity: table.capacity.map((c) => c[j]),
    services: [],
    overloaded: false,
  }));
  table.services.forEach((service, i) => {
    const mappings = distribution[service];
    if (!Object.hasOwn(distribution, service) || !mappings) return;
    const onTargets = new Set<number>();
    for (const { target } of mappings) {
      const j = targetIndex.get(target);
      if (j !== undefined) onTargets.add(j);
    }
    for (const j of onTargets) {
      usage[j].services.push(service);
      table.demand.forEach((d, r) => (usage[j].used[r] += d[i]));
    }
  });
  for (const u of usage) u.overloaded = u.used.some((used, r) => exceedsCapacity(used, u.capacity[r]));
  return usage;
}

/**
 * `used > capacity`, forgiving the rounding of a sum of fractional demands (0.1 + 0.2 fits
 * into 0.3): one part in 10^9.
 */
export function exceedsCapacity(used: number, capacity: number): boolean {
  return used > capacity + 1e-9 * Math.max(1, Math.abs(capacity));
}
