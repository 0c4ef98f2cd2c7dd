/**
 * Seeded perturb-and-re-expand restarts (iterated local search, Lourenço, Martin, Stützle,
 * "Iterated local search", Handbook of Metaheuristics, 2003) for the components of a
 * candidate-restricted multiway cut that were not solved exactly: each restart re-draws a random
 * candidate for a fraction of the items of those components, re-runs alpha-expansion around them,
 * and every component keeps the cheapest labelling seen so far. Because the cut is a sum of
 * independent per-component terms (see `components.ts`), choosing the best labelling
 * per component is an exact recombination — the fusion-move idea of Lempitsky, Rother, Roth,
 * Blake, "Fusion moves for Markov random field optimization", IEEE TPAMI 32(8), 2010, in the
 * special case where the fusion problem is separable.
 *
 * Randomness comes from mulberry32 (Tommy Ettinger's public-domain 32-bit generator) with a fixed
 * seed, so every run gives the same result.
 */
import { mulberry32 } from '../support/index.js';
import { componentCosts, type Components } from './components.js';
import { alphaExpansion, type ExpansionWorkspace } from './expansion.js';
import type { CompactInstance, ReducedAdjacency } from './instance.js';

/**
 * Runs `restarts` perturb-and-re-expand rounds over the components listed in `targets` (each item
 * re-drawn with probability `perturbation`) and keeps, per component, the cheapest labelling
 * (strictly better only). Improves `labels` in place; returns the total gain.
 */
export function improveByRestarts(
  ci: CompactInstance,
  adj: ReducedAdjacency,
  comps: Components,
  labels: Int32Array,
  targets: ArrayLike<number>,
  restarts: number,
  seed: number,
  workspace: ExpansionWorkspace,
  perturbation: number,
): number {
  if (restarts <= 0 || targets.length === 0) return 0;
  const { candStart, candLabels } = ci;
  const active = new Uint8Array(ci.n);
  for (let x = 0; x < targets.length; x++) {
    const c = targets[x];
    for (let t = comps.start[c]; t < comps.start[c + 1]; t++) active[comps.items[t]] = 1;
  }
  // Converge first: the restarts below only re-expand around the items they perturb.
  alphaExpansion(ci, adj, labels, { active }, workspace);
  let bestCosts = componentCosts(adj, comps, labels);
  const startCost = sum(bestCosts, targets);
  const random = mulberry32(seed);
  const trial = new Int32Array(labels);
  const perturbed: number[] = [];
  for (let r = 0; r < restarts; r++) {
    perturbed.length = 0;
    for (let x = 0; x < targets.length; x++) {
      const c = targets[x];
      for (let t = comps.start[c]; t < comps.start[c + 1]; t++) {
        const i = comps.items[t];
        trial[i] = labels[i];
        if (random() >= perturbation) continue;
        const count = candStart[i + 1] - candStart[i];
        const label = candLabels[candStart[i] + Math.floor(random() * count)];
        if (label === labels[i]) continue;
        trial[i] = label;
        perturbed.push(i);
      }
    }
    if (perturbed.length === 0) continue;
    alphaExpansion(ci, adj, trial, { active, changedItems: perturbed }, workspace);
    const costs = componentCosts(adj, comps, trial);
    for (let x = 0; x < targets.length; x++) {
      const c = targets[x];
      if (costs[c] < bestCosts[c]) {
        bestCosts[c] = costs[c];
        for (let t = comps.start[c]; t < comps.start[c + 1]; t++)
          labels[comps.items[t]] = trial[comps.items[t]];
      }
    }
  }
  bestCosts = componentCosts(adj, comps, labels);
  return startCost - sum(bestCosts, targets);
}

function sum(values: Float64Array, indices: ArrayLike<number>): number {
  let total = 0;
  for (let x = 0; x < indices.length; x++) total += values[indices[x]];
  return total;
}
