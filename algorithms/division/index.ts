/**
 * Division of items over bins, as the original dydisnix does it: {@link divide} (capacities and
 * demands; greedy, highest-bidder, lowest-bidder, listed in {@link DIVIDE_STRATEGIES}) and
 * {@link roundRobin} (rotation over candidate lists).
 */
export {
  DIVIDE_STRATEGIES,
  divide,
  DivideError,
  InsufficientCapacityError,
  MissingDemandError,
  type DivideStrategy,
} from './divide.js';
export { EmptyCandidatesError, roundRobin } from './round-robin.js';
