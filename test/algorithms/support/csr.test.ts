import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sortedRowIncludes } from '../../../algorithms/support/csr.js';

describe('sortedRowIncludes', () => {
  it('answers like Array#includes on every row of a CSR structure with sorted rows', () => {
    fc.assert(
      fc.property(
        fc.array(fc.uniqueArray(fc.integer({ min: -20, max: 20 }), { maxLength: 12 }), { maxLength: 8 }),
        (rows) => {
          const sorted = rows.map((row) => [...row].sort((a, b) => a - b));
          const offsets = new Int32Array(sorted.length + 1);
          sorted.forEach((row, r) => (offsets[r + 1] = offsets[r] + row.length));
          const values = Int32Array.from(sorted.flat());
          sorted.forEach((row, r) => {
            for (let v = -21; v <= 21; v++)
              expect(sortedRowIncludes(offsets, values, r, v)).toBe(row.includes(v));
          });
        },
      ),
      { numRuns: 200, seed: 11 },
    );
  });
});
