/**
 * Local search on one level: moves and swaps that keep a feasible placement feasible and lower
 * the objective, and a repair that moves nodes out of overloaded bins.
 *
 * The move phase is the greedy k-way refinement of multilevel partitioners (Karypis & Kumar,
 * "Multilevel k-way partitioning scheme for irregular graphs", JPDC 48(1), 1998, §4): nodes are
 * visited from a queue, each goes to the allowed bin with the largest positive gain (links won
 * minus links lost, plus move costs saved) when it fits. A move blocked by capacity is tried as
 * a swap with a node of the target bin, the pair exchange of Kernighan & Lin (Bell Syst. Tech. J.
 * 49(2), 1970) restricted to the blocked move, so tight (90-95 %) capacities do not freeze the
 * search. Zero-gain moves are made when they even out the loads (lexicographic descent of cost,
 * then the sum of squared relative loads, so the search ends). A node whose neighbourhood changed
 * is queued again.
 */
import { allowedBin, unaryCost } from './instance.js';
import type { PlacementState } from './state.js';

const GAIN_EPSILON = 1e-9;

/** Per-bin link weight of one node's neighbours, with the list of bins touched. */
export class BinConnections {
  readonly conn: Float64Array;
  readonly touched: Int32Array;
  count = 0;

  constructor(k: number) {
    this.conn = new Float64Array(k);
    this.touched = new Int32Array(k);
  }

  /** Gathers the link weight from v to each bin holding a placed neighbour. */
  gather(state: PlacementState, v: number): void {
    this.clear();
    const { adjStart, adjNode, adjWeight } = state.level;
    const { bin } = state;
    const { conn, touched } = this;
    for (let p = adjStart[v]; p < adjStart[v + 1]; p++) {
      const b = bin[adjNode[p]];
      if (b < 0) continue;
      if (conn[b] === 0) {
        let seen = false;
        for (let t = 0; t < this.count; t++) if (touched[t] === b) seen = true;
        if (!seen) touched[this.count++] = b;
      }
      conn[b] += adjWeight[p];
    }
    state.work += adjStart[v + 1] - adjStart[v] + 1;
  }

  clear(): void {
    for (let t = 0; t < this.count; t++) this.conn[this.touched[t]] = 0;
    this.count = 0;
  }
}

export interface RefineOptions {
  /** Stop when `state.work` reaches this. */
  workLimit: number;
  /** Receives `node, previous bin` of every move made, in order (to undo them). */
  log?: number[];
}

/**
 * Moves and swaps until no improving one is left (or the work limit). `queue` lists the nodes to
 * visit first, in order; the state must be feasible and stays so. Returns the objective's decrease.
 */
