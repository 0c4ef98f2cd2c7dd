/**
 * The reference filters as JavaScript functions (docs/compatibility.md §6), for YAML/JSON and
 * JavaScript policies: the same names, arguments and results as dyplan's Nix filters
 * (nix/filters.nix), on the same values (evaluated services and infrastructure, candidate
 * distributions). The pure filters return a distribution; the algorithm filters return a promise
 * of one (they run dyplan's plans, src/policies/steps.ts). test/src/policies/filters.test.ts checks
 * that both implementations agree.
 */
import { DyplanError } from '../../models/errors.js';
import { sortedKeys } from '../../models/compare.js';
import { isAlgorithmFilter, runAlgorithmStep, type StepBase, type StepOutcome } from './steps.js';
import type { CandidateDistribution, CandidateMapping } from './values.js';

type Attrs = Record<string, unknown>;
type Filter = (args: Attrs) => unknown;
export type Filters = Record<string, Filter>;

/** Each filter's arguments, as its Nix function declares them. */
export const FILTER_ARGUMENTS: Record<string, { required: string[]; optional?: string[] }> = {
  createCartesianProduct: { required: ['services', 'infrastructure'] },
  filterDerivations: { required: [] },
  mapAttrOnAttr: {
    required: ['distribution', 'services', 'infrastructure', 'serviceProperty', 'targetProperty'],
  },
  mapAttrOnList: {
    required: ['distribution', 'services', 'infrastructure', 'serviceProperty', 'targetPropertyList'],
  },
  mapListOnAttr: {
    required: ['distribution', 'services', 'infrastructure', 'servicePropertyList', 'targetProperty'],
  },
  mapStatefulToPrevious: { required: ['services', 'distribution', 'previousDistribution'] },
  mapBoundServicesToPrevious: { required: ['services', 'distribution', 'previousDistribution'] },
  divideRoundRobin: { required: ['distribution'] },
  order: { required: ['infrastructure', 'distribution', 'targetProperty'] },
  divide: {
    required: ['strategy', 'services', 'infrastructure', 'distribution', 'serviceProperty', 'targetProperty'],
  },
  multiwaycut: {
    required: ['services', 'distribution'],
    optional: ['infrastructure', 'algorithm', 'exact', 'timeLimit'],
  },
  minsetcover: {
    required: ['services', 'infrastructure', 'distribution', 'targetProperty'],
    optional: ['algorithm', 'exact', 'timeLimit'],
  },
  graphcol: { required: ['services', 'infrastructure'], optional: ['distribution', 'exact'] },
};

export const REFERENCE_FILTERS = sortedKeys(FILTER_ARGUMENTS);

export interface FilterContext {
  base: StepBase;
  /** The values the policy was given: an algorithm step passed these plans with the base models. */
  baseValues: { services: unknown; infrastructure: unknown };
  /** Where the current call is in the policy (read when a call starts). */
  where: () => string;
  onStep: (outcome: StepOutcome) => void;
}

/** Attribute sets keyed by user names: no prototype, so any string is a key. */
function record<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}

const has = (set: object, key: string) => Object.prototype.hasOwnProperty.call(set, key);

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (value instanceof Promise) return 'a promise (await the algorithm filter)';
  if (typeof value === 'function') return 'a function';
  if (typeof value === 'string') return `the string ${JSON.stringify(value)}`;
  if (typeof value === 'object') return 'an attribute set';
  return `the ${typeof value} ${String(value)}`;
}

const isAttrs = (value: unknown): value is Attrs =>
  value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Promise);

/** Nix's `==`: numbers by value, lists element-wise, attribute sets by names and values. */
export function nixEquals(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b))
    return a.length === b.length && a.every((x, i) => nixEquals(x, b[i]));
  if (isAttrs(a) && isAttrs(b)) {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => has(b, k) && nixEquals(a[k], b[k]));
  }
  return false;
}

const targetOf = (mapping: unknown): string =>
  typeof mapping === 'string' ? mapping : String((mapping as { target?: unknown }).target);

