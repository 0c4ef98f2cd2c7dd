/**
 * Stable assignment of unique numeric IDs (ports, UIDs, GIDs...) to consumers from scoped pools.
 *
 * Follows dydisnix-id-assign (Sander van der Burg, "Assigning unique IDs to services in Disnix
 * deployment models", 2020) with its bugs fixed (docs/compatibility.md §7.7):
 * - every still-valid previous assignment is kept verbatim (no needless redeployments);
 * - new IDs continue after the last ID handed out per pool (per host for host scope) and wrap to
 *   `min` only at the end, so a freed ID is not reused at once;
 * - a globally scoped consumer placed on several hosts keeps its ID (the original churned it);
 * - host-scoped IDs are re-checked for uniqueness on every host after consumers move, and a
 *   consumer on several hosts gets an ID that is free on all of them;
 * - exhaustion counts only the IDs reachable on the step grid, and every search is bounded.
 *
 * Beyond the original (the port-allocator proposals NixOS RFC 151 and 159, UID reuse):
 * - placement memory: when two consumers hold one host-scoped ID on a host after a move, the one
 *   that was already there keeps it (stayers first, then consumers of unknown history, then
 *   movers, each in name order);
 * - pinned IDs (exact; they beat previous assignments of others), preferred IDs (taken when free),
 *   reserved ranges (never handed out);
 * - no reuse: an ID handed out once and freed since is retired and never given to another
 *   consumer (per host for host scope; on every host when the host it was freed on is unknown).
 *
 * Order of work per pool: pins, kept previous assignments, preferences, then next fit in name
 * order (host by host for host scope, as dydisnix does).
 */
import { AlgorithmError } from '../support/index.js';
import {
  allocateId,
  gridIdsIn,
  isInPool,
  poolCapacity,
  rangesOf,
  RangeSet,
  type Blocked,
  type IdPool,
  type IdRange,
} from './pool.js';

export type IdPoolScope = 'global' | 'machine';

export interface ScopedIdPool extends IdPool {
  /** `global`: unique among all consumers; `machine`: unique among the consumers of each host. */
  scope: IdPoolScope;
  /** IDs never handed out (any order; overlaps allowed). */
  reserved?: readonly IdRange[];
  /** An ID once handed out is never given to another consumer: freed IDs are retired. */
  noReuse?: boolean;
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
  /** Pool -> the exact ID this consumer must have. */
  pinned?: ReadonlyMap<string, number>;
  /** Pool -> the ID this consumer gets if it is free when it needs a new one. */
  preferred?: ReadonlyMap<string, number>;
}

/** Records keyed by user names are null-prototype objects: any string is a name. */
export interface IdAssignmentState {
  /** pool -> consumer -> id */
  ids: Record<string, Record<string, number>>;
  /** pool -> last id handed out (global pools) */
  last: Record<string, number>;
  /** host -> pool -> last id handed out on that host (machine pools) */
  lastPerHost: Record<string, Record<string, number>>;
  /** Placement memory of machine pools: pool -> consumer -> hosts its ID was assigned on. */
  hosts?: Record<string, Record<string, readonly string[]>>;
  /** No-reuse pools: pool -> IDs freed since they were handed out (on every host, for machine pools). */
  retired?: Record<string, readonly IdRange[]>;
  /** No-reuse machine pools: host -> pool -> IDs freed on that host. */
  retiredPerHost?: Record<string, Record<string, readonly IdRange[]>>;
}

/** Why a previous assignment was not kept. */
export type DropReason =
  /** The pool is no longer defined. */
  | { kind: 'no-pool' }
  /** The consumer is gone, no longer needs the pool, or is not placed anywhere. */
  | { kind: 'gone' }
  /** The ID is outside [min, max] or off the step grid. */
  | { kind: 'out-of-pool' }
  | { kind: 'reserved' }
  /** Another consumer is pinned to the ID. */
  | { kind: 'pinned'; by: string; host?: string }
  /** The consumer is pinned to another ID. */
  | { kind: 'own-pin'; pin: number }
  /** Another consumer keeps the ID (duplicate in scope; on `host` for machine scope). */
  | { kind: 'taken'; by: string; host?: string }
  /** No reuse: the ID was freed on a host the consumer has moved to. */
  | { kind: 'retired'; host?: string };

