import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bipartiteColouring } from '../../../algorithms/colouring/bipartite.js';
import { SelfLoopError } from '../../../algorithms/colouring/errors.js';
import { buildAdjacency, isProperColouring, nameRanks } from '../../../algorithms/colouring/graph.js';
import { colourGraph } from '../../../algorithms/colouring/index.js';
import { greedyClique } from '../../../algorithms/colouring/greedy-clique.js';
import { firstFitColouring, iteratedGreedy } from '../../../algorithms/colouring/iterated-greedy.js';
import { NeighbourColours } from '../../../algorithms/colouring/neighbour-colours.js';
import { arbGraph, isProper, neighbours } from './helpers.js';

describe('buildAdjacency', () => {
  it('de-duplicates, keeps first-seen neighbour order, counts edges and the max degree', () => {
    const adj = buildAdjacency(4, [
      [0, 1],
      [1, 0],
      [2, 0],
      [0, 1],
      [3, 2],
    ]);
    expect(Array.from(adj.offsets)).toEqual([0, 2, 3, 5, 6]);
    expect(Array.from(adj.targets)).toEqual([1, 2, 0, 0, 3, 2]);
    expect(adj.edgeCount).toBe(3);
    expect(adj.maxDegree).toBe(2);
  });

  it('rejects self-loops and out-of-range endpoints', () => {
    expect(() => buildAdjacency(2, [[1, 1]], ['a', 'b'])).toThrow(SelfLoopError);
    expect(() => buildAdjacency(2, [[0, 2]])).toThrow(RangeError);
    expect(() => buildAdjacency(2, [[0, 0.5]])).toThrow(RangeError);
  });

  it('ranks names in code-unit order (not locale order)', () => {
    expect(Array.from(nameRanks(4, ['b', 'B', 'a', 'A']))).toEqual([3, 1, 2, 0]);
  });
});

describe('NeighbourColours', () => {
  it('behaves like a Set of (node, colour) pairs, including colours >= 32', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(9), fc.nat(300)), { maxLength: 3000 }), (ops) => {
        const s = new NeighbourColours(10);
        const ref = new Set<number>();
        for (const [v, c] of ops) {
          expect(s.add(v, c)).toBe(!ref.has(v * 1000 + c));
          ref.add(v * 1000 + c);
        }
        for (let v = 0; v < 10; v++) {
          let low = 0;
          while (ref.has(v * 1000 + low)) low++;
          expect(s.lowestFree(v)).toBe(low);
          const got = Array.from({ length: 310 }, (_, c) => s.has(v, c));
          expect(got).toEqual(Array.from({ length: 310 }, (_, c) => ref.has(v * 1000 + c)));
        }
      }),
      { numRuns: 100, seed: 3 },
    );
  });
});

describe('greedy clique, bipartite test, iterated greedy', () => {
  it('greedyClique returns a clique (the whole graph for K_n)', () => {
    const k6 = buildAdjacency(
      6,
      Array.from({ length: 6 }, (_, u) => Array.from({ length: 6 }, (_, v) => [u, v] as [number, number]))
        .flat()
        .filter(([u, v]) => u < v),
    );
    expect(greedyClique(k6, nameRanks(6))).toEqual([0, 1, 2, 3, 4, 5]);
    fc.assert(
      fc.property(arbGraph(20, 80), (g) => {
        const clique = greedyClique(buildAdjacency(g.n, g.edges), nameRanks(g.n));
        const adj = neighbours(g);
        expect(clique.length).toBeGreaterThanOrEqual(1);
        for (const a of clique) for (const b of clique) if (a !== b) expect(adj[a].has(b)).toBe(true);
      }),
      { numRuns: 200, seed: 6 },
    );
  });

  it('bipartiteColouring: even cycle 2-coloured from the max-degree/first-name node, odd cycle null', () => {
    const c4 = buildAdjacency(4, [
      [0, 1],
      [1, 2],
      [2, 3],
      [3, 0],
    ]);
    expect(Array.from(bipartiteColouring(c4, nameRanks(4))!)).toEqual([0, 1, 0, 1]);
    expect(
      bipartiteColouring(
        buildAdjacency(3, [
          [0, 1],
          [1, 2],
          [2, 0],
        ]),
        nameRanks(3),
      ),
    ).toBeNull();
  });

  it('iteratedGreedy never increases the colour count and stays proper; first fit is proper', () => {
    fc.assert(
      fc.property(arbGraph(25, 120), fc.nat(1000), (g, seed) => {
        const adj = buildAdjacency(g.n, g.edges);
        const ff = firstFitColouring(
          adj,
          Int32Array.from({ length: g.n }, (_, v) => v),
        );
        expect(isProperColouring(adj, ff.colour)).toBe(true);
        const ig = iteratedGreedy(adj, ff.colour, ff.colours, { iterations: 20, seed });
        expect(isProperColouring(adj, ig.colour)).toBe(true);
        expect(ig.colours).toBeLessThanOrEqual(ff.colours);
        expect(new Set(ig.colour).size).toBe(ig.colours);
      }),
      { numRuns: 200, seed: 7 },
    );
  });

  it('colours needing more than 32 colours (hash path): K_40 and a dense random graph', () => {
    const n = 40;
    const edges: [number, number][] = [];
    for (let u = 0; u < n; u++) for (let v = u + 1; v < n; v++) edges.push([u, v]);
    const r = colourGraph({ nodeCount: n, edges });
    expect(r.colouring).toEqual(Array.from({ length: n }, (_, v) => v));
    expect(r.optimal).toBe(true);
    const dense: [number, number][] = [];
    let s = 1;
    for (let u = 0; u < 90; u++)
      for (let v = u + 1; v < 90; v++) if ((s = (s * 48271) % 2147483647) % 100 < 92) dense.push([u, v]);
    const d = colourGraph({ nodeCount: 90, edges: dense }, { improveIterations: 0 });
    expect(d.colours).toBeGreaterThan(32);
    expect(isProper({ n: 90, edges: dense }, d.colouring)).toBe(true);
  });
});
