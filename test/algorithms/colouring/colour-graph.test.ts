import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../../algorithms/support/index.js';
import {
  ColouringError,
  colourGraph,
  InsufficientColoursError,
  ListColouringError,
  SelfLoopError,
} from '../../../algorithms/colouring/index.js';
import {
  arbGraph,
  bruteForceChromatic,
  bruteForceMinColours,
  distinctColours,
  firstFitCount,
  isProper,
  type SmallGraph,
} from './helpers.js';

const triangle = {
  nodeCount: 3,
  names: ['S1', 'S2', 'S3'],
  edges: [
    [0, 1],
    [0, 2],
    [1, 2],
  ] as [number, number][],
};

// tests/visualize/services.nix (docs/compatibility.md §7.6 / §8.1): dependsOn / connectsTo links.
const visualizeNames = [
  'errordb',
  'loggingapi',
  'loggingdb',
  'portal',
  'portaldb',
  'reportingapi',
  'reportingdb',
];
const id = (s: string): number => visualizeNames.indexOf(s);
const visualizeEdges: [number, number][] = [
  ['loggingapi', 'errordb'],
  ['loggingapi', 'loggingdb'],
  ['reportingapi', 'errordb'],
  ['reportingapi', 'reportingdb'],
  ['portal', 'loggingapi'],
  ['portal', 'portaldb'],
  ['portal', 'reportingapi'],
].map(([a, b]) => [id(a), id(b)]);

describe('colourGraph: reference examples (dydisnix §7.6)', () => {
  it('colours the triangle S1, S2, S3 with 3 colours as S1=0, S2=1, S3=2', () => {
    const r = colourGraph({ ...triangle, maxColours: 3 });
    expect(r.colouring).toEqual([0, 1, 2]);
    expect(r.colours).toBe(3);
    expect(r.optimal).toBe(true);
    expect(r.lowerBound).toBe(3);
    expect(r.clique).toEqual([0, 1, 2]);
    expect(r.method).toBe('dsatur');
  });

  it('fails the triangle with 2 colours with a typed, proven error', () => {
    const run = (): unknown => colourGraph({ ...triangle, maxColours: 2 });
    expect(run).toThrow(InsufficientColoursError);
    expect(run).toThrow('needs at least 3 colours, 2 available');
    try {
      run();
    } catch (e) {
      expect(e).toBeInstanceOf(ColouringError);
      expect(e).toMatchObject({ needed: 3, available: 2, proven: true });
    }
  });

  it('2-colours the 7-service visualize model (bipartite), in both DSATUR and shortcut form', () => {
    const problem = { nodeCount: 7, names: visualizeNames, edges: visualizeEdges, maxColours: 2 };
    const expected = {
      errordb: 1,
      loggingapi: 0,
      loggingdb: 1,
      portal: 1,
      portaldb: 0,
      reportingapi: 0,
      reportingdb: 1,
    };
    const expectedArray = visualizeNames.map((s) => expected[s as keyof typeof expected]);
    const short = colourGraph(problem);
    expect(short.method).toBe('bipartite');
    expect(short.colouring).toEqual(expectedArray);
    expect(short.colours).toBe(2);
    expect(short.optimal).toBe(true);
    const full = colourGraph(problem, { bipartiteShortcut: false });
    expect(full.method).toBe('dsatur');
    expect(full.colouring).toEqual(expectedArray);
  });

  it('terminates on the graphs the original looped forever on', () => {
    // 4 independent services; 5-node path A-B-C-D-E; two disjoint edges A-C, B-D.
    expect(colourGraph({ nodeCount: 4, edges: [] }).colouring).toEqual([0, 0, 0, 0]);
    const path = colourGraph({
      nodeCount: 5,
      names: ['A', 'B', 'C', 'D', 'E'],
      edges: [
        [0, 1],
        [1, 2],
        [2, 3],
        [3, 4],
      ],
    });
    expect(path.colours).toBe(2);
    expect(path.colouring).toEqual([1, 0, 1, 0, 1]); // B (first max-degree node by name) gets 0
    const pair = colourGraph(
      {
        nodeCount: 4,
        names: ['A', 'B', 'C', 'D'],
        edges: [
          [0, 2],
          [1, 3],
        ],
      },
      { bipartiteShortcut: false },
    );
    expect(pair.colouring).toEqual([0, 0, 1, 1]);
  });
});

