/**
 * Tabu search for a k-colouring, in the two classical neighbourhoods:
 *
 * - TabuCol: Hertz & de Werra, "Using tabu search techniques for graph coloring", Computing 39(4),
 *   1987, with the dynamic tenure of Galinier & Hao, "Hybrid evolutionary algorithms for graph
 *   coloring", J. Comb. Optim. 3(4), 1999 (tenure = 0.6 x conflicting nodes + a random 0..9).
 *   Every node has a colour among the k; a move recolours one node of a conflicting edge; the
 *   objective is the number of conflicting edges.
 * - PartialCol: Blöchliger & Zufferey, "A graph coloring heuristic using partial solutions and a
 *   reactive tabu scheme", Computers & OR 35(3), 2008. The colouring stays proper but partial; a
 *   move puts an uncoloured node into a colour class and uncolours its neighbours there; the
 *   objective is the number of uncoloured nodes. (Their tenure is reactive; the same dynamic
 *   tenure as TabuCol is used here, 0.6 x uncoloured + 0..9, which they report as a close second.)
 *
 * Both keep the table gamma[v][c] = neighbours of v with colour c (Fleurent & Ferland 1996), so a
 * move is evaluated in O(1) and applied in O(degree); an iteration scans the conflicting (or
 * uncoloured) nodes times k. A best non-tabu move is made each iteration (ties drawn at random), a
 * tabu move only when it beats the best objective seen (aspiration).
 *
 * Candidate lists: `allowed` (n x k, 1 = node may take that local colour) restricts every move and
 * every start; colours are local indices 0..k-1 here, the caller maps them to its palette.
 *
 * The budget is a number of moves, never time, and all randomness comes from the seed, so the
 * result is reproducible.
 */
import { mulberry32 } from '../support/index.js';
import type { Adjacency } from './graph.js';

export type TabuVariant = 'tabucol' | 'partialcol';

export interface TabuInput {
  adj: Adjacency;
  /** Number of colours to use (local colours 0..k-1). */
  k: number;
  /** n x k: allowed[v * k + c] = 1 when node v may take colour c; null = every colour allowed. */
  allowed: Uint8Array | null;
  /** Start: local colour per node, or -1 for a node to be placed first (least conflicting colour). */
  start: Int32Array;
  /** Moves at most. */
  maxMoves: number;
  /** Candidate moves evaluated at most (the scan of an iteration counts whole). */
  maxWork: number;
  seed: number;
  variant: TabuVariant;
}

export interface TabuOutcome {
  /** A proper colouring with local colours 0..k-1 (every node coloured), or null. */
  colour: Int32Array | null;
  /** Moves made. */
  moves: number;
  /** Candidate moves evaluated. */
  work: number;
}

/** Runs one tabu search; see the module comment. Every node must have an allowed colour. */
export function tabuSearch(input: TabuInput): TabuOutcome {
  return input.variant === 'partialcol' ? partialCol(input) : tabuCol(input);
}

/** Index set with O(1) insert/remove (position table). */
class NodeSet {
  readonly items: Int32Array;
  readonly pos: Int32Array;
  size = 0;
  constructor(n: number) {
    this.items = new Int32Array(n);
    this.pos = new Int32Array(n).fill(-1);
  }
  add(v: number): void {
    if (this.pos[v] >= 0) return;
    this.pos[v] = this.size;
    this.items[this.size++] = v;
  }
  remove(v: number): void {
    const i = this.pos[v];
    if (i < 0) return;
    const last = this.items[--this.size];
    this.items[i] = last;
    this.pos[last] = i;
    this.pos[v] = -1;
  }
}

/** First allowed colour of v with the fewest coloured neighbours (gamma), ties to the lowest. */
function leastConflicting(gamma: Int32Array, allowed: Uint8Array | null, v: number, k: number): number {
  const base = v * k;
  let pick = -1;
  for (let c = 0; c < k; c++) {
    if (allowed !== null && allowed[base + c] === 0) continue;
    if (pick < 0 || gamma[base + c] < gamma[base + pick]) pick = c;
  }
  return pick;
}

