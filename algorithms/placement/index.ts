/**
 * Capacitated, spread-aware, move-aware placement (the problem: `instance.ts`): public entry
 * points.
 *
 * - {@link solvePlacement}: multilevel search (constrained heavy-edge coarsening, recursive
 *   bisection with Fiduccia-Mattheyses passes and a link-guided best fit on the coarsest level,
 *   moves and swaps on the way back) with restarts and iterated local search under a work budget,
 *   after the infeasibility proofs of `feasibility.ts`. Deterministic for a seed and budget.
 * - {@link placementLowerBound}: the best of a neighbourhood (star/knapsack) bound, a component
 *   bound and the LP relaxation (HiGHS) when candidates make it informative.
 * - {@link exactPlacement}: the integer programme via HiGHS within a time limit.
 * - {@link repairPlacement}: makes a given placement feasible (for baselines).
 * - {@link tabuSearch}: improves a feasible placement of a small instance by tabu search over
 *   relocations and swaps (`tabu.ts`).
 */
export {
  InfeasiblePlacementError,
  InvalidInstanceError,
  type InfeasibleReason,
  type PlacementInstance,
} from './instance.js';
export {
  defaultWorkBudget,
  repairPlacement,
  solvePlacement,
  type PlacementOptions,
  type PlacementSolution,
} from './search.js';
export {
  LP_BOUND_MAX_COLUMNS,
  placementLowerBound,
  type BoundOptions,
  type PlacementBound,
} from './bound.js';
export { exactPlacement, programmeColumns, type ExactPlacementResult } from './exact.js';
export { tabuSearch, type TabuOptions, type TabuResult } from './tabu.js';
