/** Stable assignment of unique numeric IDs (ports, UIDs, GIDs...) from scoped pools. */
export {
  assignIds,
  exhaustionDetail,
  PinConflictError,
  PinOutsidePoolError,
  PoolExhaustedError,
  ScopeNeedsPlacementError,
  type DropReason,
  type IdAssignment,
  type IdAssignmentState,
  type IdConsumer,
  type IdDrop,
  type IdNote,
  type ScopedIdPool,
} from './assignment.js';
export { isInPool, mergeRanges, type IdRange } from './pool.js';