export function refine(state: PlacementState, queue: ArrayLike<number>, options: RefineOptions): number {
  const log = options.log;
  let decrease = 0;
  const level = state.level;
  const { n, adjStart, adjNode } = level;
  const { conns, inQueue, ring } = scratchOf(state);
  // A ring buffer: every node is in it at most once.
  let headAt = 0;
  let tailAt = 0;
  const push = (v: number) => {
    if (inQueue[v]) return;
    inQueue[v] = 1;
    ring[tailAt] = v;
    tailAt = tailAt === n ? 0 : tailAt + 1;
  };
  for (let t = 0; t < queue.length; t++) push(queue[t]);
  const { candidateBins, candidateGains } = scratchOf(state);
  while (headAt !== tailAt && state.work < options.workLimit) {
    const v = ring[headAt];
    headAt = headAt === n ? 0 : headAt + 1;
    inQueue[v] = 0;
    const a = state.bin[v];
    conns.gather(state, v);
    const connA = conns.conn[a];
    const unaryA = unaryCost(level, v, a);
    // Distinct bins (those linked, then previous ones not linked): at most k of them.
    let candidates = 0;
    for (let t = 0; t < conns.count; t++) {
      const b = conns.touched[t];
      if (b === a) continue;
      candidateBins[candidates] = b;
      candidateGains[candidates++] = conns.conn[b] - connA + unaryA - unaryCost(level, v, b);
    }
    for (let p = level.savStart[v]; p < level.savStart[v + 1]; p++) {
      const b = level.savBin[p];
      if (b === a || conns.conn[b] !== 0) continue;
      candidateBins[candidates] = b;
      candidateGains[candidates++] = -connA + unaryA - unaryCost(level, v, b);
    }
    // Best candidates first (few of them: selection by repeated maximum).
    let moved = -1;
    let swapped = -1;
    let moveGain = 0;
    for (let round = 0; round < candidates; round++) {
      let best = -1;
      for (let t = 0; t < candidates; t++)
        if (candidateBins[t] >= 0 && (best < 0 || candidateGains[t] > candidateGains[best])) best = t;
      const b = candidateBins[best];
      const gain = candidateGains[best];
      candidateBins[best] = -1;
      if (gain < -GAIN_EPSILON) break;
      if (!allowedBin(level, v, b)) continue;
      const groupOk = state.groupFree(v, b);
      if (gain <= GAIN_EPSILON) {
        if (groupOk && state.fitsCapacity(v, b) && evensLoads(state, v, a, b)) {
          moved = b;
          moveGain = gain;
          break;
        }
        continue;
      }
      if (groupOk && state.fitsCapacity(v, b)) {
        moved = b;
        moveGain = gain;
        break;
      }
      const swap = bestSwap(state, v, a, b, gain);
      if (swap.node >= 0) {
        moved = b;
        swapped = swap.node;
        moveGain = swap.gain;
        break;
      }
    }
    conns.clear();
    if (moved < 0) continue;
    decrease += moveGain;
    log?.push(v, a);
    if (swapped >= 0) {
      log?.push(swapped, moved);
      state.unplace(swapped);
      state.move(v, moved);
      state.place(swapped, a);
      push(swapped);
      for (let p = adjStart[swapped]; p < adjStart[swapped + 1]; p++) push(adjNode[p]);
    } else state.move(v, moved);
    for (let p = adjStart[v]; p < adjStart[v + 1]; p++) push(adjNode[p]);
  }
  // Stopped by the work limit: leave the scratch clean for the next call.
  while (headAt !== tailAt) {
    inQueue[ring[headAt]] = 0;
    headAt = headAt === n ? 0 : headAt + 1;
  }
  return decrease;
}

interface RefineScratch {
  conns: BinConnections;
  inQueue: Uint8Array;
  ring: Int32Array;
  candidateBins: Int32Array;
  candidateGains: Float64Array;
}

const scratches = new WeakMap<PlacementState, RefineScratch>();

/** Work arrays of one state, allocated once (refine runs thousands of times in the local search). */
function scratchOf(state: PlacementState): RefineScratch {
  let scratch = scratches.get(state);
  if (scratch === undefined) {
    const { n, k } = state.level;
    scratch = {
      conns: new BinConnections(k),
      inQueue: new Uint8Array(n),
      ring: new Int32Array(n + 1),
      candidateBins: new Int32Array(k),
      candidateGains: new Float64Array(k),
    };
    scratches.set(state, scratch);
  }
  return scratch;
}

/** Moving v from a to b (same cost) lowers the sum of squared relative loads. */
function evensLoads(state: PlacementState, v: number, a: number, b: number): boolean {
  const { R, weight, cap } = state.level;
  let change = 0;
  for (let r = 0; r < R; r++) {
    const w = weight[v * R + r];
    if (w === 0) continue;
    const ca = Math.max(cap[a * R + r], 1e-12);
    const cb = Math.max(cap[b * R + r], 1e-12);
    const la = state.load[a * R + r];
    const lb = state.load[b * R + r];
    change += ((lb + w) ** 2 - lb ** 2) / (cb * cb) + ((la - w) ** 2 - la ** 2) / (ca * ca);
  }
  return change < -1e-12;
}

/**
 * The node u of bin b whose exchange with v (v: a -> b with gain `gainV`, u: b -> a) is feasible
 * and improves the objective most, or -1.
 */
