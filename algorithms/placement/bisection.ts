/**
 * The start on the coarsest level: recursive bisection (as METIS's initial partitioning, Karypis
 * & Kumar, SIAM J. Sci. Comput. 20(1), 1998, §3). The bins are split into two halves, the nodes
 * into two sides whose demands are in proportion to the halves' capacities (each side at most
 * halfway between its proportional share and the half's full capacity, per resource), each node
 * on a side holding one of its candidate bins; then each side is bisected again with its half of
 * the bins, down to single bins. A bisection is grown from a seed by largest gain (greedy graph
 * growing, ibid.) and improved by Fiduccia-Mattheyses passes: moves of the best-gain node under
 * the balance limits, each node once per pass, rolled back to the best prefix (Fiduccia &
 * Mattheyses, "A linear-time heuristic for improving network partitions", DAC 1982; a binary heap
 * in place of the gain buckets, since gains are weighted). Spread groups are left to the repair.
 */
import { IndexedHeap } from '../support/index.js';
import { allowedBin, type Level } from './instance.js';

/** Levels above this many nodes get fewer bisection attempts and passes. */
const LARGE_LEVEL = 300;

export interface BisectionWork {
  work: number;
}

/** Bins for every node of `level` by recursive bisection. */
export function recursiveBisection(level: Level, random: () => number, counter: BisectionWork): Int32Array {
  const bins = new Int32Array(level.n).fill(-1);
  const nodes = Int32Array.from({ length: level.n }, (_, v) => v);
  const allBins = Int32Array.from({ length: level.k }, (_, b) => b);
  const scratch = new BisectScratch(level);
  split(level, nodes, allBins, bins, random, counter, scratch);
  return bins;
}

class BisectScratch {
  readonly side: Int8Array;
  readonly local: Int32Array;
  readonly gain: Float64Array;
  readonly locked: Uint8Array;
  readonly rank: Int32Array;
  readonly heap: IndexedHeap;
  readonly groupSide: Int32Array;
  constructor(readonly level: Level) {
    const n = level.n;
    this.groupSide = new Int32Array(2 * level.groupCount);
    this.side = new Int8Array(n).fill(-1);
    this.local = new Int32Array(n).fill(-1);
    this.gain = new Float64Array(n);
    this.locked = new Uint8Array(n);
    this.rank = new Int32Array(n);
    const { gain, rank } = this;
    this.heap = new IndexedHeap(n, (a, b) => gain[a] > gain[b] || (gain[a] === gain[b] && rank[a] < rank[b]));
  }
}

function split(
  level: Level,
  nodes: Int32Array,
  bins: Int32Array,
  result: Int32Array,
  random: () => number,
  counter: BisectionWork,
  scratch: BisectScratch,
): void {
  if (bins.length === 1 || nodes.length === 0) {
    for (const v of nodes) result[v] = bins[0];
    return;
  }
  const half = bins.length >> 1;
  const first = bins.subarray(0, half);
  const second = bins.subarray(half);
  const sides = bisect(level, nodes, first, second, random, counter, scratch);
  const one: number[] = [];
  const two: number[] = [];
  nodes.forEach((v, t) => (sides[t] === 0 ? one : two).push(v));
  split(level, Int32Array.from(one), first, result, random, counter, scratch);
  split(level, Int32Array.from(two), second, result, random, counter, scratch);
}

