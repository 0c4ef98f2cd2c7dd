/** Shared helpers for the multiway-cut test suites: random instances and a brute-force optimum. */
import fc from 'fast-check';
import type { MultiwayCutInstance } from '../../../algorithms/multiway-cut/index.js';

export interface PlainInstance extends MultiwayCutInstance {
  edges: [number, number][];
  candidates: number[][];
}

/** Cut of a labelling, counted directly on the edge list (self-loops never count). */
export function costOf(instance: PlainInstance, labels: ArrayLike<number>): number {
  let cost = 0;
  for (const [u, v] of instance.edges) if (u !== v && labels[u] !== labels[v]) cost++;
  return cost;
}

/** Every item is on one of its candidates. */
export function isValid(instance: PlainInstance, labels: ArrayLike<number>): boolean {
  if (labels.length !== instance.itemCount) return false;
  for (let i = 0; i < instance.itemCount; i++) if (!instance.candidates[i].includes(labels[i])) return false;
  return true;
}

/** Exhaustive optimum (odometer over the candidate lists). */
export function bruteForce(instance: PlainInstance): { cost: number; labels: number[] } {
  const n = instance.itemCount;
  const digit = new Array<number>(n).fill(0);
  const labels = instance.candidates.map((c) => c[0]);
  let best = { cost: costOf(instance, labels), labels: labels.slice() };
  for (;;) {
    let i = 0;
    while (i < n && digit[i] === instance.candidates[i].length - 1) {
      digit[i] = 0;
      labels[i] = instance.candidates[i][0];
      i++;
    }
    if (i === n) return best;
    digit[i]++;
    labels[i] = instance.candidates[i][digit[i]];
    const cost = costOf(instance, labels);
    if (cost < best.cost) best = { cost, labels: labels.slice() };
  }
}

/** Random small instances: loops, parallel edges, pinned items and duplicate candidates included. */
export function instanceArbitrary(maxItems = 8, maxLabels = 4, maxEdges = 16): fc.Arbitrary<PlainInstance> {
  return fc
    .record({ n: fc.integer({ min: 1, max: maxItems }), k: fc.integer({ min: 1, max: maxLabels }) })
    .chain(({ n, k }) =>
      fc.record({
        itemCount: fc.constant(n),
        labelCount: fc.constant(k),
        edges: fc.array(fc.tuple(fc.integer({ min: 0, max: n - 1 }), fc.integer({ min: 0, max: n - 1 })), {
          maxLength: maxEdges,
        }),
        candidates: fc.array(
          fc.array(fc.integer({ min: 0, max: k - 1 }), { minLength: 1, maxLength: k + 1 }),
          {
            minLength: n,
            maxLength: n,
          },
        ),
      }),
    );
}

/** The reference's test graph: triangle S1–S2, S1–S3, S2–S3, every host a candidate. */
export function triangle(hosts: number): PlainInstance {
  const all = Array.from({ length: hosts }, (_, h) => h);
  return {
    itemCount: 3,
    labelCount: hosts,
    edges: [
      [0, 1],
      [0, 2],
      [1, 2],
    ],
    candidates: [all, all.slice(), all.slice()],
  };
}