describe('colourGraph: input handling', () => {
  it('merges parallel edges and both orientations', () => {
    const r = colourGraph({
      ...triangle,
      edges: [
        [0, 1],
        [1, 0],
        [0, 1],
        [0, 2],
        [2, 1],
        [1, 2],
      ],
    });
    expect(r.colouring).toEqual([0, 1, 2]);
  });

  it('rejects a self-loop with a typed error naming the node', () => {
    const run = (): unknown =>
      colourGraph({
        nodeCount: 2,
        names: ['a', 'b'],
        edges: [
          [0, 1],
          [1, 1],
        ],
      });
    expect(run).toThrow(SelfLoopError);
    expect(run).toThrow('node "b" is adjacent to itself');
  });

  it('handles the empty graph and edgeless graphs', () => {
    expect(colourGraph({ nodeCount: 0, edges: [] })).toMatchObject({
      colouring: [],
      colours: 0,
      optimal: true,
    });
    expect(colourGraph({ nodeCount: 3, edges: [] })).toMatchObject({
      colouring: [0, 0, 0],
      colours: 1,
      optimal: true,
    });
  });

  it('a colour limit of 0 fails any non-empty graph (singular wording)', () => {
    expect(() => colourGraph({ nodeCount: 1, edges: [], maxColours: 0 })).toThrow(
      'needs at least 1 colour, 0 available',
    );
    expect(colourGraph({ nodeCount: 0, edges: [], maxColours: 0 }).colours).toBe(0);
  });

  it('rejects bad indices, names and limits', () => {
    expect(() => colourGraph({ nodeCount: 2, edges: [[0, 2]] })).toThrow(RangeError);
    expect(() => colourGraph({ nodeCount: 2, names: ['a'], edges: [] })).toThrow(RangeError);
    expect(() => colourGraph({ nodeCount: 2, edges: [], maxColours: -1 })).toThrow(RangeError);
    expect(() => colourGraph({ nodeCount: 2, edges: [], allowed: [[0]] })).toThrow(RangeError);
    expect(() => colourGraph({ nodeCount: 1, edges: [], allowed: [[-1]] })).toThrow(RangeError);
  });

  it('breaks ties by name in code-unit order, not by index', () => {
    // Path of 3 with names making the middle node "a": it has the max degree anyway.
    // Two isolated edges: the node with the smallest name is coloured first and gets 0.
    const r = colourGraph(
      {
        nodeCount: 4,
        names: ['d', 'c', 'B', 'a'],
        edges: [
          [0, 1],
          [2, 3],
        ],
      },
      { bipartiteShortcut: false },
    );
    // 'B' < 'a' < 'c' < 'd' in code units: B=0 then a=1; c=0 then d=1.
    expect(r.colouring).toEqual([1, 0, 0, 1]);
  });

  it('reports an unproven shortage when only the heuristic fails the limit', () => {
    // C5 needs 3 colours; clique bound is 2, so with a limit of 2 DSATUR fails without proof.
    const c5 = {
      nodeCount: 5,
      edges: [
        [0, 1],
        [1, 2],
        [2, 3],
        [3, 4],
        [4, 0],
      ] as [number, number][],
    };
    expect(() => colourGraph({ ...c5, maxColours: 2 })).toThrow(
      'the heuristics (DSATUR, tabu search) need 3 colours, 2 available (a colouring with fewer may exist: try the exact mode)',
    );
    // The exact mode proves it.
    expect(() => colourGraph({ ...c5, maxColours: 2 }, { exact: true })).toThrow(
      'needs at least 3 colours, 2 available',
    );
  });
});

