/**
 * Single-move local search ("polish") for the candidate-restricted multiway cut: repeatedly move an
 * item to the candidate label that most reduces the cut (strict improvement only, ties to the
 * lowest label), scanning items in index order until a full pass makes no move. This is the
 * iterated conditional modes scheme of Besag, "On the statistical analysis of dirty pictures",
 * J. R. Stat. Soc. B 48(3), 1986, specialised to the Potts energy.
 */
import type { CompactInstance, ReducedAdjacency } from './instance.js';

/** Improves `labels` in place; returns the total cost reduction. */
export function singleMovePolish(ci: CompactInstance, adj: ReducedAdjacency, labels: Int32Array): number {
  const { n, k, candStart, candLabels } = ci;
  const score = new Float64Array(k);
  const touched = new Int32Array(k);
  let gainTotal = 0;
  let moved = true;
  while (moved) {
    moved = false;
    for (let i = 0; i < n; i++) {
      if (candStart[i + 1] - candStart[i] < 2) continue;
      let touchedCount = 0;
      for (let p = adj.start[i]; p < adj.start[i + 1]; p++) {
        const l = labels[adj.item[p]];
        if (score[l] === 0) touched[touchedCount++] = l;
        score[l] += adj.weight[p];
      }
      // Moving i from label a to b changes the cut by score[a] - score[b].
      const current = labels[i];
      let best = current;
      let bestScore = score[current];
      for (let c = candStart[i]; c < candStart[i + 1]; c++) {
        const l = candLabels[c];
        if (score[l] > bestScore) {
          best = l;
          bestScore = score[l];
        }
      }
      if (best !== current) {
        gainTotal += bestScore - score[current];
        labels[i] = best;
        moved = true;
      }
      for (let t = 0; t < touchedCount; t++) score[touched[t]] = 0;
    }
  }
  return gainTotal;
}