/** The filters of dydisnix's reference catalogue, bound to one run's context. */
export function referenceFilters(context: FilterContext): Filters {
  const failure = (name: string, message: string, kind: 'input' | 'infeasible' = 'input') =>
    new DyplanError(kind, `${context.where()}: filters.${name}: ${message}`);

  const checkArguments = (name: string, args: unknown): Attrs => {
    if (!isAttrs(args)) throw failure(name, `expected an attribute set of arguments, got ${describe(args)}`);
    const { required, optional = [] } = FILTER_ARGUMENTS[name];
    for (const arg of required)
      if (!has(args, arg) || args[arg] === undefined)
        throw failure(name, `called without required argument '${arg}'`);
    for (const arg of Object.keys(args))
      if (!required.includes(arg) && !optional.includes(arg))
        throw failure(name, `called with unexpected argument '${arg}'`);
    return args;
  };
  const distributionOf = (name: string, value: unknown): Record<string, unknown> => {
    if (!isAttrs(value))
      throw failure(
        name,
        `distribution: expected a candidate distribution (an attribute set), got ${describe(value)}`,
      );
    return value;
  };
  const candidatesOf = (name: string, service: string, value: unknown): CandidateMapping[] => {
    if (!Array.isArray(value))
      throw failure(
        name,
        `distribution.${JSON.stringify(service)}: expected a list of targets, got ${describe(value)}`,
      );
    return value as CandidateMapping[];
  };
  const serviceOf = (name: string, args: Attrs, service: string): Attrs => {
    const services = args.services as Attrs;
    if (!isAttrs(services))
      throw failure(name, `services: expected an attribute set, got ${describe(services)}`);
    if (!has(services, service))
      throw failure(name, `the distribution names service "${service}", which is not in services`);
    return services[service] as Attrs;
  };
  const servicePropertyOf = (name: string, args: Attrs, service: string, property: string): unknown => {
    const s = serviceOf(name, args, service);
    if (!isAttrs(s) || !has(s, property))
      throw failure(name, `service "${service}" has no attribute ${property}`);
    return s[property];
  };
  const targetPropertyOf = (name: string, args: Attrs, target: string, property: string): unknown => {
    const infrastructure = args.infrastructure as Attrs;
    if (!isAttrs(infrastructure))
      throw failure(name, `infrastructure: expected an attribute set, got ${describe(infrastructure)}`);
    if (!has(infrastructure, target))
      throw failure(name, `the distribution names target "${target}", which is not in infrastructure`);
    const properties = (infrastructure[target] as Attrs | undefined)?.properties;
    if (!isAttrs(properties) || !has(properties, property))
      throw failure(name, `target "${target}" has no properties.${property}`);
    return properties[property];
  };
  const filterCandidates = (
    name: string,
    args: Attrs,
    keep: (service: string, target: string) => boolean,
  ): CandidateDistribution => {
    const distribution = distributionOf(name, args.distribution);
    const out = record<CandidateMapping[]>();
    for (const service of sortedKeys(distribution))
      out[service] = candidatesOf(name, service, distribution[service]).filter((m) =>
        keep(service, targetOf(m)),
      );
    return out;
  };
  const previousOf = (args: Attrs): Attrs | null => {
    const previous = args.previousDistribution;
    return previous === null ? null : (previous as Attrs);
  };
  const mapDistribution = (
    name: string,
    args: Attrs,
    f: (service: string, candidates: CandidateMapping[]) => CandidateMapping[],
  ): CandidateDistribution => {
    const distribution = distributionOf(name, args.distribution);
    const out = record<CandidateMapping[]>();
    for (const service of sortedKeys(distribution))
      out[service] = f(service, candidatesOf(name, service, distribution[service]));
    return out;
  };

  const pure: Filters = {
    filterDerivations: (services) => {
      const out = record<unknown>();
      for (const [name, service] of Object.entries(services)) {
        const { pkg: _pkg, ...rest } = service as Attrs;
        out[name] = rest;
      }
      return out;
    },
    createCartesianProduct: (args) => {
      checkArguments('createCartesianProduct', args);
      const targets = sortedKeys(args.infrastructure as Attrs);
      const out = record<string[]>();
      for (const service of sortedKeys(args.services as Attrs))
        out[service] = [...targets];
      return out;
    },
    mapAttrOnAttr: (args) => {
      const a = checkArguments('mapAttrOnAttr', args);
      const [sp, tp] = [String(a.serviceProperty), String(a.targetProperty)];
      return filterCandidates('mapAttrOnAttr', a, (service, target) =>
        nixEquals(
          servicePropertyOf('mapAttrOnAttr', a, service, sp),
          targetPropertyOf('mapAttrOnAttr', a, target, tp),
        ),
      );
    },
    mapAttrOnList: (args) => {
      const a = checkArguments('mapAttrOnList', args);
      const [sp, tp] = [String(a.serviceProperty), String(a.targetPropertyList)];
      return filterCandidates('mapAttrOnList', a, (service, target) => {
        const list = targetPropertyOf('mapAttrOnList', a, target, tp);
        if (!Array.isArray(list))
          throw failure(
            'mapAttrOnList',
            `targetPropertyList: properties.${tp} of target "${target}" is ${describe(list)}, expected a list`,
          );
        const value = servicePropertyOf('mapAttrOnList', a, service, sp);
        return list.some((x) => nixEquals(x, value));
      });
    },
    mapListOnAttr: (args) => {
      const a = checkArguments('mapListOnAttr', args);
      const [sp, tp] = [String(a.servicePropertyList), String(a.targetProperty)];
      return filterCandidates('mapListOnAttr', a, (service, target) => {
        const list = servicePropertyOf('mapListOnAttr', a, service, sp);
        if (!Array.isArray(list))
          throw failure(
            'mapListOnAttr',
            `servicePropertyList: ${sp} of service "${service}" is ${describe(list)}, expected a list`,
          );
        const value = targetPropertyOf('mapListOnAttr', a, target, tp);
        return list.some((x) => nixEquals(x, value));
      });
    },
    mapStatefulToPrevious: (args) => {
      const a = checkArguments('mapStatefulToPrevious', args);
      const previous = previousOf(a);
      if (previous === null) return a.distribution;
      return mapDistribution('mapStatefulToPrevious', a, (service, candidates) => {
        const s = serviceOf('mapStatefulToPrevious', a, service);
        if (!(isAttrs(s) && s.stateful === true)) return candidates;
        const before = has(previous, service) ? (previous[service] as unknown[]) : candidates;
        const targets = new Set(before.map(targetOf));
        return candidates.filter((m) => targets.has(targetOf(m)));
      });
    },
    mapBoundServicesToPrevious: (args) => {
      const a = checkArguments('mapBoundServicesToPrevious', args);
      const previous = previousOf(a);
      if (previous === null) return a.distribution;
      return mapDistribution('mapBoundServicesToPrevious', a, (service, candidates) => {
        if (!has(previous, service)) return candidates;
        const current = new Set(candidates.map(targetOf));
        const kept = (previous[service] as CandidateMapping[]).filter((m) => current.has(targetOf(m)));
        return kept.length === 0 ? candidates : kept;
      });
    },
    order: (args) => {
      const a = checkArguments('order', args);
      const property = String(a.targetProperty);
      const key = (m: CandidateMapping) => targetPropertyOf('order', a, targetOf(m), property);
      const less = (x: unknown, y: unknown): boolean => {
        if (typeof x === 'number' && typeof y === 'number') return x < y;
        if (typeof x === 'string' && typeof y === 'string') return x < y;
        throw failure('order', `cannot compare ${describe(x)} with ${describe(y)} (properties.${property})`);
      };
      return mapDistribution('order', a, (_service, candidates) =>
        [...candidates].sort((x, y) => {
          const [kx, ky] = [key(x), key(y)];
          return less(kx, ky) ? -1 : less(ky, kx) ? 1 : 0;
        }),
      );
    },
  };

  const algorithm =
    (name: string): Filter =>
    (args) => {
      const where = context.where();
      const a = checkArguments(name, args);
      for (const [arg, value] of Object.entries(a))
        if (value instanceof Promise)
          throw failure(name, `${arg}: got a promise (await the algorithm filter before passing its result)`);
      if (!isAlgorithmFilter(name)) throw failure(name, 'not an algorithm filter');
      const result = runAlgorithmStep(
        { filter: name, where, args: a, baseValues: context.baseValues },
        context.base,
      ).then((outcome) => {
        context.onStep(outcome);
        return outcome.distribution;
      });
      // A policy that never awaits the step must not crash the process when it fails.
      result.catch(() => undefined);
      return result;
    };

  return {
    ...pure,
    divide: algorithm('divide'),
    multiwaycut: algorithm('multiwaycut'),
    minsetcover: algorithm('minsetcover'),
    graphcol: algorithm('graphcol'),
    // As a function it runs the round-robin plan (the Nix filter is pure Nix): same answer.
    divideRoundRobin: algorithm('divideRoundRobin'),
  };
}
