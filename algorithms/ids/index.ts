/** Stable assignment of unique numeric IDs (ports, UIDs, GIDs...) from scoped pools. */
export {
  assignIds,
  PoolExhaustedError,
  ScopeNeedsPlacementError,
  type IdAssignmentInput,
  type IdAssignmentState,
  type IdConsumer,
  type IdPoolScope,
  type ScopedIdPool,
} from './assignment.js';
