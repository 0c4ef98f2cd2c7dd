/**
 * One-dimensional division of items over bins with capacities, exactly as the original dydisnix
 * `divide` (docs/compatibility.md §7.1; dydisnix's src/divide/divide.c): items are processed in
 * the given order (never re-sorted), each takes one bin among its candidates (candidate order
 * matters), and capacities are consumed across items.
 *
 * - greedy: first candidate that fits (first fit);
 * - highest-bidder: the fitting candidate with the most remaining capacity (worst fit), ties ->
 *   earliest candidate;
 * - lowest-bidder: the fitting candidate with the least remaining capacity (best fit), ties ->
 *   earliest candidate.
 * "Fits" means demand <= remaining capacity. Candidates whose capacity is `undefined` are skipped
 * (the original skips targets whose property is not a scalar). Unlike the original, an error
 * prints nothing partial: it is a typed {@link DivideError}.
 */
import { AlgorithmError } from '../support/index.js';

export type DivideStrategy = 'greedy' | 'highest-bidder' | 'lowest-bidder';

export const DIVIDE_STRATEGIES: readonly DivideStrategy[] = ['greedy', 'highest-bidder', 'lowest-bidder'];

export interface DivideItem {
  /** Name for error messages. */
  readonly name: string;
  /** Demand; `undefined` = the item lacks the property (error). */
  readonly demand: number | undefined;
  /** Candidate bin indices, in preference order. */
  readonly candidates: readonly number[];
}

export interface DivideResult {
  /** assignment[k] = the bin chosen for item k. */
  assignment: number[];
  /** Remaining capacity per bin after all items (undefined stays undefined). */
  remaining: (number | undefined)[];
}

export class DivideError extends AlgorithmError {
  override name = 'DivideError';
}

/** The item has no demand value. */
export class MissingDemandError extends DivideError {
  override name = 'MissingDemandError';
  constructor(readonly item: string) {
    super(`item ${JSON.stringify(item)} has no demand value`);
  }
}

/** No candidate bin has enough capacity left for the item. */
export class InsufficientCapacityError extends DivideError {
  override name = 'InsufficientCapacityError';
  constructor(
    readonly item: string,
    readonly demand: number,
    /** Largest remaining capacity among the item's candidates (undefined: no candidate has a capacity). */
    readonly bestRemaining: number | undefined,
  ) {
    super(
      `no candidate bin has enough capacity left for item ${JSON.stringify(item)}: demand ${demand}, ` +
        (bestRemaining === undefined
          ? 'no candidate has a capacity'
          : `largest remaining capacity ${bestRemaining}`),
    );
  }
}

export function divide(
  strategy: DivideStrategy,
  items: readonly DivideItem[],
  capacities: readonly (number | undefined)[],
): DivideResult {
  if (!DIVIDE_STRATEGIES.includes(strategy))
    throw new RangeError(`unknown strategy ${JSON.stringify(strategy)}`);
  const remaining = [...capacities];
  for (const c of remaining) {
    if (c !== undefined && !Number.isFinite(c)) throw new RangeError(`invalid capacity ${c}`);
  }
  const assignment: number[] = [];
  for (const item of items) {
    const d = item.demand;
    if (d === undefined) throw new MissingDemandError(item.name);
    if (!Number.isFinite(d))
      throw new RangeError(`item ${JSON.stringify(item.name)} has invalid demand ${d}`);
    let chosen = -1;
    let best: number | undefined;
    for (const bin of item.candidates) {
      if (!Number.isInteger(bin) || bin < 0 || bin >= remaining.length) {
        throw new RangeError(
          `item ${JSON.stringify(item.name)} has candidate ${bin} outside [0, ${remaining.length})`,
        );
      }
      const cap = remaining[bin];
      if (cap === undefined) continue;
      if (best === undefined || cap > best) best = cap;
      if (d > cap) continue;
      if (strategy === 'greedy') {
        chosen = bin;
        break;
      }
      if (
        chosen < 0 ||
        (strategy === 'highest-bidder' && cap > (remaining[chosen] as number)) ||
        (strategy === 'lowest-bidder' && cap < (remaining[chosen] as number))
      ) {
        chosen = bin;
      }
    }
    if (chosen < 0) throw new InsufficientCapacityError(item.name, d, best);
    remaining[chosen] = (remaining[chosen] as number) - d;
    assignment.push(chosen);
  }
  return { assignment, remaining };
}
