/**
 * Division planner (docs/compatibility.md §7.1): services divided over their candidate targets by
 * a numeric demand (service property) and capacity (target property), with the greedy,
 * highest-bidder and lowest-bidder strategies. On failure nothing is placed (bug 4).
 */
import { sortedKeys } from '../../models/compare.js';
import { ModelError, formatPath } from '../../models/errors.js';
import type { DistributionModel, InfrastructureModel, ServicesModel } from '../../models/types.js';
import type { DivideStrategy } from '../../algorithms/division/index.js';
import { PlanningError } from '../errors.js';
import {
  formatNumber,
  numericProperty,
  placementProblem,
  toDistribution,
  type ModelSources,
  type PlacementResult,
} from './placement.js';

export { DIVIDE_STRATEGIES, type DivideStrategy } from '../../algorithms/division/index.js';

export interface DividePlanOptions {
  strategy: DivideStrategy;
  /** Numeric service property: the demand. */
  demandProperty: string;
  /** Numeric target property: the capacity. */
  capacityProperty: string;
  sources?: ModelSources;
}

export interface DividePlanResult extends PlacementResult {
  /** Capacity left per target that has one. */
  remaining: ReadonlyMap<string, number>;
}

export async function planDivide(
  models: { services: ServicesModel; infrastructure: InfrastructureModel; distribution: DistributionModel },
  options: DividePlanOptions,
): Promise<DividePlanResult> {
  const { services, infrastructure, distribution } = models;
  const servicesFile = options.sources?.services ?? 'services';
  const problem = placementProblem(
    Object.keys(distribution),
    sortedKeys(infrastructure),
    distribution,
  );
  const items = problem.services.map((name, k) => ({
    name,
    demand: numericProperty(services[name].properties[options.demandProperty], servicesFile, [
      name,
      options.demandProperty,
    ]),
    candidates: problem.candidates[k],
  }));
  const capacities = problem.targets.map((t) =>
    numericProperty(
      infrastructure[t].properties[options.capacityProperty],
      options.sources?.infrastructure ?? 'infrastructure',
      [t, 'properties', options.capacityProperty],
    ),
  );
  const { divide, InsufficientCapacityError, MissingDemandError } =
    await import('../../algorithms/division/index.js');
  let result;
  try {
    result = divide(options.strategy, items, capacities);
  } catch (error) {
    if (error instanceof MissingDemandError) {
      throw new ModelError(
        servicesFile,
        formatPath([error.item, options.demandProperty]),
        'missing; divide needs it as the demand of the service',
        { cause: error },
      );
    }
    if (error instanceof InsufficientCapacityError) {
      const property = options.capacityProperty;
      const left =
        error.bestRemaining === undefined
          ? `no candidate target has a ${property} property`
          : `the most ${property} left on a candidate is ${formatNumber(error.bestRemaining)}`;
      throw new PlanningError(
        `divide: no candidate target has enough ${property} left for service ${JSON.stringify(error.item)}: it needs ${formatNumber(error.demand)}, ${left}`,
        { cause: error },
      );
    }
    throw error;
  }
  const remaining = new Map<string, number>();
  problem.targets.forEach((t, j) => {
    const left = result.remaining[j];
    if (left !== undefined) remaining.set(t, left);
  });
  const left = [...remaining].map(([t, value]) => `${t} ${formatNumber(value)}`);
  return {
    distribution: toDistribution(problem, result.assignment),
    // Division minimises nothing: the objective is the number of services placed.
    objective: problem.services.length,
    lowerBound: 0,
    boundKind: '',
    optimal: false,
    method: options.strategy,
    notes: [],
    counts: { services: problem.services.length, targets: problem.targets.length },
    summary: `divide (${options.strategy}): ${problem.services.length} services placed; ${options.capacityProperty} left: ${left.join(', ') || 'none'}`,
    remaining,
  };
}
