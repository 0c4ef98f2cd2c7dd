/**
 * Round-robin division, exactly as the original dydisnix `divideRoundRobin`
 * (docs/compatibility.md §7.2; dydisnix's nix/intfilters.nix): items in the given order; the first
 * takes the head of its candidate list; each next item takes the candidate that follows the
 * previous item's choice *in its own list* (wrapping around), or its head when the previous choice
 * is not in its list. A one-element list always gives that element. The rotation is relative to
 * the previous choice, not a global counter.
 */
import { AlgorithmError } from '../support/index.js';

/** An item has an empty candidate list. */
export class EmptyCandidatesError extends AlgorithmError {
  override name = 'EmptyCandidatesError';
  constructor(
    readonly item: number,
    readonly itemName: string,
  ) {
    super(`item ${JSON.stringify(itemName)} has no candidate: cannot find a bin for it`);
  }
}

/**
 * Returns the chosen candidate per item. Candidates are compared with `===` (use bin indices or
 * names). `names` only serve error messages.
 */
export function roundRobin<T>(lists: readonly (readonly T[])[], names?: readonly string[]): T[] {
  const out: T[] = [];
  let prev: T | undefined;
  for (let k = 0; k < lists.length; k++) {
    const list = lists[k];
    if (list.length === 0) throw new EmptyCandidatesError(k, names !== undefined ? names[k] : String(k));
    let choice: T;
    if (k === 0 || list.length === 1) choice = list[0];
    else {
      const at = list.indexOf(prev as T);
      choice = at < 0 ? list[0] : list[(at + 1) % list.length];
    }
    out.push(choice);
    prev = choice;
  }
  return out;
}
