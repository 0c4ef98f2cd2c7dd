/**
 * Minimum-cost set cover: choose sets (e.g. machines, with costs) so that every element (e.g. a
 * service) is in a chosen set, at least total cost.
 *
 * - {@link greedySetCover}: Chvátal's greedy (1979), cost per newly covered element, ties by lowest
 *   set index — the behaviour of the original dydisnix minsetcover (docs/compatibility.md §7.4),
 *   without its infinite loop on an uncoverable element. Assignment = the first *selected* set
 *   covering an element, as in the original.
 * - {@link setCover} (default): greedy, then redundant-set removal (most expensive first), then a
 *   Lagrangian heuristic (Beasley 1990; lagrangian.ts) that also yields a lower bound.
 *   Within 0-3 % of the optimum on the OR-Library benchmarks (bench/set-cover.ts) where plain
 *   greedy + redundancy removal is 3-18.5 % above.
 * - exact: exact.ts (HiGHS MIP, async).
 *
 * Deterministic; throws {@link UncoverableElementError} (naming the element) when no cover exists.
 */
import { greedyCover, removeRedundant } from './greedy.js';
import {
  assignElements,
  buildCoverInstance,
  coverCost,
  type CoverInstance,
  type SetCoverProblem,
} from './instance.js';
import { lagrangianSetCover, type LagrangianOptions } from './lagrangian.js';

export interface SetCoverResult {
  /** Chosen set indices, ascending. */
  chosen: number[];
  /** Total cost of the chosen sets. */
  cost: number;
  /** assignment[i] = the chosen set element i is assigned to (see each function for which). */
  assignment: number[];
  /** True when `cost` is proven minimal (meets the lower bound, or solved exactly). */
  optimal: boolean;
  /** Proven lower bound on the optimum (0 when none was computed). */
  lowerBound: number;
  method: 'greedy' | 'lagrangian' | 'exact';
}

/** The original algorithm: plain greedy, no redundancy removal. */
export function greedySetCover(problem: SetCoverProblem): SetCoverResult {
  const inst = buildCoverInstance(problem);
  const order = greedyCover(inst, null);
  const assignment = new Array<number>(inst.elementCount).fill(-1);
  for (const j of order) {
    for (let k = inst.setStart[j]; k < inst.setStart[j + 1]; k++) {
      const e = inst.setElems[k];
      if (assignment[e] < 0) assignment[e] = j;
    }
  }
  const cost = coverCost(inst, order);
  return {
    chosen: [...order].sort((a, b) => a - b),
    cost,
    assignment,
    optimal: inst.elementCount === 0,
    lowerBound: 0,
    method: 'greedy',
  };
}

export type SetCoverOptions = LagrangianOptions;

/**
 * Greedy + redundancy removal + Lagrangian improvement. Assignment: each element goes to the
 * lowest-indexed chosen set containing it.
 */
export function setCover(problem: SetCoverProblem, options: SetCoverOptions = {}): SetCoverResult {
  const inst = buildCoverInstance(problem);
  return heuristicCover(inst, options);
}

/** {@link setCover} on an already built instance (used by the exact fallback). */
export function heuristicCover(inst: CoverInstance, options: SetCoverOptions = {}): SetCoverResult {
  const start = removeRedundant(inst, greedyCover(inst, null));
  const outcome = lagrangianSetCover(inst, start, options);
  return {
    chosen: outcome.chosen,
    cost: outcome.cost,
    assignment: assignElements(inst, outcome.chosen),
    optimal: outcome.cost <= outcome.lowerBound + 1e-9,
    lowerBound: outcome.lowerBound,
    method: 'lagrangian',
  };
}
