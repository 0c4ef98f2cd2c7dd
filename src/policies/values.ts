/**
 * Candidate distributions as QoS policies see them (docs/compatibility.md §1.3 b): service ->
 * list of target names, or `{ target; container; }` where a mapping names a container. Policies of
 * every kind (Nix, YAML/JSON, JavaScript) get and return this form; dyplan's plans work on models.
 */
import { sortedKeys } from '../../models/compare.js';
import { distributionToValue, infrastructureToValue } from '../../models/to-value.js';
export { infrastructureToValue };
import type {
  DistributionModel,
  InfrastructureModel,
  Mapping,
  ServicesModel,
  Value,
} from '../../models/types.js';

export type CandidateMapping = string | { target: string; container?: string };
export type CandidateDistribution = Record<string, CandidateMapping[]>;

/** Per mapping: a name, or `{ target; container; }` when it names a container. */
export function toCandidates(distribution: DistributionModel): CandidateDistribution {
  const out: CandidateDistribution = {};
  for (const service of sortedKeys(distribution)) out[service] = distribution[service].map(mappingValue);
  return out;
}

function mappingValue(m: Mapping): CandidateMapping {
  return m.container === undefined ? m.target : { target: m.target, container: m.container };
}

/**
 * A candidate distribution a policy produced, as a model, when it is plainly valid: every service
 * one of `services`, every mapping the name of one of `infrastructure`'s targets. Otherwise
 * undefined, and the caller runs normalizeDistribution, whose messages say what is wrong. The same
 * as normalizeDistribution's model, built in one pass with one (frozen) mapping per target: a
 * step's distribution holds 100,000s of mappings to a few dozen targets.
 */
export function plainDistributionModel(
  raw: unknown,
  services: ServicesModel,
  infrastructure: InfrastructureModel,
): DistributionModel | undefined {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return undefined;
  // An attribute set as JSON, Nix or an object literal gives it (not a Map, a promise...).
  const prototype: unknown = Object.getPrototypeOf(raw);
  if (prototype !== Object.prototype && prototype !== null) return undefined;
  const entries = raw as Record<string, unknown>;
  const mappings = new Map<string, Mapping>();
  const out: DistributionModel = Object.create(null) as DistributionModel;
  for (const service of sortedKeys(entries)) {
    const list = entries[service];
    if (!Object.hasOwn(services, service) || !Array.isArray(list)) return undefined;
    const models: Mapping[] = new Array<Mapping>(list.length);
    for (let i = 0; i < list.length; i++) {
      const target: unknown = list[i];
      if (typeof target !== 'string') return undefined;
      let mapping = mappings.get(target);
      if (mapping === undefined) {
        if (!Object.hasOwn(infrastructure, target)) return undefined;
        mapping = Object.freeze({ target });
        mappings.set(target, mapping);
      }
      models[i] = mapping;
    }
    out[service] = models;
  }
  return out;
}

/** Every service on every target (sorted), as dydisnix's `initialDistribution`. */
export function cartesianDistribution(
  services: ServicesModel,
  infrastructure: InfrastructureModel,
): DistributionModel {
  const targets = sortedKeys(infrastructure);
  const out: DistributionModel = {};
  for (const service of sortedKeys(services)) out[service] = targets.map((target) => ({ target }));
  return out;
}

/** The policy's view of the models: the evaluated structures dyplan read and validated. */
export interface PolicyValues {
  services: Value;
  infrastructure: Value;
  previousDistribution: Value;
}

/**
 * The services as evaluated (what servicesToValue gives, without sorting every property: Nix
 * sorts attribute sets itself and JSON key order means nothing to a policy).
 */
export function servicesValue(services: ServicesModel): Value {
  const out: Record<string, Value> = Object.create(null) as Record<string, Value>;
  for (const key of sortedKeys(services)) {
    const s = services[key];
    out[key] = { ...s.properties, dependsOn: s.dependsOn, connectsTo: s.connectsTo };
  }
  return out;
}

export function policyValues(models: {
  services: ServicesModel;
  infrastructure: InfrastructureModel;
  previousDistribution?: DistributionModel;
}): PolicyValues {
  return {
    services: servicesValue(models.services),
    infrastructure: infrastructureToValue(models.infrastructure),
    previousDistribution: previousDistributionValue(models.previousDistribution),
  };
}

/** The previous distribution a policy sees (null when there is none). */
export function previousDistributionValue(previous: DistributionModel | undefined): Value {
  // dydisnix's previous distribution switches to { target; container; } as a whole (§1.10).
  return previous ? distributionToValue(previous) : null;
}
