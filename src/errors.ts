/** A failure of planning itself (infeasible plan, not enough targets): exit 1 with one line. */
export class PlanningError extends Error {
  override name = 'PlanningError';
}