/** Above any move's delta (a node has fewer than 2^30 neighbours); a small integer, unlike Infinity. */
const NO_MOVE = 0x3fffffff;

/** One of the `ties` equally good cells (v * k + c) drawn at random, or -1 when there is none. */
function drawTie(tied: Int32Array, ties: number, random: () => number): number {
  if (ties === 0) return -1;
  return tied[ties === 1 ? 0 : Math.floor(random() * ties)];
}

function tabuCol(input: TabuInput): TabuOutcome {
  const { adj, k, allowed, maxMoves, maxWork } = input;
  const n = adj.nodeCount;
  const { offsets, targets } = adj;
  const random = mulberry32(input.seed);
  const colour = input.start.slice();
  const gamma = new Int32Array(n * k);
  for (let v = 0; v < n; v++) {
    const c = colour[v];
    if (c < 0) continue;
    for (let i = offsets[v]; i < offsets[v + 1]; i++) gamma[targets[i] * k + c]++;
  }
  // Place the nodes without a colour, in index order, each where it conflicts least.
  for (let v = 0; v < n; v++) {
    if (colour[v] >= 0) continue;
    const c = leastConflicting(gamma, allowed, v, k);
    if (c < 0) return { colour: null, moves: 0, work: 0 }; // no allowed colour at all
    colour[v] = c;
    for (let i = offsets[v]; i < offsets[v + 1]; i++) gamma[targets[i] * k + c]++;
  }
  const conflicting = new NodeSet(n);
  let f = 0;
  for (let v = 0; v < n; v++) {
    const g = gamma[v * k + colour[v]];
    if (g > 0) {
      conflicting.add(v);
      f += g;
    }
  }
  f >>= 1; // each conflicting edge was counted from both ends
  let bestF = f;
  const restricted = allowed !== null;
  // tabu[v * k + c] = first move at which v may take colour c again.
  const tabu = new Int32Array(n * k);
  let moves = 0;
  // Equally good moves of the current iteration (v * k + c), one drawn at random.
  const tied = new Int32Array(Math.max(16, n * k));
  let work = 0;
  while (f > 0 && moves < maxMoves && work < maxWork) {
    work += conflicting.size * k;
    // The hot loop: cells (v * k + c) scanned directly, integers only (no Infinity), so that V8
    // keeps it in small-integer arithmetic; `f + delta < bestF` is `delta < aspiration`.
    let bestDelta = NO_MOVE;
    let ties = 0;
    const items = conflicting.items;
    const size = conflicting.size;
    const aspiration = bestF - f;
    for (let t = 0; t < size; t++) {
      const v = items[t];
      const base = v * k;
      const own = gamma[base + colour[v]];
      if (-own > bestDelta) continue; // even a colour free of neighbours would not tie the best
      const skip = base + colour[v];
      const end = base + k;
      for (let cell = base; cell < end; cell++) {
        const delta = gamma[cell] - own;
        if (delta > bestDelta || cell === skip) continue;
        if (restricted && allowed[cell] === 0) continue;
        if (tabu[cell] > moves && delta >= aspiration) continue;
        if (delta < bestDelta) {
          bestDelta = delta;
          ties = 0;
        }
        tied[ties++] = cell;
      }
    }
    let pickV = -1;
    let pickC = -1;
    const cell = drawTie(tied, ties, random);
    if (cell >= 0) {
      pickV = Math.floor(cell / k);
      pickC = cell - pickV * k;
    }
    if (pickV < 0) {
      // Every move is tabu: recolour a random conflicting node to a random allowed colour.
      pickV = items[Math.floor(random() * conflicting.size)];
      const base = pickV * k;
      const options: number[] = [];
      for (let c = 0; c < k; c++)
        if (c !== colour[pickV] && (allowed === null || allowed[base + c] === 1)) options.push(c);
      if (options.length === 0) {
        moves++;
        continue;
      }
      pickC = options[Math.floor(random() * options.length)];
      bestDelta = gamma[base + pickC] - gamma[base + colour[pickV]];
    }
    const v = pickV;
    const old = colour[v];
    colour[v] = pickC;
    tabu[v * k + old] = moves + 1 + Math.floor(0.6 * conflicting.size) + Math.floor(random() * 10);
    for (let i = offsets[v]; i < offsets[v + 1]; i++) {
      const w = targets[i];
      const wb = w * k;
      gamma[wb + old]--;
      gamma[wb + pickC]++;
      const cw = colour[w];
      if (cw === old && gamma[wb + old] === 0) conflicting.remove(w);
      else if (cw === pickC) conflicting.add(w);
    }
    if (gamma[v * k + pickC] > 0) conflicting.add(v);
    else conflicting.remove(v);
    f += bestDelta;
    if (f < bestF) bestF = f;
    moves++;
  }
  return { colour: f === 0 ? colour : null, moves, work };
}