export function bestSwap(
  state: PlacementState,
  v: number,
  a: number,
  b: number,
  gainV: number,
): { node: number; gain: number } {
  const level = state.level;
  const { R, weight, adjStart, adjNode, adjWeight } = level;
  const { load, limit, bin } = state;
  let best = -1;
  let bestGain = GAIN_EPSILON;
  for (let u = state.head[b]; u >= 0; u = state.next[u]) {
    state.work++;
    if (!allowedBin(level, u, a)) continue;
    let fits = true;
    for (let r = 0; r < R && fits; r++) {
      const wv = weight[v * R + r];
      const wu = weight[u * R + r];
      if (load[a * R + r] - wv + wu > limit[a * R + r] || load[b * R + r] - wu + wv > limit[b * R + r])
        fits = false;
    }
    if (!fits) continue;
    if (!state.groupFree(v, b, u) || !state.groupFree(u, a, v)) continue;
    let connUA = 0;
    let connUB = 0;
    let wuv = 0;
    for (let p = adjStart[u]; p < adjStart[u + 1]; p++) {
      const x = adjNode[p];
      if (x === v) wuv = adjWeight[p];
      const bx = bin[x];
      if (bx === a) connUA += adjWeight[p];
      else if (bx === b) connUB += adjWeight[p];
    }
    state.work += adjStart[u + 1] - adjStart[u];
    const gain = gainV + connUA - connUB + unaryCost(level, u, b) - unaryCost(level, u, a) - 2 * wuv;
    if (gain > bestGain) {
      bestGain = gain;
      best = u;
    }
  }
  return { node: best, gain: bestGain };
}

/**
 * Moves nodes out of overloaded or conflicting bins until every bin is within capacity and
 * spread, choosing each time the move that loses the least (or the work limit). Returns whether
 * the state is feasible afterwards (unplaced nodes are placed first, on their least loaded
 * allowed bin).
 */
export function repair(state: PlacementState, options: RefineOptions): boolean {
  const level = state.level;
  const { n, k, R, weight } = level;
  const conns = new BinConnections(k);
  for (let v = 0; v < n; v++) if (state.bin[v] < 0) state.place(v, leastLoadedAllowed(state, v));
  let stuck = 0;
  for (let rounds = 0; state.work < options.workLimit; rounds++) {
    let worst = -1;
    let worstOver = 0;
    for (let b = 0; b < k; b++) {
      const over = state.overload(b) + (level.groupCount > 0 ? groupExcess(state, b) : 0);
      if (over > worstOver) {
        worstOver = over;
        worst = b;
      }
    }
    state.work += k;
    if (worst < 0) return true;
    const b = worst;
    // The best move of a node that relieves b.
    let bestV = -1;
    let bestTo = -1;
    let bestGain = -Infinity;
    for (let v = state.head[b]; v >= 0; v = state.next[v]) {
      if (!relieves(state, v, b)) continue;
      conns.gather(state, v);
      const connB = conns.conn[b];
      const unaryB = unaryCost(level, v, b);
      const consider = (c: number) => {
        if (c === b || !allowedBin(level, v, c) || !state.fitsCapacity(v, c) || !state.groupFree(v, c))
          return;
        const gain = conns.conn[c] - connB + unaryB - unaryCost(level, v, c);
        // Ties: the larger node, which relieves more.
        let size = 0;
        for (let r = 0; r < R; r++) size += weight[v * R + r] / Math.max(level.cap[b * R + r], 1e-12);
        const score = gain + 1e-6 * size;
        if (score > bestGain) {
          bestGain = score;
          bestV = v;
          bestTo = c;
        }
      };
      for (let t = 0; t < conns.count; t++) consider(conns.touched[t]);
      for (let p = level.savStart[v]; p < level.savStart[v + 1]; p++) consider(level.savBin[p]);
      const roomy = roomiestFitting(state, v, b);
      if (roomy >= 0) consider(roomy);
      conns.clear();
    }
    if (bestV >= 0) {
      state.move(bestV, bestTo);
      stuck = 0;
      continue;
    }
    // No direct move: swap a node of b with a smaller one elsewhere.
    if (!repairBySwap(state, b) || ++stuck > n) return false;
  }
  return state.feasible();
}

