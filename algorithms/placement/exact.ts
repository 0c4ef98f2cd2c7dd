/**
 * The integer programme of the placement problem and its LP relaxation, solved with HiGHS
 * (Huangfu & Hall, Math. Prog. Comp. 10, 2018; WebAssembly build of the `highs` package).
 *
 *   x[v][b] ∈ {0,1} for every allowed bin b of item v,   Σ_b x[v][b] = 1
 *   Σ_v demand[r][v] · x[v][b] <= capacity[r][b]          for every bin and resource
 *   Σ_{v in g} x[v][b] <= 1                               for every spread group and bin
 *   minimise Σ_v Σ_b moveCost(v, b) · x[v][b]
 *          + Σ_{links uv} w/2 · Σ_b |x[u][b] − x[v][b]|   (x = 0 outside the allowed bins)
 *
 * The link term is the relaxation of Călinescu, Karloff & Rabani (JCSS 60(3), 2000), exact on
 * integral points: one y ≥ ±(x_ub − x_vb) per bin both ends may use, the x itself elsewhere. Rows
 * a placement cannot violate (a bin whose allowed items all fit together) are left out.
 *
 * Without candidate bins the relaxation is symmetric: spreading every item evenly over the bins
 * costs no link, so its bound is the move costs alone; the combinatorial bounds of `bound.ts`
 * are used there instead.
 */
import type { ModelData } from 'highs';
import { loadHighs } from '../support/index.js';
import { allowedBin, finestLevel, unaryCost, type Level, type PlacementInstance } from './instance.js';

interface Programme {
  data: ModelData;
  /** Column of x[v][b] is `xStart[v] + t` for the t-th allowed bin `xBin[xStart[v] + t]`. */
  xStart: Int32Array;
  xBin: Int32Array;
  xCount: number;
  yA: Int32Array;
  yB: Int32Array;
}

/** Columns the programme of an instance would have (to decide whether building it is worth it). */
export function programmeSize(level: Level): number {
  const { n, k, adjStart, adjNode } = level;
  let columns = 0;
  for (let v = 0; v < n; v++) columns += level.candCount[v];
  if (level.candBits === null) return columns + (adjStart[n] / 2) * k;
  for (let v = 0; v < n; v++)
    for (let p = adjStart[v]; p < adjStart[v + 1]; p++) {
      const u = adjNode[p];
      if (u <= v) continue;
      for (let w = 0; w < level.words; w++) {
        let x = level.candBits[v * level.words + w] & level.candBits[u * level.words + w];
        while (x !== 0) {
          x &= x - 1;
          columns++;
        }
      }
    }
  return columns;
}