export interface IdDrop {
  pool: string;
  consumer: string;
  id: number;
  reason: DropReason;
}

export type IdNote =
  /** A preferred ID could not be given; the consumer got the next free one. */
  | {
      kind: 'preferred-unavailable';
      pool: string;
      consumer: string;
      id: number;
      why: 'out-of-pool' | 'reserved' | 'retired' | 'taken';
      by?: string;
      host?: string;
    }
  /** A pin took an ID that had been retired (no reuse): the pin wins. */
  | { kind: 'pin-retired'; pool: string; consumer: string; id: number; host?: string };

export interface IdAssignment {
  state: IdAssignmentState;
  /** Previous assignments not kept (the consumer got another ID or none), by pool then consumer. */
  dropped: IdDrop[];
  notes: IdNote[];
  /** kept: previous assignments kept; added: IDs not kept from before; removed: dropped.length. */
  counts: { kept: number; added: number; removed: number };
}

export class PoolExhaustedError extends AlgorithmError {
  constructor(
    readonly pool: string,
    readonly capacity: number,
    readonly hosts: readonly string[] = [],
    /** Grid IDs that are reserved and retired (no reuse), when the pool has any. */
    readonly blocked: { reserved: number; retired: number } = { reserved: 0, retired: 0 },
  ) {
    super(
      `pool ${JSON.stringify(pool)} is exhausted: ${exhaustionDetail(capacity, blocked)}` +
        (hosts.length > 0 ? ` on ${hosts.map((h) => JSON.stringify(h)).join(', ')}` : ''),
    );
    this.name = 'PoolExhaustedError';
  }
}

/** `all 2 IDs reachable with its step are in use`, naming reserved and retired IDs when there are some. */
export function exhaustionDetail(capacity: number, blocked: { reserved: number; retired: number }): string {
  if (blocked.reserved === 0 && blocked.retired === 0)
    return `all ${capacity} IDs reachable with its step are in use`;
  const parts = [`${capacity - blocked.reserved - blocked.retired} in use`];
  if (blocked.reserved > 0) parts.push(`${blocked.reserved} reserved`);
  if (blocked.retired > 0)
    parts.push(`${blocked.retired} retired (no reuse: freed IDs are never handed out again)`);
  return `of the ${capacity} IDs reachable with its step, ${parts.join(', ')}`;
}

export class ScopeNeedsPlacementError extends AlgorithmError {
  constructor(readonly pool: string) {
    super(`pool ${JSON.stringify(pool)} has machine scope, which needs to know where consumers are placed`);
    this.name = 'ScopeNeedsPlacementError';
  }
}

/** A pin outside [min, max], off the step grid, or inside a reserved range. */
export class PinOutsidePoolError extends AlgorithmError {
  constructor(
    readonly pool: string,
    readonly consumer: string,
    readonly id: number,
    readonly why: 'out-of-pool' | 'reserved',
  ) {
    super(
      `${JSON.stringify(consumer)} is pinned to ${id}, which is ${why === 'reserved' ? 'reserved in' : 'not in'} pool ${JSON.stringify(pool)}`,
    );
    this.name = 'PinOutsidePoolError';
  }
}

/** Two consumers pinned to one ID in one scope. */
export class PinConflictError extends AlgorithmError {
  constructor(
    readonly pool: string,
    readonly id: number,
    readonly first: string,
    readonly second: string,
    readonly host?: string,
  ) {
    super(
      `${JSON.stringify(first)} and ${JSON.stringify(second)} are both pinned to ${id} in pool ${JSON.stringify(pool)}` +
        (host === undefined ? '' : ` on ${JSON.stringify(host)}`),
    );
    this.name = 'PinConflictError';
  }
}

const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const hasOwn = (record: object, key: string) => Object.prototype.hasOwnProperty.call(record, key);
const dict = <T>(): Record<string, T> => Object.create(null) as Record<string, T>;

