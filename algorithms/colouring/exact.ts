/**
 * Exact (list) colouring by DSATUR-based branch and bound.
 *
 * Brélaz 1979 (§"exact algorithm"), as refined by Sewell, "An improved algorithm for exact graph
 * coloring" (DIMACS Series 26, 1996) and San Segundo, "A new DSATUR-based algorithm for exact
 * vertex coloring" (Computers & OR 39, 2012): depth-first search that always branches on the
 * uncoloured node of highest saturation (ties: uncoloured degree, then name rank), tries its
 * feasible colours in increasing order, opens at most one new colour, and prunes every branch
 * that cannot use fewer colours than the best colouring found. The nodes of a clique are
 * pre-coloured 0..q-1 (colours are interchangeable, so this loses no solution) and the search
 * stops as soon as it meets the clique lower bound.
 *
 * List colouring (candidate lists): listed colours are not interchangeable, so every listed colour
 * of the node is a branch and the objective is the number of distinct colours; colours that appear
 * in no list are interchangeable among unrestricted nodes and only the lowest unused one is opened.
 * The branching node is the one with fewest remaining options.
 *
 * Iterative (explicit stack), so depth is bounded by memory, not the call stack. The budget is a
 * number of search nodes (deterministic) and optionally wall-clock time (machine dependent).
 */
import type { Adjacency } from './graph.js';
import type { ColourLists } from './lists.js';

export interface ExactColouringInput {
  adj: Adjacency;
  rank: Int32Array;
  /** Colours 0..palette-1 may be used. */
  palette: number;
  /** Candidate lists, or null when every node may take every colour. */
  lists: ColourLists | null;
  /** Best known colouring (every node coloured, within the palette/lists), or null. */
  incumbent: Int32Array | null;
  /**
   * Distinct colours of the incumbent; without an incumbent, a bound the colouring searched for
   * must stay under (Infinity = none): the search then decides "fewer than this many colours?".
   */
  incumbentColours: number;
  /** Proven lower bound on the number of colours: the search stops when it reaches it. */
  lowerBound: number;
  /** A clique to pre-colour 0..q-1 (used only without lists). */
  clique: readonly number[];
  /** Maximum number of colour assignments tried. */
  nodeLimit: number;
  /** Wall-clock limit in milliseconds (Infinity = none). */
  timeLimitMs: number;
}

export interface ExactColouringOutcome {
  /** Best colouring known at the end (the incumbent if the search found nothing better), or null. */
  colouring: Int32Array | null;
  /** Its distinct colour count (Infinity when colouring is null). */
  colours: number;
  /** True when the search space was exhausted: `colours` is optimal, or no colouring exists. */
  complete: boolean;
  /** Colour assignments tried. */
  searchNodes: number;
}

