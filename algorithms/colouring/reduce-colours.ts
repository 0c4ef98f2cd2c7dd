/**
 * Colour reduction by tabu search (tabu.ts): from a proper colouring with k colours, look for one
 * with k - 1, and again, until the lower bound is met or the move budget is spent. Also repairs a
 * failed heuristic run (a colour limit or candidate lists DSATUR could not meet) by searching a
 * colouring within the palette first.
 *
 * Each colour count gets several attempts: the first starts from the best colouring with its
 * smallest (removable) class taken out, the next ones from DSATUR colourings in differently seeded
 * node orders (ties broken by a random permutation instead of the names), so the result depends
 * much less on what the nodes are called. All budgets are counts (moves, and evaluated moves for
 * large graphs), never time.
 *
 * Colours are interchangeable without candidate lists, so the palette is simply 0..k-1. With lists
 * the palette is the set of colours in use, minus the one being removed.
 */
import { mulberry32 } from '../support/index.js';
import { dsaturHeuristic } from './dsatur.js';
import type { Adjacency } from './graph.js';
import { listAllows, type ColourLists } from './lists.js';
import { tabuSearch, type TabuVariant } from './tabu.js';

export interface ReduceOptions {
  /** Moves over all attempts. */
  moveBudget: number;
  /** Evaluated candidate moves over all attempts (bounds the work on large graphs). */
  workBudget: number;
  /** Attempts per colour count (the budget is split evenly between them). */
  attempts: number;
  seed: number;
  variant: TabuVariant | 'alternate';
  /** Stop when this many colours are reached. */
  lowerBound: number;
  /**
   * Without lists: a budgeted exact decision "is there a colouring with k colours?" run before the
   * tabu search at each colour count k. A proof that there is none ends the search (and proves
   * k + 1); a colouring found saves the tabu search; `undefined` = not decided within the budget.
   */
  decide?: (k: number) => { colouring: Int32Array | null; complete: boolean } | undefined;
}

export interface ReduceOutcome {
  /** Best proper colouring found (actual colours), or null when the start was not proper and no repair was found. */
  colour: Int32Array | null;
  colours: number;
  /** Moves made in total. */
  moves: number;
  /** Tabu runs started. */
  attempts: number;
  /** Candidate moves evaluated in total. */
  work: number;
  /** Colours proven necessary by `decide` (0 when it proved nothing). */
  provenBound: number;
  /** True when the move or work budget ended the search (otherwise the lower bound was met or the palette was too small). */
  budgetSpent: boolean;
}

/**
 * `start` is a colouring (actual colours, -1 = uncoloured); `startProper` says whether it is a
 * complete proper colouring within the lists and limit. `paletteLimit` = colours 0..paletteLimit-1
 * may be used (the colour limit, or for lists the exact palette).
 */
