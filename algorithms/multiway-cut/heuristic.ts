/**
 * The default (deterministic) solver pipeline for the candidate-restricted multiway cut:
 *
 * 1. greedy start, most constrained items first (`greedy.ts`);
 * 2. alpha-expansion until a sweep brings no gain (Boykov, Veksler, Zabih, IEEE TPAMI 23(11), 2001;
 *    `expansion.ts`);
 * 3. per independent component (`components.ts`): a budgeted exact branch and bound,
 *    which proves most small components optimal (`branch-and-bound.ts`);
 * 4. for the components it could not finish: seeded perturb-and-re-expand restarts, each component
 *    keeping its best labelling (`restarts.ts`);
 * 5. a final single-move polish (`local-search.ts`);
 * 6. for the components still not proven optimal: a lower bound by dual coordinate ascent on the LP
 *    relaxation (`dual-bound.ts`), close to the LP bound at a small fraction of an LP solve.
 *
 * Budgets are counted in search nodes and restarts, never in time, so results are reproducible.
 */
import { ComponentBranchAndBound } from './branch-and-bound.js';
import { componentCosts, freeComponents, type Components } from './components.js';
import { alphaExpansion, ExpansionWorkspace } from './expansion.js';
import { dualComponentBounds } from './dual-bound.js';
import { greedyLabels } from './greedy.js';
import {
  compactInstance,
  cutCost,
  reducedAdjacency,
  type CompactInstance,
  type MultiwayCutInstance,
  type MultiwayCutResult,
  type ReducedAdjacency,
} from './instance.js';
import { singleMovePolish } from './local-search.js';
import { improveByRestarts } from './restarts.js';

/** Tuning of the default solver; every setting keeps the result deterministic. */
export interface MultiwayCutOptions {
  /**
   * Node budget of the exact branch and bound run on each independent component (default 100;
   * 0 disables it). Components it completes are proven optimal.
   */
  exactNodeBudget?: number;
  /** Perturb-and-re-expand restarts for the components not proven optimal (default 8; 0 disables). */
  restarts?: number;
  /** Fraction of a component's items re-drawn at random in each restart (default 0.1). */
  perturbation?: number;
  /** Seed of the restarts' generator (default 1). */
  seed?: number;
  /**
   * Most sweeps of the dual bound (stage 6) over each unproven component's edges (default 200;
   * 0 disables it).
   */
  dualSweeps?: number;
}

/** Result of the default solver, with the figures of its stages. */
export interface HeuristicResult extends MultiwayCutResult {
  /**
   * Proven lower bound: the free bound (edges whose items share no candidate) plus, per component,
   * its optimum when the branch and bound finished, else the bound at its root.
   */
  lowerBound: number;
  /** True iff `cost === lowerBound`. */
  optimal: boolean;
  /** Cost of the greedy start. */
  greedyCost: number;
  /** Cost after alpha-expansion (stage 2). */
  expansionCost: number;
  /** Expansion sweeps of stage 2. */
  sweeps: number;
  /** Independent components of multi-candidate items. */
  componentCount: number;
  /** Components the branch and bound did not prove optimal. */
  unsolvedComponents: number;
  /** How much of `lowerBound` the dual bound (stage 6) added over the branch and bound's bounds. */
  dualGain: number;
  /** Edge updates of the dual bound. */
  dualUpdates: number;
}

/** The heuristic's result plus the structures the exact solver continues from. */
export interface HeuristicDetails {
  result: HeuristicResult;
  adj: ReducedAdjacency;
  comps: Components;
  /** Components the branch and bound did not prove optimal, ascending. */
  unsolved: Int32Array;
  /** Per-component lower bound (optimum for solved components). */
  componentBounds: Float64Array;
}

/** Components larger than this skip the branch and bound (its recursion depth is the size). */
const MAX_EXACT_COMPONENT = 1000;

