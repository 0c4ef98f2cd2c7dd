/**
 * `dyplan place`: every service on one of its candidate targets (every target without a
 * candidate distribution), within every target's capacity for each `--resource` pair, services of
 * one spread group on pairwise different targets, minimising the weight of the dependency links
 * that cross targets plus a migration cost for every service that leaves its previous targets.
 * Models -> the numeric problem of algorithms/placement -> a distribution with its objective, a
 * proven lower bound and the per-target usage.
 */
import { sortedKeys } from '../../models/compare.js';
import { ModelError, formatPath } from '../../models/errors.js';
import type { DistributionModel, InfrastructureModel, ServicesModel, Value } from '../../models/types.js';
import type { InfeasibleReason, PlacementInstance } from '../../algorithms/placement/index.js';
import { PlanningError } from '../errors.js';
import {
  boundText,
  formatNumber,
  numericProperty,
  placementProblem,
  plural,
  toDistribution,
  type ModelSources,
  type PlacementProblem,
  type PlacementResult,
} from './placement.js';
import {
  readResources,
  resourceName,
  resourceUsage,
  type MissingResource,
  type ResourcePair,
  type ResourceTable,
  type TargetUsage,
} from './resources.js';

export interface PlaceModels {
  services: ServicesModel;
  infrastructure: InfrastructureModel;
  /** Candidate targets per service; without it every service may go to every target. */
  distribution?: DistributionModel;
  /** Where the services ran before (for the migration cost). */
  previousDistribution?: DistributionModel;
}

export interface PlacePlanOptions {
  resources: readonly ResourcePair[];
  missingDemand?: MissingResource;
  /** Service property whose value names the service's spread group. */
  spreadProperty?: string;
  /** Cost of a service that leaves its previous targets: a number, or a numeric service property
   * (services without it cost 1). Default 1. */
  migrationCost?: number | { property: string };
  /** Service property holding `{ dependency = weight; }` for its links (default weight 1). */
  linkWeightProperty?: string;
  exact?: boolean;
  /** Solve small programmes exactly after the search (default true; see AUTO_MIP_COLUMNS). */
  autoExact?: boolean;
  /** Seconds for --exact and for the LP bound (default 30). */
  timeLimit?: number;
  bound?: 'auto' | 'lp' | 'combinatorial';
  /** Work budget of the search (default: the algorithm's, from the instance size). */
  workBudget?: number;
  /** The tabu search after the multilevel search on small models without candidates (default
   * true; see SMALL_FREE_TABU_EFFORT; false: for comparison). */
  tabu?: boolean;
  seed?: number;
  sources?: ModelSources & { previousDistribution?: string };
}

export interface PlacePlanResult extends PlacementResult {
  /** Load against capacity per target and resource pair. */
  usage: TargetUsage[];
  /** Services that are not on one of their previous targets (those whose targets left included). */
  moved: string[];
}

/** The numeric instance of the models, with what is needed to read its answer back. */
export interface PlaceProblem {
  problem: PlacementProblem;
  instance: PlacementInstance;
  table: ResourceTable;
  /** Spread group names in instance order, and the links (with weights). */
  groupNames: string[];
  links: [number, number][];
  linkWeights: number[];
  /** Services with previous targets none of which exists any more, and what they cost. */
  displaced: number[];
  displacedCost: number;
  /** Services with previous targets (for counting moves). */
  hadPrevious: boolean[];
}

/** Programmes up to this many columns are solved exactly after the search (with candidate lists). */
export const AUTO_MIP_COLUMNS = 5000;
/** The same without candidate lists, where the relaxation is symmetric and proofs are slow. */
export const AUTO_MIP_COLUMNS_FREE = 100;
/** Branch-and-bound nodes of that exact solve. */
export const AUTO_MIP_NODES = 2000;
/**
 * Programmes without candidate lists above AUTO_MIP_COLUMNS_FREE and up to this many columns (the
 * 40- and 60-service models of the benchmark) get SMALL_FREE_EFFORT times the search's default
 * work budget and up to SMALL_FREE_RESTARTS fresh starts: that costs a second or so where the
 * exact solve would take HiGHS 15-30 s per 40 services.
 */
