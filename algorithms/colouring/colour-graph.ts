/**
 * Graph colouring with as few colours as possible. {@link colourGraph} may answer by a bipartite
 * test, DSATUR (Brélaz, "New methods to color the vertices of a graph", CACM 22(4), 1979) done
 * right, iterated greedy, tabu search or an optional exact branch and bound; the result's `method`
 * says which.
 *
 * Pipeline: build a simple graph (parallel edges merged, self-loops rejected) -> greedy clique
 * lower bound (reported) -> bipartite shortcut (BFS 2-colouring; 1 colour without edges) -> DSATUR
 * heuristic (dsatur.ts, O((n + m) log n)) -> if DSATUR did not meet the lower bound, iterated
 * greedy (iterated-greedy.ts) from the better of DSATUR and a first-fit greedy in name order ->
 * colour reduction (reduce-colours.ts): at each colour count k below the best so far, a budgeted
 * exact decision "k colours?" (no lists; it often proves the bound on small graphs), then TabuCol /
 * PartialCol tabu search (tabu.ts) from the best colouring and from DSATUR in seeded random orders,
 * under a move budget; it also repairs a DSATUR run that missed the colour limit or the lists ->
 * with `exact`, a maximum clique (max-clique.ts) and DSATUR branch and bound (exact.ts) deciding
 * k = bound, bound + 1, ... under a search-node budget or a time limit. Each stage's result
 * replaces the previous one only when it uses fewer colours, so the count never goes up.
 *
 * Optional constraints: a colour limit k (colours 0..k-1) and per-node candidate lists (list
 * colouring; node v may only take colours of `allowed[v]`). When they cannot be met the typed
 * errors of errors.ts say what is needed against what is available.
 *
 * Ties are broken by node name in code-unit order and every budget counts work (moves, search
 * nodes), so results are identical across runs unless a time limit is given.
 */
import { bipartiteColouring } from './bipartite.js';
import { dsaturHeuristic } from './dsatur.js';
import { InsufficientColoursError, ListColouringError } from './errors.js';
import { exactColouring } from './exact.js';
import { buildAdjacency, nameRanks, nodeLabel, type Adjacency } from './graph.js';
import { greedyClique } from './greedy-clique.js';
import { firstFitColouring, iteratedGreedy } from './iterated-greedy.js';
import { normaliseColourLists, type ColourLists } from './lists.js';
import { maximumClique } from './max-clique.js';
import { reduceColours } from './reduce-colours.js';

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
   * (result as without it, `exactStop: 'size'`) when nodeCount x palette exceeds 5e7.
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
  /**
   * Tabu search moves (reduce-colours.ts) after DSATUR and iterated greedy, over all attempts.
   * Default: 3,000 per node, at most 400,000 and at most 5e7 / nodes (evaluated moves: at most
   * 3e8, falling with the square of the size above 500 nodes); none above 5,000 nodes unless
   * DSATUR missed a colour limit or the lists (a repair). 0 turns it off.
   */
  tabuMoves?: number;
  /** Tabu attempts per colour count (restarts from differently seeded DSATUR orders). Default 4. */
  tabuAttempts?: number;
  /** Neighbourhood: TabuCol (default), PartialCol, or the two alternating between attempts. */
  tabuVariant?: 'tabucol' | 'partialcol' | 'alternate';
  /** Seed of the tabu search and its restarts (default 1). */
  seed?: number;
  /**
   * Search nodes of the exact decision "k colours?" tried before the tabu search at each colour
   * count (no lists): often proves the bound on small graphs. Default 10,000; 0 turns it off.
   */
  decisionNodes?: number;
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
  method: 'empty' | 'bipartite' | 'dsatur' | 'iterated-greedy' | 'tabu-search' | 'branch-and-bound';
  /** Exact mode: search nodes of the maximum clique and colouring branch and bounds. */
  searchNodes?: number;
  /**
   * What proves `lowerBound`: a clique (greedy, or proven maximum in exact mode), or the exact
   * search having ruled out every smaller colour count.
   */
  lowerBoundProof: 'clique' | 'maximum clique' | 'exhaustive search';
  /** Exact mode: why the search stopped before a proof (budget, time limit, too large). */
  exactStop?: 'node limit' | 'time limit' | 'size';
  /** Exact mode: the decisions "k colours?" made, in order, with their search nodes. */
  exactLevels?: {
    colours: number;
    searchNodes: number;
    outcome: 'colourable' | 'not colourable' | 'stopped';
  }[];
  /** Tabu search: moves made (0 when it did not run). */
  tabuMoves: number;
  /** True when the tabu budget ran out before the lower bound was met (more moves might help). */
  tabuBudgetSpent: boolean;
}