/** Side (0: `first`, 1: `second`) of every node of `nodes`. */
function bisect(
  level: Level,
  nodes: Int32Array,
  first: Int32Array,
  second: Int32Array,
  random: () => number,
  counter: BisectionWork,
  scratch: BisectScratch,
): Int8Array {
  const { R, weight, cap, adjStart, adjNode, adjWeight } = level;
  const m = nodes.length;
  const { side, local, gain, locked, rank, heap } = scratch;
  nodes.forEach((v, t) => {
    local[v] = t;
    rank[v] = t;
  });
  // May a node go to side s (one of its candidates is in that half)?
  const allowed = new Uint8Array(2 * m);
  nodes.forEach((v, t) => {
    for (const b of first) if (allowedBin(level, v, b)) allowed[2 * t] = 1;
    for (const b of second) if (allowedBin(level, v, b)) allowed[2 * t + 1] = 1;
    // A node with no candidate on either half (cannot happen at the top) may go anywhere.
    if (!allowed[2 * t] && !allowed[2 * t + 1]) allowed[2 * t] = allowed[2 * t + 1] = 1;
  });
  counter.work += m * (first.length + second.length) + m;
  // Limits per side and resource: halfway between the proportional share and the full capacity.
  const total = new Float64Array(R);
  for (const v of nodes) for (let r = 0; r < R; r++) total[r] += weight[v * R + r];
  const capOf = (half: Int32Array) => {
    const c = new Float64Array(R);
    for (const b of half) for (let r = 0; r < R; r++) c[r] += cap[b * R + r];
    return c;
  };
  const caps = [capOf(first), capOf(second)];
  const target = new Float64Array(R);
  const limits = [new Float64Array(R), new Float64Array(R)];
  for (let r = 0; r < R; r++) {
    const sum = caps[0][r] + caps[1][r];
    const share = sum > 0 ? caps[0][r] / sum : 0.5;
    target[r] = share * total[r];
    for (let s = 0; s < 2; s++) {
      const proportional = (s === 0 ? share : 1 - share) * total[r];
      limits[s][r] = Math.max(proportional, proportional + 0.5 * (caps[s][r] - proportional));
    }
  }
  const load = [new Float64Array(R), new Float64Array(R)];
  // Members of each spread group per side: at most as many as the side has bins.
  const { groupStart, groupId } = level;
  const groupSide = scratch.groupSide;
  const binsOf = [first.length, second.length];
  const fits = (v: number, s: number) => {
    for (let r = 0; r < R; r++)
      if (load[s][r] + weight[v * R + r] > limits[s][r] * (1 + 1e-9) + 1e-9) return false;
    for (let p = groupStart[v]; p < groupStart[v + 1]; p++)
      if (groupSide[2 * groupId[p] + s] >= binsOf[s]) return false;
    return true;
  };
  const moveTo = (v: number, s: number) => {
    const from = side[v];
    for (let r = 0; r < R; r++) {
      if (from >= 0) load[from][r] -= weight[v * R + r];
      load[s][r] += weight[v * R + r];
    }
    for (let p = groupStart[v]; p < groupStart[v + 1]; p++) {
      if (from >= 0) groupSide[2 * groupId[p] + from]--;
      groupSide[2 * groupId[p] + s]++;
    }
    side[v] = s;
  };
  /** v on side 1 adds to one of side 1's excesses (a resource over its limit, a crowded group). */
  const overOnOne = (v: number) => {
    for (let r = 0; r < R; r++)
      if (weight[v * R + r] > 0 && load[1][r] > limits[1][r] * (1 + 1e-9) + 1e-9) return true;
    for (let p = groupStart[v]; p < groupStart[v + 1]; p++)
      if (groupSide[2 * groupId[p] + 1] > binsOf[1]) return true;
    return false;
  };
  // Gain of moving v to the other side: links to the other side minus links to its own.
  const gainOf = (v: number) => {
    let g = 0;
    for (let p = adjStart[v]; p < adjStart[v + 1]; p++) {
      const u = adjNode[p];
      if (local[u] < 0) continue;
      g += side[u] === side[v] ? -adjWeight[p] : adjWeight[p];
    }
    counter.work += adjStart[v + 1] - adjStart[v];
    return g;
  };

  let bestSides: Int8Array | undefined;
  let bestCut = Infinity;
  // Four grown bisections on small levels, two on large ones (where each costs more than the
  // refinement on the way back and the later V-cycles within the placement find more).
  const tries = m > 2 ? (level.n > LARGE_LEVEL ? 2 : 4) : 1;
  for (let attempt = 0; attempt < tries; attempt++) {
    // Grow side 0 from a seed; everything starts on side 1 (or 0 when only allowed there).
    for (let t = 0; t < m; t++) {
      const v = nodes[t];
      if (side[v] >= 0)
        for (let p = groupStart[v]; p < groupStart[v + 1]; p++) groupSide[2 * groupId[p] + side[v]]--;
      side[v] = -1;
    }
    load[0].fill(0);
    load[1].fill(0);
    for (let t = 0; t < m; t++) moveTo(nodes[t], allowed[2 * t + 1] ? 1 : 0);
    const reached = () => {
      for (let r = 0; r < R; r++) if (load[0][r] >= target[r]) return true;
      return false;
    };
    for (let t = 0; t < m; t++) gain[nodes[t]] = gainOf(nodes[t]);
    const inHeap = heap;
    while (inHeap.size > 0) inHeap.pop();
    while (!reached()) {
      // A seed: a random node still on side 1 that may go to side 0 and fits.
      let seed = -1;
      for (let tries2 = 0; tries2 < 8 && seed < 0; tries2++) {
        const t = Math.floor(random() * m);
        if (side[nodes[t]] === 1 && allowed[2 * t] && fits(nodes[t], 0)) seed = nodes[t];
      }
      if (seed < 0)
        for (let t = 0; t < m && seed < 0; t++)
          if (side[nodes[t]] === 1 && allowed[2 * t] && fits(nodes[t], 0)) seed = nodes[t];
      if (seed < 0) break;
      inHeap.push(seed);
      while (inHeap.size > 0 && !reached()) {
        const v = inHeap.pop();
        if (side[v] !== 1 || !allowed[2 * local[v]] || !fits(v, 0)) continue;
        moveTo(v, 0);
        for (let p = adjStart[v]; p < adjStart[v + 1]; p++) {
          const u = adjNode[p];
          if (local[u] < 0 || side[u] !== 1) continue;
          gain[u] += 2 * adjWeight[p];
          if (inHeap.has(u)) inHeap.moveUp(u);
          else inHeap.push(u);
        }
        counter.work += adjStart[v + 1] - adjStart[v];
      }
    }
    while (inHeap.size > 0) inHeap.pop();
    // Side 1 started with everything: move the best-gain nodes of its excesses to side 0.
    for (;;) {
      let pick = -1;
      let pickGain = -Infinity;
      for (let t = 0; t < m; t++) {
        const v = nodes[t];
        if (side[v] !== 1 || !allowed[2 * t] || !overOnOne(v) || !fits(v, 0)) continue;
        const g = gainOf(v);
        if (g > pickGain) {
          pickGain = g;
          pick = v;
        }
      }
      counter.work += m;
      if (pick < 0) break;
      moveTo(pick, 0);
    }
    fmPasses(nodes, allowed, fits, moveTo, gainOf, counter, scratch);
    let cut = 0;
    for (const v of nodes)
      for (let p = adjStart[v]; p < adjStart[v + 1]; p++) {
        const u = adjNode[p];
        if (u > v && local[u] >= 0 && side[u] !== side[v]) cut += adjWeight[p];
      }
    // Prefer bisections within both limits.
    let over = 0;
    for (let s = 0; s < 2; s++) for (let r = 0; r < R; r++) over += Math.max(0, load[s][r] - limits[s][r]);
    for (const v of nodes) if (side[v] === 1 && overOnOne(v)) over += 1;
    const score = cut + over * 1e9;
    if (score < bestCut) {
      bestCut = score;
      bestSides = Int8Array.from(nodes, (v) => side[v]);
    }
  }
  for (const v of nodes) {
    for (let p = groupStart[v]; p < groupStart[v + 1]; p++) {
      groupSide[2 * groupId[p]] = 0;
      groupSide[2 * groupId[p] + 1] = 0;
    }
    local[v] = -1;
    side[v] = -1;
    locked[v] = 0;
  }
  return bestSides as Int8Array;
}

