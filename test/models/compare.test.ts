import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareNames, sortedKeys, sortNames } from '../../models/compare.js';

describe('name order', () => {
  it('sorts in code-unit order, whether or not the names come sorted (any strings, integer-like keys too)', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.nat().map(String))), (names) => {
        const expected = [...names].sort(compareNames);
        expect(sortNames([...names])).toEqual(expected);
        expect(sortNames([...expected])).toEqual(expected);
        const record = Object.fromEntries(names.map((n) => [n, 1]));
        expect(sortedKeys(record)).toEqual([...new Set(names)].sort(compareNames));
      }),
      { seed: 7, numRuns: 300 },
    );
  });

  it('puts integer-like keys where code units put them, not first as Object.keys does', () => {
    expect(sortedKeys({ b: 1, 10: 1, 9: 1, a: 1 })).toEqual(['10', '9', 'a', 'b']);
  });
});
