/**
 * Exact depth-first branch and bound for one component of the candidate-restricted multiway cut
 * (Land & Doig, "An automatic method of solving discrete programming problems", Econometrica
 * 28(3), 1960), under a node budget so that running time — and therefore the result — never
 * depends on the clock.
 *
 * Items are fixed in BFS order. Every unassigned item keeps, per candidate, the weight of its edges
 * to fixed and already-assigned items that this candidate would cut; the bound is the partial cut
 * plus, for every unassigned item, its cheapest such value (edges between two unassigned items are
 * bounded by 0). Candidates are tried cheapest first, ties by label, and only strictly better
 * complete assignments replace the incumbent, so the search is deterministic.
 */
import type { Components } from './components.js';
import type { CompactInstance, ReducedAdjacency } from './instance.js';

export class ComponentBranchAndBound {
  private readonly pos: Int32Array;
  private acc = new Float64Array(64);
  private accStart = new Int32Array(17);
  private chosen = new Int32Array(16);
  /** Candidate order per depth: `orderBuf[accStart[depth] ..]`. */
  private orderBuf = new Int32Array(64);
  private best = new Int32Array(16);
  private minAcc = new Float64Array(16);
  private nodes = 0;
  private budget = 0;
  private bestCost = 0;
  private size = 0;
  private base = 0;
  /**
   * Lower bound on the component's optimum from the last {@link solve} call: the optimum itself if
   * the search completed, else the root bound (each item's cheapest cost towards fixed items).
   */
  lowerBound = 0;

  constructor(
    private readonly ci: CompactInstance,
    private readonly adj: ReducedAdjacency,
    private readonly comps: Components,
  ) {
    this.pos = new Int32Array(ci.n).fill(-1);
  }

  /**
   * Searches component `c` for an assignment cheaper than the current one in `labels` (updated in
   * place when found). Returns true iff the search completed within `nodeBudget` nodes, i.e. the
   * component's labels are now optimal.
   */
  solve(c: number, labels: Int32Array, currentCost: number, nodeBudget: number): boolean {
    const { ci, adj, comps, pos } = this;
    const { candStart, candLabels } = ci;
    const base = comps.start[c];
    const size = comps.start[c + 1] - base;
    this.base = base;
    this.size = size;
    if (this.chosen.length < size) {
      this.chosen = new Int32Array(2 * size);
      this.best = new Int32Array(2 * size);
      this.minAcc = new Float64Array(2 * size);
      this.accStart = new Int32Array(2 * size + 1);
    }
    let total = 0;
    for (let t = 0; t < size; t++) {
      const i = comps.items[base + t];
      pos[i] = t;
      this.accStart[t] = total;
      total += candStart[i + 1] - candStart[i];
    }
    this.accStart[size] = total;
    if (this.acc.length < total) {
      this.acc = new Float64Array(2 * total);
      this.orderBuf = new Int32Array(2 * total);
    }
    const { acc, accStart, minAcc } = this;
    acc.fill(0, 0, total);
    // Edges to fixed items are known from the start.
    for (let t = 0; t < size; t++) {
      const i = comps.items[base + t];
      for (let p = adj.start[i]; p < adj.start[i + 1]; p++) {
        const j = adj.item[p];
        if (comps.of[j] >= 0) continue;
        const lj = labels[j];
        for (let q = candStart[i]; q < candStart[i + 1]; q++) {
          if (candLabels[q] !== lj) acc[accStart[t] + q - candStart[i]] += adj.weight[p];
        }
      }
      this.chosen[t] = -1;
    }
    let sumMin = 0;
    for (let t = 0; t < size; t++) {
      let m = Infinity;
      for (let q = accStart[t]; q < accStart[t + 1]; q++) m = Math.min(m, acc[q]);
      minAcc[t] = m;
      sumMin += m;
    }
    for (let t = 0; t < size; t++) {
      const i = comps.items[base + t];
      let q = candStart[i];
      while (candLabels[q] !== labels[i]) q++;
      this.best[t] = q - candStart[i];
    }
    this.bestCost = currentCost;
    this.nodes = 0;
    this.budget = nodeBudget;
    const improvedBefore = this.bestCost;
    const complete = this.search(0, 0, sumMin);
    this.lowerBound = complete ? this.bestCost : Math.min(sumMin, this.bestCost);
    if (this.bestCost < improvedBefore) {
      for (let t = 0; t < size; t++) {
        const i = comps.items[base + t];
        labels[i] = candLabels[candStart[i] + this.best[t]];
      }
    }
    for (let t = 0; t < size; t++) pos[comps.items[base + t]] = -1;
    return complete;
  }

  /** Returns false when the node budget ran out. */
  private search(depth: number, cost: number, sumMin: number): boolean {
    if (cost + sumMin >= this.bestCost) return true;
    if (depth === this.size) {
      this.bestCost = cost;
      this.best.set(this.chosen.subarray(0, this.size));
      return true;
    }
    if (++this.nodes > this.budget) return false;
    const { ci, adj, comps, pos, acc, accStart, minAcc, chosen, orderBuf } = this;
    const { candStart, candLabels } = ci;
    const i = comps.items[this.base + depth];
    const first = accStart[depth];
    const count = accStart[depth + 1] - first;
    // Candidate order: cheapest partial cost first, ties by label (stable insertion sort).
    for (let q = 0; q < count; q++) {
      let at = q;
      while (at > 0 && acc[first + orderBuf[first + at - 1]] > acc[first + q]) {
        orderBuf[first + at] = orderBuf[first + at - 1];
        at--;
      }
      orderBuf[first + at] = q;
    }
    const restMin = sumMin - minAcc[depth];
    for (let o = 0; o < count; o++) {
      const q = orderBuf[first + o];
      const step = acc[first + q];
      if (cost + step + restMin >= this.bestCost) continue;
      const label = candLabels[candStart[i] + q];
      chosen[depth] = q;
      // Charge the edges to later items: each of their candidates other than `label` would cut.
      let delta = 0;
      for (let p = adj.start[i]; p < adj.start[i + 1]; p++) {
        const t = pos[adj.item[p]];
        if (t <= depth) continue;
        const j = adj.item[p];
        const w = adj.weight[p];
        let m = Infinity;
        for (let r = accStart[t]; r < accStart[t + 1]; r++) {
          if (candLabels[candStart[j] + r - accStart[t]] !== label) acc[r] += w;
          if (acc[r] < m) m = acc[r];
        }
        delta += m - minAcc[t];
        minAcc[t] = m;
      }
      const ok = this.search(depth + 1, cost + step, restMin + delta);
      for (let p = adj.start[i]; p < adj.start[i + 1]; p++) {
        const t = pos[adj.item[p]];
        if (t <= depth) continue;
        const j = adj.item[p];
        const w = adj.weight[p];
        let m = Infinity;
        for (let r = accStart[t]; r < accStart[t + 1]; r++) {
          if (candLabels[candStart[j] + r - accStart[t]] !== label) acc[r] -= w;
          if (acc[r] < m) m = acc[r];
        }
        minAcc[t] = m;
      }
      if (!ok) return false;
    }
    return true;
  }
}
