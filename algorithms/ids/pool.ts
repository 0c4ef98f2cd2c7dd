/**
 * A pool of numeric IDs: the integers `min, min + step, ...` up to `max` (the "step grid").
 * Allocation continues after the last ID handed out and wraps around to `min`, so a freed ID is
 * not handed out again until the pool has been gone through once (dydisnix's `lastAssignments`).
 * IDs can also be blocked for good: reserved ranges, and retired IDs of no-reuse pools.
 */
export interface IdPool {
  min: number;
  max: number;
  /** Distance between two IDs of the pool; at least 1. */
  step: number;
}

/** An inclusive range of integers; a single ID is `{ min: id, max: id }`. */
export interface IdRange {
  readonly min: number;
  readonly max: number;
}

/** Number of IDs on the grid. */
export function poolCapacity(pool: IdPool): number {
  return Math.floor((pool.max - pool.min) / pool.step) + 1;
}

export function isInPool(pool: IdPool, id: number): boolean {
  return Number.isInteger(id) && id >= pool.min && id <= pool.max && (id - pool.min) % pool.step === 0;
}

/**
 * The first grid ID strictly after `id`, wrapping to `min` past the end. Works for any `id`,
 * including one below `min` or off the grid (a stale `lastAssignments` value;
 * docs/compatibility.md bug 12).
 */
export function nextInPool(pool: IdPool, id: number): number {
  if (id < pool.min) return pool.min;
  const next = pool.min + (Math.floor((id - pool.min) / pool.step) + 1) * pool.step;
  return next > pool.max ? pool.min : next;
}

/** Number of grid IDs of `pool` inside `range`. */
export function gridIdsIn(pool: IdPool, range: IdRange): number {
  const low = Math.max(range.min, pool.min);
  const high = Math.min(range.max, pool.max);
  if (low > high) return 0;
  const first = low <= pool.min ? pool.min : nextInPool(pool, low - 1);
  if (first < low || first > high) return 0;
  return Math.floor((high - first) / pool.step) + 1;
}

/** Sorts ranges and merges the ones that overlap or touch. */
export function mergeRanges(ranges: readonly IdRange[]): IdRange[] {
  const sorted = [...ranges].sort((a, b) => a.min - b.min || a.max - b.max);
  const out: { min: number; max: number }[] = [];
  for (const r of sorted) {
    const top = out[out.length - 1];
    if (top && r.min <= top.max + 1) top.max = Math.max(top.max, r.max);
    else out.push({ min: r.min, max: r.max });
  }
  return out;
}

/** The IDs as few ranges as possible (runs of consecutive integers). */
export function rangesOf(ids: Iterable<number>): IdRange[] {
  return mergeRanges([...ids].map((id) => ({ min: id, max: id })));
}

/** Sorted, disjoint ranges with membership by binary search. */
export class RangeSet {
  private readonly mins: number[];
  private readonly maxs: number[];

  constructor(ranges: readonly IdRange[]) {
    const merged = mergeRanges(ranges);
    this.mins = merged.map((r) => r.min);
    this.maxs = merged.map((r) => r.max);
  }

  get rangeCount(): number {
    return this.mins.length;
  }

  /** The end of the range containing `id`, or undefined when no range contains it. */
  endAt(id: number): number | undefined {
    let low = 0;
    let high = this.mins.length - 1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      if (this.mins[mid] > id) high = mid - 1;
      else if (this.maxs[mid] < id) low = mid + 1;
      else return this.maxs[mid];
    }
    return undefined;
  }

  has(id: number): boolean {
    return this.endAt(id) !== undefined;
  }

  ranges(): IdRange[] {
    return this.mins.map((min, i) => ({ min, max: this.maxs[i] }));
  }
}

/**
 * Tells whether an ID is blocked for good (reserved, retired), and up to where: the allocator
 * jumps over a blocked range in one step.
 */
export type Blocked = (id: number) => number | undefined;

/**
 * Finds a free ID, searching from just after `last` (from `min` when there is none) and wrapping.
 * `isUsed` tells whether an ID is taken; `usedCount` bounds how many IDs can be taken, so the
 * search visits at most `usedCount + 1` taken or free grid IDs plus each blocked range once, and
 * always terminates. Returns undefined when every ID reachable on the grid is taken or blocked.
 */
export function allocateId(
  pool: IdPool,
  isUsed: (id: number) => boolean,
  usedCount: number,
  last: number | undefined,
  blocked?: Blocked,
): number | undefined {
  const capacity = poolCapacity(pool);
  let candidate = last === undefined ? pool.min : nextInPool(pool, last);
  if (!blocked) {
    const attempts = Math.min(capacity, usedCount + 1);
    for (let i = 0; i < attempts; i++) {
      if (!isUsed(candidate)) return candidate;
      candidate = nextInPool(pool, candidate);
    }
    return undefined;
  }
  // `visited` counts grid IDs looked at or jumped over: one full turn of the pool at most.
  let visited = 0;
  let taken = 0;
  while (visited < capacity && taken <= usedCount) {
    const end = blocked(candidate);
    if (end !== undefined) {
      const stop = Math.min(end, pool.max);
      visited += Math.floor((stop - candidate) / pool.step) + 1;
      candidate = nextInPool(pool, stop);
      continue;
    }
    if (!isUsed(candidate)) return candidate;
    taken++;
    visited++;
    candidate = nextInPool(pool, candidate);
  }
  return undefined;
}