function buildProgramme(level: Level, integer: boolean): Programme {
  const { n, k, R, weight, cap, adjStart, adjNode, adjWeight, groupStart, groupId, groupCount } = level;
  const xStart = new Int32Array(n + 1);
  const xBins: number[] = [];
  const xCost: number[] = [];
  for (let v = 0; v < n; v++) {
    for (let b = 0; b < k; b++)
      if (allowedBin(level, v, b)) {
        xBins.push(b);
        xCost.push(unaryCost(level, v, b));
      }
    xStart[v + 1] = xBins.length;
  }
  const xCount = xBins.length;
  const xBin = Int32Array.from(xBins);
  const colOf = (v: number, b: number) => {
    // Allowed bins are ascending: binary search.
    let lo = xStart[v];
    let hi = xStart[v + 1] - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (xBin[mid] === b) return mid;
      if (xBin[mid] < b) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  };
  const cost = Float64Array.from(xCost);
  const yA: number[] = [];
  const yB: number[] = [];
  const yCost: number[] = [];
  for (let v = 0; v < n; v++)
    for (let p = adjStart[v]; p < adjStart[v + 1]; p++) {
      const u = adjNode[p];
      if (u <= v) continue;
      const half = adjWeight[p] / 2;
      // Merge the two sorted allowed lists.
      let a = xStart[v];
      let c = xStart[u];
      while (a < xStart[v + 1] || c < xStart[u + 1]) {
        const ba = a < xStart[v + 1] ? xBin[a] : Infinity;
        const bc = c < xStart[u + 1] ? xBin[c] : Infinity;
        if (ba === bc) {
          yA.push(a++);
          yB.push(c++);
          yCost.push(half);
        } else if (ba < bc) cost[a++] += half;
        else cost[c++] += half;
      }
    }
  const yCount = yA.length;
  const rows: { cols: number[]; vals: number[]; lower: number; upper: number }[] = [];
  for (let v = 0; v < n; v++) {
    const cols: number[] = [];
    for (let x = xStart[v]; x < xStart[v + 1]; x++) cols.push(x);
    rows.push({ cols, vals: cols.map(() => 1), lower: 1, upper: 1 });
  }
  // Items per bin (for capacity rows), then the rows that can bind.
  const binItems: number[][] = Array.from({ length: k }, () => []);
  for (let v = 0; v < n; v++) for (let x = xStart[v]; x < xStart[v + 1]; x++) binItems[xBin[x]].push(v);
  for (let b = 0; b < k; b++)
    for (let r = 0; r < R; r++) {
      let total = 0;
      for (const v of binItems[b]) total += weight[v * R + r];
      if (total <= cap[b * R + r]) continue;
      const cols: number[] = [];
      const vals: number[] = [];
      for (const v of binItems[b])
        if (weight[v * R + r] > 0) {
          cols.push(colOf(v, b));
          vals.push(weight[v * R + r]);
        }
      rows.push({ cols, vals, lower: -Infinity, upper: cap[b * R + r] });
    }
  if (groupCount > 0) {
    const members: number[][] = Array.from({ length: groupCount }, () => []);
    for (let v = 0; v < n; v++)
      for (let p = groupStart[v]; p < groupStart[v + 1]; p++) members[groupId[p]].push(v);
    for (const list of members) {
      if (list.length < 2) continue;
      for (let b = 0; b < k; b++) {
        const cols = list.map((v) => colOf(v, b)).filter((x) => x >= 0);
        if (cols.length >= 2) rows.push({ cols, vals: cols.map(() => 1), lower: -Infinity, upper: 1 });
      }
    }
  }
  for (let t = 0; t < yCount; t++)
    for (const sign of [1, -1])
      rows.push({ cols: [yA[t], yB[t], xCount + t], vals: [-sign, sign, 1], lower: 0, upper: Infinity });

  const numCols = xCount + yCount;
  const numRows = rows.length;
  let nnz = 0;
  for (const row of rows) nnz += row.cols.length;
  const starts = new Int32Array(numRows + 1);
  const indices = new Int32Array(nnz);
  const values = new Float64Array(nnz);
  const rowLower = new Float64Array(numRows);
  const rowUpper = new Float64Array(numRows);
  let z = 0;
  rows.forEach((row, i) => {
    for (let t = 0; t < row.cols.length; t++) {
      indices[z] = row.cols[t];
      values[z++] = row.vals[t];
    }
    starts[i + 1] = z;
    rowLower[i] = row.lower;
    rowUpper[i] = row.upper;
  });
  const colCost = new Float64Array(numCols);
  colCost.set(cost);
  colCost.set(yCost, xCount);
  const data: ModelData = {
    numCols,
    numRows,
    offset: 0,
    colCost,
    colLower: new Float64Array(numCols),
    colUpper: new Float64Array(numCols).fill(1),
    rowLower,
    rowUpper,
    matrix: { format: 'csr', numRows, numCols, starts, indices, values },
    ...(integer ? { integrality: new Int32Array(numCols).fill(1, 0, xCount) } : {}),
  };
  return { data, xStart, xBin, xCount, yA: Int32Array.from(yA), yB: Int32Array.from(yB) };
}

export interface LpBound {
  /** The LP optimum (a lower bound on the objective), when solved. */
  value: number;
  solved: boolean;
  /** The LP is infeasible: so is the placement problem. */
  infeasible: boolean;
}