function groupExcess(state: PlacementState, b: number): number {
  const { groupStart, groupId, k } = state.level;
  let excess = 0;
  for (let v = state.head[b]; v >= 0; v = state.next[v])
    for (let p = groupStart[v]; p < groupStart[v + 1]; p++)
      if (state.groupOnBin[groupId[p] * k + b] > 1) excess += 1;
  return excess;
}

/** Node v on b contributes to b's overload or to one of its spread conflicts. */
function relieves(state: PlacementState, v: number, b: number): boolean {
  const { R, weight, groupStart, groupId, k } = state.level;
  for (let r = 0; r < R; r++)
    if (weight[v * R + r] > 0 && state.load[b * R + r] > state.limit[b * R + r]) return true;
  for (let p = groupStart[v]; p < groupStart[v + 1]; p++)
    if (state.groupOnBin[groupId[p] * k + b] > 1) return true;
  return false;
}

/** The allowed bin (not `except`) where v fits with the most room left, or -1. */
export function roomiestFitting(state: PlacementState, v: number, except: number): number {
  const level = state.level;
  const { k, R, weight, cap } = level;
  let best = -1;
  let bestRoom = -Infinity;
  for (let c = 0; c < k; c++) {
    if (c === except || !allowedBin(level, v, c) || !state.fitsCapacity(v, c) || !state.groupFree(v, c))
      continue;
    let room = Infinity;
    for (let r = 0; r < R; r++) {
      const capacity = cap[c * R + r];
      if (capacity <= 0) continue;
      room = Math.min(room, (capacity - state.load[c * R + r] - weight[v * R + r]) / capacity);
    }
    if (room > bestRoom) {
      bestRoom = room;
      best = c;
    }
  }
  state.work += k;
  return best;
}

/** The allowed bin with the least relative load after adding v (for nodes nothing fits). */
export function leastLoadedAllowed(state: PlacementState, v: number): number {
  const level = state.level;
  const { k, R, weight, cap } = level;
  let best = -1;
  let bestLoad = Infinity;
  for (let c = 0; c < k; c++) {
    if (!allowedBin(level, v, c)) continue;
    let worst = 0;
    for (let r = 0; r < R; r++) {
      const after = state.load[c * R + r] + weight[v * R + r];
      const capacity = cap[c * R + r];
      worst = Math.max(worst, capacity > 0 ? after / capacity : after > 0 ? Infinity : 0);
    }
    if (!state.groupFree(v, c)) worst += 1e6;
    if (worst < bestLoad) {
      bestLoad = worst;
      best = c;
    }
  }
  state.work += k;
  return best;
}

/**
 * Exchanges a node v of overloaded bin b with a node u of another bin c where u is smaller than v
 * on the overloaded resources, c still fits and b gets less overloaded. Returns whether one was
 * made.
 */
function repairBySwap(state: PlacementState, b: number): boolean {
  const level = state.level;
  const { k, R, weight } = level;
  const before = state.overload(b);
  let bestV = -1;
  let bestU = -1;
  let bestAfter = before;
  for (let v = state.head[b]; v >= 0; v = state.next[v]) {
    if (!relieves(state, v, b)) continue;
    for (let c = 0; c < k; c++) {
      if (c === b || !allowedBin(level, v, c)) continue;
      for (let u = state.head[c]; u >= 0; u = state.next[u]) {
        state.work++;
        if (!allowedBin(level, u, b)) continue;
        let fitsC = true;
        let after = 0;
        for (let r = 0; r < R; r++) {
          const wv = weight[v * R + r];
          const wu = weight[u * R + r];
          if (state.load[c * R + r] - wu + wv > state.limit[c * R + r]) fitsC = false;
          const excess = state.load[b * R + r] - wv + wu - state.limit[b * R + r];
          if (excess > 0) after += excess / Math.max(level.cap[b * R + r], 1e-12);
        }
        if (!fitsC || after >= bestAfter - 1e-12) continue;
        if (!state.groupFree(v, c, u) || !state.groupFree(u, b, v)) continue;
        bestAfter = after;
        bestV = v;
        bestU = u;
      }
    }
  }
  if (bestV < 0) return false;
  const c = state.bin[bestU];
  state.unplace(bestU);
  state.move(bestV, c);
  state.place(bestU, b);
  return true;
}
