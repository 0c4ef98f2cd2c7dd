/**
 * Graph colouring with as few colours as possible. {@link colourGraph} may answer by a bipartite
 * test, DSATUR (Brélaz, "New methods to color the vertices of a graph", CACM 22(4), 1979) done
 * right, iterated greedy or an optional exact branch and bound; the result's `method` says which.
 *
 * Pipeline: build a simple graph (parallel edges merged, self-loops rejected) -> greedy clique
 * lower bound (reported) -> bipartite shortcut (BFS 2-colouring; 1 colour without edges) -> DSATUR
 * heuristic (dsatur.ts, O((n + m) log n)) -> if DSATUR did not meet the lower bound, iterated
 * greedy (iterated-greedy.ts) from the better of DSATUR and a first-fit greedy in name order; its
 * result replaces DSATUR's only when it uses fewer colours, so DSATUR's colouring is returned
 * unchanged whenever it cannot be improved that way -> with `exact`, DSATUR branch and bound
 * (exact.ts) under a search-node / time budget.
 *
 * Optional constraints: a colour limit k (colours 0..k-1) and per-node candidate lists (list
 * colouring; node v may only take colours of `allowed[v]`). When they cannot be met the typed
 * errors of errors.ts say what is needed against what is available.
 *
 * Ties are broken by node name in code-unit order, so results are identical across runs.
 */
import { bipartiteColouring } from './bipartite.js';
import { dsaturHeuristic } from './dsatur.js';
import { InsufficientColoursError, ListColouringError } from './errors.js';
import { exactColouring } from './exact.js';
import { buildAdjacency, nameRanks, nodeLabel } from './graph.js';
import { greedyClique } from './greedy-clique.js';
import { firstFitColouring, iteratedGreedy } from './iterated-greedy.js';
import { normaliseColourLists } from './lists.js';

export interface ColouringProblem {
  /** Nodes are 0..nodeCount-1. */
  nodeCount: number;
  /** Node names, used for tie-breaking (code-unit order) and messages; default: by index. */
  names?: readonly string[];
  /** Undirected edges; parallel edges are merged, a self-loop raises SelfLoopError. */
  edges: ReadonlyArray<readonly [number, number]>;
  /**
   * Per-node candidate colours (list colouring); `undefined` entries (or no array) = any colour.
   * Colours are indices 0..k-1 (e.g. positions in a sorted list of machines).
   */
  allowed?: ReadonlyArray<readonly number[] | undefined>;
  /** Colour limit k: only colours 0..k-1 may be used. Default: unlimited. */
  maxColours?: number;
}

export interface ColouringOptions {
  /**
   * Run the exact branch and bound after the heuristic (small graphs). Default false. Skipped
   * (result as without it, `searchNodes` undefined) when nodeCount x palette exceeds 5e7.
   */
  exact?: boolean;
  /** Exact mode budget in search nodes (deterministic; ~1-2.5 million per second). Default 5,000,000. */
  nodeLimit?: number;
  /** Exact mode budget in milliseconds (makes results machine dependent). Default: none. */
  timeLimitMs?: number;
  /** Use BFS 2-colouring when the graph is bipartite and there are no lists. Default true. */
  bipartiteShortcut?: boolean;
  /**
   * Iterated-greedy iterations after DSATUR (no lists only). Default: as many as fit in about
   * 5e6 adjacency steps, at most 200 (200 on the DIMACS graphs, 2 on a 10^6-edge graph); 0 turns
   * the whole improvement phase off (plain DSATUR).
   */
  improveIterations?: number;
}

export interface ColouringResult {
  /** colouring[v] = colour index of node v. */
  colouring: number[];
  /** Number of distinct colours used. */
  colours: number;
  /** True when `colours` is proven minimal (lower bound met, or exact search completed). */
  optimal: boolean;
  /** Proven lower bound on the number of colours (clique size, or `colours` when optimal). */
  lowerBound: number;
  /** The clique behind the initial lower bound (node indices, ascending). */
  clique: number[];
  /** Which algorithm produced `colouring`. */
  method: 'empty' | 'bipartite' | 'dsatur' | 'iterated-greedy' | 'branch-and-bound';
  /** Exact mode: colour assignments tried by the branch and bound. */
  searchNodes?: number;
}

const DEFAULT_NODE_LIMIT = 5_000_000;
/** Largest n * palette for which the exact search allocates its counters. */
const MAX_EXACT_CELLS = 50_000_000;

