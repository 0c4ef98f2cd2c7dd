/**
 * The feasible start: best fit guided by links. Nodes are taken in a graph-growing order (the
 * unplaced node most strongly linked to the placed ones next, as in the greedy graph growing of
 * Karypis & Kumar, SIAM J. Sci. Comput. 20(1), 1998, §3; when no unplaced node is linked to a
 * placed one, the hardest node left: fewest candidate bins, then largest demand, as in first/best
 * fit decreasing, Johnson et al., SIAM J. Comput. 3(4), 1974). Each goes to the allowed bin it has
 * the most link weight to (minus move costs) among those it fits into, ties to the bin with the
 * most room left; a node linked to nothing placed goes to the roomiest bin it fits. A node that
 * fits nowhere goes to its least loaded allowed bin, for `repair` to resolve.
 */
import { IndexedHeap } from '../support/index.js';
import { allowedBin, unaryCost, type Level } from './instance.js';
import { BinConnections, leastLoadedAllowed } from './refine.js';
import type { PlacementState } from './state.js';

/** Relative size of each node: its largest demand as a share of the average capacity. */
export function relativeSizes(level: Level): Float64Array {
  const { n, k, R, weight, cap } = level;
  const average = new Float64Array(R);
  for (let b = 0; b < k; b++) for (let r = 0; r < R; r++) average[r] += cap[b * R + r] / Math.max(k, 1);
  const size = new Float64Array(n);
  for (let v = 0; v < n; v++) {
    let s = 0;
    for (let r = 0; r < R; r++) s = Math.max(s, weight[v * R + r] / Math.max(average[r], 1e-12));
    size[v] = s;
  }
  return size;
}

/**
 * Hardest first: fewest candidates, then largest relative size, then `tieBreak` (a seeded
 * permutation rank), then index.
 */
export function hardestFirst(level: Level, tieBreak?: Int32Array): Int32Array {
  const size = relativeSizes(level);
  const order = Array.from({ length: level.n }, (_, v) => v);
  order.sort(
    (a, b) =>
      level.candCount[a] - level.candCount[b] ||
      size[b] - size[a] ||
      (tieBreak ? tieBreak[a] - tieBreak[b] : 0) ||
      a - b,
  );
  return Int32Array.from(order);
}

/** Places every unplaced node of `state` (see the module header). */
export function construct(state: PlacementState, seedOrder: Int32Array): void {
  const level = state.level;
  const { n, k, R, weight, cap, adjStart, adjNode, adjWeight } = level;
  const conns = new BinConnections(k);
  // Frontier: unplaced nodes linked to placed ones, keyed by that link weight (ties: seed order).
  const key = new Float64Array(n);
  const rank = new Int32Array(n);
  seedOrder.forEach((v, t) => (rank[v] = t));
  const frontier = new IndexedHeap(n, (a, b) => key[a] > key[b] || (key[a] === key[b] && rank[a] < rank[b]));
  let nextSeed = 0;
  const room = (c: number, v: number) => {
    let least = Infinity;
    for (let r = 0; r < R; r++) {
      const capacity = cap[c * R + r];
      if (capacity > 0)
        least = Math.min(least, (capacity - state.load[c * R + r] - weight[v * R + r]) / capacity);
    }
    return least;
  };
  for (let placed = 0; ; placed++) {
    let v = frontier.size > 0 ? frontier.pop() : -1;
    if (v < 0) {
      while (nextSeed < n && state.bin[seedOrder[nextSeed]] >= 0) nextSeed++;
      if (nextSeed === n) break;
      v = seedOrder[nextSeed];
    }
    if (state.bin[v] >= 0) continue;
    conns.gather(state, v);
    let best = -1;
    let bestScore = -Infinity;
    let bestRoom = -Infinity;
    const consider = (c: number) => {
      if (!allowedBin(level, v, c) || !state.fitsCapacity(v, c) || !state.groupFree(v, c)) return;
      const score = conns.conn[c] - unaryCost(level, v, c);
      if (score < bestScore - 1e-9) return;
      const left = room(c, v);
      if (score > bestScore + 1e-9 || left > bestRoom) {
        best = c;
        bestScore = score;
        bestRoom = left;
      }
    };
    for (let t = 0; t < conns.count; t++) consider(conns.touched[t]);
    for (let p = level.savStart[v]; p < level.savStart[v + 1]; p++) consider(level.savBin[p]);
    // A linked node may still be better off on a bin with room than on a full neighbour's bin;
    // without a fitting linked bin, the roomiest fitting bin (scanning every bin).
    if (best < 0 || bestScore <= 0) {
      for (let c = 0; c < k; c++) consider(c);
      state.work += k;
    }
    conns.clear();
    state.place(v, best >= 0 ? best : leastLoadedAllowed(state, v));
    for (let p = adjStart[v]; p < adjStart[v + 1]; p++) {
      const u = adjNode[p];
      if (state.bin[u] >= 0) continue;
      key[u] += adjWeight[p];
      if (frontier.has(u)) frontier.moveUp(u);
      else frontier.push(u);
    }
    state.work += adjStart[v + 1] - adjStart[v];
  }
}
