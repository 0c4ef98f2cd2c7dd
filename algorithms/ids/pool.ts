/**
 * A pool of numeric IDs: the integers `min, min + step, ...` up to `max` (the "step grid").
 * Allocation continues after the last ID handed out and wraps around to `min`, so a freed ID is
 * not handed out again until the pool has been gone through once (dydisnix's `lastAssignments`).
 */
export interface IdPool {
  min: number;
  max: number;
  /** Distance between two IDs of the pool; at least 1. */
  step: number;
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

/**
 * Finds a free ID, searching from just after `last` (from `min` when there is none) and wrapping.
 * `isUsed` tells whether an ID is taken; `usedCount` bounds how many IDs can be taken, so the
 * search visits at most `usedCount + 1` grid IDs and always terminates. Returns undefined when
 * every ID reachable on the grid is taken.
 */
export function allocateId(
  pool: IdPool,
  isUsed: (id: number) => boolean,
  usedCount: number,
  last: number | undefined,
): number | undefined {
  const capacity = poolCapacity(pool);
  const attempts = Math.min(capacity, usedCount + 1);
  let candidate = last === undefined ? pool.min : nextInPool(pool, last);
  for (let i = 0; i < attempts; i++) {
    if (!isUsed(candidate)) return candidate;
    candidate = nextInPool(pool, candidate);
  }
  return undefined;
}
