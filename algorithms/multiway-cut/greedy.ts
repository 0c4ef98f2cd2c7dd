/**
 * Greedy initial labelling for the candidate-restricted multiway cut: items with the fewest
 * candidates first (the most constrained, as in Brélaz's DSATUR ordering, "New methods to color the
 * vertices of a graph", CACM 22(4), 1979), each taking the candidate label most common (by edge
 * weight) among its already-labelled neighbours; ties go to the lowest label index.
 */
import type { CompactInstance, ReducedAdjacency } from './instance.js';

/** Items ordered by (candidate count, index) — a stable counting sort. */
export function mostConstrainedOrder(ci: CompactInstance): Int32Array {
  const { n, candStart } = ci;
  let maxCount = 0;
  for (let i = 0; i < n; i++) maxCount = Math.max(maxCount, candStart[i + 1] - candStart[i]);
  const bucket = new Int32Array(maxCount + 2);
  for (let i = 0; i < n; i++) bucket[candStart[i + 1] - candStart[i] + 1]++;
  for (let c = 0; c <= maxCount; c++) bucket[c + 1] += bucket[c];
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[bucket[candStart[i + 1] - candStart[i]]++] = i;
  return order;
}

/** Greedy labelling; every item gets one of its candidates. */
export function greedyLabels(ci: CompactInstance, adj: ReducedAdjacency): Int32Array {
  const { n, k, candStart, candLabels } = ci;
  const labels = new Int32Array(n).fill(-1);
  const score = new Float64Array(k);
  const touched = new Int32Array(k);
  const order = mostConstrainedOrder(ci);
  for (let o = 0; o < n; o++) {
    const i = order[o];
    let touchedCount = 0;
    for (let p = adj.start[i]; p < adj.start[i + 1]; p++) {
      const l = labels[adj.item[p]];
      if (l < 0) continue;
      if (score[l] === 0) touched[touchedCount++] = l;
      score[l] += adj.weight[p];
    }
    let best = candLabels[candStart[i]];
    let bestScore = score[best];
    for (let c = candStart[i] + 1; c < candStart[i + 1]; c++) {
      const l = candLabels[c];
      if (score[l] > bestScore) {
        best = l;
        bestScore = score[l];
      }
    }
    labels[i] = best;
    for (let t = 0; t < touchedCount; t++) score[touched[t]] = 0;
  }
  return labels;
}