export interface IdAssignmentInput {
  pools: Readonly<Record<string, ScopedIdPool>>;
  /** In any order; they are processed by name. */
  consumers: readonly IdConsumer[];
  /** Assignments of the previous run (`ids` file); none on the first run. */
  previous?: IdAssignmentState;
  /** Whether consumers carry their hosts (false: `hosts` is ignored and machine pools are refused). */
  placementsKnown: boolean;
  /**
   * Where consumers were placed before, for machine pools whose previous state has no placement
   * memory of a consumer (a previous distribution).
   */
  previousHosts?: ReadonlyMap<string, readonly string[]>;
  /** Record placement memory for machine pools (always done for no-reuse machine pools). */
  rememberHosts?: boolean;
}

const EMPTY_STATE: IdAssignmentState = { ids: {}, last: {}, lastPerHost: {} };

/** What one pool's assignment works with and produces. */
interface PoolRun {
  name: string;
  pool: ScopedIdPool;
  needing: readonly IdConsumer[];
  before: Record<string, number>;
  table: Map<string, number>;
  dropped: IdDrop[];
  notes: IdNote[];
  kept: number;
  reserved: RangeSet | undefined;
  /** Consumers with a pin in this pool (they are never renumbered). */
  pinned: Set<string>;
}

/**
 * Computes the new assignment; pools are processed by name. The previous state is not modified.
 * Throws PoolExhaustedError, ScopeNeedsPlacementError, PinOutsidePoolError or PinConflictError.
 */
export function assignIds({
  pools,
  consumers,
  previous = EMPTY_STATE,
  placementsKnown,
  previousHosts,
  rememberHosts = false,
}: IdAssignmentInput): IdAssignment {
  // Callers usually pass consumers in name order already: checking is cheaper than sorting.
  const inOrder = consumers.every((c, i) => i === 0 || byName(consumers[i - 1].name, c.name) < 0);
  const sorted = inOrder ? consumers : [...consumers].sort((a, b) => byName(a.name, b.name));
  const present = placementsKnown ? sorted.filter((c) => c.hosts !== null && c.hosts.length > 0) : sorted;
  const poolNames = Object.keys(pools).sort(byName);

  const ids = dict<Record<string, number>>();
  const last = dict<number>();
  for (const pool of Object.keys(previous.last)) if (hasOwn(pools, pool)) last[pool] = previous.last[pool];

  const lastPerHost = dict<Record<string, number>>();
  if (placementsKnown) {
    const hostsInUse = new Set(present.flatMap((c) => c.hosts ?? []));
    for (const host of Object.keys(previous.lastPerHost)) {
      if (!hostsInUse.has(host)) continue;
      const kept = dict<number>();
      let any = false;
      for (const pool of Object.keys(previous.lastPerHost[host])) {
        if (hasOwn(pools, pool)) {
          kept[pool] = previous.lastPerHost[host][pool];
          any = true;
        }
      }
      if (any) lastPerHost[host] = kept;
    }
  }

  const dropped: IdDrop[] = [];
  const notes: IdNote[] = [];
  let kept = 0;
  let assigned = 0;
  // Assignments of pools that are no longer defined.
  for (const poolName of Object.keys(previous.ids).sort(byName)) {
    if (hasOwn(pools, poolName)) continue;
    const table = previous.ids[poolName];
    for (const consumer of Object.keys(table).sort(byName))
      dropped.push({ pool: poolName, consumer, id: table[consumer], reason: { kind: 'no-pool' } });
  }

  const memory = dict<Record<string, readonly string[]>>();
  const retired = dict<readonly IdRange[]>();
  const retiredPerHost = dict<Record<string, readonly IdRange[]>>();
  for (const poolName of poolNames) {
    const pool = pools[poolName];
    if (pool.scope === 'machine' && !placementsKnown) throw new ScopeNeedsPlacementError(poolName);
    const run: PoolRun = {
      name: poolName,
      pool,
      needing: present.filter((c) => c.needs.includes(poolName)),
      before: hasOwn(previous.ids, poolName) ? previous.ids[poolName] : EMPTY_TABLE,
      // Maps while working (large tables), a record in name order for the result.
      table: new Map(),
      dropped: [],
      notes,
      kept: 0,
      reserved: pool.reserved && pool.reserved.length > 0 ? new RangeSet(pool.reserved) : undefined,
      pinned: new Set(),
    };
    if (pool.scope === 'global') {
      const retiredAfter = assignGlobal(run, last, previous.retired);
      if (retiredAfter.length > 0) retired[poolName] = retiredAfter;
    } else {
      // Memory, once recorded, is kept (a file with `idTargets` goes on having it).
      const remember =
        rememberHosts || pool.noReuse === true || (previous.hosts !== undefined && hasOwn(previous.hosts, poolName));
      const hostsBefore =
        previous.hosts && hasOwn(previous.hosts, poolName) ? previous.hosts[poolName] : undefined;
      const retiredAfter = assignPerHost(run, lastPerHost, {
        hostsBefore,
        previousHosts,
        retiredBefore: previous.retired,
        retiredPerHostBefore: previous.retiredPerHost,
        retiredPerHost,
      });
      if (retiredAfter.length > 0) retired[poolName] = retiredAfter;
      if (remember) {
        const record = dict<readonly string[]>();
        for (const c of run.needing) {
          if (run.table.has(c.name)) record[c.name] = uniqueSorted(c.hosts as readonly string[]);
        }
        memory[poolName] = record;
      }
    }
    const record = dict<number>();
    for (const c of run.needing) {
      const id = run.table.get(c.name);
      if (id !== undefined) record[c.name] = id;
    }
    ids[poolName] = record;
    assigned += run.table.size;
    kept += run.kept;
    run.dropped.sort((a, b) => byName(a.consumer, b.consumer));
    for (const drop of run.dropped) dropped.push(drop);
  }
  dropped.sort((a, b) => byName(a.pool, b.pool));

  const state: IdAssignmentState = { ids, last, lastPerHost };
  if (Object.keys(memory).length > 0) state.hosts = memory;
  if (Object.keys(retired).length > 0) state.retired = retired;
  if (Object.keys(retiredPerHost).length > 0) state.retiredPerHost = retiredPerHost;
  return { state, dropped, notes, counts: { kept, added: assigned - kept, removed: dropped.length } };
}

