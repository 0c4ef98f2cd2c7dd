/**
 * Helpers for CSR (compressed sparse row) structures on typed arrays: row r of a CSR structure is
 * `values[offsets[r] .. offsets[r+1])`. Colour lists and candidate label lists are kept sorted in
 * their rows, so membership is one binary search.
 */

/** True iff `value` is in row `row`, whose entries must be sorted ascending (binary search). */
export function sortedRowIncludes(
  offsets: Int32Array,
  values: Int32Array,
  row: number,
  value: number,
): boolean {
  let lo = offsets[row];
  let hi = offsets[row + 1] - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const x = values[mid];
    if (x === value) return true;
    if (x < value) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}
