/**
 * Exact solution and LP lower bound for the candidate-restricted multiway cut, via HiGHS
 * (Huangfu & Hall, "Parallelizing the dual revised simplex method", Math. Prog. Comp. 10, 2018;
 * WebAssembly build from the `highs` package).
 *
 * Formulation: the relaxation of Călinescu, Karloff, Rabani, "An improved approximation algorithm
 * for multiway cut", JCSS 60(3), 2000, restricted to each item's candidates:
 *
 *   x[i][l] ∈ {0,1} for l ∈ C(i),  Σ_l x[i][l] = 1,
 *   cost of edge ij (weight w) = w/2 · Σ_l |x[i][l] − x[j][l]|   (x = 0 outside the candidates)
 *
 * which equals w·[label_i ≠ label_j] on integral points. The absolute value is only needed on
 * shared candidates (one variable y ≥ ±(x_il − x_jl) each); elsewhere it is the x itself. Items
 * with one candidate are substituted out, and edges whose items share no candidate are a constant.
 *
 * The exact solver uses that the problem splits into independent components once single-candidate
 * items are fixed (`components.ts`): each component the heuristic did not already
 * prove optimal becomes its own small integer programme.
 */
import type { ModelData } from 'highs';
import { loadHighs } from '../support/index.js';
import { componentCosts } from './components.js';
import { runHeuristic, type MultiwayCutOptions } from './heuristic.js';
import {
  compactInstance,
  cutCost,
  reducedAdjacency,
  type CompactInstance,
  type MultiwayCutInstance,
  type MultiwayCutResult,
  type ReducedAdjacency,
} from './instance.js';

/** The CKR model of a set of items (the others fixed) plus the maps needed to read it back. */
export interface CkrModel {
  data: ModelData;
  /** Objective constant (already included as `data.offset`). */
  constant: number;
  /** The modelled items; x[items[t]][c-th candidate] is column xStart[t] + c. */
  items: Int32Array;
  xStart: Int32Array;
  /** Shared-label terms: y column t models |x[yA[t]] − x[yB[t]]| (x column indices). */
  yA: Int32Array;
  yB: Int32Array;
  xCount: number;
}

/**
 * Builds the CKR model over `items` (each with ≥ 2 candidates; every other item is fixed at
 * `labels[j]`): its objective is the weight of the reduced edges incident to `items`, each counted
 * once. `position` is an all −1 scratch array of length n, restored before returning.
 * Integrality is put on the x columns when `integer`.
 */
export function buildCkrModel(
  ci: CompactInstance,
  adj: ReducedAdjacency,
  items: Int32Array,
  labels: Int32Array,
  integer: boolean,
  position: Int32Array,
): CkrModel {
  const { candStart, candLabels } = ci;
  let constant = 0;
  const xStart = new Int32Array(items.length);
  let xCount = 0;
  for (let t = 0; t < items.length; t++) {
    const i = items[t];
    position[i] = t;
    xStart[t] = xCount;
    xCount += candStart[i + 1] - candStart[i];
  }
  const cost = new Float64Array(xCount);
  const yA: number[] = [];
  const yB: number[] = [];
  const yCost: number[] = [];
  for (let t = 0; t < items.length; t++) {
    const i = items[t];
    for (let p = adj.start[i]; p < adj.start[i + 1]; p++) {
      const j = adj.item[p];
      const w = adj.weight[p];
      const u = position[j];
      if (u < 0) {
        // j fixed at label L: the edge costs w·(1 − x_iL), or w if L is not a candidate of i.
        constant += w;
        for (let c = candStart[i]; c < candStart[i + 1]; c++) {
          if (candLabels[c] === labels[j]) cost[xStart[t] + c - candStart[i]] -= w;
        }
        continue;
      }
      if (u < t) continue; // each modelled pair once
      // Both modelled: merge the sorted candidate lists.
      let a = candStart[i];
      let b = candStart[j];
      const ae = candStart[i + 1];
      const be = candStart[j + 1];
      while (a < ae || b < be) {
        const la = a < ae ? candLabels[a] : Infinity;
        const lb = b < be ? candLabels[b] : Infinity;
        if (la === lb) {
          yA.push(xStart[t] + a - candStart[i]);
          yB.push(xStart[u] + b - candStart[j]);
          yCost.push(w / 2);
          a++;
          b++;
        } else if (la < lb) {
          cost[xStart[t] + a - candStart[i]] += w / 2;
          a++;
        } else {
          cost[xStart[u] + b - candStart[j]] += w / 2;
          b++;
        }
      }
    }
  }
  for (let t = 0; t < items.length; t++) position[items[t]] = -1;
  const yCount = yA.length;
  const numCols = xCount + yCount;
  const numRows = items.length + 2 * yCount;
  const nnz = xCount + 6 * yCount;
  const starts = new Int32Array(numRows + 1);
  const indices = new Int32Array(nnz);
  const values = new Float64Array(nnz);
  const rowLower = new Float64Array(numRows);
  const rowUpper = new Float64Array(numRows);
  let r = 0;
  let z = 0;
  for (let t = 0; t < items.length; t++) {
    // Σ_c x[i][c] = 1
    for (let x = xStart[t]; x < (t + 1 < items.length ? xStart[t + 1] : xCount); x++) {
      indices[z] = x;
      values[z++] = 1;
    }
    rowLower[r] = 1;
    rowUpper[r] = 1;
    starts[++r] = z;
  }
  for (let t = 0; t < yCount; t++) {
    // y − x_a + x_b ≥ 0 and y + x_a − x_b ≥ 0, i.e. y ≥ |x_a − x_b|.
    for (const sign of [1, -1]) {
      indices[z] = yA[t];
      values[z++] = -sign;
      indices[z] = yB[t];
      values[z++] = sign;
      indices[z] = xCount + t;
      values[z++] = 1;
      rowLower[r] = 0;
      rowUpper[r] = Infinity;
      starts[++r] = z;
    }
  }
  const colCost = new Float64Array(numCols);
  colCost.set(cost);
  colCost.set(yCost, xCount);
  const data: ModelData = {
    numCols,
    numRows,
    offset: constant,
    colCost,
    colLower: new Float64Array(numCols),
    colUpper: new Float64Array(numCols).fill(1),
    rowLower,
    rowUpper,
    matrix: { format: 'csr', numRows, numCols, starts, indices, values },
    ...(integer ? { integrality: new Int32Array(numCols).fill(1, 0, xCount) } : {}),
  };
  return { data, constant, items, xStart, yA: Int32Array.from(yA), yB: Int32Array.from(yB), xCount };
}