const EMPTY_TABLE: Record<string, number> = Object.freeze(Object.create(null) as Record<string, number>);

function previousId(before: Record<string, number>, name: string): number | undefined {
  return hasOwn(before, name) ? before[name] : undefined;
}

function uniqueSorted(hosts: readonly string[]): readonly string[] {
  return hosts.length === 1 ? hosts : [...new Set(hosts)].sort(byName);
}

function pinOf(c: IdConsumer, pool: string): number | undefined {
  return c.pinned?.get(pool);
}

function checkPin(run: PoolRun, c: IdConsumer, pin: number): void {
  if (!isInPool(run.pool, pin)) throw new PinOutsidePoolError(run.name, c.name, pin, 'out-of-pool');
  if (run.reserved?.has(pin)) throw new PinOutsidePoolError(run.name, c.name, pin, 'reserved');
}

/** Previous assignments of consumers that no longer get one from this pool. */
function dropGone(run: PoolRun, droppedNames: ReadonlySet<string>): void {
  for (const name in run.before) {
    if (!run.table.has(name) && !droppedNames.has(name))
      run.dropped.push({ pool: run.name, consumer: name, id: run.before[name], reason: { kind: 'gone' } });
  }
}

/** Grid IDs that are reserved, and the rest of the blocked ones (retired), for exhaustion messages. */
function blockedCounts(run: PoolRun, inUse: number): { reserved: number; retired: number } {
  let reserved = 0;
  for (const r of run.reserved?.ranges() ?? []) reserved += gridIdsIn(run.pool, r);
  return { reserved, retired: Math.max(0, poolCapacity(run.pool) - reserved - inUse) };
}

function retiredSet(
  retired: IdAssignmentState['retired'],
  pool: ScopedIdPool,
  name: string,
): RangeSet | undefined {
  if (!pool.noReuse || !retired || !hasOwn(retired, name) || retired[name].length === 0) return undefined;
  return new RangeSet(retired[name]);
}

