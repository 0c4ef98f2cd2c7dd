import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IndexedHeap } from '../../../algorithms/support/indexed-heap.js';
import { KeyedMaxHeap } from '../../../algorithms/support/keyed-heap.js';

describe('heaps', () => {
  it('KeyedMaxHeap pops by key desc then rank asc, after arbitrary key changes', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -5, max: 5 }), { minLength: 1, maxLength: 40 }),
        fc.array(fc.tuple(fc.nat(39), fc.integer({ min: -5, max: 5 })), { maxLength: 60 }),
        (keys, changes) => {
          const n = keys.length;
          const key = Float64Array.from(keys);
          const rank = Int32Array.from({ length: n }, (_, i) => i);
          const heap = new KeyedMaxHeap(key, rank);
          heap.buildFrom(Array.from({ length: n }, (_, i) => i));
          for (const [x, delta] of changes) {
            const v = x % n;
            key[v] += delta;
            if (delta >= 0) heap.moveUp(v);
            else heap.moveDown(v);
          }
          const out: number[] = [];
          while (heap.size > 0) out.push(heap.pop());
          const expected = Array.from({ length: n }, (_, i) => i).sort((a, b) => key[b] - key[a] || a - b);
          expect(out).toEqual(expected);
          expect(heap.pop()).toBe(-1);
        },
      ),
      { numRuns: 200, seed: 4 },
    );
  });

  it('IndexedHeap supports push, update, remove with a custom order', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 1, maxLength: 30 }),
        fc.array(fc.tuple(fc.nat(29), fc.integer({ min: 0, max: 9 }), fc.boolean()), { maxLength: 40 }),
        (prios, ops) => {
          const n = prios.length;
          const p = [...prios];
          const heap = new IndexedHeap(n, (a, b) => p[a] < p[b] || (p[a] === p[b] && a < b));
          for (let i = 0; i < n; i++) heap.push(i);
          const alive = new Set(Array.from({ length: n }, (_, i) => i));
          for (const [x, value, remove] of ops) {
            const v = x % n;
            if (remove) {
              heap.remove(v);
              alive.delete(v);
            } else if (alive.has(v)) {
              p[v] = value;
              heap.update(v);
            }
          }
          const out: number[] = [];
          while (heap.size > 0) out.push(heap.pop());
          expect(out).toEqual([...alive].sort((a, b) => p[a] - p[b] || a - b));
        },
      ),
      { numRuns: 200, seed: 5 },
    );
  });
});