/** Multi-candidate items, in index order. */
function multiCandidateItems(ci: CompactInstance): Int32Array {
  const list: number[] = [];
  for (let i = 0; i < ci.n; i++) if (ci.candStart[i + 1] - ci.candStart[i] >= 2) list.push(i);
  return Int32Array.from(list);
}

/** Column values of the model for an integral labelling (a MIP start). */
function startVector(ci: CompactInstance, model: CkrModel, labels: Int32Array): Float64Array {
  const values = new Float64Array(model.data.numCols);
  const { candStart, candLabels } = ci;
  model.items.forEach((i, t) => {
    for (let c = candStart[i]; c < candStart[i + 1]; c++) {
      if (candLabels[c] === labels[i]) values[model.xStart[t] + c - candStart[i]] = 1;
    }
  });
  for (let t = 0; t < model.yA.length; t++) {
    values[model.xCount + t] = Math.abs(values[model.yA[t]] - values[model.yB[t]]);
  }
  return values;
}

/** Writes the labels of the modelled items from column values (largest x, ties to lowest label). */
function readLabels(
  ci: CompactInstance,
  model: CkrModel,
  colValue: ArrayLike<number>,
  labels: Int32Array,
): void {
  const { candStart, candLabels } = ci;
  model.items.forEach((i, t) => {
    let best = candStart[i];
    let bestValue = -Infinity;
    for (let c = candStart[i]; c < candStart[i + 1]; c++) {
      const v = colValue[model.xStart[t] + c - candStart[i]];
      if (v > bestValue + 1e-9) {
        bestValue = v;
        best = c;
      }
    }
    labels[i] = candLabels[best];
  });
}

export interface LpBoundResult {
  /** Optimum of the LP relaxation (a lower bound on the optimum cut). */
  lowerBound: number;
  /** `ceil(lowerBound)` (minus a 1e-6 tolerance): also a bound, since cuts are integers. */
  integerLowerBound: number;
  /** True when the LP was solved to optimality (otherwise only the free bound is reported). */
  solved: boolean;
}

export interface HighsLimits {
  /** Wall-clock limit in seconds (default 60). */
  timeLimit?: number;
}

/**
 * LP relaxation bound of the CKR formulation (one LP over the whole instance). If HiGHS stops on
 * its time limit, falls back to the free bound (edges whose items share no candidate) with
 * `solved: false`.
 */