const DEFAULT_NODE_LIMIT = 5_000_000;
/** Largest n * palette for which the exact search allocates its counters. */
const MAX_EXACT_CELLS = 50_000_000;
/** Search nodes of the maximum clique search (part of the exact mode's budget). */
const MAX_CLIQUE_SEARCH = 1_000_000;
const DEFAULT_DECISION_NODES = 10_000;
const TABU_MOVES_PER_NODE = 3000;
const MAX_TABU_MOVES = 400_000;
/** Moves x nodes at most: large graphs get fewer moves (one move scans more conflicting nodes). */
const TABU_MOVE_NODES = 50_000_000;
/** Evaluated moves at most: 3e8 up to 500 nodes, then falling with the square of the size. */
const TABU_WORK = 300_000_000;
const TABU_WORK_NODES = 500;
/** Above this many nodes colour reduction is skipped (a repair still runs): sparse systems gain little. */
const MAX_TABU_REDUCTION_NODES = 5_000;

/**
 * Default tabu move budget: 3,000 per node up to 400,000, and at most 5e7 / n, so that it costs
 * about as much on 1,000 sparse nodes as on 125 dense ones (DIMACS needs its 375,000 moves on
 * DSJC125.5, 58,000 on le450_15a); on more than 5,000 nodes only a repair runs (2 moves per node).
 */
function defaultTabuMoves(n: number, repair: boolean): number {
  const moves = Math.min(MAX_TABU_MOVES, TABU_MOVES_PER_NODE * n, Math.floor(TABU_MOVE_NODES / n));
  if (repair) return Math.max(moves, Math.min(MAX_TABU_MOVES, 2 * n));
  return n > MAX_TABU_REDUCTION_NODES ? 0 : moves;
}

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
    return {
      colouring: [],
      colours: 0,
      optimal: true,
      lowerBound: 0,
      clique: [],
      method: 'empty',
      tabuMoves: 0,
      tabuBudgetSpent: false,
      lowerBoundProof: 'clique',
    };

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

  const base: {
    lowerBound: number;
    clique: number[];
    tabuMoves: number;
    tabuBudgetSpent: boolean;
    lowerBoundProof: ColouringResult['lowerBoundProof'];
  } = { lowerBound, clique, tabuMoves: 0, tabuBudgetSpent: false, lowerBoundProof: 'clique' };
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
  let success = h.failedNode < 0 && h.colours <= limit;
  // Tabu search: repairs a run that missed the limit or the lists, then removes colours.
  const palette = lists === null ? limit : Math.min(limit, lists.listedBound + unrestricted);
  const tabuMoves = options.tabuMoves ?? defaultTabuMoves(n, !success);
  const decisionNodes = options.decisionNodes ?? DEFAULT_DECISION_NODES;
  let decisionSearchNodes = 0;
  if (tabuMoves > 0 && (!success || h.colours > lowerBound)) {
    const reduced = reduceColours(adj, lists, palette, h.colour, success, {
      moveBudget: tabuMoves,
      workBudget:
        options.tabuMoves === undefined
          ? Math.ceil(TABU_WORK * Math.min(1, (TABU_WORK_NODES / n) ** 2))
          : Infinity,
      attempts: options.tabuAttempts ?? 4,
      seed: options.seed ?? 1,
      variant: options.tabuVariant ?? 'tabucol',
      lowerBound,
      decide:
        decisionNodes > 0
          ? (k) => {
              if (n * k > MAX_EXACT_CELLS) return undefined;
              const outcome = exactColouring({
                adj,
                rank,
                palette: k,
                lists: null,
                incumbent: null,
                incumbentColours: k + 1,
                lowerBound: k,
                clique,
                nodeLimit: decisionNodes,
                timeLimitMs: Infinity,
              });
              decisionSearchNodes += outcome.searchNodes;
              return outcome.colouring !== null || outcome.complete ? outcome : undefined;
            }
          : undefined,
    });
    if (reduced.provenBound > base.lowerBound) {
      base.lowerBound = reduced.provenBound;
      base.lowerBoundProof = 'exhaustive search';
    }
    base.tabuMoves = reduced.moves;
    base.tabuBudgetSpent = reduced.budgetSpent;
    if (reduced.colour !== null && (!success || reduced.colours < h.colours)) {
      h.colour = reduced.colour;
      h.colours = reduced.colours;
      h.failedNode = -1;
      success = true;
      method = 'tabu-search';
    }
  }
  const heuristicError = (): Error => {
    if (h.failedNode >= 0 && lists !== null) {
      const v = h.failedNode;
      const count = lists.restricted[v] === 1 ? lists.offsets[v + 1] - lists.offsets[v] : limit;
      return new ListColouringError(v, nodeLabel(names, v), count, false);
    }
    return new InsufficientColoursError(h.colours, limit, false);
  };

  const exactPalette = lists === null ? Math.min(limit, success ? h.colours : limit) : palette;
  if (!options.exact || n * exactPalette > MAX_EXACT_CELLS) {
    if (!success) throw heuristicError();
    return {
      ...base,
      colouring: Array.from(h.colour),
      colours: h.colours,
      optimal: h.colours <= base.lowerBound,
      method,
      ...(decisionSearchNodes > 0 ? { searchNodes: decisionSearchNodes } : {}),
      ...(options.exact ? { exactStop: 'size' as const } : {}),
    };
  }

  return proveColouring({
    adj,
    rank,
    names,
    lists,
    limit,
    palette: lists === null ? limit : palette,
    incumbent: success ? h.colour : null,
    incumbentColours: success ? h.colours : Infinity,
    heuristicMethod: method,
    failedNode: h.failedNode,
    clique,
    base,
    options,
    heuristicError,
    searchNodes: decisionSearchNodes,
  });
}

