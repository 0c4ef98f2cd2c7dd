/**
 * Two-colouring of a bipartite graph by breadth-first search (König 1936: a graph is bipartite iff
 * it has no odd cycle; BFS layers parity gives the bipartition), O(n + m).
 *
 * Each connected component is started at its node of largest degree (ties: smallest name rank),
 * which gets colour 0. That is exactly the node DSATUR would colour first in that component, and on
 * a bipartite component DSATUR's colouring is then forced, so this shortcut returns the same
 * colouring as DSATUR, only faster.
 */
import type { Adjacency } from './graph.js';

/** Returns colours 0/1 per node, or null when the graph has an odd cycle. */
export function bipartiteColouring(adj: Adjacency, rank: Int32Array): Int32Array | null {
  const n = adj.nodeCount;
  const { offsets, targets } = adj;
  const colour = new Int32Array(n).fill(-1);
  const roots = Array.from({ length: n }, (_, v) => v).sort(
    (a, b) => offsets[b + 1] - offsets[b] - (offsets[a + 1] - offsets[a]) || rank[a] - rank[b],
  );
  const queue = new Int32Array(n);
  for (const root of roots) {
    if (colour[root] >= 0) continue;
    colour[root] = 0;
    let head = 0;
    let tail = 0;
    queue[tail++] = root;
    while (head < tail) {
      const v = queue[head++];
      const other = 1 - colour[v];
      for (let i = offsets[v]; i < offsets[v + 1]; i++) {
        const w = targets[i];
        if (colour[w] < 0) {
          colour[w] = other;
          queue[tail++] = w;
        } else if (colour[w] !== other) {
          return null;
        }
      }
    }
  }
  return colour;
}