/** The LP relaxation's optimum (HiGHS, within `timeLimit` seconds). */
export async function lpRelaxationBound(level: Level, timeLimit = 30): Promise<LpBound> {
  const programme = buildProgramme(level, false);
  const highs = await loadHighs();
  return highs.withModel(programme.data, (m) => {
    m.options.set({ output_flag: false, time_limit: timeLimit });
    m.run();
    const status = m.getModelStatus();
    if (status === highs.constants.modelStatus.optimal)
      return { value: m.getObjectiveValue(), solved: true, infeasible: false };
    return { value: 0, solved: false, infeasible: status === highs.constants.modelStatus.infeasible };
  });
}

export interface ExactPlacementResult {
  /** The best placement HiGHS found (undefined when it found none). */
  bins: Int32Array | undefined;
  cost: number;
  /** HiGHS's dual bound (-Infinity when it gave none). */
  lowerBound: number;
  optimal: boolean;
  infeasible: boolean;
  /** Stopped by the time limit (so the answer depends on the machine's speed). */
  timedOut: boolean;
}

/**
 * Solves the integer programme within `timeLimit` seconds, warm-started from `start` (a feasible
 * placement, e.g. the heuristic's).
 */
export async function exactPlacement(
  instance: PlacementInstance,
  options: {
    timeLimit?: number;
    start?: Int32Array;
    /** Branch-and-bound nodes at most (a budget that does not depend on the clock). */
    nodeLimit?: number;
  } = {},
): Promise<ExactPlacementResult> {
  const level = finestLevel(instance);
  if (level.n === 0)
    return {
      bins: new Int32Array(0),
      cost: 0,
      lowerBound: 0,
      optimal: true,
      infeasible: false,
      timedOut: false,
    };
  const programme = buildProgramme(level, true);
  const highs = await loadHighs();
  return highs.withModel(programme.data, (m) => {
    m.options.set({
      output_flag: false,
      time_limit: options.timeLimit ?? 30,
      mip_rel_gap: 0,
      ...(options.nodeLimit !== undefined ? { mip_max_nodes: options.nodeLimit } : {}),
    });
    if (options.start) m.setSolution({ colValue: startVector(programme, options.start) });
    m.run();
    const status = m.getModelStatus();
    const optimal = status === highs.constants.modelStatus.optimal;
    const infeasible = status === highs.constants.modelStatus.infeasible;
    const timedOut = status === highs.constants.modelStatus.timeLimit;
    const feasible = !infeasible && Number(m.info.get('primal_solution_status')) === 2;
    let lowerBound = -Infinity;
    try {
      lowerBound = Number(m.info.get('mip_dual_bound'));
    } catch {
      // no bound reported
    }
    if (!feasible)
      return {
        bins: undefined,
        cost: Infinity,
        lowerBound,
        optimal: false,
        infeasible,
        timedOut,
      };
    const colValue = m.getSolution().colValue;
    const bins = new Int32Array(level.n);
    for (let v = 0; v < level.n; v++) {
      let best = programme.xStart[v];
      for (let x = programme.xStart[v]; x < programme.xStart[v + 1]; x++)
        if (colValue[x] > colValue[best]) best = x;
      bins[v] = programme.xBin[best];
    }
    const cost = m.getObjectiveValue();
    return {
      bins,
      cost,
      lowerBound: optimal ? cost : lowerBound,
      optimal,
      infeasible: false,
      timedOut,
    };
  });
}

function startVector(programme: Programme, bins: Int32Array): Float64Array {
  const values = new Float64Array(programme.data.numCols);
  for (let v = 0; v < bins.length; v++)
    for (let x = programme.xStart[v]; x < programme.xStart[v + 1]; x++)
      if (programme.xBin[x] === bins[v]) values[x] = 1;
  for (let t = 0; t < programme.yA.length; t++)
    values[programme.xCount + t] = Math.abs(values[programme.yA[t]] - values[programme.yB[t]]);
  return values;
}

/** Columns of the integer programme of an instance (what deciding to solve it depends on). */
export function programmeColumns(instance: PlacementInstance): number {
  return programmeSize(finestLevel(instance));
}
