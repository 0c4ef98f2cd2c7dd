/**
 * Set cover planner (docs/compatibility.md §7.4): the cheapest set of targets that can host every
 * service, each service placed on one of them; without the original's endless loop on a service
 * that cannot be covered. `algorithm: 'greedy'` gives the original's plain greedy answer.
 */
import { compareNames } from '../../models/compare.js';
import { ModelError, formatPath } from '../../models/errors.js';
import type { DistributionModel, InfrastructureModel, ServicesModel } from '../../models/types.js';
import {
  boundText,
  candidateTargets,
  formatNumber,
  numericProperty,
  placementProblem,
  toDistribution,
  type ModelSources,
  type PlacementResult,
} from './placement.js';

export type SetCoverAlgorithm = 'default' | 'greedy';

export interface SetCoverPlanOptions {
  /** Numeric target property holding the cost of using the target (missing: free). */
  costProperty: string;
  algorithm?: SetCoverAlgorithm;
  /** Solve the integer programme (HiGHS) within `timeLimit` seconds. */
  exact?: boolean;
  timeLimit?: number;
  sources?: ModelSources;
}

export async function planSetCover(
  models: { services: ServicesModel; infrastructure: InfrastructureModel; distribution: DistributionModel },
  options: SetCoverPlanOptions,
): Promise<PlacementResult> {
  const { distribution, infrastructure } = models;
  const problem = placementProblem(
    Object.keys(distribution),
    candidateTargets(distribution, compareNames),
    distribution,
  );
  const members: number[][] = problem.targets.map(() => []);
  problem.candidates.forEach((candidates, i) => candidates.forEach((j) => members[j].push(i)));
  // A target without the cost property costs nothing (the intent of the original's code).
  const sets = problem.targets.map((t, j) => ({
    members: members[j],
    cost:
      numericProperty(
        infrastructure[t]?.properties[options.costProperty],
        options.sources?.infrastructure ?? 'infrastructure',
        [t, 'properties', options.costProperty],
      ) ?? 0,
  }));
  const instance = { elementCount: problem.services.length, elementNames: problem.services, sets };
  const cover = await import('../../algorithms/set-cover/index.js');
  const timeLimit = options.timeLimit ?? 30;
  const notes: string[] = [];
  let result;
  try {
    if (options.exact) {
      const exact = await cover.setCoverExact(instance, { timeLimitSeconds: timeLimit });
      // Stopped by the clock, the answer depends on the machine and its load: say so.
      if (exact.timedOut)
        notes.push(`the exact search reached its time limit of ${timeLimit} s, the best cover found is printed`);
      result = exact;
    } else
      result = options.algorithm === 'greedy' ? cover.greedySetCover(instance) : cover.setCover(instance);
  } catch (error) {
    if (error instanceof cover.UncoverableElementError) {
      throw new ModelError(
        options.sources?.distribution ?? 'the distribution model',
        formatPath([error.elementName]),
        'the service has no candidate target, so no set of targets can host it',
        { cause: error },
      );
    }
    throw error;
  }
  const bound = result.lowerBound;
  return {
    distribution: toDistribution(problem, result.assignment),
    objective: result.cost,
    lowerBound: bound,
    boundKind:
      result.method === 'exact' && result.optimal
        ? 'integer programme'
        : result.method === 'exact'
          ? 'dual bound of the integer programme'
          : bound > 0
            ? 'Lagrangian relaxation'
            : '',
    optimal: result.optimal,
    method: result.method,
    notes,
    counts: {
      services: problem.services.length,
      targets: problem.targets.length,
      targetsUsed: result.chosen.length,
    },
    summary:
      `minsetcover: total ${options.costProperty} ${formatNumber(result.cost)} on ${result.chosen.length} of ${problem.targets.length} targets; ` +
      (bound > 0 || result.optimal
        ? boundText(result.cost, bound, result.optimal)
        : 'no lower bound computed') +
      notes.map((note) => `; ${note}`).join(''),
  };
}