export async function lpLowerBound(
  instance: MultiwayCutInstance,
  limits: HighsLimits = {},
): Promise<LpBoundResult> {
  const ci = compactInstance(instance);
  const adj = reducedAdjacency(ci);
  const items = multiCandidateItems(ci);
  const fixed = new Int32Array(ci.n);
  for (let i = 0; i < ci.n; i++) fixed[i] = ci.candLabels[ci.candStart[i]];
  const model = buildCkrModel(ci, adj, items, fixed, false, new Int32Array(ci.n).fill(-1));
  const free = adj.constant + model.constant;
  if (model.data.numCols === 0) return { lowerBound: free, integerLowerBound: free, solved: true };
  const highs = await loadHighs();
  return highs.withModel(model.data, (m) => {
    m.options.set({ output_flag: false, time_limit: limits.timeLimit ?? 60 });
    m.run();
    if (m.getModelStatus() === highs.constants.modelStatus.optimal) {
      const value = adj.constant + m.getObjectiveValue();
      return { lowerBound: value, integerLowerBound: Math.ceil(value - 1e-6), solved: true };
    }
    return { lowerBound: adj.constant, integerLowerBound: adj.constant, solved: false };
  });
}

/** Exact solver result. */
export interface ExactResult extends MultiwayCutResult {
  lowerBound: number;
  optimal: boolean;
  timedOut: boolean;
  /** Components handed to HiGHS (those the heuristic did not prove optimal) and how many it solved. */
  componentsSolvedByMip: number;
  componentsForMip: number;
}

export interface ExactOptions extends HighsLimits, MultiwayCutOptions {}

/**
 * Exact solver. Runs the default heuristic, then solves each component it could not prove optimal
 * as its own integer programme (components are independent), warm-started from the heuristic's
 * labels. When the time limit (for the whole call) runs out, the remaining components keep the
 * heuristic's labels and the result carries `{ optimal: false, timedOut: true }` with the best
 * proven `lowerBound` (HiGHS's dual bounds and the heuristic's component bounds).
 */
export async function exactMultiwayCut(
  instance: MultiwayCutInstance,
  options: ExactOptions = {},
): Promise<ExactResult> {
  const deadline = performance.now() + 1000 * (options.timeLimit ?? 60);
  const ci = compactInstance(instance);
  const { result, adj, comps, unsolved, componentBounds } = runHeuristic(ci, options);
  const labels = result.labels;
  const base = {
    componentsForMip: unsolved.length,
    componentsSolvedByMip: 0,
  };
  if (result.optimal || unsolved.length === 0) {
    return { ...base, labels, cost: result.cost, lowerBound: result.cost, optimal: true, timedOut: false };
  }
  const highs = await loadHighs();
  const costs = componentCosts(adj, comps, labels);
  base.componentsForMip = unsolved.filter((c) => componentBounds[c] < costs[c]).length;
  const position = new Int32Array(ci.n).fill(-1);
  let timedOut = false;
  for (const c of unsolved) {
    if (componentBounds[c] >= costs[c]) continue; // the dual bound proved it optimal
    const remaining = (deadline - performance.now()) / 1000;
    if (remaining <= 0) {
      timedOut = true;
      break;
    }
    const items = comps.items.subarray(comps.start[c], comps.start[c + 1]);
    const model = buildCkrModel(ci, adj, items, labels, true, position);
    const outcome = highs.withModel(model.data, (m) => {
      m.options.set({ output_flag: false, time_limit: remaining, mip_rel_gap: 0, mip_abs_gap: 1 - 1e-6 });
      m.setSolution({ colValue: startVector(ci, model, labels) });
      m.run();
      const optimal = m.getModelStatus() === highs.constants.modelStatus.optimal;
      const feasible = Number(m.info.get('primal_solution_status')) === 2;
      const solution = feasible ? m.getSolution().colValue : undefined;
      const objective = feasible ? m.getObjectiveValue() : Infinity;
      let dual = -Infinity;
      try {
        dual = Number(m.info.get('mip_dual_bound'));
      } catch {
        // no bound reported: keep the heuristic's
      }
      return { optimal, solution, objective, dual };
    });
    if (outcome.solution !== undefined && Math.round(outcome.objective) < costs[c]) {
      readLabels(ci, model, outcome.solution, labels);
      costs[c] = Math.round(outcome.objective);
    }
    if (outcome.optimal) {
      componentBounds[c] = costs[c];
      base.componentsSolvedByMip++;
    } else {
      timedOut = true;
      if (Number.isFinite(outcome.dual))
        componentBounds[c] = Math.max(componentBounds[c], Math.ceil(outcome.dual - 1e-6));
    }
  }
  const cost = cutCost(ci, labels);
  let lowerBound = adj.constant;
  for (let c = 0; c < comps.count; c++) lowerBound += Math.min(componentBounds[c], costs[c]);
  return {
    ...base,
    labels,
    cost,
    lowerBound,
    optimal: cost === lowerBound,
    timedOut: timedOut && cost !== lowerBound,
  };
}