function fmPasses(
  nodes: Int32Array,
  allowed: Uint8Array,
  fits: (v: number, s: number) => boolean,
  moveTo: (v: number, s: number) => void,
  gainOf: (v: number) => number,
  counter: BisectionWork,
  scratch: BisectScratch,
): void {
  const { side, local, gain, locked, heap } = scratch;
  const m = nodes.length;
  const moves: number[] = [];
  const patience = Math.max(25, m >> 3);
  const passes = scratch.level.n > LARGE_LEVEL ? 3 : 6;
  for (let pass = 0; pass < passes; pass++) {
    for (const v of nodes) {
      locked[v] = 0;
      gain[v] = gainOf(v);
      heap.push(v);
    }
    moves.length = 0;
    let total = 0;
    let best = 0;
    let bestAt = 0;
    // Nodes that did not fit on the side they would move to, per side: tried again once that
    // side has given a node away (before, they cannot fit either).
    const skipped: number[][] = [[], []];
    while (heap.size > 0 && moves.length - bestAt < patience) {
      const v = heap.pop();
      const to = 1 - side[v];
      if (!allowed[2 * local[v] + to]) continue;
      if (!fits(v, to)) {
        skipped[to].push(v);
        continue;
      }
      moveTo(v, to);
      locked[v] = 1;
      total += gain[v];
      moves.push(v);
      if (total > best + 1e-9) {
        best = total;
        bestAt = moves.length;
      }
      const { adjStart, adjNode, adjWeight } = scratch.level;
      for (let p = adjStart[v]; p < adjStart[v + 1]; p++) {
        const u = adjNode[p];
        if (local[u] < 0 || locked[u]) continue;
        // u's link to v: now on u's side (was other) or now on the other side.
        gain[u] += side[u] === side[v] ? -2 * adjWeight[p] : 2 * adjWeight[p];
        if (heap.has(u)) heap.update(u);
      }
      counter.work += adjStart[v + 1] - adjStart[v];
      // Nodes waiting for room on the side v left may fit now.
      const waiting = skipped[1 - to];
      counter.work += waiting.length;
      while (waiting.length > 0) {
        const u = waiting.pop() as number;
        if (!locked[u]) heap.push(u);
      }
    }
    while (heap.size > 0) heap.pop();
    for (let t = moves.length - 1; t >= bestAt; t--) moveTo(moves[t], 1 - side[moves[t]]);
    if (best <= 1e-9) break;
  }
}
