/**
 * Stable assignment of unique numeric IDs (ports, UIDs, GIDs...) to consumers from scoped pools.
 *
 * Follows dydisnix-id-assign (Sander van der Burg, "Assigning unique IDs to services in Disnix
 * deployment models", 2020) with its bugs fixed:
 * - every still-valid previous assignment is kept verbatim (no needless redeployments);
 * - new IDs continue after the last ID handed out per pool (per host for host scope) and wrap to
 *   `min` only at the end, so a freed ID is not reused at once;
 * - a globally scoped consumer placed on several hosts keeps its ID (the original churned it);
 * - host-scoped IDs are re-checked for uniqueness on every host after consumers move, and a
 *   consumer on several hosts gets an ID that is free on all of them;
 * - exhaustion counts only the IDs reachable on the step grid, and every search is bounded.
 */
import { AlgorithmError } from '../support/index.js';
import { allocateId, isInPool, poolCapacity, type IdPool } from './pool.js';

export type IdPoolScope = 'global' | 'machine';

export interface ScopedIdPool extends IdPool {
  /** `global`: unique among all consumers; `machine`: unique among the consumers of each host. */
  scope: IdPoolScope;
}

export interface IdConsumer {
  name: string;
  /** Names of the pools this consumer needs an ID from. */
  needs: readonly string[];
  /**
   * Hosts the consumer is placed on, or `null` when placements are unknown (every consumer then
   * counts as present, and only global pools may be used).
   */
  hosts: readonly string[] | null;
}

export interface IdAssignmentState {
  /** pool -> consumer -> id */
  ids: Record<string, Record<string, number>>;
  /** pool -> last id handed out (global pools) */
  last: Record<string, number>;
  /** host -> pool -> last id handed out on that host (machine pools) */
  lastPerHost: Record<string, Record<string, number>>;
}

export class PoolExhaustedError extends AlgorithmError {
  constructor(
    readonly pool: string,
    readonly capacity: number,
    readonly hosts: readonly string[] = [],
  ) {
    super(
      `pool ${JSON.stringify(pool)} is exhausted: all ${capacity} IDs reachable with its step are in use` +
        (hosts.length > 0 ? ` on ${hosts.map((h) => JSON.stringify(h)).join(', ')}` : ''),
    );
    this.name = 'PoolExhaustedError';
  }
}

export class ScopeNeedsPlacementError extends AlgorithmError {
  constructor(readonly pool: string) {
    super(`pool ${JSON.stringify(pool)} has machine scope, which needs to know where consumers are placed`);
    this.name = 'ScopeNeedsPlacementError';
  }
}

const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export interface IdAssignmentInput {
  pools: Readonly<Record<string, ScopedIdPool>>;
  /** In any order; they are processed by name. */
  consumers: readonly IdConsumer[];
  /** Assignments of the previous run (`ids` file); none on the first run. */
  previous?: IdAssignmentState;
  /** Whether consumers carry their hosts (false: `hosts` is ignored and machine pools are refused). */
  placementsKnown: boolean;
}

const EMPTY_STATE: IdAssignmentState = { ids: {}, last: {}, lastPerHost: {} };

/**
 * Computes the new assignment state; pools are processed by name. The previous state is not
 * modified. Throws PoolExhaustedError or ScopeNeedsPlacementError.
 */
export function assignIds({
  pools,
  consumers,
  previous = EMPTY_STATE,
  placementsKnown,
}: IdAssignmentInput): IdAssignmentState {
  // Callers usually pass consumers in name order already: checking is cheaper than sorting.
  const inOrder = consumers.every((c, i) => i === 0 || byName(consumers[i - 1].name, c.name) < 0);
  const sorted = inOrder ? consumers : [...consumers].sort((a, b) => byName(a.name, b.name));
  const present = placementsKnown ? sorted.filter((c) => c.hosts !== null && c.hosts.length > 0) : sorted;
  const poolNames = Object.keys(pools).sort(byName);

  const ids: Record<string, Record<string, number>> = {};
  const last: Record<string, number> = {};
  for (const pool of Object.keys(previous.last)) if (pool in pools) last[pool] = previous.last[pool];

  const lastPerHost: Record<string, Record<string, number>> = {};
  if (placementsKnown) {
    const hostsInUse = new Set(present.flatMap((c) => c.hosts ?? []));
    for (const host of Object.keys(previous.lastPerHost)) {
      if (!hostsInUse.has(host)) continue;
      const kept: Record<string, number> = {};
      for (const pool of Object.keys(previous.lastPerHost[host])) {
        if (pool in pools) kept[pool] = previous.lastPerHost[host][pool];
      }
      if (Object.keys(kept).length > 0) lastPerHost[host] = kept;
    }
  }

  for (const poolName of poolNames) {
    const pool = pools[poolName];
    if (pool.scope === 'machine' && !placementsKnown) throw new ScopeNeedsPlacementError(poolName);
    const needing = present.filter((c) => c.needs.includes(poolName));
    const before = previous.ids[poolName] ?? {};
    // Maps while working (large tables), a plain record in name order for the result.
    const table = new Map<string, number>();
    if (pool.scope === 'global') assignGlobal(poolName, pool, needing, before, table, last);
    else assignPerHost(poolName, pool, needing, before, table, lastPerHost);
    const record: Record<string, number> = {};
    for (const c of needing) {
      const id = table.get(c.name);
      if (id !== undefined) record[c.name] = id;
    }
    ids[poolName] = record;
  }
  return { ids, last, lastPerHost };
}