export function exactColouring(input: ExactColouringInput): ExactColouringOutcome {
  const { adj, rank, palette: P, lists, lowerBound, nodeLimit, timeLimitMs } = input;
  const n = adj.nodeCount;
  const { offsets, targets } = adj;
  let best = input.incumbentColours;
  let bestColouring: Int32Array | null = input.incumbent !== null ? input.incumbent.slice() : null;
  if (best <= lowerBound || n === 0) {
    return { colouring: bestColouring, colours: best, complete: true, searchNodes: 0 };
  }

  const colour = new Int32Array(n).fill(-1);
  const cnt = new Int32Array(n * P); // cnt[v*P + c] = neighbours of v coloured c
  const udeg = new Int32Array(n);
  const used = new Int32Array(P);
  let distinct = 0;
  // With lists: colours >= freeFrom appear in no list (interchangeable); freeUsed of them, a prefix.
  const freeFrom = lists !== null ? lists.listedBound : 0;
  let freeUsed = 0;
  const allowedMask = lists !== null ? new Uint8Array(n * P) : null;
  const remaining = new Int32Array(n); // listed colours of v not blocked (restricted nodes only)
  for (let v = 0; v < n; v++) {
    udeg[v] = offsets[v + 1] - offsets[v];
    if (lists !== null && allowedMask !== null && lists.restricted[v] === 1) {
      for (let i = lists.offsets[v]; i < lists.offsets[v + 1]; i++) allowedMask[v * P + lists.colours[i]] = 1;
      remaining[v] = lists.offsets[v + 1] - lists.offsets[v];
    }
  }
  const restricted = lists?.restricted ?? null;
  // Branching priority, kept up to date incrementally: fewest remaining listed colours (restricted
  // nodes; unrestricted ones count as `P`), then saturation, then uncoloured degree; ties by rank.
  // |prio| <= P * S^2 <= 2.5e15 because n * P <= 5e7 (checked by the caller), so it stays exact.
  const S = adj.maxDegree + 1;
  const prio = new Float64Array(n);
  for (let v = 0; v < n; v++) {
    const rem = restricted !== null && restricted[v] === 1 ? remaining[v] : P;
    prio[v] = (restricted !== null ? -rem * S * S : 0) + udeg[v];
  }

  // Uncoloured nodes, swap-remove with LIFO restore.
  const uncol = Int32Array.from({ length: n }, (_, v) => v);
  const posOf = Int32Array.from({ length: n }, (_, v) => v);
  let uncolCount = n;

  const assign = (v: number, c: number): void => {
    colour[v] = c;
    if (used[c]++ === 0) {
      distinct++;
      if (c >= freeFrom) freeUsed++;
    }
    const i = posOf[v];
    const last = uncol[uncolCount - 1];
    uncol[i] = last;
    posOf[last] = i;
    uncol[uncolCount - 1] = v;
    posOf[v] = uncolCount - 1;
    uncolCount--;
    for (let j = offsets[v]; j < offsets[v + 1]; j++) {
      const w = targets[j];
      udeg[w]--;
      prio[w]--;
      if (cnt[w * P + c]++ === 0) {
        prio[w] += S;
        if (allowedMask !== null && allowedMask[w * P + c] === 1) {
          remaining[w]--;
          prio[w] += S * S;
        }
      }
    }
  };
  const unassign = (v: number): void => {
    const c = colour[v];
    colour[v] = -1;
    if (--used[c] === 0) {
      distinct--;
      if (c >= freeFrom) freeUsed--;
    }
    uncolCount++; // v is at index uncolCount - 1 (LIFO)
    for (let j = offsets[v]; j < offsets[v + 1]; j++) {
      const w = targets[j];
      udeg[w]++;
      prio[w]++;
      if (--cnt[w * P + c] === 0) {
        prio[w] -= S;
        if (allowedMask !== null && allowedMask[w * P + c] === 1) {
          remaining[w]++;
          prio[w] -= S * S;
        }
      }
    }
  };

  /** Next feasible colour of v that is >= from, or -1. */
  const nextColour = (v: number, from: number): number => {
    if (distinct >= best) return -1;
    const canOpen = distinct + 1 < best;
    const base = v * P;
    if (lists !== null && restricted !== null && restricted[v] === 1) {
      for (let i = lists.offsets[v]; i < lists.offsets[v + 1]; i++) {
        const c = lists.colours[i];
        if (c >= from && cnt[base + c] === 0 && (used[c] > 0 || canOpen)) return c;
      }
      return -1;
    }
    for (let c = from; c < freeFrom; c++) {
      if (cnt[base + c] === 0 && (used[c] > 0 || canOpen)) return c;
    }
    const freeEnd = Math.min(freeFrom + freeUsed, P - 1); // last index = the one new free colour
    for (let c = Math.max(from, freeFrom); c <= freeEnd; c++) {
      if (cnt[base + c] === 0 && (c < freeFrom + freeUsed || canOpen)) return c;
    }
    return -1;
  };

  /** Uncoloured node to branch on (see the module comment), or -1 when all are coloured. */
  const select = (): number => {
    let pick = -1;
    let pickPrio = -Infinity;
    for (let i = 0; i < uncolCount; i++) {
      const v = uncol[i];
      const p = prio[v];
      if (p > pickPrio || (p === pickPrio && rank[v] < rank[pick])) {
        pick = v;
        pickPrio = p;
      }
    }
    return pick;
  };

  // Symmetry breaking: pre-colour a clique (only when all colours are interchangeable).
  if (lists === null) {
    const q = Math.min(input.clique.length, P);
    for (let i = 0; i < q; i++) assign(input.clique[i], i);
  }

  const stackNode = new Int32Array(n);
  let top = 0;
  let searchNodes = 0;
  let aborted = false;
  const deadline = Number.isFinite(timeLimitMs) ? performance.now() + timeLimitMs : Infinity;

  const record = (): void => {
    best = distinct;
    bestColouring = colour.slice();
  };

  if (uncolCount === 0) {
    if (distinct < best) record();
  } else {
    stackNode[top++] = select();
  }
  while (top > 0) {
    if (best <= lowerBound) break;
    const v = stackNode[top - 1];
    const cur = colour[v];
    if (cur >= 0) unassign(v);
    const c = nextColour(v, cur + 1);
    if (c < 0) {
      top--;
      continue;
    }
    assign(v, c);
    searchNodes++;
    if (searchNodes >= nodeLimit || ((searchNodes & 1023) === 0 && performance.now() > deadline)) {
      aborted = true;
      break;
    }
    if (uncolCount === 0) {
      record();
      continue;
    }
    stackNode[top++] = select();
  }
  return { colouring: bestColouring, colours: best, complete: !aborted, searchNodes };
}
