/**
 * Round-robin planner (docs/compatibility.md §7.2, the `divideRoundRobin` filter): services in
 * name order, each on the candidate that follows the previous service's choice in its own list.
 */
import { compareNames, sortedKeys } from '../../models/compare.js';
import { ModelError, formatPath } from '../../models/errors.js';
import type { DistributionModel } from '../../models/types.js';
import {
  candidateTargets,
  placementProblem,
  plural,
  toDistribution,
  type ModelSources,
  type PlacementResult,
} from './placement.js';

export async function planRoundRobin(
  models: { distribution: DistributionModel },
  options: { sources?: ModelSources } = {},
): Promise<PlacementResult> {
  const { distribution } = models;
  const problem = placementProblem(
    sortedKeys(distribution),
    candidateTargets(distribution, compareNames),
    distribution,
  );
  // The rotation follows each list as written, repeats included.
  const lists = problem.mappings.map((mappings) =>
    mappings.map((m) => problem.targetIndex.get(m.target) as number),
  );
  const { roundRobin, EmptyCandidatesError } = await import('../../algorithms/division/index.js');
  let assignment: number[];
  try {
    assignment = roundRobin(lists, problem.services);
  } catch (error) {
    if (error instanceof EmptyCandidatesError) {
      throw new ModelError(
        options.sources?.distribution ?? 'the distribution model',
        formatPath([error.itemName]),
        'the service has no candidate target',
        { cause: error },
      );
    }
    throw error;
  }
  const used = new Set(assignment).size;
  return {
    distribution: toDistribution(problem, assignment),
    objective: used,
    lowerBound: 0,
    boundKind: '',
    optimal: false,
    method: 'round robin',
    notes: [],
    counts: { services: problem.services.length, targets: problem.targets.length, targetsUsed: used },
    summary: `divideRoundRobin: ${plural(problem.services.length, 'service')} on ${plural(used, 'target')}`,
  };
}
