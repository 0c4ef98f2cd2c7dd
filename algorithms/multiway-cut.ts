/**
 * Candidate-restricted multiway cut (uniform labelling): public entry points.
 *
 * Problem: n items, k labels, an undirected multigraph on the items (unit weights; self-loops never
 * count) and a non-empty candidate label list per item; give every item one of its candidates so
 * that as few edges as possible join differently labelled items (Dahlhaus et al., SIAM J. Comput.
 * 23(4), 1994, with the label lists of uniform metric labelling, Kleinberg & Tardos, J. ACM 49(5),
 * 2002).
 *
 * - {@link multiwayCut}: default, deterministic, synchronous solver — greedy start, alpha-expansion
 *   (Boykov, Veksler, Zabih, IEEE TPAMI 23(11), 2001), per-component exact search and restarts,
 *   single-move polish. See `multiway-cut-heuristic.ts`.
 * - {@link isolatingCuts}: the (2 − 2/k) isolating-cut approximation of Dahlhaus et al.
 * - {@link exactMultiwayCut}: integer programme via HiGHS, with a time limit.
 * - {@link lpLowerBound}: LP relaxation bound (Călinescu, Karloff, Rabani formulation) via HiGHS;
 *   {@link freeLowerBound}: edges whose items share no candidate.
 */
import { runHeuristic, type HeuristicResult, type MultiwayCutOptions } from './multiway-cut-heuristic.js';
import {
  compactInstance,
  disjointCandidateBound,
  type CompactInstance,
  type MultiwayCutInstance,
} from './multiway-cut-instance.js';

export {
  NoCandidateError,
  InvalidInstanceError,
  type MultiwayCutInstance,
  type MultiwayCutResult,
} from './multiway-cut-instance.js';
export type { HeuristicResult, MultiwayCutOptions } from './multiway-cut-heuristic.js';
export { isolatingCuts, type IsolatingCutsResult } from './multiway-cut-isolating.js';
export {
  exactMultiwayCut,
  lpLowerBound,
  type ExactOptions,
  type ExactResult,
  type HighsLimits,
  type LpBoundResult,
} from './multiway-cut-exact.js';

/** Default solver. Throws NoCandidateError / InvalidInstanceError on bad input. */
export function multiwayCut(
  instance: MultiwayCutInstance,
  options: MultiwayCutOptions = {},
): HeuristicResult {
  return runHeuristic(compactInstance(instance), options).result;
}

/** {@link multiwayCut} on an already validated compact instance. */
export function solveCompact(ci: CompactInstance, options: MultiwayCutOptions = {}): HeuristicResult {
  return runHeuristic(ci, options).result;
}

/** The free lower bound: number of edges whose two items share no candidate label. */
export function freeLowerBound(instance: MultiwayCutInstance): number {
  return disjointCandidateBound(compactInstance(instance));
}
