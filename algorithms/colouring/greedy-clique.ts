/**
 * Greedy clique, used as a lower bound on the chromatic number (every clique needs distinct colours).
 *
 * Heuristic in the spirit of Johnson (1974) "Approximation algorithms for combinatorial problems"
 * greedy independent set, applied to the graph: from a start node, repeatedly add the candidate
 * (a node adjacent to every clique member) that has the most neighbours among the remaining
 * candidates, ties by larger degree, then by name rank. Start nodes are tried by decreasing degree
 * until every node was tried or a work budget is spent (deterministic: the budget counts
 * adjacency scans, not time). The best clique found is returned.
 */
import type { Adjacency } from './graph.js';

export interface GreedyCliqueOptions {
  /** Maximum adjacency entries scanned over all starts (default 1e6). At least one start runs. */
  workBudget?: number;
}

/** Returns the nodes of the largest clique found, sorted by index (empty for an empty graph). */
export function greedyClique(adj: Adjacency, rank: Int32Array, options: GreedyCliqueOptions = {}): number[] {
  const n = adj.nodeCount;
  if (n === 0) return [];
  const { offsets, targets } = adj;
  const budget = options.workBudget ?? 1e6;
  const degree = (v: number): number => offsets[v + 1] - offsets[v];
  const starts = Array.from({ length: n }, (_, v) => v).sort(
    (a, b) => degree(b) - degree(a) || rank[a] - rank[b],
  );

  // inCand[w] === stampId marks the current candidate set; within[w] = neighbours inside it.
  const inCand = new Int32Array(n);
  const within = new Int32Array(n);
  let stampId = 0;
  let work = 0;
  let best: number[] = [starts[0]];

  for (let s = 0; s < n; s++) {
    const start = starts[s];
    // A clique through `start` has at most degree(start) + 1 nodes.
    if (degree(start) + 1 <= best.length) break; // starts are sorted by degree
    if (s > 0 && work >= budget) break;
    const clique = [start];
    let cand: number[] = [];
    for (let i = offsets[start]; i < offsets[start + 1]; i++) cand.push(targets[i]);
    while (cand.length > 0) {
      if (clique.length + cand.length <= best.length) break; // cannot beat the best clique
      stampId++;
      for (const w of cand) inCand[w] = stampId;
      let pick = -1;
      for (const w of cand) {
        let c = 0;
        for (let i = offsets[w]; i < offsets[w + 1]; i++) if (inCand[targets[i]] === stampId) c++;
        work += offsets[w + 1] - offsets[w];
        within[w] = c;
        if (
          pick < 0 ||
          c > within[pick] ||
          (c === within[pick] &&
            (degree(w) > degree(pick) || (degree(w) === degree(pick) && rank[w] < rank[pick])))
        ) {
          pick = w;
        }
      }
      clique.push(pick);
      // New candidates: old candidates adjacent to `pick`.
      stampId++;
      for (let i = offsets[pick]; i < offsets[pick + 1]; i++) inCand[targets[i]] = stampId;
      work += offsets[pick + 1] - offsets[pick];
      cand = cand.filter((w) => w !== pick && inCand[w] === stampId);
    }
    if (clique.length > best.length) best = clique;
  }
  return best.sort((a, b) => a - b);
}