function partialCol(input: TabuInput): TabuOutcome {
  const { adj, k, allowed, maxMoves, maxWork } = input;
  const n = adj.nodeCount;
  const { offsets, targets } = adj;
  const random = mulberry32(input.seed);
  const colour = input.start.slice();
  const gamma = new Int32Array(n * k);
  const uncoloured = new NodeSet(n);
  // Keep the start proper: a node whose colour clashes with an earlier-kept neighbour is dropped.
  for (let v = 0; v < n; v++) {
    const c = colour[v];
    if (c >= 0 && gamma[v * k + c] === 0) {
      for (let i = offsets[v]; i < offsets[v + 1]; i++) gamma[targets[i] * k + c]++;
    } else {
      colour[v] = -1;
      uncoloured.add(v);
    }
  }
  // Start from a maximal partial colouring: uncoloured nodes that fit somewhere go there.
  for (let v = 0; v < n; v++) {
    if (colour[v] >= 0) continue;
    const c = leastConflicting(gamma, allowed, v, k);
    if (c >= 0 && gamma[v * k + c] === 0) {
      colour[v] = c;
      uncoloured.remove(v);
      for (let i = offsets[v]; i < offsets[v + 1]; i++) gamma[targets[i] * k + c]++;
    }
  }
  let bestU = uncoloured.size;
  const tabu = new Int32Array(n * k);
  let moves = 0;
  const uncolour = (w: number): void => {
    const c = colour[w];
    colour[w] = -1;
    for (let i = offsets[w]; i < offsets[w + 1]; i++) gamma[targets[i] * k + c]--;
    uncoloured.add(w);
  };
  const tied = new Int32Array(Math.max(16, n * k));
  let work = 0;
  const restricted = allowed !== null;
  while (uncoloured.size > 0 && moves < maxMoves && work < maxWork) {
    work += uncoloured.size * k;
    const size = uncoloured.size;
    // As in tabuCol: integers only; `size + delta < bestU` is `delta < aspiration`.
    let bestDelta = NO_MOVE;
    let ties = 0;
    const items = uncoloured.items;
    const aspiration = bestU - size;
    for (let t = 0; t < size; t++) {
      const base = items[t] * k;
      const end = base + k;
      for (let cell = base; cell < end; cell++) {
        const delta = gamma[cell] - 1;
        if (delta > bestDelta) continue;
        if (restricted && allowed[cell] === 0) continue;
        if (tabu[cell] > moves && delta >= aspiration) continue;
        if (delta < bestDelta) {
          bestDelta = delta;
          ties = 0;
        }
        tied[ties++] = cell;
      }
    }
    const cell = drawTie(tied, ties, random);
    if (cell < 0) {
      moves++;
      continue;
    }
    const v = Math.floor(cell / k);
    const c = cell - v * k;
    const tenure = moves + 1 + Math.floor(0.6 * size) + Math.floor(random() * 10);
    for (let i = offsets[v]; i < offsets[v + 1]; i++) {
      const w = targets[i];
      if (colour[w] === c) {
        uncolour(w);
        tabu[w * k + c] = tenure;
      }
    }
    colour[v] = c;
    uncoloured.remove(v);
    for (let i = offsets[v]; i < offsets[v + 1]; i++) gamma[targets[i] * k + c]++;
    if (uncoloured.size < bestU) bestU = uncoloured.size;
    moves++;
  }
  return { colour: uncoloured.size === 0 ? colour : null, moves, work };
}