function blockedBy(
  sets: readonly (RangeSet | undefined)[],
  extra: readonly ReadonlySet<number>[],
): Blocked | undefined {
  const ranges = sets.filter((s): s is RangeSet => s !== undefined);
  const points = extra.filter((s) => s.size > 0);
  if (ranges.length === 0 && points.length === 0) return undefined;
  return (id) => {
    for (const r of ranges) {
      const end = r.endAt(id);
      if (end !== undefined) return end;
    }
    for (const p of points) if (p.has(id)) return id;
    return undefined;
  };
}

function assignGlobal(
  run: PoolRun,
  last: Record<string, number>,
  retiredBefore: IdAssignmentState['retired'],
): IdRange[] {
  const { pool, needing, before, table } = run;
  const holder = new Map<number, string>();
  const droppedNames = new Set<string>();
  const drop = (c: IdConsumer, id: number, reason: DropReason) => {
    run.dropped.push({ pool: run.name, consumer: c.name, id, reason });
    droppedNames.add(c.name);
  };
  const retiredOld = retiredSet(retiredBefore, pool, run.name);
  // 1. Pins.
  for (const c of needing) {
    const pin = pinOf(c, run.name);
    if (pin === undefined) continue;
    checkPin(run, c, pin);
    const other = holder.get(pin);
    if (other !== undefined) throw new PinConflictError(run.name, pin, other, c.name);
    holder.set(pin, c.name);
    table.set(c.name, pin);
    run.pinned.add(c.name);
    if (retiredOld?.has(pin))
      run.notes.push({ kind: 'pin-retired', pool: run.name, consumer: c.name, id: pin });
  }
  // 2. Previous assignments, in name order (the first by name keeps a duplicate).
  for (const c of needing) {
    const id = previousId(before, c.name);
    if (id === undefined) continue;
    if (run.pinned.has(c.name)) {
      if (id === table.get(c.name)) run.kept++;
      else drop(c, id, { kind: 'own-pin', pin: table.get(c.name) as number });
      continue;
    }
    const other = holder.get(id);
    if (!isInPool(pool, id)) drop(c, id, { kind: 'out-of-pool' });
    else if (run.reserved?.has(id)) drop(c, id, { kind: 'reserved' });
    else if (other !== undefined)
      drop(c, id, run.pinned.has(other) ? { kind: 'pinned', by: other } : { kind: 'taken', by: other });
    else if (retiredOld?.has(id)) drop(c, id, { kind: 'retired' });
    else {
      table.set(c.name, id);
      holder.set(id, c.name);
      run.kept++;
    }
  }
  dropGone(run, droppedNames);
  // With no reuse, the IDs freed by this run are blocked at once.
  const freed = new Set<number>();
  if (pool.noReuse) for (const d of run.dropped) if (!holder.has(d.id)) freed.add(d.id);
  const blocked = blockedBy([run.reserved, retiredOld], [freed]);
  // 3. Preferences of the consumers that need a new ID.
  for (const c of needing) {
    const want = c.preferred?.get(run.name);
    if (want === undefined || table.has(c.name)) continue;
    const why = !isInPool(pool, want)
      ? 'out-of-pool'
      : run.reserved?.has(want)
        ? 'reserved'
        : holder.has(want)
          ? 'taken'
          : blocked?.(want) !== undefined
            ? 'retired'
            : undefined;
    if (why === undefined) {
      table.set(c.name, want);
      holder.set(want, c.name);
    } else {
      run.notes.push({
        kind: 'preferred-unavailable',
        pool: run.name,
        consumer: c.name,
        id: want,
        why,
        ...(why === 'taken' ? { by: holder.get(want) } : {}),
      });
    }
  }
  // 4. Next fit for the rest, in name order.
  const isUsed = (x: number) => holder.has(x);
  let lastId = hasOwn(last, run.name) ? last[run.name] : undefined;
  for (const c of needing) {
    if (table.has(c.name)) continue;
    const id = allocateId(pool, isUsed, holder.size, lastId, blocked);
    if (id === undefined)
      throw new PoolExhaustedError(
        run.name,
        poolCapacity(pool),
        [],
        blocked ? blockedCounts(run, holder.size) : undefined,
      );
    table.set(c.name, id);
    holder.set(id, c.name);
    lastId = id;
  }
  if (lastId !== undefined) last[run.name] = lastId;
  if (!pool.noReuse) return [];
  const after = [...(retiredOld?.ranges() ?? []), ...rangesOf(freed)];
  return withoutHeld(after, holder.keys());
}

