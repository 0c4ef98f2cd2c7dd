/** Stable assignment of unique numeric IDs (ports, UIDs, GIDs...) from scoped pools. */
export {
  assignIds,
  PoolExhaustedError,
  ScopeNeedsPlacementError,
  type IdAssignmentState,
  type IdConsumer,
} from './assignment.js';