export function runHeuristic(ci: CompactInstance, options: MultiwayCutOptions = {}): HeuristicDetails {
  const adj = reducedAdjacency(ci);
  const labels = greedyLabels(ci, adj);
  const greedyCost = cutCost(ci, labels);
  const workspace = new ExpansionWorkspace(ci);
  const stats = alphaExpansion(ci, adj, labels, {}, workspace);
  const expansionCost = cutCost(ci, labels);

  const comps = freeComponents(ci, adj);
  const costs = componentCosts(adj, comps, labels);
  const budget = options.exactNodeBudget ?? 100;
  const componentBounds = new Float64Array(comps.count);
  const unsolved: number[] = [];
  const bnb = new ComponentBranchAndBound(ci, adj, comps);
  for (let c = 0; c < comps.count; c++) {
    const size = comps.start[c + 1] - comps.start[c];
    if (budget > 0 && size <= MAX_EXACT_COMPONENT) {
      const complete = bnb.solve(c, labels, costs[c], budget);
      componentBounds[c] = bnb.lowerBound;
      if (complete) continue;
    }
    unsolved.push(c);
  }
  improveByRestarts(
    ci,
    adj,
    comps,
    labels,
    unsolved,
    options.restarts ?? 8,
    options.seed ?? 1,
    workspace,
    options.perturbation ?? 0.1,
  );
  singleMovePolish(ci, adj, labels);
  const cost = cutCost(ci, labels);
  let dualGain = 0;
  let dualUpdates = 0;
  const sweeps = options.dualSweeps ?? 200;
  if (sweeps > 0 && unsolved.length > 0) {
    const finalCosts = componentCosts(adj, comps, labels);
    const dual = dualComponentBounds(
      ci,
      adj,
      comps,
      unsolved,
      unsolved.map((c) => finalCosts[c]),
      { maxSweeps: sweeps },
    );
    dualUpdates = dual.updates;
    unsolved.forEach((c, t) => {
      if (dual.bounds[t] > componentBounds[c]) {
        dualGain += dual.bounds[t] - componentBounds[c];
        componentBounds[c] = dual.bounds[t];
      }
    });
  }
  let lowerBound = adj.constant;
  for (let c = 0; c < comps.count; c++) lowerBound += componentBounds[c];
  return {
    result: {
      labels,
      cost,
      lowerBound,
      optimal: cost === lowerBound,
      greedyCost,
      expansionCost,
      sweeps: stats.sweeps,
      componentCount: comps.count,
      unsolvedComponents: unsolved.length,
      dualGain,
      dualUpdates,
    },
    adj,
    comps,
    unsolved: Int32Array.from(unsolved),
    componentBounds,
  };
}

/** Default solver. Throws NoCandidateError / InvalidInstanceError on bad input. */
export function multiwayCut(
  instance: MultiwayCutInstance,
  options: MultiwayCutOptions = {},
): HeuristicResult {
  return forcedLabelling(instance) ?? runHeuristic(compactInstance(instance), options).result;
}

/**
 * When every item has a single candidate (a cut after a divide, as dydisnix's pipelines do) the
 * labelling is forced and its cost is the optimum: the answer the full solver would give, without
 * building its structures. Undefined for any other instance, and for any malformed one, which
 * compactInstance then reports.
 */
function forcedLabelling(instance: MultiwayCutInstance): HeuristicResult | undefined {
  const { itemCount: n, labelCount: k, candidates, edges } = instance;
  if (!Number.isInteger(n) || !Number.isInteger(k) || candidates.length !== n) return undefined;
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const list = candidates[i];
    if (!list || list.length === 0) return undefined;
    const label = list[0];
    if (!Number.isInteger(label) || label < 0 || label >= k) return undefined;
    for (let j = 1; j < list.length; j++) if (list[j] !== label) return undefined;
    labels[i] = label;
  }
  const pairs = edges instanceof Int32Array ? edges.length / 2 : edges.length;
  if (!Number.isInteger(pairs)) return undefined;
  let cost = 0;
  for (let e = 0; e < pairs; e++) {
    let u: number;
    let v: number;
    if (edges instanceof Int32Array) {
      u = edges[2 * e];
      v = edges[2 * e + 1];
    } else {
      const pair = (edges as ReadonlyArray<readonly [number, number]>)[e];
      if (!pair || pair.length !== 2) return undefined;
      [u, v] = pair;
    }
    if (!Number.isInteger(u) || !Number.isInteger(v) || u < 0 || v < 0 || u >= n || v >= n) return undefined;
    if (labels[u] !== labels[v]) cost++;
  }
  return {
    labels,
    cost,
    lowerBound: cost,
    optimal: true,
    greedyCost: cost,
    expansionCost: cost,
    sweeps: 0,
    componentCount: 0,
    unsolvedComponents: 0,
    dualGain: 0,
    dualUpdates: 0,
  };
}
