/**
 * Maximum clique by branch and bound with greedy-colouring bounds: Tomita & Seki, "An efficient
 * branch-and-bound algorithm for finding a maximum clique", DMTCS 2003 (MCQ), with the initial
 * degeneracy-style ordering of Tomita & Kameda, J. Global Optim. 37(1), 2007 (MCR).
 *
 * The candidates of each search node are coloured greedily (a colour class is an independent set,
 * so a clique takes at most one node per class); candidates are expanded from the highest colour
 * down and a branch is cut when |clique| + its colour cannot beat the best clique. Used by the
 * exact colouring mode as its lower bound: a clique of q nodes needs q colours, and a proven
 * maximum clique is the best bound a clique can give.
 *
 * Adjacency tests use a bit matrix, so the search is limited to graphs of at most
 * {@link MAX_CLIQUE_NODES} nodes; the budget counts search nodes (deterministic).
 */
import type { Adjacency } from './graph.js';

export const MAX_CLIQUE_NODES = 8192;

export interface MaxCliqueOutcome {
  /** Largest clique found (node indices, ascending); at least as large as `initial`. */
  clique: number[];
  /** True when the search finished: the clique is maximum. */
  complete: boolean;
  /** Search nodes expanded. */
  searchNodes: number;
}

/** Searches a maximum clique starting from `initial` (a known clique) within `nodeLimit` search nodes. */
export function maximumClique(
  adj: Adjacency,
  initial: readonly number[],
  nodeLimit: number,
): MaxCliqueOutcome {
  const n = adj.nodeCount;
  if (n === 0) return { clique: [], complete: true, searchNodes: 0 };
  if (n > MAX_CLIQUE_NODES) return { clique: [...initial], complete: false, searchNodes: 0 };
  const { offsets, targets } = adj;
  const words = (n + 31) >>> 5;
  const bits = new Uint32Array(n * words);
  for (let v = 0; v < n; v++)
    for (let i = offsets[v]; i < offsets[v + 1]; i++) {
      const w = targets[i];
      bits[v * words + (w >>> 5)] |= 1 << (w & 31);
    }
  const adjacent = (v: number, w: number): boolean => (bits[v * words + (w >>> 5)] & (1 << (w & 31))) !== 0;

  // Initial order: repeatedly remove a node of minimum degree; candidates are taken in reverse.
  const degree = new Int32Array(n);
  for (let v = 0; v < n; v++) degree[v] = offsets[v + 1] - offsets[v];
  const removed = new Uint8Array(n);
  const order: number[] = [];
  for (let step = 0; step < n; step++) {
    let pick = -1;
    for (let v = 0; v < n; v++) if (removed[v] === 0 && (pick < 0 || degree[v] < degree[pick])) pick = v;
    removed[pick] = 1;
    order.push(pick);
    for (let i = offsets[pick]; i < offsets[pick + 1]; i++) degree[targets[i]]--;
  }
  order.reverse(); // highest "core" first

  let best = [...initial];
  const current: number[] = [];
  let searchNodes = 0;
  let aborted = false;

  /** Greedy colouring of `cand` (in order): returns nodes sorted by colour and their colours. */
  const colourSort = (cand: number[]): { nodes: number[]; colours: number[] } => {
    const classes: number[][] = [];
    for (const v of cand) {
      let placed = false;
      for (const cls of classes) {
        if (cls.every((w) => !adjacent(v, w))) {
          cls.push(v);
          placed = true;
          break;
        }
      }
      if (!placed) classes.push([v]);
    }
    const nodes: number[] = [];
    const colours: number[] = [];
    classes.forEach((cls, c) => {
      for (const v of cls) {
        nodes.push(v);
        colours.push(c + 1);
      }
    });
    return { nodes, colours };
  };

  const expand = (cand: number[]): void => {
    const { nodes, colours } = colourSort(cand);
    for (let i = nodes.length - 1; i >= 0; i--) {
      if (current.length + colours[i] <= best.length) return;
      if (++searchNodes >= nodeLimit) {
        aborted = true;
        return;
      }
      const v = nodes[i];
      current.push(v);
      const next: number[] = [];
      for (let j = 0; j < i; j++) if (adjacent(v, nodes[j])) next.push(nodes[j]);
      if (next.length === 0) {
        if (current.length > best.length) best = [...current];
      } else {
        expand(next);
      }
      current.pop();
      if (aborted) return;
    }
  };
  expand(order);
  return { clique: best.sort((a, b) => a - b), complete: !aborted, searchNodes };
}