export const SMALL_FREE_COLUMNS = 1200;
export const SMALL_FREE_EFFORT = 5;
export const SMALL_FREE_RESTARTS = 40;
/**
 * Those models then get a tabu search (algorithms/placement/tabu.ts) from the search's best plan,
 * with SMALL_FREE_TABU_EFFORT times the search's default work budget: at 95 % utilisation with
 * two resources and spread groups the multilevel search stalls 1-6 above what relocations and
 * swaps that may make the plan worse for a while reach (the MIP optimum on the two 40-service
 * models where HiGHS proves one). About 0.3-0.5 s CPU more per command.
 */
export const SMALL_FREE_TABU_EFFORT = 5;

const SOURCE_DEFAULTS = {
  services: 'services',
  infrastructure: 'infrastructure',
  distribution: 'distribution',
  previousDistribution: 'previous distribution',
};

/** Builds the numeric problem (exported for the benchmark, which runs the baselines on it). */
export function placeProblem(models: PlaceModels, options: PlacePlanOptions): PlaceProblem {
  const sources = { ...SOURCE_DEFAULTS, ...options.sources };
  const { services, infrastructure, distribution, previousDistribution } = models;
  const serviceNames = distribution ? sortedKeys(distribution) : sortedKeys(services);
  const targets = sortedKeys(infrastructure);
  const problem = placementProblem(serviceNames, targets, distribution);
  const table = readResources(models, options.resources, {
    services: serviceNames,
    targets,
    missingDemand: options.missingDemand,
    sources,
  });

  // Links (dependsOn, then connectsTo) with their weights.
  const index = new Map(serviceNames.map((s, i) => [s, i]));
  const links: [number, number][] = [];
  const linkWeights: number[] = [];
  serviceNames.forEach((name, i) => {
    const service = services[name];
    let weights: Record<string, Value> | undefined;
    if (options.linkWeightProperty !== undefined) {
      const value = service.properties[options.linkWeightProperty];
      if (value !== undefined && value !== null) {
        if (typeof value !== 'object' || Array.isArray(value))
          throw new ModelError(
            sources.services,
            formatPath([name, options.linkWeightProperty]),
            'expected an attribute set of link weights by dependency name, e.g. { db = 10; }',
          );
        weights = value;
      }
    }
    for (const dependency of [...service.dependsOn, ...service.connectsTo]) {
      const j = index.get(dependency);
      if (j === undefined) continue;
      let weight = 1;
      if (weights && Object.hasOwn(weights, dependency)) {
        const path = [name, options.linkWeightProperty as string, dependency];
        const value = numericProperty(weights[dependency], sources.services, path);
        if (value === undefined || value < 0)
          throw new ModelError(sources.services, formatPath(path), 'expected a link weight >= 0');
        weight = value;
      }
      links.push([i, j]);
      linkWeights.push(weight);
    }
  });

  // Spread groups: services with the same property value.
  const groupNames: string[] = [];
  const groupOf = new Map<string, number>();
  const groups = serviceNames.map((name) => {
    if (options.spreadProperty === undefined) return -1;
    const value = services[name].properties[options.spreadProperty];
    if (value === undefined || value === null) return -1;
    if (typeof value === 'object')
      throw new ModelError(
        sources.services,
        formatPath([name, options.spreadProperty]),
        'expected a string naming the spread group',
      );
    const key = String(value);
    let g = groupOf.get(key);
    if (g === undefined) {
      groupOf.set(key, (g = groupNames.length));
      groupNames.push(key);
    }
    return g;
  });

  // Previous targets and migration costs.
  const cost = options.migrationCost ?? 1;
  const moveCosts = serviceNames.map((name) => {
    if (typeof cost === 'number') return cost;
    const path = [name, cost.property];
    const value = numericProperty(services[name].properties[cost.property], sources.services, path);
    if (value !== undefined && value < 0)
      throw new ModelError(
        sources.services,
        formatPath(path),
        `expected a migration cost >= 0, got ${value}`,
      );
    return value ?? 1;
  });
  const previous: (number[] | undefined)[] = [];
  const hadPrevious: boolean[] = [];
  const displaced: number[] = [];
  let displacedCost = 0;
  serviceNames.forEach((name, i) => {
    const mappings =
      previousDistribution && Object.hasOwn(previousDistribution, name) ? previousDistribution[name] : [];
    const bins = [
      ...new Set(mappings.map((m) => problem.targetIndex.get(m.target)).filter((b) => b !== undefined)),
    ] as number[];
    hadPrevious.push(mappings.length > 0);
    if (mappings.length > 0 && bins.length === 0) {
      displaced.push(i);
      displacedCost += moveCosts[i];
    }
    previous.push(bins.length > 0 ? bins : undefined);
  });

  const instance: PlacementInstance = {
    itemCount: serviceNames.length,
    binCount: targets.length,
    edges: links,
    edgeWeights: linkWeights,
    demands: table.demand,
    capacities: table.capacity,
    candidates: distribution ? problem.candidates : undefined,
    groups,
    previous,
    moveCosts,
  };
  return { problem, instance, table, groupNames, links, linkWeights, displaced, displacedCost, hadPrevious };
}

