import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  buildAdjacency,
  colourGraph,
  InsufficientColoursError,
} from '../../../algorithms/colouring/index.js';
import { mulberry32 } from '../../../algorithms/support/index.js';
import { reduceColours } from '../../../algorithms/colouring/reduce-colours.js';
import { tabuSearch, type TabuVariant } from '../../../algorithms/colouring/tabu.js';
import { readDimacsCol } from '../../../bench/dimacs.js';
import { benchData } from '../../../bench/data-dir.js';
import { arbGraph, bruteForceChromatic, isProper } from './helpers.js';

const variants: TabuVariant[] = ['tabucol', 'partialcol'];

describe('tabuSearch (TabuCol and PartialCol)', () => {
  for (const variant of variants) {
    it(`${variant}: finds a chi-colouring of small graphs, proper and within the allowed colours, reproducibly`, () => {
      fc.assert(
        fc.property(arbGraph(12, 40), fc.integer({ min: 1, max: 1000 }), (g, seed) => {
          const adj = buildAdjacency(g.n, g.edges);
          const k = bruteForceChromatic(g);
          const input = {
            adj,
            k,
            allowed: null,
            start: new Int32Array(g.n).fill(-1),
            maxMoves: 20_000,
            maxWork: Infinity,
            seed,
            variant,
          };
          const out = tabuSearch(input);
          expect(tabuSearch(input)).toEqual(out);
          expect(out.moves).toBeLessThanOrEqual(20_000);
          if (out.colour !== null) {
            expect(isProper(g, Array.from(out.colour))).toBe(true);
            for (const c of out.colour) expect(c).toBeLessThan(k);
          }
          // One colour fewer than chi never succeeds, and the budget bounds the moves.
          if (k >= 2) {
            const fail = tabuSearch({ ...input, k: k - 1, maxMoves: 500 });
            expect(fail.colour).toBeNull();
            expect(fail.moves).toBeLessThanOrEqual(500);
          }
        }),
        { numRuns: 150, seed: 7 },
      );
    });

    it(`${variant}: respects per-node allowed colours`, () => {
      fc.assert(
        fc.property(
          arbGraph(10, 25).chain((g) =>
            fc.tuple(
              fc.constant(g),
              fc.array(fc.uniqueArray(fc.nat(3), { minLength: 1, maxLength: 4 }), {
                minLength: g.n,
                maxLength: g.n,
              }),
            ),
          ),
          ([g, lists]) => {
            const k = 4;
            const allowed = new Uint8Array(g.n * k);
            lists.forEach((list, v) => list.forEach((c) => (allowed[v * k + c] = 1)));
            const out = tabuSearch({
              adj: buildAdjacency(g.n, g.edges),
              k,
              allowed,
              start: new Int32Array(g.n).fill(-1),
              maxMoves: 5000,
              maxWork: Infinity,
              seed: 3,
              variant,
            });
            if (out.colour === null) return;
            expect(isProper(g, Array.from(out.colour))).toBe(true);
            out.colour.forEach((c, v) => expect(lists[v]).toContain(c));
          },
        ),
        { numRuns: 200, seed: 11 },
      );
    });
  }

  it('both reach chi = 7 on queen7_7 from plain DSATUR (10 colours), TabuCol also 15 on le450_15a', () => {
    for (const variant of variants) {
      const g = readDimacsCol(benchData('dimacs', 'queen7_7.col'));
      const adj = buildAdjacency(g.nodeCount, g.edges);
      const start = colourGraph(
        { nodeCount: g.nodeCount, edges: g.edges },
        { tabuMoves: 0, improveIterations: 0 },
      );
      expect(start.colours).toBe(10);
      const out = reduceColours(adj, null, Infinity, Int32Array.from(start.colouring), true, {
        moveBudget: 100_000,
        workBudget: Infinity,
        attempts: 2,
        seed: 1,
        variant,
        lowerBound: 7,
      });
      expect(out.colours).toBe(7);
      expect(out.budgetSpent).toBe(false);
      expect(isProper({ n: g.nodeCount, edges: g.edges }, Array.from(out.colour ?? []))).toBe(true);
    }
    const le = readDimacsCol(benchData('dimacs', 'le450_15a.col'));
    const r = colourGraph({ nodeCount: le.nodeCount, edges: le.edges });
    expect([r.colours, r.method, r.optimal]).toEqual([15, 'tabu-search', true]);
  });
});

describe('reduceColours', () => {
  it('never returns more colours than its proper start, keeps lists and colours 0..k-1 without lists', () => {
    fc.assert(
      fc.property(arbGraph(25, 90), fc.integer({ min: 1, max: 50 }), (g, seed) => {
        const adj = buildAdjacency(g.n, g.edges);
        const start = colourGraph({ nodeCount: g.n, edges: g.edges }, { tabuMoves: 0 });
        const out = reduceColours(adj, null, Infinity, Int32Array.from(start.colouring), true, {
          moveBudget: 4000,
          workBudget: Infinity,
          attempts: 3,
          seed,
          variant: 'alternate',
          lowerBound: start.lowerBound,
        });
        expect(out.colours).toBeLessThanOrEqual(start.colours);
        expect(out.moves).toBeLessThanOrEqual(4000);
        const colouring = Array.from(out.colour ?? []);
        expect(isProper(g, colouring)).toBe(true);
        expect(new Set(colouring).size).toBe(out.colours);
        expect(Math.max(...colouring)).toBe(out.colours - 1);
      }),
      { numRuns: 150, seed: 21 },
    );
  });

  it('repairs a colouring over the limit when one exists within it (C6 from a 3-colouring, limit 2)', () => {
    const edges: [number, number][] = [0, 1, 2, 3, 4, 5].map((v) => [v, (v + 1) % 6]);
    const adj = buildAdjacency(6, edges);
    const out = reduceColours(adj, null, 2, Int32Array.from([0, 1, 2, 0, 1, 2]), false, {
      moveBudget: 1000,
      workBudget: Infinity,
      attempts: 2,
      seed: 1,
      variant: 'tabucol',
      lowerBound: 2,
    });
    expect(out.colours).toBe(2);
    expect(isProper({ n: 6, edges }, Array.from(out.colour ?? []))).toBe(true);
  });

  it('with a colour limit, tabu search finds the colourings DSATUR misses', () => {
    let missed = 0;
    fc.assert(
      fc.property(fc.integer({ min: 15, max: 22 }), fc.integer(), (n, seed) => {
        const random = mulberry32(seed);
        const edges: [number, number][] = [];
        for (let u = 0; u < n; u++) for (let v = u + 1; v < n; v++) if (random() < 0.35) edges.push([u, v]);
        const g = { nodeCount: n, edges };
        const chi = colourGraph(g, { exact: true, tabuMoves: 0 }).colours;
        const plainOptions = { tabuMoves: 0, improveIterations: 0 };
        if (colourGraph(g, plainOptions).colours === chi) return;
        missed++;
        // DSATUR alone misses chi: with the limit chi it errors, with tabu search it succeeds.
        expect(() => colourGraph({ ...g, maxColours: chi }, plainOptions)).toThrow(InsufficientColoursError);
        const r = colourGraph({ ...g, maxColours: chi }, { improveIterations: 0 });
        expect(r.colours).toBe(chi);
        expect(isProper({ n, edges }, r.colouring)).toBe(true);
      }),
      { numRuns: 200, seed: 4 },
    );
    expect(missed).toBeGreaterThan(5);
  });
});
