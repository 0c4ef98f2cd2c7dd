/**
 * Shared tools of the algorithm families: the base error class, heaps, a seeded PRNG, the HiGHS
 * loader and CSR helpers. Not a problem of its own.
 */
export { sortedRowIncludes } from './csr.js';
export { AlgorithmError } from './errors.js';
export { loadHighs } from './highs.js';
export { IndexedHeap } from './indexed-heap.js';
export { KeyedMaxHeap } from './keyed-heap.js';
export { mulberry32 } from './random.js';
