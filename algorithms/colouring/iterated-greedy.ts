/**
 * Iterated greedy colouring: Culberson & Luo, "Exploring the k-colorable landscape with iterated
 * greedy" (DIMACS Series 26, 1996).
 *
 * Given a proper colouring, list the nodes colour class by colour class (classes in some order)
 * and recolour them greedily (lowest colour not used by an already recoloured neighbour). Every
 * class is an independent set, so each class ends up within the colours of the classes before it:
 * the colour count never increases. Repeating with varied class orders (reverse, largest first,
 * random from a seeded PRNG) often removes colours DSATUR left behind — DSATUR's result depends
 * heavily on tie-breaking (e.g. 20 -> 17 colours on DIMACS school1).
 *
 * Deterministic: the schedule comes from a fixed-seed PRNG. O(n + m + colours) per iteration.
 */
import { mulberry32 } from '../support/index.js';
import type { Adjacency } from './graph.js';

export interface IteratedGreedyOptions {
  /** Iterations to run (default 100). */
  iterations?: number;
  /** Stop early when this many colours are reached (a proven lower bound). Default 1. */
  lowerBound?: number;
  /** PRNG seed (default 1). */
  seed?: number;
}

export interface IteratedGreedyOutcome {
  colour: Int32Array;
  colours: number;
  /** Iterations actually run. */
  iterations: number;
}

/**
 * Improves a proper colouring (colours 0..colours-1, every node coloured). Returns the input
 * colouring itself (same array) when no iteration reduced the colour count.
 */
export function iteratedGreedy(
  adj: Adjacency,
  initial: Int32Array,
  initialColours: number,
  options: IteratedGreedyOptions = {},
): IteratedGreedyOutcome {
  const n = adj.nodeCount;
  const { offsets, targets } = adj;
  const iterations = options.iterations ?? 100;
  const lowerBound = options.lowerBound ?? 1;
  const random = mulberry32(options.seed ?? 1);
  let best = initial;
  let bestColours = initialColours;
  let colour = initial.slice();
  let colours = initialColours;
  const sequence = Int32Array.from({ length: n }, (_, v) => v);
  const next = new Int32Array(n);
  const mark = new Float64Array(n + 1).fill(-1);
  let stamp = 0;
  let done = 0;

  for (let it = 0; it < iterations && bestColours > lowerBound; it++) {
    done++;
    // Bucket the current sequence by colour (stable within a class).
    const size = new Int32Array(colours);
    for (let v = 0; v < n; v++) size[colour[v]]++;
    const classOrder = Array.from({ length: colours }, (_, c) => c);
    const r = random();
    if (r < 0.5) classOrder.reverse();
    else if (r < 0.7) classOrder.sort((a, b) => size[b] - size[a] || a - b);
    else {
      for (let i = colours - 1; i > 0; i--) {
        const j = Math.floor(random() * (i + 1));
        const t = classOrder[i];
        classOrder[i] = classOrder[j];
        classOrder[j] = t;
      }
    }
    const start = new Int32Array(colours);
    let acc = 0;
    for (const c of classOrder) {
      start[c] = acc;
      acc += size[c];
    }
    for (let i = 0; i < n; i++) {
      const v = sequence[i];
      next[start[colour[v]]++] = v;
    }
    sequence.set(next);
    // Greedy recolouring in that sequence.
    colour = new Int32Array(n).fill(-1);
    colours = 0;
    for (let i = 0; i < n; i++) {
      const v = sequence[i];
      stamp++;
      for (let j = offsets[v]; j < offsets[v + 1]; j++) {
        const c = colour[targets[j]];
        if (c >= 0) mark[c] = stamp;
      }
      let c = 0;
      while (mark[c] === stamp) c++;
      colour[v] = c;
      if (c + 1 > colours) colours = c + 1;
    }
    if (colours < bestColours) {
      best = colour;
      bestColours = colours;
    }
  }
  return { colour: best, colours: bestColours, iterations: done };
}

/**
 * First-fit greedy colouring in the given node order (the "simple greedy" of Welsh & Powell 1967
 * without their degree ordering): each node takes the lowest colour no earlier neighbour has.
 */
export function firstFitColouring(
  adj: Adjacency,
  order: ArrayLike<number>,
): { colour: Int32Array; colours: number } {
  const n = adj.nodeCount;
  const colour = new Int32Array(n).fill(-1);
  const mark = new Int32Array(n + 1).fill(-1);
  let colours = 0;
  for (let i = 0; i < order.length; i++) {
    const v = order[i];
    for (let j = adj.offsets[v]; j < adj.offsets[v + 1]; j++) {
      const c = colour[adj.targets[j]];
      if (c >= 0) mark[c] = i;
    }
    let c = 0;
    while (mark[c] === i) c++;
    colour[v] = c;
    if (c + 1 > colours) colours = c + 1;
  }
  return { colour, colours };
}
