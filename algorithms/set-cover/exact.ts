/**
 * Exact weighted set cover as a 0-1 integer program, solved by HiGHS (Huangfu & Hall, "Parallelizing
 * the dual revised simplex method", Math. Prog. Comp. 10, 2018; branch-and-cut MIP solver) through
 * the `highs` WebAssembly package:
 *
 *   minimise sum_j c_j x_j   subject to   sum_{j : i in S_j} x_j >= 1 for every element i,  x in {0,1}.
 *
 * The Lagrangian heuristic (heuristic.ts) runs first: when its lower bound already proves its
 * cover optimal, HiGHS is not called; otherwise its cover is handed to HiGHS as the starting
 * incumbent. When the time limit stops HiGHS, the better of HiGHS's incumbent and the heuristic
 * cover is returned with `optimal: false` and `timedOut: true` (time limits make the result
 * machine dependent; without hitting the limit the result is deterministic).
 */
import { loadHighs } from '../support/index.js';
import { removeRedundant } from './greedy.js';
import { heuristicCover, type SetCoverOptions, type SetCoverResult } from './heuristic.js';
import { assignElements, buildCoverInstance, coverCost, isCover, type SetCoverProblem } from './instance.js';

export interface ExactSetCoverOptions {
  /** HiGHS wall-clock limit in seconds (default 30). */
  timeLimitSeconds?: number;
  /** Options of the heuristic that runs first. */
  heuristic?: SetCoverOptions;
}

export interface ExactSetCoverResult extends SetCoverResult {
  /** True when HiGHS stopped at the time limit before proving optimality. */
  timedOut: boolean;
  /** HiGHS model status name, or 'not-run' when the heuristic was already proven optimal. */
  solverStatus: string;
}

export async function setCoverExact(
  problem: SetCoverProblem,
  options: ExactSetCoverOptions = {},
): Promise<ExactSetCoverResult> {
  const inst = buildCoverInstance(problem);
  const heuristic = heuristicCover(inst, options.heuristic);
  if (heuristic.optimal) return { ...heuristic, timedOut: false, solverStatus: 'not-run' };

  const highs = await loadHighs();
  const m = inst.elementCount;
  const n = inst.setCount;
  const start = new Float64Array(n);
  for (const j of heuristic.chosen) start[j] = 1;
  const model = highs.createModel({
    numCols: n,
    numRows: m,
    colCost: inst.cost,
    colLower: new Float64Array(n),
    colUpper: new Float64Array(n).fill(1),
    rowLower: new Float64Array(m).fill(1),
    rowUpper: new Float64Array(m).fill(highs.infinity),
    matrix: {
      format: 'csc',
      numRows: m,
      numCols: n,
      starts: inst.setStart,
      indices: inst.setElems,
      values: new Float64Array(inst.setElems.length).fill(1),
    },
    integrality: new Int32Array(n).fill(highs.constants.variableType.integer),
  });
  try {
    model.options.set({
      output_flag: false,
      time_limit: options.timeLimitSeconds ?? 30,
      mip_rel_gap: 0,
      // With integral costs any gap below 1 proves optimality.
      mip_abs_gap: inst.integralCosts ? 1 - 1e-6 : 1e-9,
    });
    model.setSolution({ colValue: start });
    model.run();
    const status = model.getModelStatus();
    const statusName =
      Object.entries(highs.constants.modelStatus).find(([, code]) => code === status)?.[0] ?? String(status);
    const feasible =
      Number(model.info.get('primal_solution_status')) === highs.constants.solutionStatus.feasible;
    let chosen = heuristic.chosen;
    let cost = heuristic.cost;
    if (feasible) {
      const x = model.getSolution().colValue;
      const candidate: number[] = [];
      for (let j = 0; j < n; j++) if (x[j] > 0.5) candidate.push(j);
      if (isCover(inst, candidate)) {
        const cleaned = removeRedundant(inst, candidate);
        const c = coverCost(inst, cleaned);
        if (c < cost - 1e-9) {
          chosen = cleaned;
          cost = c;
        }
      }
    }
    const optimal = status === highs.constants.modelStatus.optimal;
    let lowerBound = heuristic.lowerBound;
    if (optimal) lowerBound = cost;
    else {
      const dual = Number(model.info.get('mip_dual_bound'));
      if (Number.isFinite(dual)) {
        lowerBound = Math.max(lowerBound, inst.integralCosts ? Math.ceil(dual - 1e-6) : dual);
      }
    }
    return {
      chosen,
      cost,
      assignment: assignElements(inst, chosen),
      optimal: optimal || cost <= lowerBound + 1e-9,
      lowerBound,
      method: 'exact',
      timedOut: status === highs.constants.modelStatus.timeLimit,
      solverStatus: statusName,
    };
  } finally {
    model.dispose();
  }
}