describe('colourGraph: candidate lists (list colouring)', () => {
  it('respects the lists and picks the lowest allowed free colour', () => {
    const r = colourGraph({
      ...triangle,
      allowed: [
        [2, 5],
        [2, 5],
        [0, 1, 2, 5],
      ],
    });
    expect(r.colouring).toEqual([2, 5, 0]);
    expect(r.colours).toBe(3);
  });

  it('colours a list-forced node first (fewest remaining options)', () => {
    // S3 may only take colour 0: it must be coloured before S1/S2 grab 0.
    const r = colourGraph({ ...triangle, allowed: [[0, 1, 2], [0, 1, 2], [0]] });
    expect(r.colouring).toEqual([1, 2, 0]);
  });

  it('errors when a node has no allowed colour (after the limit)', () => {
    expect(() => colourGraph({ ...triangle, allowed: [[0], [1], []] })).toThrow(ListColouringError);
    expect(() => colourGraph({ ...triangle, allowed: [[0], [1], [5]], maxColours: 3 })).toThrow(
      'node "S3" has no allowed colour',
    );
  });

  it('errors (proven by clique) when the lists offer too few colours together', () => {
    expect(() =>
      colourGraph({
        ...triangle,
        allowed: [
          [0, 1],
          [0, 1],
          [0, 1],
        ],
      }),
    ).toThrow('needs at least 3 colours, 2 available');
  });

  it('heuristic dead end: typed error naming the node without tabu search; tabu search and exact mode find the colouring', () => {
    // DSATUR colours c=0 (largest degree), e=1, d=2, and then b (list {0, 2}) is stuck.
    const problem = {
      nodeCount: 5,
      names: ['a', 'b', 'c', 'd', 'e'],
      edges: [
        [0, 2],
        [0, 4],
        [1, 2],
        [1, 3],
        [2, 3],
        [2, 4],
        [3, 4],
      ] as [number, number][],
      allowed: [
        [1, 2],
        [0, 2],
        [0, 1],
        [1, 2],
        [0, 1],
      ],
    };
    const run = (): unknown => colourGraph(problem, { tabuMoves: 0 });
    expect(run).toThrow(ListColouringError);
    expect(run).toThrow(
      'node "b" cannot be coloured: all 2 of its allowed colours are used by neighbours (DSATUR, and tabu search found no repair; the exact mode may still find a colouring)',
    );
    const repaired = colourGraph(problem);
    expect(repaired.method).toBe('tabu-search');
    expect(repaired.colours).toBe(3);
    expect(isProper({ n: 5, edges: problem.edges }, repaired.colouring)).toBe(true);
    repaired.colouring.forEach((c, v) => expect(problem.allowed[v]).toContain(c));
    try {
      run();
    } catch (e) {
      expect(e).toMatchObject({ node: 1, nodeName: 'b', available: 2, proven: false });
    }
    const exact = colourGraph(problem, { exact: true, tabuMoves: 0 });
    expect(exact.colouring).toEqual([2, 0, 1, 2, 0]);
    expect(exact.colours).toBe(3);
    expect(exact.optimal).toBe(true);
    expect(exact.method).toBe('branch-and-bound');
  });

  it('proves list infeasibility in exact mode', () => {
    // Triangle where two nodes only allow colour 0.
    expect(() =>
      colourGraph({ ...triangle, allowed: [[0], [0, 1], [0, 1, 2]] }, { exact: true }),
    ).not.toThrow();
    expect(() => colourGraph({ ...triangle, allowed: [[0], [0], [0, 1, 2]] }, { exact: true })).toThrow(
      ListColouringError,
    );
    try {
      colourGraph({ ...triangle, allowed: [[0], [0], [0, 1, 2]] }, { exact: true });
    } catch (e) {
      expect(e).toMatchObject({ proven: true });
    }
  });
});

const properties = { numRuns: 300, seed: 20240611 };