export async function planPlace(models: PlaceModels, options: PlacePlanOptions): Promise<PlacePlanResult> {
  const built = placeProblem(models, options);
  const { problem, instance, table } = built;
  const placement = await import('../../algorithms/placement/index.js');
  if (problem.services.length > 0 && problem.targets.length === 0)
    throw new PlanningError('place: infeasible: there is no target to place the services on');
  const empty = problem.candidates.findIndex((c) => c.length === 0);
  if (empty >= 0)
    throw new ModelError(
      options.sources?.distribution ?? SOURCE_DEFAULTS.distribution,
      formatPath([problem.services[empty]]),
      'the service has no candidate target in the infrastructure model',
    );

  const columns = placement.programmeColumns(instance);
  const restricted = problem.candidates.some((c) => c.length < problem.targets.length);
  // Small programmes without candidate lists that the exact solve below leaves out (its proofs
  // take HiGHS tens of seconds there): a larger search, which restarts when it stalls.
  const smallFree = !restricted && columns > AUTO_MIP_COLUMNS_FREE && columns <= SMALL_FREE_COLUMNS;
  let solution;
  try {
    solution = placement.solvePlacement(instance, {
      workBudget:
        options.workBudget ??
        (smallFree ? SMALL_FREE_EFFORT * placement.defaultWorkBudget(instance) : undefined),
      maxRestarts: smallFree ? SMALL_FREE_RESTARTS : undefined,
      seed: options.seed,
    });
  } catch (error) {
    if (error instanceof placement.InfeasiblePlacementError)
      throw new PlanningError(`place: infeasible: ${describeInfeasibility(error.reason, built)}`, {
        cause: error,
      });
    throw error;
  }
  const timeLimit = options.timeLimit ?? 30;
  const notes: string[] = [];
  let bins = solution.bins;
  let feasible = solution.feasible;
  let method = 'multilevel search';
  let work = solution.work;
  let searchCost = solution.cost;
  if (smallFree && feasible && options.tabu !== false) {
    const tabu = placement.tabuSearch(instance, bins, {
      workBudget: SMALL_FREE_TABU_EFFORT * placement.defaultWorkBudget(instance),
      seed: options.seed,
    });
    work += tabu.work;
    if (tabu.cost < searchCost - 1e-9) {
      bins = tabu.bins;
      searchCost = tabu.cost;
      method = 'multilevel search, then tabu search';
    }
  }
  let bound = { value: 0, kind: '' };
  let optimal = false;

  if (options.exact) {
    method = 'exact MIP (HiGHS)';
    const exact = await placement.exactPlacement(instance, { timeLimit, start: feasible ? bins : undefined });
    if (exact.infeasible)
      throw new PlanningError('place: infeasible: the integer programme (HiGHS) has no solution');
    if (exact.bins && (!feasible || exact.cost < searchCost - 1e-9)) {
      bins = exact.bins;
      feasible = true;
    }
    optimal = exact.optimal;
    if (Number.isFinite(exact.lowerBound))
      bound = { value: Math.max(0, exact.lowerBound), kind: 'MIP bound' };
    if (exact.timedOut)
      notes.push(`the exact search ran out of time after ${timeLimit} s, the best answer found is printed`);
  }
  // Small programmes: the MIP, warm-started from the search, within a node budget (so the plan
  // does not depend on the clock: an answer cut short by the time limit is not used). With
  // candidate lists the LP relaxation is informative and HiGHS proves small cases quickly;
  // without them it is symmetric, so only tiny models qualify.
  // When the search found no feasible plan, the same solve finds one or proves there is none.
  if (!options.exact && options.autoExact !== false) {
    const limit = restricted ? AUTO_MIP_COLUMNS : AUTO_MIP_COLUMNS_FREE;
    if (columns <= limit) {
      const exact = await placement.exactPlacement(instance, {
        timeLimit,
        start: feasible ? bins : undefined,
        nodeLimit: AUTO_MIP_NODES,
      });
      if (exact.infeasible)
        throw new PlanningError(
          'place: infeasible: no placement meets every capacity, spread group and candidate list (proven by the integer programme, HiGHS)',
        );
      if (!exact.timedOut && exact.bins) {
        if (!feasible || exact.cost < searchCost - 1e-9) {
          bins = exact.bins;
          feasible = true;
          method = 'multilevel search, then MIP (HiGHS)';
        }
        if (exact.optimal) {
          optimal = true;
          bound = { value: exact.cost, kind: 'MIP' };
        } else if (Number.isFinite(exact.lowerBound))
          bound = { value: Math.max(0, exact.lowerBound), kind: 'MIP bound' };
      }
    }
  }
  if (!feasible) {
    const lp = await placement.placementLowerBound(instance, { bound: options.bound, timeLimit });
    if (lp.lpInfeasible)
      throw new PlanningError(
        'place: infeasible: even the LP relaxation (capacities, spread, candidates) has no solution',
      );
    throw new PlanningError(
      `place: no feasible placement found; feasibility unknown after the search: the best placement found ${violationsText(bins, built)}`,
    );
  }
  if (!optimal) {
    const combined = await placement.placementLowerBound(instance, { bound: options.bound, timeLimit });
    if (combined.value > bound.value) bound = { value: combined.value, kind: combined.kind };
  }

  const distribution = toDistribution(problem, bins);
  let crossing = 0;
  let crossingWeight = 0;
  built.links.forEach(([a, b], e) => {
    if (bins[a] !== bins[b]) {
      crossing++;
      crossingWeight += built.linkWeights[e];
    }
  });
  const moved: string[] = [];
  let moveCost = built.displacedCost;
  problem.services.forEach((name, i) => {
    if (!built.hadPrevious[i]) return;
    const previous = instance.previous?.[i];
    if (previous === undefined || !previous.includes(bins[i])) {
      moved.push(name);
      if (previous !== undefined) moveCost += instance.moveCosts?.[i] ?? 1;
    }
  });
  const objective = crossingWeight + moveCost;
  const lowerBound = optimal ? objective : bound.value + built.displacedCost;
  optimal = optimal || objective <= lowerBound + 1e-9;
  const weighted = built.linkWeights.some((w) => w !== 1);
  const hasPrevious = built.hadPrevious.some(Boolean);
  const parts = [
    `${crossing} of ${plural(built.links.length, 'link')} cross targets${weighted ? ` (weight ${formatNumber(crossingWeight)})` : ''}`,
  ];
  if (hasPrevious) parts.push(`${plural(moved.length, 'service')} moved (cost ${formatNumber(moveCost)})`);
  const summary =
    `place: ${parts.join(', ')}; objective ${formatNumber(objective)}; ` +
    boundText(objective, lowerBound, optimal, optimal ? '' : bound.kind) +
    notes.map((note) => `; ${note}`).join('');
  return {
    distribution,
    objective,
    lowerBound,
    boundKind: bound.kind,
    optimal,
    method,
    notes,
    counts: {
      services: problem.services.length,
      targets: problem.targets.length,
      links: built.links.length,
      crossingLinks: crossing,
      crossingWeight,
      moved: moved.length,
      displaced: built.displaced.length,
      moveCost,
      resources: table.pairs.length,
      spreadGroups: built.groupNames.length,
      work,
      cycles: solution.cycles,
      perturbations: solution.perturbations,
    },
    summary,
    usage: resourceUsage(table, distribution),
    moved,
  };
}

