/**
 * A (possibly infeasible) placement of one level's nodes, with what the search needs in O(1):
 * the load of every bin and resource, how many nodes of each spread group every bin holds, and
 * the members of every bin (intrusive doubly linked lists, for swaps and repair).
 */
import { allowedBin, unaryCost, type Level } from './instance.js';

/** Capacity slack forgiven for the rounding of sums of fractional demands (relative). */
const EPSILON = 1e-9;

export class PlacementState {
  readonly bin: Int32Array;
  readonly load: Float64Array;
  /** `groupOnBin[g * k + b]`: nodes of group g on bin b. */
  readonly groupOnBin: Uint16Array;
  readonly head: Int32Array;
  readonly next: Int32Array;
  readonly prev: Int32Array;
  /** Capacity plus the rounding tolerance, per bin and resource. */
  readonly limit: Float64Array;
  /** Work counter: adjacency entries and bin members looked at (the search budget counts these). */
  work = 0;

  constructor(readonly level: Level) {
    const { n, k, R } = level;
    this.bin = new Int32Array(n).fill(-1);
    this.load = new Float64Array(k * R);
    this.groupOnBin = new Uint16Array(level.groupCount * k);
    this.head = new Int32Array(k).fill(-1);
    this.next = new Int32Array(n).fill(-1);
    this.prev = new Int32Array(n).fill(-1);
    this.limit = new Float64Array(k * R);
    for (let p = 0; p < k * R; p++) this.limit[p] = level.cap[p] + EPSILON * Math.max(1, level.cap[p]);
  }

  /** Puts an unplaced node on bin b. */
  place(v: number, b: number): void {
    const { R, k, weight, groupStart, groupId } = this.level;
    this.bin[v] = b;
    for (let r = 0; r < R; r++) this.load[b * R + r] += weight[v * R + r];
    for (let p = groupStart[v]; p < groupStart[v + 1]; p++) this.groupOnBin[groupId[p] * k + b]++;
    const h = this.head[b];
    this.next[v] = h;
    this.prev[v] = -1;
    if (h >= 0) this.prev[h] = v;
    this.head[b] = v;
  }

  /** Takes a placed node off its bin. */
  unplace(v: number): void {
    const { R, k, weight, groupStart, groupId } = this.level;
    const b = this.bin[v];
    for (let r = 0; r < R; r++) this.load[b * R + r] -= weight[v * R + r];
    for (let p = groupStart[v]; p < groupStart[v + 1]; p++) this.groupOnBin[groupId[p] * k + b]--;
    const { next, prev } = this;
    if (prev[v] >= 0) next[prev[v]] = next[v];
    else this.head[b] = next[v];
    if (next[v] >= 0) prev[next[v]] = prev[v];
    this.bin[v] = -1;
  }

  move(v: number, b: number): void {
    this.unplace(v);
    this.place(v, b);
  }

  /** Node v (not on b) fits into b's remaining capacity. */
  fitsCapacity(v: number, b: number): boolean {
    const { R, weight } = this.level;
    for (let r = 0; r < R; r++)
      if (this.load[b * R + r] + weight[v * R + r] > this.limit[b * R + r]) return false;
    return true;
  }

  /** No node of v's groups is on b, apart from `except` (a node about to leave b). */
  groupFree(v: number, b: number, except = -1): boolean {
    const { k, groupStart, groupId } = this.level;
    for (let p = groupStart[v]; p < groupStart[v + 1]; p++) {
      const g = groupId[p];
      let count = this.groupOnBin[g * k + b];
      if (except >= 0 && count > 0 && sharesGroup(this.level, except, g)) count--;
      if (this.bin[v] === b) count--;
      if (count > 0) return false;
    }
    return true;
  }

  /** v may go to b: candidate, capacity and spread (v not on b). */
  canMove(v: number, b: number): boolean {
    return allowedBin(this.level, v, b) && this.fitsCapacity(v, b) && this.groupFree(v, b);
  }

  /** How far bin b is over its capacity, summed over resources relative to the capacity. */
  overload(b: number): number {
    const { R, cap } = this.level;
    let over = 0;
    for (let r = 0; r < R; r++) {
      const excess = this.load[b * R + r] - this.limit[b * R + r];
      if (excess > 0) over += excess / Math.max(cap[b * R + r], 1e-12);
    }
    return over;
  }

  /** Spread conflicts on bin b: nodes beyond the first of each group. */
  groupConflicts(b: number): number {
    const { k, groupCount } = this.level;
    let conflicts = 0;
    for (let g = 0; g < groupCount; g++)
      if (this.groupOnBin[g * k + b] > 1) conflicts += this.groupOnBin[g * k + b] - 1;
    return conflicts;
  }

  /** Every node placed, on an allowed bin, within capacity, without spread conflicts. */
  feasible(): boolean {
    const { n, k } = this.level;
    for (let v = 0; v < n; v++) if (this.bin[v] < 0 || !allowedBin(this.level, v, this.bin[v])) return false;
    for (let b = 0; b < k; b++) if (this.overload(b) > 0) return false;
    for (let p = 0; p < this.groupOnBin.length; p++) if (this.groupOnBin[p] > 1) return false;
    return true;
  }

  /** The objective: weight of links between different bins plus move costs (internal links never count). */
  cost(): number {
    const { n, adjStart, adjNode, adjWeight } = this.level;
    let cut = 0;
    let unary = 0;
    for (let v = 0; v < n; v++) {
      const b = this.bin[v];
      for (let p = adjStart[v]; p < adjStart[v + 1]; p++) {
        const u = adjNode[p];
        if (u > v && this.bin[u] !== b) cut += adjWeight[p];
      }
      unary += unaryCost(this.level, v, b);
    }
    return cut + unary;
  }

  /** Copies the bins of another state of the same level (loads and lists rebuilt). */
  copyFrom(bins: Int32Array): void {
    this.reset();
    for (let v = 0; v < bins.length; v++) if (bins[v] >= 0) this.place(v, bins[v]);
  }

  reset(): void {
    this.bin.fill(-1);
    this.load.fill(0);
    this.groupOnBin.fill(0);
    this.head.fill(-1);
    this.next.fill(-1);
    this.prev.fill(-1);
  }
}

export function sharesGroup(level: Level, v: number, g: number): boolean {
  for (let p = level.groupStart[v]; p < level.groupStart[v + 1]; p++) if (level.groupId[p] === g) return true;
  return false;
}
