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
 *   single-move polish. See `heuristic.ts`.
 * - {@link isolatingCuts}: the (2 − 2/k) isolating-cut approximation of Dahlhaus et al.
 * - {@link exactMultiwayCut}: integer programme via HiGHS, with a time limit.
 * - {@link lpLowerBound}: LP relaxation bound (Călinescu, Karloff, Rabani formulation) via HiGHS;
 *   {@link freeLowerBound}: edges whose items share no candidate.
 */
export { exactMultiwayCut, lpLowerBound } from './exact.js';
export { multiwayCut, type MultiwayCutOptions } from './heuristic.js';
export {
  freeLowerBound,
  InvalidInstanceError,
  NoCandidateError,
  type MultiwayCutInstance,
} from './instance.js';
export { isolatingCuts } from './isolating-cuts.js';