describe('colourGraph: properties', () => {
  it('returns proper colourings with 0..colours-1, never more than first fit, identical on reruns', () => {
    fc.assert(
      fc.property(arbGraph(30, 120), (g: SmallGraph) => {
        // A small tabu budget: the failing colour count would spend the whole default one.
        const r = colourGraph({ nodeCount: g.n, edges: g.edges }, { tabuMoves: 3000 });
        expect(isProper(g, r.colouring)).toBe(true);
        expect(distinctColours(r.colouring)).toBe(r.colours);
        expect(Math.max(...r.colouring)).toBe(r.colours - 1);
        expect(r.colours).toBeLessThanOrEqual(firstFitCount(g));
        expect(r.lowerBound).toBeLessThanOrEqual(r.colours);
        // the reported clique is a clique
        const has = new Set(g.edges.flatMap(([u, v]) => [u * 1000 + v, v * 1000 + u]));
        for (const a of r.clique)
          for (const b of r.clique) if (a !== b) expect(has.has(a * 1000 + b)).toBe(true);
        if (r.lowerBoundProof === 'clique') expect(r.clique.length).toBe(r.lowerBound);
        else expect(r.clique.length).toBeLessThan(r.lowerBound); // proven by exhaustive decisions
        expect(r.lowerBound).toBeLessThanOrEqual(bruteForceChromatic(g));
        expect(colourGraph({ nodeCount: g.n, edges: [...g.edges] }, { tabuMoves: 3000 })).toEqual(r);
      }),
      properties,
    );
  });

  it('plain DSATUR (no improvement) is proper too, and the shortcut agrees with it on bipartite graphs', () => {
    fc.assert(
      fc.property(arbGraph(25, 60), (g) => {
        const plain = colourGraph(
          { nodeCount: g.n, edges: g.edges },
          { improveIterations: 0, bipartiteShortcut: false },
        );
        expect(isProper(g, plain.colouring)).toBe(true);
        const short = colourGraph({ nodeCount: g.n, edges: g.edges }, { tabuMoves: 0 });
        if (short.method === 'bipartite') expect(short.colouring).toEqual(plain.colouring);
      }),
      properties,
    );
  });

  it('exact mode equals the brute-force chromatic number', () => {
    fc.assert(
      fc.property(arbGraph(9, 30), (g) => {
        const r = colourGraph({ nodeCount: g.n, edges: g.edges }, { exact: true });
        expect(isProper(g, r.colouring)).toBe(true);
        expect(r.optimal).toBe(true);
        expect(r.colours).toBe(bruteForceChromatic(g));
        expect(r.lowerBound).toBe(r.colours);
      }),
      properties,
    );
  });

  it('exact mode with a colour limit: colours within the limit iff chi <= limit', () => {
    fc.assert(
      fc.property(arbGraph(8, 25), fc.integer({ min: 1, max: 4 }), (g, k) => {
        const chi = bruteForceChromatic(g);
        if (chi <= k) {
          const r = colourGraph({ nodeCount: g.n, edges: g.edges, maxColours: k }, { exact: true });
          expect(r.colours).toBe(chi);
          expect(Math.max(...r.colouring)).toBeLessThan(k);
        } else {
          expect(() =>
            colourGraph({ nodeCount: g.n, edges: g.edges, maxColours: k }, { exact: true }),
          ).toThrow(InsufficientColoursError);
        }
      }),
      properties,
    );
  });

  const arbLists = (n: number): fc.Arbitrary<(number[] | undefined)[]> =>
    fc.array(
      fc.option(fc.uniqueArray(fc.nat(3), { minLength: 0, maxLength: 4 }), { nil: undefined, freq: 4 }),
      {
        minLength: n,
        maxLength: n,
      },
    );

  it('list colouring: heuristic results respect lists and limit; exact equals brute force', () => {
    fc.assert(
      fc.property(
        arbGraph(6, 14).chain((g) => fc.tuple(fc.constant(g), arbLists(g.n), fc.integer({ min: 1, max: 5 }))),
        ([g, allowed, k]) => {
          const problem = { nodeCount: g.n, edges: g.edges, allowed, maxColours: k };
          const domain = (v: number): number[] =>
            (allowed[v] ?? Array.from({ length: k }, (_, c) => c)).filter((c) => c < k);
          const best = bruteForceMinColours(g, domain);
          let heuristic: ReturnType<typeof colourGraph> | undefined;
          try {
            heuristic = colourGraph(problem);
          } catch (e) {
            expect(e).toBeInstanceOf(ColouringError);
          }
          if (heuristic !== undefined) {
            expect(isProper(g, heuristic.colouring)).toBe(true);
            heuristic.colouring.forEach((c, v) => expect(domain(v)).toContain(c));
            expect(heuristic.colours).toBeGreaterThanOrEqual(best);
          }
          if (best === Infinity) {
            expect(() => colourGraph(problem, { exact: true })).toThrow(ColouringError);
          } else {
            const r = colourGraph(problem, { exact: true });
            expect(isProper(g, r.colouring)).toBe(true);
            r.colouring.forEach((c, v) => expect(domain(v)).toContain(c));
            expect(r.colours).toBe(best);
            expect(r.optimal).toBe(true);
          }
        },
      ),
      properties,
    );
  });

  it('list colouring without a limit: unrestricted nodes may use any colour; exact equals brute force', () => {
    fc.assert(
      fc.property(
        arbGraph(6, 14).chain((g) => fc.tuple(fc.constant(g), arbLists(g.n))),
        ([g, allowed]) => {
          const wide = Array.from({ length: 4 + g.n }, (_, c) => c);
          const best = bruteForceMinColours(g, (v) => allowed[v] ?? wide);
          if (best === Infinity) {
            expect(() => colourGraph({ nodeCount: g.n, edges: g.edges, allowed }, { exact: true })).toThrow(
              ColouringError,
            );
            return;
          }
          const r = colourGraph({ nodeCount: g.n, edges: g.edges, allowed }, { exact: true });
          expect(isProper(g, r.colouring)).toBe(true);
          r.colouring.forEach((c, v) => {
            if (allowed[v] !== undefined) expect(allowed[v]).toContain(c);
          });
          expect(r.colours).toBe(best);
        },
      ),
      { numRuns: 200, seed: 99 },
    );
  });

  it('full candidate lists behave exactly like a plain colour limit', () => {
    fc.assert(
      fc.property(arbGraph(20, 60), fc.integer({ min: 1, max: 6 }), (g, k) => {
        const full = Array.from({ length: g.n }, () => Array.from({ length: k }, (_, c) => c));
        let plain: unknown;
        let listed: unknown;
        try {
          plain = colourGraph(
            { nodeCount: g.n, edges: g.edges, maxColours: k },
            { improveIterations: 0, bipartiteShortcut: false, tabuMoves: 0 },
          ).colouring;
        } catch (e) {
          plain = 'error';
          expect(e).toBeInstanceOf(ColouringError);
        }
        try {
          listed = colourGraph(
            { nodeCount: g.n, edges: g.edges, maxColours: k, allowed: full },
            { tabuMoves: 0 },
          ).colouring;
        } catch (e) {
          listed = 'error';
          expect(e).toBeInstanceOf(ColouringError);
        }
        expect(listed).toEqual(plain);
      }),
      properties,
    );
  });

  it('a search budget ends the exact search early without losing the heuristic colouring', () => {
    fc.assert(
      fc.property(arbGraph(30, 150), (g) => {
        const heuristic = colourGraph({ nodeCount: g.n, edges: g.edges }, { tabuMoves: 3000 });
        const r = colourGraph(
          { nodeCount: g.n, edges: g.edges },
          { exact: true, nodeLimit: 50, tabuMoves: 3000 },
        );
        expect(isProper(g, r.colouring)).toBe(true);
        expect(r.colours).toBeLessThanOrEqual(heuristic.colours);
        if (!r.optimal) expect(r.searchNodes).toBe(50);
      }),
      { numRuns: 100, seed: 5 },
    );
  });
});

describe('colourGraph: the tabu budget shrinks with the size (work, not time)', () => {
  const sparse = (n: number) => {
    const random = mulberry32(7);
    const edges: [number, number][] = [];
    for (let e = 0; e < 3 * n; e++) {
      const u = Math.floor(random() * n);
      const v = (u + 1 + Math.floor(random() * (n - 1))) % n;
      edges.push([u, v]);
    }
    return { nodeCount: n, edges };
  };
  it('at most 5e7 / n moves on 1,000 nodes, no colour reduction above 5,000 nodes', () => {
    const small = colourGraph(sparse(1000));
    expect(small.tabuMoves).toBeGreaterThan(0);
    expect(small.tabuMoves).toBeLessThanOrEqual(50_000);
    const large = colourGraph(sparse(6000));
    expect(large.tabuMoves).toBe(0);
    expect(large.colours).toBe(colourGraph(sparse(6000), { tabuMoves: 0 }).colours);
  });
});
