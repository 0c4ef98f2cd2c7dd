import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normaliseColourLists } from '../../../algorithms/colouring/lists.js';
import { exactColouring } from '../../../algorithms/colouring/exact.js';
import { buildAdjacency, isProperColouring, nameRanks } from '../../../algorithms/colouring/graph.js';
import { arbGraph, bruteForceChromatic, bruteForceMinColours } from './helpers.js';

const budget = { nodeLimit: 1e7, timeLimitMs: Infinity };

describe('exactColouring (branch and bound on its own, no incumbent, no clique)', () => {
  it('finds the chromatic number from scratch', () => {
    fc.assert(
      fc.property(arbGraph(9, 30), (g) => {
        const adj = buildAdjacency(g.n, g.edges);
        const out = exactColouring({
          adj,
          rank: nameRanks(g.n),
          palette: g.n,
          lists: null,
          incumbent: null,
          incumbentColours: Infinity,
          lowerBound: 1,
          clique: [],
          ...budget,
        });
        expect(out.complete).toBe(true);
        expect(out.colouring).not.toBeNull();
        expect(isProperColouring(adj, out.colouring!)).toBe(true);
        expect(out.colours).toBe(bruteForceChromatic(g));
      }),
      { numRuns: 300, seed: 11 },
    );
  });

  it('decides k-colourability under a palette limit', () => {
    fc.assert(
      fc.property(arbGraph(8, 26), fc.integer({ min: 1, max: 4 }), (g, k) => {
        const adj = buildAdjacency(g.n, g.edges);
        const out = exactColouring({
          adj,
          rank: nameRanks(g.n),
          palette: k,
          lists: null,
          incumbent: null,
          incumbentColours: Infinity,
          lowerBound: 1,
          clique: [],
          ...budget,
        });
        const chi = bruteForceChromatic(g);
        expect(out.complete).toBe(true);
        if (chi <= k) {
          expect(out.colours).toBe(chi);
          expect(Math.max(...out.colouring!)).toBeLessThan(k);
        } else {
          expect(out.colouring).toBeNull();
        }
      }),
      { numRuns: 300, seed: 12 },
    );
  });

  it('list colouring from scratch equals brute force', () => {
    fc.assert(
      fc.property(
        arbGraph(6, 14).chain((g) =>
          fc.tuple(
            fc.constant(g),
            fc.array(fc.option(fc.uniqueArray(fc.nat(4), { maxLength: 4 }), { nil: undefined, freq: 3 }), {
              minLength: g.n,
              maxLength: g.n,
            }),
            fc.integer({ min: 1, max: 6 }),
          ),
        ),
        ([g, allowed, k]) => {
          const adj = buildAdjacency(g.n, g.edges);
          const lists = normaliseColourLists(g.n, allowed, k);
          const palette = lists === null ? k : Math.min(k, lists.listedBound + g.n);
          const out = exactColouring({
            adj,
            rank: nameRanks(g.n),
            palette,
            lists,
            incumbent: null,
            incumbentColours: Infinity,
            lowerBound: 1,
            clique: [],
            ...budget,
          });
          const domain = (v: number): number[] =>
            (allowed[v] ?? Array.from({ length: k }, (_, c) => c)).filter((c) => c < k);
          const best = bruteForceMinColours(g, domain);
          expect(out.complete).toBe(true);
          if (best === Infinity) expect(out.colouring).toBeNull();
          else {
            expect(out.colours).toBe(best);
            expect(isProperColouring(adj, out.colouring!)).toBe(true);
            out.colouring!.forEach((c, v) => expect(domain(v)).toContain(c));
          }
        },
      ),
      { numRuns: 300, seed: 13 },
    );
  });

  it('stops at the node limit and reports an incomplete search', () => {
    // C5 (chi 3): the search needs more than 2 assignments.
    const adj = buildAdjacency(5, [
      [0, 1],
      [1, 2],
      [2, 3],
      [3, 4],
      [4, 0],
    ]);
    const out = exactColouring({
      adj,
      rank: nameRanks(5),
      palette: 5,
      lists: null,
      incumbent: null,
      incumbentColours: Infinity,
      lowerBound: 1,
      clique: [],
      nodeLimit: 2,
      timeLimitMs: Infinity,
    });
    expect(out.complete).toBe(false);
    expect(out.searchNodes).toBe(2);
  });
});
