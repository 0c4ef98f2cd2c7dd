/**
 * The error kinds of the command line and their exit codes, in one table (docs/cli.md):
 * bad input, an infeasible plan and an output that cannot be written exit 1, bad usage exits 2,
 * a bug exits 70 (EX_SOFTWARE). Every error dyplan raises on purpose is a DyplanError; anything
 * else that reaches the command line is a bug.
 */
import { DyplanError, type ErrorKind } from '../models/errors.js';

export { DyplanError, ModelError, type ErrorKind } from '../models/errors.js';

export const EXIT_CODES: Readonly<Record<ErrorKind, number>> = {
  input: 1,
  infeasible: 1,
  output: 1,
  usage: 2,
  internal: 70,
};

/** The combination of options makes no sense (exit 2). */
export class UsageError extends DyplanError {
  constructor(message: string, options?: ErrorOptions) {
    super('usage', message, options);
  }
}

/** Planning itself failed: not enough targets, no capacity left, no candidate... */
export class PlanningError extends DyplanError {
  constructor(message: string, options?: ErrorOptions) {
    super('infeasible', message, options);
  }
}

/** A result could not be written or rendered. */
export class OutputError extends DyplanError {
  constructor(message: string, options?: ErrorOptions) {
    super('output', message, options);
  }
}

export function exitCodeOf(error: unknown): number {
  return EXIT_CODES[error instanceof DyplanError ? error.kind : 'internal'];
}