/** Colours the graph; see the module comment. Throws the errors of errors.ts. */
export function colourGraph(problem: ColouringProblem, options: ColouringOptions = {}): ColouringResult {
  const { nodeCount: n, names, edges, allowed } = problem;
  if (names !== undefined && names.length !== n) {
    throw new RangeError(`${names.length} names given for ${n} nodes`);
  }
  const limit = problem.maxColours ?? Infinity;
  if (limit !== Infinity && (!Number.isInteger(limit) || limit < 0)) {
    throw new RangeError(`invalid colour limit ${limit}`);
  }
  const adj = buildAdjacency(n, edges, names);
  const rank = nameRanks(n, names);
  const lists = normaliseColourLists(n, allowed, limit);
  if (n === 0)
    return { colouring: [], colours: 0, optimal: true, lowerBound: 0, clique: [], method: 'empty' };

  const clique = greedyClique(adj, rank);
  const lowerBound = clique.length;
  let unrestricted = n;
  if (lists !== null) {
    unrestricted = 0;
    for (let v = 0; v < n; v++) {
      if (lists.restricted[v] === 0) unrestricted++;
      else if (lists.offsets[v + 1] === lists.offsets[v])
        throw new ListColouringError(v, nodeLabel(names, v), 0, true);
    }
  }
  const available = lists === null || unrestricted > 0 ? limit : Math.min(limit, lists.distinctListed);
  if (lowerBound > available) throw new InsufficientColoursError(lowerBound, available, true);

  const base = { lowerBound, clique };
  if (lists === null && options.bipartiteShortcut !== false) {
    if (adj.edgeCount === 0) {
      return {
        ...base,
        colouring: new Array<number>(n).fill(0),
        colours: 1,
        optimal: true,
        method: 'bipartite',
      };
    }
    // A clique of 3 is an odd cycle: skip the BFS then.
    const two = lowerBound <= 2 ? bipartiteColouring(adj, rank) : null;
    if (two !== null) {
      // An edge is a clique of 2, so lowerBound = 2 already.
      return { ...base, colouring: Array.from(two), colours: 2, optimal: true, method: 'bipartite' };
    }
  }

  const h = dsaturHeuristic(adj, rank, lists, limit);
  let method: ColouringResult['method'] = 'dsatur';
  const iterations =
    options.improveIterations ?? Math.max(1, Math.min(200, Math.floor(5e6 / (n + 2 * adj.edgeCount))));
  if (lists === null && h.colours > lowerBound && iterations > 0) {
    // Improvement phase: start from the better of DSATUR and first fit in name order (so the
    // result is never worse than that simple greedy), then iterated greedy.
    let start = h.colour;
    let startColours = h.colours;
    const byName = new Int32Array(n);
    for (let v = 0; v < n; v++) byName[rank[v]] = v;
    const ff = firstFitColouring(adj, byName);
    if (ff.colours < startColours) {
      start = ff.colour;
      startColours = ff.colours;
    }
    const ig = iteratedGreedy(adj, start, startColours, { iterations, lowerBound });
    if (ig.colours < h.colours) {
      h.colour = ig.colour;
      h.colours = ig.colours;
      method = 'iterated-greedy';
    }
  }
  const success = h.failedNode < 0 && h.colours <= limit;
  const heuristicError = (): Error => {
    if (h.failedNode >= 0 && lists !== null) {
      const v = h.failedNode;
      const count = lists.restricted[v] === 1 ? lists.offsets[v + 1] - lists.offsets[v] : limit;
      return new ListColouringError(v, nodeLabel(names, v), count, false);
    }
    return new InsufficientColoursError(h.colours, limit, false);
  };

  const palette =
    lists === null
      ? Math.min(limit, success ? h.colours : limit)
      : Math.min(limit, lists.listedBound + unrestricted);
  if (!options.exact || n * palette > MAX_EXACT_CELLS) {
    if (!success) throw heuristicError();
    return {
      ...base,
      colouring: Array.from(h.colour),
      colours: h.colours,
      optimal: h.colours <= lowerBound,
      method,
    };
  }

  const outcome = exactColouring({
    adj,
    rank,
    palette,
    lists,
    incumbent: success ? h.colour : null,
    incumbentColours: success ? h.colours : Infinity,
    lowerBound,
    clique,
    nodeLimit: options.nodeLimit ?? DEFAULT_NODE_LIMIT,
    timeLimitMs: options.timeLimitMs ?? Infinity,
  });
  if (outcome.colouring === null) {
    if (!outcome.complete) throw heuristicError();
    if (lists === null) throw new InsufficientColoursError(limit + 1, limit, true);
    const v = Math.max(h.failedNode, 0);
    const count = lists.restricted[v] === 1 ? lists.offsets[v + 1] - lists.offsets[v] : limit;
    throw new ListColouringError(v, nodeLabel(names, v), count, true);
  }
  const improved = !success || outcome.colours < h.colours;
  return {
    ...base,
    colouring: Array.from(outcome.colouring),
    colours: outcome.colours,
    optimal: outcome.complete || outcome.colours <= lowerBound,
    lowerBound: outcome.complete ? outcome.colours : lowerBound,
    method: improved ? 'branch-and-bound' : method,
    searchNodes: outcome.searchNodes,
  };
}