function previousId(before: Record<string, number>, name: string): number | undefined {
  return Object.prototype.hasOwnProperty.call(before, name) ? before[name] : undefined;
}

function assignGlobal(
  poolName: string,
  pool: ScopedIdPool,
  needing: readonly IdConsumer[],
  before: Record<string, number>,
  table: Map<string, number>,
  last: Record<string, number>,
): void {
  const used = new Set<number>();
  for (const c of needing) {
    const id = previousId(before, c.name);
    if (id !== undefined && isInPool(pool, id) && !used.has(id)) {
      table.set(c.name, id);
      used.add(id);
    }
  }
  const isUsed = (x: number) => used.has(x);
  let lastId = poolName in last ? last[poolName] : undefined;
  for (const c of needing) {
    if (table.has(c.name)) continue;
    const id = allocateId(pool, isUsed, used.size, lastId);
    if (id === undefined) throw new PoolExhaustedError(poolName, poolCapacity(pool));
    table.set(c.name, id);
    used.add(id);
    lastId = id;
  }
  if (lastId !== undefined) last[poolName] = lastId;
}

function assignPerHost(
  poolName: string,
  pool: ScopedIdPool,
  needing: readonly IdConsumer[],
  before: Record<string, number>,
  table: Map<string, number>,
  lastPerHost: Record<string, Record<string, number>>,
): void {
  const usedOn = new Map<string, Set<number>>();
  const usedSet = (host: string) => {
    let set = usedOn.get(host);
    if (!set) usedOn.set(host, (set = new Set()));
    return set;
  };
  // Keep a previous ID only if it is still free on every host of its consumer (consumers move).
  for (const c of needing) {
    const id = previousId(before, c.name);
    const hosts = c.hosts as readonly string[];
    if (id !== undefined && isInPool(pool, id) && hosts.every((h) => !usedSet(h).has(id))) {
      table.set(c.name, id);
      for (const h of hosts) usedSet(h).add(id);
    }
  }
  // New IDs host by host (sorted), each host with its own counter, as dydisnix does; a consumer
  // on several hosts is served with its first host and needs an ID free on all of them.
  const byFirstHost = new Map<string, IdConsumer[]>();
  for (const c of needing) {
    if (table.has(c.name)) continue;
    const hosts = c.hosts as readonly string[];
    const first = hosts.length === 1 ? hosts[0] : [...hosts].sort(byName)[0];
    const list = byFirstHost.get(first);
    if (list) list.push(c);
    else byFirstHost.set(first, [c]);
  }
  for (const host of [...byFirstHost.keys()].sort(byName)) {
    const counters = (lastPerHost[host] ??= {});
    for (const c of byFirstHost.get(host) as IdConsumer[]) {
      const hosts = c.hosts!.length === 1 ? c.hosts! : [...new Set(c.hosts)];
      const sets = hosts.map(usedSet);
      let id: number | undefined;
      if (sets.length === 1) {
        const only = sets[0];
        id = allocateId(pool, (x) => only.has(x), only.size, counters[poolName]);
      } else {
        const usedCount = sets.reduce((n, set) => n + set.size, 0);
        id = allocateId(pool, (x) => sets.some((set) => set.has(x)), usedCount, counters[poolName]);
      }
      if (id === undefined)
        throw new PoolExhaustedError(poolName, poolCapacity(pool), [...hosts].sort(byName));
      table.set(c.name, id);
      for (const h of hosts) {
        usedSet(h).add(id);
        (lastPerHost[h] ??= {})[poolName] = id;
      }
    }
  }
}