export function reduceColours(
  adj: Adjacency,
  lists: ColourLists | null,
  paletteLimit: number,
  start: Int32Array,
  startProper: boolean,
  options: ReduceOptions,
): ReduceOutcome {
  const n = adj.nodeCount;
  let best: Int32Array | null = startProper ? start.slice() : null;
  let bestColours = best !== null ? distinctColours(best) : Infinity;
  const perAttempt = Math.max(1, Math.ceil(options.moveBudget / options.attempts));
  let movesLeft = options.moveBudget;
  let workLeft = options.workBudget;
  let moves = 0;
  let attempts = 0;
  let provenBound = 0;
  const random = mulberry32(options.seed);

  while (movesLeft > 0 && workLeft > 0 && bestColours > options.lowerBound) {
    // All usable colours when repairing, else the used ones minus one class.
    const palette = best === null ? fullPalette(paletteLimit) : reducedPalette(best, lists);
    if (palette === null || palette.length === 0) break;
    const k = palette.length;
    if (n * k > MAX_TABU_CELLS) break;
    const local = new Map(palette.map((c, i) => [c, i]));
    const allowed = lists === null ? null : allowedMask(lists, palette, n);
    let found: Int32Array | null = null;
    const decision = lists === null && best !== null ? options.decide?.(k) : undefined;
    if (decision !== undefined && decision.colouring !== null) found = compact(decision.colouring);
    else if (decision !== undefined && decision.complete) {
      provenBound = k + 1;
      break;
    }
    for (let a = 0; found === null && a < options.attempts && movesLeft > 0 && workLeft > 0; a++) {
      const localStart = new Int32Array(n).fill(-1);
      if (a === 0) {
        const from = best ?? start;
        for (let v = 0; v < n; v++) localStart[v] = local.get(from[v]) ?? -1;
      } else {
        const from = dsaturHeuristic(adj, randomRanks(n, random), lists, paletteLimit).colour;
        // Without lists colours are interchangeable: keep the restart's own colours below k.
        for (let v = 0; v < n; v++)
          localStart[v] = lists === null ? (from[v] < k ? from[v] : -1) : (local.get(from[v]) ?? -1);
      }
      if (allowed !== null)
        for (let v = 0; v < n; v++)
          if (localStart[v] >= 0 && allowed[v * k + localStart[v]] === 0) localStart[v] = -1;
      const variant =
        options.variant === 'alternate' ? (a % 2 === 0 ? 'tabucol' : 'partialcol') : options.variant;
      const outcome = tabuSearch({
        adj,
        k,
        allowed,
        start: localStart,
        maxMoves: Math.min(perAttempt, movesLeft),
        maxWork: workLeft,
        seed: options.seed + attempts,
        variant,
      });
      attempts++;
      moves += outcome.moves;
      movesLeft -= outcome.moves;
      workLeft -= outcome.work;
      if (outcome.colour !== null) {
        found = lists === null ? compact(outcome.colour) : outcome.colour.map((c) => palette[c]);
        break;
      }
    }
    if (found === null) break;
    best = found;
    bestColours = distinctColours(found);
  }
  return {
    colour: best,
    colours: bestColours,
    moves,
    attempts,
    work: options.workBudget - workLeft,
    provenBound,
    budgetSpent: (movesLeft <= 0 || workLeft <= 0) && bestColours > Math.max(options.lowerBound, provenBound),
  };
}

/** Largest n x palette the tabu tables (gamma, tabu) are allocated for. */
const MAX_TABU_CELLS = 20_000_000;

function distinctColours(colour: Int32Array): number {
  const seen = new Set<number>();
  for (let v = 0; v < colour.length; v++) seen.add(colour[v]);
  return seen.size;
}

/** Colours renumbered 0..d-1 in increasing order of the old colours. */
function compact(colour: Int32Array): Int32Array {
  const used = [...new Set(colour)].sort((a, b) => a - b);
  const to = new Map(used.map((c, i) => [c, i]));
  return colour.map((c) => to.get(c) as number);
}

/** Every colour a repair may use: 0..limit-1 (for lists, the exact mode's palette). */
function fullPalette(limit: number): number[] | null {
  return Number.isFinite(limit) ? Array.from({ length: limit }, (_, c) => c) : null;
}

/**
 * The used colours minus the smallest class whose every node has another used colour in its list
 * (without lists: minus the smallest class).
 */
function reducedPalette(colour: Int32Array, lists: ColourLists | null): number[] | null {
  const size = new Map<number, number>();
  for (let v = 0; v < colour.length; v++) size.set(colour[v], (size.get(colour[v]) ?? 0) + 1);
  const used = [...size.keys()].sort((a, b) => a - b);
  const order = [...used].sort((a, b) => (size.get(a) as number) - (size.get(b) as number) || a - b);
  for (const drop of order) {
    const rest = used.filter((c) => c !== drop);
    if (lists === null) return rest;
    let ok = true;
    for (let v = 0; v < colour.length && ok; v++) {
      if (colour[v] !== drop || lists.restricted[v] === 0) continue;
      ok = rest.some((c) => listAllows(lists, v, c));
    }
    if (ok) return rest;
  }
  return null;
}

function allowedMask(lists: ColourLists, palette: readonly number[], n: number): Uint8Array {
  const k = palette.length;
  const mask = new Uint8Array(n * k);
  for (let v = 0; v < n; v++) {
    for (let i = 0; i < k; i++) mask[v * k + i] = listAllows(lists, v, palette[i]) ? 1 : 0;
  }
  return mask;
}

/** A random permutation as name ranks (the tie-break of a restart's DSATUR). */
function randomRanks(n: number, random: () => number): Int32Array {
  const rank = Int32Array.from({ length: n }, (_, v) => v);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const t = rank[i];
    rank[i] = rank[j];
    rank[j] = t;
  }
  return rank;
}