const quote = (name: string) => JSON.stringify(name);

function list(names: string[], limit = 5): string {
  const shown = names.slice(0, limit).map(quote).join(', ');
  return names.length > limit ? `${shown} and ${names.length - limit} more` : shown;
}

function describeInfeasibility(reason: InfeasibleReason, built: PlaceProblem): string {
  const { problem, table, groupNames } = built;
  const pair = (r: number) => table.pairs[r];
  switch (reason.kind) {
    case 'total-demand':
      return (
        `the services need ${formatNumber(reason.demand)} ${pair(reason.resource).demandProperty} in total, ` +
        `the targets offer ${formatNumber(reason.capacity)} ${pair(reason.resource).capacityProperty} (--resource ${resourceName(pair(reason.resource))})`
      );
    case 'item-fits-nowhere': {
      const { demandProperty, capacityProperty } = pair(reason.resource);
      const largest =
        reason.largestCapacity < 0
          ? 'it has no candidate target'
          : `the most ${capacityProperty} any of its candidate targets has is ${formatNumber(reason.largestCapacity)}`;
      return `service ${quote(problem.services[reason.item])} needs ${formatNumber(reason.demand)} ${demandProperty}, ${largest}`;
    }
    case 'spread-group': {
      const names = reason.items.map((i) => problem.services[i]);
      const group = groupNames[built.instance.groups?.[reason.items[0]] ?? 0];
      return (
        `spread group ${quote(group)} has ${names.length} services (${list(names)}) but they can be spread over only ` +
        `${plural(reason.bins, 'target')} (their candidate targets with room for them)`
      );
    }
    case 'pinned-demand': {
      const { demandProperty, capacityProperty } = pair(reason.resource);
      const names = reason.items.map((i) => problem.services[i]);
      return (
        `the services whose only candidate is target ${quote(problem.targets[reason.bin])} (${list(names)}) need ` +
        `${formatNumber(reason.demand)} ${demandProperty}, it has ${formatNumber(reason.capacity)} ${capacityProperty}`
      );
    }
  }
}

