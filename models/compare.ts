/** Code-unit order, as the original's `strcmp` sorts; never locale-dependent. */
export function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** `names` in code-unit order, in place; one pass when they already are (models evaluated by Nix). */
export function sortNames(names: string[]): string[] {
  for (let i = 1; i < names.length; i++) if (names[i - 1] > names[i]) return names.sort(compareNames);
  return names;
}

export function sortedKeys(record: object): string[] {
  return sortNames(Object.keys(record));
}

/**
 * Whether two JSON-like values (null, booleans, numbers, strings, lists, attribute sets) are the
 * same: lists element by element, attribute sets by their keys whatever their order or prototype.
 */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameValue(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  const keys = Object.keys(x);
  if (keys.length !== Object.keys(y).length) return false;
  for (const key of keys) if (!Object.hasOwn(y, key) || !sameValue(x[key], y[key])) return false;
  return true;
}