interface ProofInput {
  adj: Adjacency;
  rank: Int32Array;
  names: readonly string[] | undefined;
  lists: ColourLists | null;
  limit: number;
  /** Colours the search may use (Infinity without a limit and without lists). */
  palette: number;
  incumbent: Int32Array | null;
  incumbentColours: number;
  heuristicMethod: ColouringResult['method'];
  failedNode: number;
  clique: number[];
  base: {
    lowerBound: number;
    clique: number[];
    tabuMoves: number;
    tabuBudgetSpent: boolean;
    lowerBoundProof: ColouringResult['lowerBoundProof'];
  };
  /** Search nodes already spent by the default mode's decisions. */
  searchNodes: number;
  options: ColouringOptions;
  heuristicError: () => Error;
}

/**
 * Exact mode. First a stronger clique bound (maximum clique by branch and bound), then one
 * decision per colour count from the bound upwards: "is there a colouring with k colours?", by
 * DSATUR branch and bound. Each exhausted search proves k + 1 colours are needed, so when the
 * budget or the time limit ends the search the bound proven so far is still reported; the first
 * k that has a colouring is the minimum.
 */
function proveColouring(input: ProofInput): ColouringResult {
  const { adj, rank, names, lists, limit, incumbent, incumbentColours, options, base } = input;
  const n = adj.nodeCount;
  const nodeLimit = options.nodeLimit ?? DEFAULT_NODE_LIMIT;
  const deadline = performance.now() + (options.timeLimitMs ?? Infinity);
  const maxClique =
    input.clique.length >= incumbentColours
      ? { clique: input.clique, complete: false, searchNodes: 0 }
      : maximumClique(adj, input.clique, Math.min(nodeLimit, MAX_CLIQUE_SEARCH));
  let searchNodes = input.searchNodes + maxClique.searchNodes;
  const clique = maxClique.clique;
  const cliqueBound = clique.length;
  const top = Math.min(incumbentColours, input.palette + 1);
  // Colour counts below the default mode's proven bound need no search.
  let k = Math.max(cliqueBound, base.lowerBound);
  let stop: ColouringResult['exactStop'];
  let found: Int32Array | null = null;
  let foundColours = Infinity;
  const levels: NonNullable<ColouringResult['exactLevels']> = [];
  while (k < top) {
    const palette = lists === null ? k : input.palette;
    if (n * palette > MAX_EXACT_CELLS) {
      stop = 'size';
      break;
    }
    const remainingMs = deadline - performance.now();
    if (searchNodes >= nodeLimit || remainingMs <= 0) {
      stop = searchNodes >= nodeLimit ? 'node limit' : 'time limit';
      break;
    }
    const outcome = exactColouring({
      adj,
      rank,
      palette,
      lists,
      incumbent: null,
      incumbentColours: k + 1,
      lowerBound: k,
      clique,
      nodeLimit: nodeLimit - searchNodes,
      timeLimitMs: remainingMs,
    });
    searchNodes += outcome.searchNodes;
    levels.push({
      colours: k,
      searchNodes: outcome.searchNodes,
      outcome: outcome.colouring !== null ? 'colourable' : outcome.complete ? 'not colourable' : 'stopped',
    });
    if (outcome.colouring !== null) {
      found = outcome.colouring;
      foundColours = outcome.colours;
      break;
    }
    if (!outcome.complete) {
      stop = searchNodes >= nodeLimit ? 'node limit' : 'time limit';
      break;
    }
    k++;
  }
  const proof: ColouringResult['lowerBoundProof'] =
    k > cliqueBound ? 'exhaustive search' : maxClique.complete ? 'maximum clique' : 'clique';
  const common = {
    ...base,
    clique,
    lowerBound: found !== null ? foundColours : k,
    lowerBoundProof: proof,
    searchNodes,
    exactLevels: levels,
    ...(stop !== undefined ? { exactStop: stop } : {}),
  };
  if (found !== null) {
    return {
      ...common,
      colouring: Array.from(found),
      colours: foundColours,
      optimal: true,
      method: 'branch-and-bound',
    };
  }
  if (incumbent !== null) {
    const optimal = k >= incumbentColours;
    return {
      ...common,
      lowerBound: Math.min(k, incumbentColours),
      colouring: Array.from(incumbent),
      colours: incumbentColours,
      optimal,
      method: input.heuristicMethod,
    };
  }
  if (stop !== undefined) throw input.heuristicError();
  // Every colour count up to the palette was searched exhaustively: no colouring exists.
  if (lists === null) throw new InsufficientColoursError(limit + 1, limit, true);
  const v = Math.max(input.failedNode, 0);
  const count = lists.restricted[v] === 1 ? lists.offsets[v + 1] - lists.offsets[v] : limit;
  throw new ListColouringError(v, nodeLabel(names, v), count, true);
}