/** What is wrong with an infeasible placement, for the error line. */
function violationsText(bins: Int32Array, built: PlaceProblem): string {
  const { problem, table } = built;
  const distribution = toDistribution(problem, bins);
  const usage = resourceUsage(table, distribution);
  const over = usage
    .filter((u) => u.overloaded)
    .map((u) => {
      const worst = u.used.findIndex((used, r) => used > u.capacity[r]);
      return `${quote(u.target)} ${table.pairs[worst].capacityProperty} ${formatNumber(u.used[worst])} of ${formatNumber(u.capacity[worst])}`;
    });
  const texts: string[] = [];
  if (over.length > 0)
    texts.push(
      `leaves ${plural(over.length, 'target')} over capacity (${over.slice(0, 3).join(', ')}${over.length > 3 ? ', ...' : ''})`,
    );
  const groups = built.instance.groups;
  if (groups) {
    const seen = new Set<string>();
    let conflicts = 0;
    problem.services.forEach((_, i) => {
      if (groups[i] < 0) return;
      const key = `${groups[i]}:${bins[i]}`;
      if (seen.has(key)) conflicts++;
      seen.add(key);
    });
    if (conflicts > 0)
      texts.push(`puts ${plural(conflicts, 'service')} on a target with another of its spread group`);
  }
  return texts.join(' and ') || 'breaks a constraint';
}
