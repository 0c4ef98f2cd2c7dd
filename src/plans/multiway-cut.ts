/**
 * Multiway cut planner (docs/compatibility.md §7.5): each service on one of its candidate targets
 * so that as few dependency links as possible cross targets. Alpha-expansion by default, the
 * isolating-cut approximation or an exact integer programme on request, and a lower bound so the
 * user knows how far the plan can be from the optimum: the default solver's own (links between
 * services with no common candidate, components its branch and bound finished, and a dual ascent
 * on the LP relaxation of the others, within a fraction of a percent of the LP at any size), and
 * the LP relaxation itself (HiGHS) when the instance is small or `bound: 'lp'` asks for it.
 */
import { compareNames, sortedKeys } from '../../models/compare.js';
import { ModelError, formatPath } from '../../models/errors.js';
import type { DistributionModel, ServicesModel } from '../../models/types.js';
import { inPhase } from '../diagnostics.js';
import {
  boundText,
  candidateTargets,
  placementLinks,
  placementProblem,
  toDistribution,
  type ModelSources,
  type PlacementResult,
} from './placement.js';

export type MultiwayCutAlgorithm = 'alpha-expansion' | 'isolating-cuts';
export type MultiwayCutBound = 'auto' | 'lp' | 'free';

export interface MultiwayCutPlanOptions {
  algorithm?: MultiwayCutAlgorithm;
  /** Solve the integer programme (HiGHS) within `timeLimit`. */
  exact?: boolean;
  /** Seconds for the exact search and for the LP bound (default 30). */
  timeLimit?: number;
  bound?: MultiwayCutBound;
  /** `auto` skips the LP bound above this many links (default LP_BOUND_MAX_LINKS). */
  lpBoundMaxLinks?: number;
  sources?: ModelSources;
}

export interface MultiwayCutPlanResult extends PlacementResult {
  /** Dependency links between the placed services. */
  links: number;
}

/**
 * Above this many links the LP bound is skipped by default: it takes seconds from 10,000 services
 * on, while the dual bound of the default solver is within 0.1 % of it there.
 */
export const LP_BOUND_MAX_LINKS = 5_000;

const FREE_BOUND = 'links between services with no common candidate';
const DUAL_BOUND = 'LP dual ascent';

export async function planMultiwayCut(
  models: { services: ServicesModel; distribution: DistributionModel },
  options: MultiwayCutPlanOptions = {},
): Promise<MultiwayCutPlanResult> {
  const { distribution } = models;
  const problem = placementProblem(
    sortedKeys(distribution),
    candidateTargets(distribution, compareNames),
    distribution,
  );
  const instance = {
    itemCount: problem.services.length,
    labelCount: problem.targets.length,
    edges: placementLinks(problem, models.services),
    candidates: problem.candidates,
  };
  const timeLimit = options.timeLimit ?? 30;
  const mwc = await import('../../algorithms/multiway-cut/index.js');

  let result: {
    labels: Int32Array;
    cost: number;
    lowerBound?: number;
    optimal?: boolean;
    timedOut?: boolean;
    dualGain?: number;
  };
  let method: string;
  const notes: string[] = [];
  try {
    if (options.exact) {
      method = 'exact MIP (HiGHS)';
      result = await mwc.exactMultiwayCut(instance, { timeLimit });
      if (result.timedOut)
        notes.push(`the exact search ran out of time after ${timeLimit} s, the best answer found is printed`);
    } else if (options.algorithm === 'isolating-cuts') {
      method = 'isolating cuts';
      result = mwc.isolatingCuts(instance);
    } else {
      method = 'alpha-expansion';
      result = mwc.multiwayCut(instance);
    }
  } catch (error) {
    if (error instanceof mwc.NoCandidateError) {
      throw new ModelError(
        options.sources?.distribution ?? 'the distribution model',
        formatPath([problem.services[error.item]]),
        'the service has no candidate target',
        { cause: error },
      );
    }
    throw error;
  }

  // The default and exact solvers' bounds already include the free bound.
  let bound = result.lowerBound ?? mwc.freeLowerBound(instance);
  let boundKind = (result.dualGain ?? 0) > 0 ? DUAL_BOUND : FREE_BOUND;
  const bounding = options.bound ?? 'auto';
  const lpMaxLinks = options.lpBoundMaxLinks ?? LP_BOUND_MAX_LINKS;
  const wantLp = bounding === 'lp' || (bounding === 'auto' && instance.edges.length <= lpMaxLinks);
  const unproven = !result.optimal && result.cost > bound;
  if (unproven && wantLp) {
    const lp = await inPhase('LP bound', () => mwc.lpLowerBound(instance, { timeLimit }));
    if (lp.solved && lp.integerLowerBound >= bound) {
      bound = lp.integerLowerBound;
      boundKind = 'LP relaxation';
    } else if (!lp.solved)
      notes.push(`the LP bound ran out of time after ${timeLimit} s (--time-limit to allow more)`);
  } else if (unproven && bounding === 'auto') {
    // Say why the gap may look large: the weak bound was used, not the plan.
    notes.push(
      `LP bound skipped above ${lpMaxLinks.toLocaleString('en-US')} links (--bound lp to compute it)`,
    );
  }
  const optimal = result.optimal === true || result.cost <= bound;
  const shownKind = result.optimal || bound === 0 ? '' : boundKind;
  return {
    distribution: toDistribution(problem, result.labels),
    objective: result.cost,
    lowerBound: bound,
    boundKind,
    optimal,
    method,
    notes,
    counts: {
      services: problem.services.length,
      targets: problem.targets.length,
      links: instance.edges.length,
      crossingLinks: result.cost,
    },
    links: instance.edges.length,
    summary:
      `multiwaycut: ${result.cost} of ${instance.edges.length} links cross targets; ` +
      boundText(result.cost, bound, result.optimal, shownKind) +
      notes.map((note) => `; ${note}`).join(''),
  };
}
