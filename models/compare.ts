/** Code-unit order, as the original's `strcmp` sorts; never locale-dependent. */
export function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function sortedKeys(record: object): string[] {
  return Object.keys(record).sort(compareNames);
}
