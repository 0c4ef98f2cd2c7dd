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
