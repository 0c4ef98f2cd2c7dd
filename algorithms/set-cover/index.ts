/**
 * Minimum-cost set cover: {@link greedySetCover} (the original dydisnix algorithm),
 * {@link setCover} (greedy, redundancy removal, Lagrangian heuristic with a lower bound) and
 * {@link setCoverExact} (HiGHS MIP). The instance and greedy helpers are exported for the
 * benchmark, which measures the stages on their own.
 */
export { setCoverExact } from './exact.js';
export { greedyCover, removeRedundant } from './greedy.js';
export { greedySetCover, setCover, type SetCoverResult } from './heuristic.js';
export {
  buildCoverInstance,
  coverCost,
  isCover,
  SetCoverError,
  UncoverableElementError,
  type SetCoverProblem,
} from './instance.js';
