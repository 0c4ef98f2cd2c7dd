/**
 * Records keyed by user names (services, targets, groups, containers, pools, properties). Any string
 * is a name, `__proto__`, `constructor` and `toString` included, so these records have no prototype:
 * a lookup never finds an inherited member and an assignment never changes the prototype.
 * `Object.keys`, spreading, `JSON.stringify` work on them as on plain objects.
 */

/** An empty record without a prototype. */
export function emptyRecord<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}

/** Whether `record` has its own entry `key` (never an inherited member). */
export function hasKey(record: object, key: string): boolean {
  return Object.hasOwn(record, key);
}

/** The own entry `key` of `record`, or undefined. */
export function entryOf<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

/** Sets `record[key]` as an own entry, whatever the key (`__proto__` included) and prototype. */
export function setEntry<T>(record: Record<string, T>, key: string, value: T): void {
  Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true });
}

/** A record without a prototype holding `entries` (later entries win). */
export function recordOf<T>(entries: Iterable<readonly [string, T]>): Record<string, T> {
  const record = emptyRecord<T>();
  for (const [key, value] of entries) record[key] = value;
  return record;
}

/** Whether `value` is a plain attribute set (an object that is neither a list nor anything special). */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/**
 * A copy of a JSON-like value in which every attribute set is a record without a prototype
 * (iterative: deep values cannot overflow the call stack; shared sub-values stay shared).
 */
export function toRecords<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  const copies = new Map<object, unknown>();
  const copyOf = (v: unknown): unknown => {
    if (v === null || typeof v !== 'object') return v;
    let copy = copies.get(v);
    if (copy === undefined) {
      copy = Array.isArray(v) ? new Array<unknown>(v.length) : emptyRecord<unknown>();
      copies.set(v, copy);
      pending.push([v, copy as object]);
    }
    return copy;
  };
  const pending: [object, object][] = [];
  const root = copyOf(value);
  while (pending.length > 0) {
    const [source, target] = pending.pop() as [object, object];
    if (Array.isArray(source)) {
      const list = target as unknown[];
      for (let i = 0; i < source.length; i++) list[i] = copyOf(source[i]);
    } else {
      const record = target as Record<string, unknown>;
      for (const key of Object.keys(source)) record[key] = copyOf((source as Record<string, unknown>)[key]);
    }
  }
  return root as T;
}
