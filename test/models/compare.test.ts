import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareNames, sameValue, sortedKeys, sortNames } from '../../models/compare.js';

describe('name order', () => {
  it('sorts in code-unit order, whether or not the names come sorted (any strings, integer-like keys too)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.nat().map(String))),
        (names) => {
          const expected = [...names].sort(compareNames);
          expect(sortNames([...names])).toEqual(expected);
          expect(sortNames([...expected])).toEqual(expected);
          const record = Object.fromEntries(names.map((n) => [n, 1]));
          expect(sortedKeys(record)).toEqual([...new Set(names)].sort(compareNames));
        },
      ),
      { seed: 7, numRuns: 300 },
    );
  });

  it('puts integer-like keys where code units put them, not first as Object.keys does', () => {
    expect(sortedKeys({ b: 1, 10: 1, 9: 1, a: 1 })).toEqual(['10', '9', 'a', 'b']);
  });
});

describe('sameValue', () => {
  /** The value with its attribute sets rebuilt in another key order, some without a prototype. */
  const reordered = (v: unknown, flip: boolean): unknown => {
    if (Array.isArray(v)) return v.map((x) => reordered(x, !flip));
    if (v === null || typeof v !== 'object') return v;
    const keys = Object.keys(v).reverse();
    const out: Record<string, unknown> = flip ? (Object.create(null) as Record<string, unknown>) : {};
    for (const key of keys)
      Object.defineProperty(out, key, {
        value: reordered((v as Record<string, unknown>)[key], !flip),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    return out;
  };
  const canonical = (v: unknown): string =>
    JSON.stringify(v, (_key, x: unknown) =>
      x !== null && typeof x === 'object' && !Array.isArray(x)
        ? Object.fromEntries(
            Object.keys(x)
              .sort()
              .map((k) => [`.${k}`, (x as Record<string, unknown>)[k]]),
          )
        : x,
    );
  const keys = fc.oneof(fc.string(), fc.constantFrom('__proto__', 'toString', 'constructor'));
  const values = fc.letrec((tie) => ({
    value: fc.oneof(
      { depthSize: 'small' },
      fc.constant(null),
      fc.boolean(),
      fc.integer({ min: -3, max: 3 }),
      fc.constantFrom('', 'a', 'b'),
      fc.array(tie('value'), { maxLength: 3 }),
      fc.dictionary(keys, tie('value'), { maxKeys: 3 }),
    ),
  })).value;

  it('holds for the same value in any key order and prototype, and only for values of the same JSON', () => {
    fc.assert(
      fc.property(values, values, (a, b) => {
        expect(sameValue(a, reordered(a, true))).toBe(true);
        expect(sameValue(a, b)).toBe(canonical(a) === canonical(b));
      }),
      { seed: 11, numRuns: 500 },
    );
  });

  it('tells lists from attribute sets, null from empty, and order within lists', () => {
    expect(sameValue([], {})).toBe(false);
    expect(sameValue({}, [])).toBe(false);
    expect(sameValue(null, {})).toBe(false);
    expect(sameValue([1, 2], [2, 1])).toBe(false);
    expect(sameValue({ a: 1 }, { a: 1, b: undefined })).toBe(false);
    expect(sameValue({ a: [1, { b: 'x' }] }, { a: [1, { b: 'x' }] })).toBe(true);
  });
});
