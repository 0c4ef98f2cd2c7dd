/**
 * Independent subproblems of the candidate-restricted multiway cut.
 *
 * Items with a single candidate are fixed, and edges whose items share no candidate cost the same in
 * every solution (see `reducedAdjacency`). What remains decomposes into the connected components of
 * the multi-candidate items over the edges whose items share a candidate: the cut is the constant
 * plus one independent term per component (its inner edges and its edges to fixed items), so
 * components can be optimised — and compared between solutions — separately.
 * Plain breadth-first search (Moore, 1959); components and their items are in first-item order.
 */
import type { CompactInstance, ReducedAdjacency } from './instance.js';

export interface Components {
  count: number;
  /** Component of each item; -1 for single-candidate (fixed) items. */
  of: Int32Array;
  /** Items of component c: `items[start[c] .. start[c+1])`, in BFS order from its lowest item. */
  start: Int32Array;
  items: Int32Array;
}

export function freeComponents(ci: CompactInstance, adj: ReducedAdjacency): Components {
  const { n, candStart } = ci;
  const of = new Int32Array(n).fill(-1);
  const items = new Int32Array(n);
  const starts: number[] = [0];
  let filled = 0;
  let count = 0;
  for (let s = 0; s < n; s++) {
    if (of[s] >= 0 || candStart[s + 1] - candStart[s] < 2) continue;
    of[s] = count;
    let head = filled;
    items[filled++] = s;
    while (head < filled) {
      const i = items[head++];
      for (let p = adj.start[i]; p < adj.start[i + 1]; p++) {
        const j = adj.item[p];
        if (of[j] < 0 && candStart[j + 1] - candStart[j] >= 2) {
          of[j] = count;
          items[filled++] = j;
        }
      }
    }
    count++;
    starts.push(filled);
  }
  return { count, of, start: Int32Array.from(starts), items: items.slice(0, filled) };
}

/** Cut weight attributable to each component under `labels` (inner edges + edges to fixed items). */
export function componentCosts(adj: ReducedAdjacency, comps: Components, labels: Int32Array): Float64Array {
  const costs = new Float64Array(comps.count);
  const { of, items } = comps;
  for (let t = 0; t < items.length; t++) {
    const i = items[t];
    const li = labels[i];
    let cost = 0;
    for (let p = adj.start[i]; p < adj.start[i + 1]; p++) {
      const j = adj.item[p];
      if ((of[j] < 0 || j > i) && labels[j] !== li) cost += adj.weight[p];
    }
    costs[of[i]] += cost;
  }
  return costs;
}
