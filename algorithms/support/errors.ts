/**
 * Base class of every error an algorithm throws on input it cannot solve (no candidate, not enough
 * colours, an exhausted pool...), so callers can tell them from bugs in one clause. It takes
 * `(message, { cause })` like Error. Each family keeps its own subclasses and their fields; the
 * CLI translates them into its error model.
 */
export class AlgorithmError extends Error {
  override name = 'AlgorithmError';
}
