import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FlowNetwork, maxFlow } from '../../../algorithms/flow/index.js';

type Edge = readonly [number, number, number, number?];

/** Reference: Edmonds–Karp (BFS augmenting paths) on a dense capacity matrix. */
function edmondsKarp(n: number, edges: readonly Edge[], s: number, t: number): number {
  const cap = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (const [u, v, c, r] of edges) {
    cap[u][v] += c;
    cap[v][u] += r ?? 0;
  }
  let flow = 0;
  for (;;) {
    const parent = new Array<number>(n).fill(-1);
    parent[s] = s;
    const queue = [s];
    while (queue.length > 0 && parent[t] < 0) {
      const u = queue.shift()!;
      for (let v = 0; v < n; v++) {
        if (parent[v] < 0 && cap[u][v] > 0) {
          parent[v] = u;
          queue.push(v);
        }
      }
    }
    if (parent[t] < 0) return flow;
    let bottleneck = Infinity;
    for (let v = t; v !== s; v = parent[v]) bottleneck = Math.min(bottleneck, cap[parent[v]][v]);
    for (let v = t; v !== s; v = parent[v]) {
      cap[parent[v]][v] -= bottleneck;
      cap[v][parent[v]] += bottleneck;
    }
    flow += bottleneck;
  }
}

/** Capacity of the cut (S, V∖S) in the original network. */
function cutCapacity(edges: readonly Edge[], side: Uint8Array): number {
  let total = 0;
  for (const [u, v, c, r] of edges) {
    if (side[u] === 1 && side[v] === 0) total += c;
    if (side[v] === 1 && side[u] === 0) total += r ?? 0;
  }
  return total;
}

const randomNetwork = fc.integer({ min: 2, max: 9 }).chain((n) =>
  fc.record({
    n: fc.constant(n),
    edges: fc.array(
      fc.tuple(
        fc.integer({ min: 0, max: n - 1 }),
        fc.integer({ min: 0, max: n - 1 }),
        fc.integer({ min: 0, max: 20 }),
        fc.integer({ min: 0, max: 20 }),
      ),
      { maxLength: 30 },
    ),
  }),
);

describe('FlowNetwork (Dinic)', () => {
  it('computes the classic CLRS example flow of 23', () => {
    // Cormen et al., Introduction to Algorithms, fig. 26.6.
    const edges: Edge[] = [
      [0, 1, 16],
      [0, 2, 13],
      [2, 1, 4],
      [1, 3, 12],
      [3, 2, 9],
      [2, 4, 14],
      [4, 3, 7],
      [3, 5, 20],
      [4, 5, 4],
    ];
    const result = maxFlow(6, edges, 0, 5);
    expect(result.flow).toBe(23);
    expect(Array.from(result.sourceSide)).toEqual([1, 1, 1, 0, 1, 0]);
    expect(cutCapacity(edges, result.sourceSide)).toBe(23);
  });

  it('returns 0 and only the source side when the sink is unreachable', () => {
    const result = maxFlow(
      4,
      [
        [0, 1, 5],
        [2, 3, 5],
      ],
      0,
      3,
    );
    expect(result.flow).toBe(0);
    expect(Array.from(result.sourceSide)).toEqual([1, 1, 0, 0]);
  });

  it('treats addEdge(u, v, w, w) as an undirected edge', () => {
    expect(
      maxFlow(
        3,
        [
          [0, 1, 3, 3],
          [2, 1, 2, 2],
        ],
        0,
        2,
      ).flow,
    ).toBe(2);
    expect(
      maxFlow(
        3,
        [
          [1, 0, 3, 3],
          [1, 2, 2, 2],
        ],
        0,
        2,
      ).flow,
    ).toBe(2);
  });

  it('accepts infinite capacities off the bottleneck and rejects an all-infinite path', () => {
    expect(
      maxFlow(
        3,
        [
          [0, 1, Infinity],
          [1, 2, 7],
        ],
        0,
        2,
      ).flow,
    ).toBe(7);
    expect(() => maxFlow(2, [[0, 1, Infinity]], 0, 1)).toThrow(RangeError);
  });

  it('handles long chains without recursion', () => {
    const n = 200_000;
    const edges: Edge[] = [];
    for (let v = 0; v + 1 < n; v++) edges.push([v, v + 1, 1 + (v % 5)]);
    expect(maxFlow(n, edges, 0, n - 1).flow).toBe(1);
  });

  it('validates its input', () => {
    const network = new FlowNetwork();
    network.reset(2);
    expect(() => network.addEdge(0, 2, 1)).toThrow(RangeError);
    expect(() => network.addEdge(0, 1, -1)).toThrow(RangeError);
    expect(() => network.addEdge(0, 1, Number.NaN)).toThrow(RangeError);
    expect(() => network.maxFlow(0, 0)).toThrow(RangeError);
    expect(() => network.reset(-1)).toThrow(RangeError);
  });

  it('can be reset and reused, growing its buffers', () => {
    const network = new FlowNetwork(2, 1);
    for (let round = 1; round <= 5; round++) {
      const n = 10 * round;
      network.reset(n);
      for (let v = 0; v + 1 < n; v++) network.addEdge(v, v + 1, round, 0);
      network.addNode();
      expect(network.nodeCount).toBe(n + 1);
      expect(network.maxFlow(0, n - 1).flow).toBe(round);
    }
  });

  it('matches Edmonds–Karp and yields a minimum cut (property)', () => {
    fc.assert(
      fc.property(randomNetwork, fc.nat(), fc.nat(), ({ n, edges }, a, b) => {
        const s = a % n;
        const t = (s + 1 + (b % (n - 1))) % n;
        const expected = edmondsKarp(n, edges, s, t);
        const result = maxFlow(n, edges, s, t);
        expect(result.flow).toBe(expected);
        expect(result.sourceSide[s]).toBe(1);
        expect(result.sourceSide[t]).toBe(0);
        expect(cutCapacity(edges, result.sourceSide)).toBe(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('gives the same answer when one network object is reused (property)', () => {
    const network = new FlowNetwork();
    fc.assert(
      fc.property(randomNetwork, ({ n, edges }) => {
        network.reset(n);
        for (const [u, v, c, r] of edges) network.addEdge(u, v, c, r);
        expect(network.maxFlow(0, n - 1).flow).toBe(edmondsKarp(n, edges, 0, n - 1));
      }),
      { numRuns: 100 },
    );
  });
});
