/**
 * Failures a command reports as one line on standard error with exit code 1 (as opposed to
 * bugs): an infeasible plan, a picture that cannot be rendered.
 */
export class CommandError extends Error {
  override name = 'CommandError';
}

/** Planning itself failed (not enough targets, no capacity left...). */
export class PlanningError extends CommandError {
  override name = 'PlanningError';
}
