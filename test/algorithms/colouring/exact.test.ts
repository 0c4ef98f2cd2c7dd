import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normaliseColourLists } from '../../../algorithms/colouring/lists.js';
import { exactColouring } from '../../../algorithms/colouring/exact.js';
import { buildAdjacency, isProperColouring, nameRanks } from '../../../algorithms/colouring/graph.js';
import { arbGraph, bruteForceChromatic, bruteForceMinColours, neighbours } from './helpers.js';
import { maximumClique } from '../../../algorithms/colouring/max-clique.js';
import { colourGraph } from '../../../algorithms/colouring/index.js';
import { readDimacsCol } from '../../../bench/dimacs.js';
import { benchData } from '../../../bench/data-dir.js';

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

describe('maximumClique (Tomita & Seki MCQ)', () => {
  it('finds the maximum clique of small graphs (brute force), at least as large as the start', () => {
    fc.assert(
      fc.property(arbGraph(12, 50), (g) => {
        const adj = buildAdjacency(g.n, g.edges);
        const nb = neighbours(g);
        let omega = g.n > 0 ? 1 : 0;
        for (let mask = 1; mask < 1 << g.n; mask++) {
          const nodes = [...Array(g.n).keys()].filter((v) => mask & (1 << v));
          if (nodes.length > omega && nodes.every((a) => nodes.every((b) => a === b || nb[a].has(b))))
            omega = nodes.length;
        }
        const r = maximumClique(adj, [], 1e6);
        expect(r.complete).toBe(true);
        expect(r.clique.length).toBe(omega);
        for (const a of r.clique) for (const b of r.clique) if (a !== b) expect(nb[a].has(b)).toBe(true);
      }),
      { numRuns: 150, seed: 3 },
    );
  });

  it('stops at its node budget, keeping the start clique', () => {
    const g = readDimacsCol(benchData('dimacs', 'DSJC125.5.col'));
    const adj = buildAdjacency(g.nodeCount, g.edges);
    const r = maximumClique(adj, [0], 10);
    expect(r.complete).toBe(false);
    expect(r.searchNodes).toBe(10);
    expect(r.clique.length).toBeGreaterThanOrEqual(1);
    const full = maximumClique(adj, [0], 1e7);
    expect([full.complete, full.clique.length]).toEqual([true, 10]); // omega(DSJC125.5) = 10
  });
});

describe('colourGraph exact mode: decisions from the bound upwards', () => {
  it('proves each colour count below chi impossible, says so, and keeps the bound when stopped', () => {
    const g = readDimacsCol(benchData('dimacs', 'myciel4.col'));
    const r = colourGraph({ nodeCount: g.nodeCount, edges: g.edges }, { exact: true, decisionNodes: 0 });
    expect([r.colours, r.lowerBound, r.optimal, r.lowerBoundProof]).toEqual([
      5,
      5,
      true,
      'exhaustive search',
    ]);
    expect(r.exactLevels?.map((l) => [l.colours, l.outcome])).toEqual([
      [2, 'not colourable'],
      [3, 'not colourable'],
      [4, 'not colourable'],
    ]);
    // A small budget stops at some level: what was proven before it is still reported.
    const cut = colourGraph(
      { nodeCount: g.nodeCount, edges: g.edges },
      { exact: true, decisionNodes: 0, nodeLimit: 100 },
    );
    expect(cut.optimal).toBe(false);
    expect(cut.exactStop).toBe('node limit');
    expect(cut.colours).toBe(5);
    expect(cut.lowerBound).toBe(
      1 +
        Math.max(2, ...cut.exactLevels!.filter((l) => l.outcome === 'not colourable').map((l) => l.colours)),
    );
    expect(cut.searchNodes).toBe(100);
  });

  it('a time limit stops the search with the bound proven so far (myciel6: at least the clique)', () => {
    const g = readDimacsCol(benchData('dimacs', 'myciel6.col'));
    const r = colourGraph(
      { nodeCount: g.nodeCount, edges: g.edges },
      { exact: true, timeLimitMs: 1, nodeLimit: Infinity, tabuMoves: 1000 },
    );
    expect(r.exactStop).toBe('time limit');
    expect(r.optimal).toBe(false);
    expect(r.colours).toBe(7);
    expect(r.lowerBound).toBeGreaterThanOrEqual(2);
    expect(r.lowerBound).toBeLessThan(7);
  });

  it('le450_15a: 15 colours against a clique of 15 needs no search', () => {
    const g = readDimacsCol(benchData('dimacs', 'le450_15a.col'));
    const r = colourGraph({ nodeCount: g.nodeCount, edges: g.edges }, { exact: true });
    expect([r.colours, r.optimal, r.lowerBoundProof, r.exactLevels]).toEqual([15, true, 'clique', []]);
  });
});
