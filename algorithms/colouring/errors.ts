/**
 * Typed errors of the graph-colouring algorithms (see `colour-graph.ts`).
 *
 * The original tool printed a single "Not enough target machines" line, or looped forever
 * (docs/compatibility.md §7.6, bug 8). These errors say *why*: a self-loop can never be coloured,
 * and a colour shortage carries how many colours are needed against how many are available, and
 * whether that need is proven (clique bound or exhaustive search) or only what the heuristic used.
 */
import { AlgorithmError } from '../support/index.js';

const colours = (k: number): string => `${k} colour${k === 1 ? '' : 's'}`;

/** Base class of every colouring error, so callers can catch them in one clause. */
export class ColouringError extends AlgorithmError {
  override name = 'ColouringError';
}

/** A node is adjacent to itself: no proper colouring exists. */
export class SelfLoopError extends ColouringError {
  override name = 'SelfLoopError';
  constructor(
    /** Index of the node with the self-loop. */
    readonly node: number,
    /** Its name (or its index as a string when the problem has no names). */
    readonly nodeName: string,
  ) {
    super(`node ${JSON.stringify(nodeName)} is adjacent to itself: it cannot be coloured`);
  }
}

/**
 * Not enough colours: the colouring needs more colours than the limit allows (or than the
 * candidate lists offer together).
 */
export class InsufficientColoursError extends ColouringError {
  override name = 'InsufficientColoursError';
  constructor(
    /**
     * Colours needed: a proven lower bound when `proven` (a clique of that size, or an exhausted
     * exact search), otherwise the number of colours the DSATUR heuristic used (a colouring with
     * fewer may exist; the exact mode searches for one).
     */
    readonly needed: number,
    /** Colours available: the colour limit, or the distinct colours offered by the candidate lists. */
    readonly available: number,
    readonly proven: boolean,
  ) {
    super(
      proven
        ? `needs at least ${colours(needed)}, ${available} available`
        : `the heuristics (DSATUR, tabu search) need ${colours(needed)}, ${available} available (a colouring with fewer may exist: try the exact mode)`,
    );
  }
}

/**
 * List colouring failed: no colouring gives every node a colour of its candidate list (and within
 * the colour limit) — proven by an exhausted exact search, or, when not `proven`, the heuristic
 * got stuck at `node`.
 */
export class ListColouringError extends ColouringError {
  override name = 'ListColouringError';
  constructor(
    /** The node left without a colour (the heuristic's dead end, or a node with an empty list). */
    readonly node: number,
    readonly nodeName: string,
    /** Number of colours in that node's list (within the colour limit). */
    readonly available: number,
    readonly proven: boolean,
  ) {
    super(
      available === 0
        ? `node ${JSON.stringify(nodeName)} has no allowed colour`
        : proven
          ? `no colouring gives every node one of its allowed colours (proven by exhaustive search; the heuristic got stuck at node ${JSON.stringify(nodeName)})`
          : `node ${JSON.stringify(nodeName)} cannot be coloured: all ${available} of its allowed colours are used by neighbours (DSATUR, and tabu search found no repair; the exact mode may still find a colouring)`,
    );
  }
}