/** Ranges minus the IDs someone holds (a pin may hold a retired ID). */
function withoutHeld(ranges: readonly IdRange[], held: Iterable<number>): IdRange[] {
  const set = new RangeSet(ranges);
  const inside = [...held].filter((id) => set.has(id)).sort((a, b) => a - b);
  const merged = set.ranges();
  if (inside.length === 0) return merged;
  const out: IdRange[] = [];
  let k = 0;
  for (const r of merged) {
    let start = r.min;
    while (k < inside.length && inside[k] <= r.max) {
      const id = inside[k++];
      if (start < id) out.push({ min: start, max: id - 1 });
      start = id + 1;
    }
    if (start <= r.max) out.push({ min: start, max: r.max });
  }
  return out;
}

interface PerHostHistory {
  hostsBefore: Record<string, readonly string[]> | undefined;
  previousHosts: ReadonlyMap<string, readonly string[]> | undefined;
  retiredBefore: IdAssignmentState['retired'];
  retiredPerHostBefore: IdAssignmentState['retiredPerHost'];
  /** Receives the retired IDs per host (no-reuse pools). */
  retiredPerHost: Record<string, Record<string, readonly IdRange[]>>;
}

function assignPerHost(
  run: PoolRun,
  lastPerHost: Record<string, Record<string, number>>,
  history: PerHostHistory,
): IdRange[] {
  const { pool, needing, before, table } = run;
  const holders = new Map<string, Map<number, string>>();
  const holdersOn = (host: string) => {
    let map = holders.get(host);
    if (!map) holders.set(host, (map = new Map()));
    return map;
  };
  const droppedNames = new Set<string>();
  const drop = (c: IdConsumer, id: number, reason: DropReason) => {
    run.dropped.push({ pool: run.name, consumer: c.name, id, reason });
    droppedNames.add(c.name);
  };
  const hostsOf = (c: IdConsumer) => c.hosts as readonly string[];
  // Where a consumer's previous ID was assigned: placement memory, else the previous distribution.
  const { hostsBefore, previousHosts } = history;
  const wasOn = (name: string): readonly string[] | undefined =>
    hostsBefore && hasOwn(hostsBefore, name) ? hostsBefore[name] : previousHosts?.get(name);

  // No reuse: retired IDs on every host (pool-wide) and per host; freed IDs of this run likewise.
  const noReuse = pool.noReuse === true;
  const retiredEverywhere = retiredSet(history.retiredBefore, pool, run.name);
  const retiredOn = new Map<string, RangeSet>();
  if (noReuse && history.retiredPerHostBefore) {
    for (const host of Object.keys(history.retiredPerHostBefore)) {
      const perPool = history.retiredPerHostBefore[host];
      if (hasOwn(perPool, run.name) && perPool[run.name].length > 0)
        retiredOn.set(host, new RangeSet(perPool[run.name]));
    }
  }
  const freedEverywhere = new Set<number>();
  const freedOn = new Map<string, Set<number>>();
  // No reuse: who held each ID on each host before (an ID is never handed from one to another).
  const heldBefore = new Map<string, Map<number, string>>();
  if (noReuse) {
    for (const name in before) {
      for (const h of wasOn(name) ?? []) {
        let map = heldBefore.get(h);
        if (!map) heldBefore.set(h, (map = new Map()));
        map.set(before[name], name);
      }
    }
  }
  const free = (id: number, hosts: readonly string[] | undefined) => {
    if (!noReuse) return;
    if (hosts === undefined) freedEverywhere.add(id);
    else
      for (const h of hosts) {
        let set = freedOn.get(h);
        if (!set) freedOn.set(h, (set = new Set()));
        set.add(id);
      }
  };

  // 1. Pins, on every host of their consumer.
  for (const c of needing) {
    const pin = pinOf(c, run.name);
    if (pin === undefined) continue;
    checkPin(run, c, pin);
    for (const h of hostsOf(c)) {
      const map = holdersOn(h);
      const other = map.get(pin);
      if (other !== undefined && other !== c.name)
        throw new PinConflictError(run.name, pin, other, c.name, h);
      map.set(pin, c.name);
      if (noReuse && (retiredOn.get(h)?.has(pin) || retiredEverywhere?.has(pin)))
        run.notes.push({ kind: 'pin-retired', pool: run.name, consumer: c.name, id: pin, host: h });
    }
    table.set(c.name, pin);
    run.pinned.add(c.name);
  }

  // 2. Previous assignments: stayers first, then consumers whose history is unknown, then movers.
  let candidates: readonly IdConsumer[] = needing;
  if (hostsBefore !== undefined || previousHosts !== undefined) {
    const rank = (c: IdConsumer) => {
      const was = wasOn(c.name);
      if (was === undefined) return 1;
      return hostsOf(c).every((h) => was.includes(h)) ? 0 : 2;
    };
    // Stable: name order within a rank.
    const ranks: IdConsumer[][] = [[], [], []];
    for (const c of needing) if (previousId(before, c.name) !== undefined) ranks[rank(c)].push(c);
    candidates = ranks[0].concat(ranks[1], ranks[2]);
  }
  for (const c of candidates) {
    const id = previousId(before, c.name);
    if (id === undefined) continue;
    const hosts = hostsOf(c);
    const was = wasOn(c.name);
    if (run.pinned.has(c.name)) {
      if (id === table.get(c.name)) {
        run.kept++;
        if (was && noReuse)
          free(
            id,
            was.filter((h) => !hosts.includes(h)),
          );
      } else {
        drop(c, id, { kind: 'own-pin', pin: table.get(c.name) as number });
        free(id, was);
      }
      continue;
    }
    let reason: DropReason | undefined;
    if (!isInPool(pool, id)) reason = { kind: 'out-of-pool' };
    else if (run.reserved?.has(id)) reason = { kind: 'reserved' };
    else {
      for (const h of hosts) {
        const other = holders.get(h)?.get(id);
        if (other !== undefined) {
          reason = run.pinned.has(other)
            ? { kind: 'pinned', by: other, host: h }
            : { kind: 'taken', by: other, host: h };
          break;
        }
        // Freed on a host the consumer now is on: by someone else, so it must not come back.
        if (noReuse) {
          const holderBefore = heldBefore.get(h)?.get(id);
          if (
            (holderBefore !== undefined && holderBefore !== c.name) ||
            retiredOn.get(h)?.has(id) ||
            (was !== undefined && !was.includes(h) && retiredEverywhere?.has(id))
          ) {
            reason = { kind: 'retired', host: h };
            break;
          }
        }
      }
    }
    if (reason) {
      drop(c, id, reason);
      free(id, was);
      continue;
    }
    table.set(c.name, id);
    for (const h of hosts) holdersOn(h).set(id, c.name);
    run.kept++;
    if (was && noReuse)
      free(
        id,
        was.filter((h) => !hosts.includes(h)),
      );
  }
  if (noReuse) {
    for (const name in before) {
      if (!table.has(name) && !droppedNames.has(name)) free(before[name], wasOn(name));
    }
  }
  dropGone(run, droppedNames);

  const blockedOnHost = (h: string): Blocked | undefined =>
    blockedBy(
      [run.reserved, retiredEverywhere, retiredOn.get(h)],
      [freedEverywhere, freedOn.get(h) ?? EMPTY_SET],
    );

  // 3. Preferences of the consumers that need a new ID: free on all their hosts.
  for (const c of needing) {
    const want = c.preferred?.get(run.name);
    if (want === undefined || table.has(c.name)) continue;
    const hosts = hostsOf(c);
    let why: 'out-of-pool' | 'reserved' | 'retired' | 'taken' | undefined;
    let by: string | undefined;
    let where: string | undefined;
    if (!isInPool(pool, want)) why = 'out-of-pool';
    else if (run.reserved?.has(want)) why = 'reserved';
    else
      for (const h of hosts) {
        const other = holders.get(h)?.get(want);
        if (other !== undefined) [why, by, where] = ['taken', other, h];
        else if (blockedOnHost(h)?.(want) !== undefined) [why, where] = ['retired', h];
        if (why) break;
      }
    if (why === undefined) {
      table.set(c.name, want);
      for (const h of hosts) holdersOn(h).set(want, c.name);
    } else
      run.notes.push({
        kind: 'preferred-unavailable',
        pool: run.name,
        consumer: c.name,
        id: want,
        why,
        ...(by === undefined ? {} : { by }),
        ...(where === undefined ? {} : { host: where }),
      });
  }

  // 4. New IDs host by host (sorted), each host with its own counter, as dydisnix does; a consumer
  // on several hosts is served with its first host and needs an ID free on all of them.
  const byFirstHost = new Map<string, IdConsumer[]>();
  for (const c of needing) {
    if (table.has(c.name)) continue;
    const hosts = hostsOf(c);
    const first = hosts.length === 1 ? hosts[0] : [...hosts].sort(byName)[0];
    const list = byFirstHost.get(first);
    if (list) list.push(c);
    else byFirstHost.set(first, [c]);
  }
  for (const host of [...byFirstHost.keys()].sort(byName)) {
    const counters = hasOwn(lastPerHost, host) ? lastPerHost[host] : (lastPerHost[host] = dict());
    const counter = () => (hasOwn(counters, run.name) ? counters[run.name] : undefined);
    for (const c of byFirstHost.get(host) as IdConsumer[]) {
      const hosts = hostsOf(c).length === 1 ? hostsOf(c) : [...new Set(hostsOf(c))];
      const maps = hosts.map(holdersOn);
      let id: number | undefined;
      if (maps.length === 1) {
        const only = maps[0];
        id = allocateId(pool, (x) => only.has(x), only.size, counter(), blockedOnHost(hosts[0]));
      } else {
        const usedCount = maps.reduce((n, map) => n + map.size, 0);
        const blocks = hosts.map(blockedOnHost).filter((b): b is Blocked => b !== undefined);
        const blocked: Blocked | undefined =
          blocks.length === 0
            ? undefined
            : (x) => {
                for (const b of blocks) {
                  const end = b(x);
                  if (end !== undefined) return end;
                }
                return undefined;
              };
        id = allocateId(pool, (x) => maps.some((map) => map.has(x)), usedCount, counter(), blocked);
      }
      if (id === undefined) {
        const inUse = maps.map((m) => m.size).reduce((a, b) => Math.max(a, b), -Infinity);
        const counts = hosts.some((h) => blockedOnHost(h) !== undefined)
          ? blockedCounts(run, inUse)
          : undefined;
        throw new PoolExhaustedError(run.name, poolCapacity(pool), [...hosts].sort(byName), counts);
      }
      table.set(c.name, id);
      for (const h of hosts) {
        holdersOn(h).set(id, c.name);
        (hasOwn(lastPerHost, h) ? lastPerHost[h] : (lastPerHost[h] = dict()))[run.name] = id;
      }
    }
  }
  if (!noReuse) return [];

  // Retired IDs after this run: per host, minus what is held there now.
  const hostsWithRetired = new Set([...retiredOn.keys(), ...freedOn.keys()]);
  for (const h of [...hostsWithRetired].sort(byName)) {
    const ranges = [...(retiredOn.get(h)?.ranges() ?? []), ...rangesOf(freedOn.get(h) ?? EMPTY_SET)];
    const left = withoutHeld(ranges, (holders.get(h) ?? EMPTY_MAP).keys());
    if (left.length === 0) continue;
    const perPool = hasOwn(history.retiredPerHost, h)
      ? history.retiredPerHost[h]
      : (history.retiredPerHost[h] = dict());
    perPool[run.name] = left;
  }
  return new RangeSet([...(retiredEverywhere?.ranges() ?? []), ...rangesOf(freedEverywhere)]).ranges();
}

const EMPTY_SET: ReadonlySet<number> = new Set();
const EMPTY_MAP: ReadonlyMap<number, string> = new Map();
