/**
 * The placement search: multilevel V-cycles (coarsen by constrained heavy-edge matching, a
 * recursive bisection or link-guided best-fit start on the coarsest level, repair and refine on
 * the way back: Karypis & Kumar, SIAM J. Sci. Comput. 20(1), 1998), restarted with other seeds;
 * then rounds of a V-cycle within the best placement (coarsening only inside its bins, so whole
 * clusters move at the coarse levels: Walshaw, Annals of Operations Research 131, 2004) and
 * iterated local search on the best placement (Lourenço, Martin & Stützle, "Iterated local
 * search", Handbook of Metaheuristics, 2003): move a small connected group of nodes of one bin to
 * a neighbouring bin, refine around it, keep the result when it is no worse (and, once stalled,
 * now and then when it is worse, returning to the best). With previous bins, a start that keeps
 * every node where it was (those that must move placed by the best fit) competes with the cycles.
 *
 * Everything is counted in work units (adjacency entries and bin members looked at), never time,
 * so the same instance, seed and budget always give the same placement.
 */
import { multiwayCut } from '../multiway-cut/index.js';
import { mulberry32 } from '../support/index.js';
import { recursiveBisection } from './bisection.js';
import { coarsen } from './coarsen.js';
import { construct, hardestFirst } from './construct.js';
import { checkFeasibility } from './feasibility.js';
import { allowedBin, finestLevel, unaryCost, type Level, type PlacementInstance } from './instance.js';
import { BinConnections, refine, repair } from './refine.js';
import { PlacementState } from './state.js';

export interface PlacementOptions {
  /**
   * Work units for the whole search (default: 300 per item and link end, at least 4·10^6).
   * Restarts and perturbations are cheap next to the first V-cycle and pay off: a 10,000 x 100
   * scale-free instance gets 9,331 crossing links at 180 per item and link end, 9,276 at 300.
   * Small instances stop early when the search stalls.
   */
  workBudget?: number;
  /** Seed of the restarts and perturbations (default 1). */
  seed?: number;
  /** `multilevel` (default) or `flat` (best-fit start and local search only, for comparison). */
  strategy?: 'multilevel' | 'flat';
  /** Skip the V-cycles within the best placement and the iterated local search (for comparison). */
  noPerturbation?: boolean;
  /**
   * Once the search stalls with budget left, go on from fresh V-cycle starts (default true;
   * false: stop there, as before).
   */
  restarts?: boolean;
  /** At most this many of those fresh starts (default DEFAULT_MAX_RESTARTS). */
  maxRestarts?: number;
  /** With candidate bins, also start from the capacity-free multiway cut (default true). */
  expansionStart?: boolean;
}

export interface PlacementSolution {
  /** Bin of every item. */
  bins: Int32Array;
  /** Every item on an allowed bin, within capacity, spread respected. */
  feasible: boolean;
  /** The objective: `cut + moveCost`. */
  cost: number;
  /** Weight of the links between different bins. */
  cut: number;
  /** Move costs paid, and the number of items with previous bins not on one of them. */
  moveCost: number;
  moved: number;
  /** Work units used. */
  work: number;
  /** V-cycles run, perturbations tried and kept. */
  cycles: number;
  perturbations: number;
  improvements: number;
  /** Fresh starts taken after the search stalled. */
  restarts: number;
}

/**
 * Fresh starts after a stall at most (default): tiny instances stall at once and a V-cycle there
 * costs few work units, so the budget alone would allow thousands of them.
 */
export const DEFAULT_MAX_RESTARTS = 8;

/** The default work budget of an instance. */
export function defaultWorkBudget(instance: PlacementInstance): number {
  return Math.max(4_000_000, 300 * (instance.itemCount + 2 * instance.edges.length));
}

interface Candidate {
  bins: Int32Array;
  feasible: boolean;
  cost: number;
}

const better = (a: Candidate, b: Candidate | undefined) =>
  b === undefined || (a.feasible && !b.feasible) || (a.feasible === b.feasible && a.cost < b.cost - 1e-9);

function permutation(n: number, random: () => number): Int32Array {
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const t = order[i];
    order[i] = order[j];
    order[j] = t;
  }
  return order;
}

/** Solves an instance (InfeasiblePlacementError when infeasibility is proven up front). */
export function solvePlacement(
  instance: PlacementInstance,
  options: PlacementOptions = {},
): PlacementSolution {
  const level = finestLevel(instance);
  checkFeasibility(level);
  const budget = options.workBudget ?? defaultWorkBudget(instance);
  const random = mulberry32(options.seed ?? 1);
  let work = 0;
  let best: Candidate | undefined;
  const offer = (state: PlacementState) => {
    work += state.work;
    state.work = 0;
    const candidate = { bins: state.bin.slice(), feasible: state.feasible(), cost: state.cost() };
    if (better(candidate, best)) best = candidate;
  };

  if (level.n === 0)
    return summarise(level, new Int32Array(0), true, 0, {
      cycles: 0,
      perturbations: 0,
      improvements: 0,
      restarts: 0,
    });

  const hasPrevious = level.savBin.length > 0;
  if (hasPrevious) {
    const state = new PlacementState(level);
    keepStart(state);
    construct(state, hardestFirst(level, permutation(level.n, random)));
    if (repair(state, { workLimit: budget / 4 }))
      refine(state, permutation(level.n, random), { workLimit: budget / 4 });
    offer(state);
  }

  // V-cycles (or flat starts) until about 60 % of the budget is spent; at least one.
  // With candidate bins: the capacity-free multiway cut (alpha-expansion), repaired and refined.
  if (level.candBits !== null && options.expansionStart !== false) {
    const labels = expansionLabels(instance, level);
    if (labels !== undefined) {
      const state = new PlacementState(level);
      for (let v = 0; v < level.n; v++) state.place(v, labels[v]);
      state.work += 20 * (level.n + level.adjStart[level.n]);
      if (repair(state, { workLimit: state.work + budget / 4 }))
        refine(state, permutation(level.n, random), { workLimit: state.work + budget / 4 });
      offer(state);
    }
  }

  // Stops early after 6 cycles in a row that found nothing better.
  let cycles = 0;
  let stale = 0;
  const cycleShare = options.noPerturbation ? 1 : 0.45;
  const cyclesFrom = work;
  do {
    const before = best;
    const state =
      options.strategy === 'flat'
        ? flatStart(level, random, budget - work)
        : vCycle(level, random, budget - work);
    offer(state);
    cycles++;
    stale = best === before ? stale + 1 : 0;
  } while (work < cycleShare * budget && cycles < 64 && stale < 6);
  // A fresh start costs about what a V-cycle has cost so far.
  const cycleWork = (work - cyclesFrom) / cycles;

  let perturbations = 0;
  let improvements = 0;
  let restarts = 0;
  // Then rounds of a V-cycle within the current placement (while those improve it) and iterated
  // local search on it, until the budget is spent or both have stalled. Once stalled, a fresh
  // V-cycle start becomes the current placement (small instances stall long before their budget
  // is spent; large ones spend it before they stall, so this changes nothing there).
  const segment = budget / 10;
  let current = best as Candidate;
  const offerCurrent = (state: PlacementState) => {
    const candidate = { bins: state.bin.slice(), feasible: state.feasible(), cost: state.cost() };
    offer(state);
    if (better(candidate, current)) current = candidate;
  };
  let cyclesWithin = true;
  let fails = 0;
  while (!options.noPerturbation && (best as Candidate).feasible && work < budget) {
    if (cyclesWithin) {
      const before = current;
      const state = placedVCycle(level, current.bins, random, budget - work);
      offerCurrent(state);
      fails = current === before ? fails + 1 : 0;
      if (fails >= 2) cyclesWithin = false;
    }
    if (work >= budget) break;
    const state = new PlacementState(level);
    state.copyFrom(current.bins);
    const allowance = Math.min(budget - work, segment);
    const outcome = iteratedLocalSearch(state, random, allowance);
    perturbations += outcome.perturbations;
    improvements += outcome.improvements;
    const used = state.work;
    offerCurrent(state);
    // Stalled: the local search gave up before its allowance and the cycles have stopped.
    if (!cyclesWithin && used < allowance) {
      // Only while the budget left pays for several fresh starts: small instances stall early,
      // large ones (10,000 x 100 with candidates) near the end of their budget, where one more
      // start costs a V-cycle and rarely pays.
      const maxRestarts = options.maxRestarts ?? DEFAULT_MAX_RESTARTS;
      if (options.restarts === false || restarts >= maxRestarts || budget - work < 8 * cycleWork) break;
      let fresh: Candidate | undefined;
      do {
        const start = vCycle(level, random, budget - work);
        fresh = { bins: start.bin.slice(), feasible: start.feasible(), cost: start.cost() };
        offer(start);
      } while (!fresh.feasible && work < budget);
      if (!fresh.feasible) break;
      current = fresh;
      restarts++;
      cyclesWithin = true;
      fails = 0;
    }
  }
  const final = best as Candidate;
  return summarise(level, final.bins, final.feasible, work, {
    cycles,
    perturbations,
    improvements,
    restarts,
  });
}

function summarise(
  level: Level,
  bins: Int32Array,
  feasible: boolean,
  work: number,
  counts: { cycles: number; perturbations: number; improvements: number; restarts: number },
): PlacementSolution {
  let cut = 0;
  let moveCost = 0;
  let moved = 0;
  const { n, adjStart, adjNode, adjWeight, savStart, savBin } = level;
  for (let v = 0; v < n; v++) {
    for (let p = adjStart[v]; p < adjStart[v + 1]; p++)
      if (adjNode[p] > v && bins[adjNode[p]] !== bins[v]) cut += adjWeight[p];
    const cost = unaryCost(level, v, bins[v]);
    if (savStart[v + 1] > savStart[v]) {
      let kept = false;
      for (let p = savStart[v]; p < savStart[v + 1]; p++) if (savBin[p] === bins[v]) kept = true;
      if (!kept) moved++;
    }
    moveCost += cost;
  }
  return { bins, feasible, cost: cut + moveCost, cut, moveCost, moved, work, ...counts };
}

/**
 * The multiway cut of the links within the candidate bins, ignoring capacities, spread and move
 * costs (algorithms/multiway-cut: greedy start, alpha-expansion, restarts), when every link weight
 * is a small integer (the family counts parallel links); undefined otherwise.
 */
function expansionLabels(instance: PlacementInstance, level: Level): Int32Array | undefined {
  const edges: [number, number][] = [];
  let total = 0;
  for (let e = 0; e < instance.edges.length; e++) {
    const w = instance.edgeWeights ? instance.edgeWeights[e] : 1;
    if (!Number.isInteger(w)) return undefined;
    total += w;
    if (total > 4 * (instance.edges.length + level.n)) return undefined;
    for (let c = 0; c < w; c++) edges.push([instance.edges[e][0], instance.edges[e][1]]);
  }
  const candidates: number[][] = [];
  for (let v = 0; v < level.n; v++) {
    const list: number[] = [];
    for (let b = 0; b < level.k; b++) if (allowedBin(level, v, b)) list.push(b);
    candidates.push(list);
  }
  // Only the labels are used: no dual bound.
  return multiwayCut(
    { itemCount: level.n, labelCount: level.k, edges, candidates },
    { restarts: 2, dualSweeps: 0 },
  ).labels;
}

/** Every node on its first allowed previous bin where it still fits and spreads. */
function keepStart(state: PlacementState): void {
  const level = state.level;
  for (let v = 0; v < level.n; v++) {
    for (let p = level.savStart[v]; p < level.savStart[v + 1]; p++) {
      const b = level.savBin[p];
      if (allowedBin(level, v, b) && state.fitsCapacity(v, b) && state.groupFree(v, b)) {
        state.place(v, b);
        break;
      }
    }
  }
}

function flatStart(level: Level, random: () => number, workLeft: number): PlacementState {
  const state = new PlacementState(level);
  construct(state, hardestFirst(level, permutation(level.n, random)));
  if (repair(state, { workLimit: workLeft / 2 }))
    refine(state, permutation(level.n, random), { workLimit: workLeft });
  return state;
}

/** Largest merged demand per resource: a sixth of the average capacity. */
function mergeLimits(level: Level): Float64Array {
  const { k, R, cap } = level;
  const limits = new Float64Array(R);
  for (let b = 0; b < k; b++) for (let r = 0; r < R; r++) limits[r] += cap[b * R + r];
  for (let r = 0; r < R; r++) limits[r] /= 6 * Math.max(k, 1);
  return limits;
}

interface Hierarchy {
  /** The finest level first. */
  levels: Level[];
  /** `maps[l][v]`: the node of level l + 1 that node v of level l became. */
  maps: Int32Array[];
  /** With a placement: its bins on every level (a node's bin is its members' bin). */
  parts: Int32Array[];
  /** Work of the coarsening. */
  spent: number;
}

/**
 * Coarsens `finest` until about 12 nodes a bin remain or a round merges too little. With `bins`,
 * only nodes on the same bin are matched, so the placement carries over to every level.
 */
function coarsenLevels(finest: Level, random: () => number, bins?: Int32Array): Hierarchy {
  const levels: Level[] = [finest];
  const maps: Int32Array[] = [];
  const parts: Int32Array[] = bins ? [bins] : [];
  const limits = mergeLimits(finest);
  const stopAt = Math.max(20, 12 * finest.k);
  let spent = 0;
  for (;;) {
    const top = levels[levels.length - 1];
    if (top.n <= stopAt) break;
    const part = bins ? parts[parts.length - 1] : undefined;
    const { coarse, map } = coarsen(top, permutation(top.n, random), limits, part);
    spent += top.adjStart[top.n] + top.n;
    if (coarse.n > 0.92 * top.n) break;
    if (part) {
      const coarsePart = new Int32Array(coarse.n);
      for (let v = 0; v < top.n; v++) coarsePart[map[v]] = part[v];
      parts.push(coarsePart);
    }
    levels.push(coarse);
    maps.push(map);
  }
  return { levels, maps, parts, spent };
}

function vCycle(finest: Level, random: () => number, workLeft: number): PlacementState {
  const { levels, maps, spent: coarsening } = coarsenLevels(finest, random);
  let spent = coarsening;
  const budgetOf = () => Math.max(0, workLeft - spent);
  // Start on the coarsest level: a few best-fit starts, the best after repair and refinement.
  const coarsest = levels[levels.length - 1];
  let state = new PlacementState(coarsest);
  let bestBins: Int32Array | undefined;
  let bestFeasible = false;
  let bestCost = Infinity;
  let candidateSum = 0;
  for (let v = 0; v < coarsest.n; v++) candidateSum += coarsest.candCount[v];
  const bisections = 2 * candidateSum < coarsest.n * coarsest.k ? 0 : 2;
  for (let attempt = 0; attempt < 3; attempt++) {
    state.reset();
    // Two recursive bisections and one best fit; with short candidate lists (most bins closed
    // to most nodes) bisecting the bins says little and three best fits are cheaper and better.
    if (attempt < bisections) {
      const counter = { work: 0 };
      const bins = recursiveBisection(coarsest, random, counter);
      for (let v = 0; v < coarsest.n; v++) state.place(v, bins[v]);
      state.work += counter.work;
    } else construct(state, hardestFirst(coarsest, permutation(coarsest.n, random)));
    const ok = repair(state, { workLimit: state.work + budgetOf() / 8 });
    if (ok) refine(state, permutation(coarsest.n, random), { workLimit: state.work + budgetOf() / 8 });
    const cost = state.cost();
    const feasible = ok && state.feasible();
    if (
      bestBins === undefined ||
      (feasible && !bestFeasible) ||
      (feasible === bestFeasible && cost < bestCost)
    ) {
      bestBins = state.bin.slice();
      bestFeasible = feasible;
      bestCost = cost;
    }
    spent += state.work;
    state.work = 0;
  }
  let bins = bestBins as Int32Array;
  for (let l = levels.length - 2; l >= 0; l--) {
    const level = levels[l];
    const map = maps[l];
    state = new PlacementState(level);
    for (let v = 0; v < level.n; v++) state.place(v, bins[map[v]]);
    let ok = state.feasible();
    if (!ok) ok = repair(state, { workLimit: budgetOf() / 4 });
    if (ok) refine(state, permutation(level.n, random), { workLimit: budgetOf() / (l === 0 ? 1 : 4) });
    spent += state.work;
    state.work = 0;
    bins = state.bin;
  }
  if (levels.length === 1) state.copyFrom(bins);
  state.work = spent;
  return state;
}

/**
 * A V-cycle from a feasible placement (the iterated multilevel scheme: Walshaw, "Multilevel
 * refinement for combinatorial optimisation problems", Annals of Operations Research 131, 2004):
 * coarsen matching only nodes on the same bin, so the placement carries over to every level
 * unchanged, then refine on the way back. Moves at the coarse levels shift whole clusters, which
 * single moves and swaps cannot. The cost never rises.
 */
function placedVCycle(
  finest: Level,
  bins: Int32Array,
  random: () => number,
  workLeft: number,
): PlacementState {
  const { levels, maps, parts, spent: coarsening } = coarsenLevels(finest, random, bins);
  let spent = coarsening;
  let state = new PlacementState(finest);
  let current = parts[parts.length - 1];
  for (let l = levels.length - 1; l >= 0; l--) {
    const level = levels[l];
    if (l < levels.length - 1) {
      const map = maps[l];
      const projected = new Int32Array(level.n);
      for (let v = 0; v < level.n; v++) projected[v] = current[map[v]];
      current = projected;
    }
    state = new PlacementState(level);
    state.copyFrom(current);
    const share = Math.max(0, workLeft - spent) / (l === 0 ? 1 : 4);
    refine(state, permutation(level.n, random), { workLimit: share });
    spent += state.work;
    state.work = 0;
    current = state.bin;
  }
  state.work = spent;
  return state;
}

/**
 * Perturb-and-refine on a feasible state until the work runs out or it stalls; a perturbation
 * that makes the objective worse is undone, except now and then once stalled (the state then
 * ends on the best placement it has seen).
 */
function iteratedLocalSearch(
  state: PlacementState,
  random: () => number,
  workLeft: number,
): { perturbations: number; improvements: number } {
  const level = state.level;
  const { n, k, adjStart, adjNode } = level;
  const limit = state.work + workLeft;
  const conns = new BinConnections(k);
  const log: number[] = [];
  const ball: number[] = [];
  const inBall = new Uint8Array(n);
  // The moved nodes and their neighbours (at most 6 nodes of the largest degree).
  let maxDegree = 0;
  for (let v = 0; v < n; v++) maxDegree = Math.max(maxDegree, adjStart[v + 1] - adjStart[v]);
  const queue = new Int32Array(6 * (maxDegree + 1));
  let perturbations = 0;
  let improvements = 0;
  let cost = state.cost();
  state.work += n + adjStart[n];
  // Stops early after many perturbations in a row that found nothing better.
  const patience = Math.max(2000, Math.min(20_000, 200 * n), 3 * n);
  let sinceImprovement = 0;
  let bestCost = cost;
  /** The best placement when the state has left it (null: the state is the best). */
  let bestBins: Int32Array | null = null;
  // Once stalled for a quarter of the patience, 5 % of the worse outcomes are kept (a random walk
  // out of the local optimum), and the walk returns to the best every 200 perturbations.
  const worseRate = 0.05;
  const restoreEvery = 200;
  while (state.work < limit && sinceImprovement < patience) {
    perturbations++;
    sinceImprovement++;
    const v = Math.floor(random() * n);
    const a = state.bin[v];
    // The target: a bin v has links to (or any allowed bin).
    conns.gather(state, v);
    let b = -1;
    const linked = conns.count;
    if (linked > 1 || (linked === 1 && conns.touched[0] !== a)) {
      for (let tries = 0; tries < 4 && (b < 0 || b === a); tries++)
        b = conns.touched[Math.floor(random() * linked)];
    }
    conns.clear();
    if (b < 0 || b === a) b = Math.floor(random() * k);
    if (b === a) continue;
    // A small connected group of a's nodes around v moves to b (those that fit).
    const size = 1 + Math.floor(random() * 6);
    ball.length = 0;
    ball.push(v);
    inBall[v] = 1;
    for (let t = 0; t < ball.length && ball.length < size; t++) {
      const x = ball[t];
      for (let p = adjStart[x]; p < adjStart[x + 1] && ball.length < size; p++) {
        const u = adjNode[p];
        if (!inBall[u] && state.bin[u] === a) {
          inBall[u] = 1;
          ball.push(u);
        }
      }
    }
    log.length = 0;
    let delta = 0;
    for (const x of ball) {
      inBall[x] = 0;
      if (!allowedBin(level, x, b) || !state.fitsCapacity(x, b) || !state.groupFree(x, b)) continue;
      delta += moveDelta(state, conns, x, b);
      log.push(x, a);
      state.move(x, b);
    }
    if (log.length === 0) continue;
    let queued = 0;
    for (let t = 0; t < log.length; t += 2) {
      const x = log[t];
      queue[queued++] = x;
      for (let p = adjStart[x]; p < adjStart[x + 1]; p++) queue[queued++] = adjNode[p];
    }
    delta -= refine(state, queue.subarray(0, queued), { workLimit: limit, log });
    if (delta <= 1e-9 || (sinceImprovement > patience / 4 && random() < worseRate)) {
      if (delta > 1e-9 && bestBins === null) {
        // Leaving the best placement found: keep a copy of it (the state before these moves).
        bestBins = state.bin.slice();
        for (let t = log.length - 2; t >= 0; t -= 2) bestBins[log[t]] = log[t + 1];
        state.work += n;
      }
      cost += delta;
      if (cost < bestCost - 1e-9) {
        bestCost = cost;
        bestBins = null;
        improvements++;
        sinceImprovement = 0;
      }
      if (bestBins !== null && sinceImprovement % restoreEvery === 0) {
        state.copyFrom(bestBins);
        state.work += n;
        cost = bestCost;
        bestBins = null;
      }
      continue;
    }
    for (let t = log.length - 2; t >= 0; t -= 2) state.move(log[t], log[t + 1]);
  }
  if (bestBins !== null) {
    state.copyFrom(bestBins);
    state.work += n;
  }
  return { perturbations, improvements };
}

/** Cost change of moving x to b. */
function moveDelta(state: PlacementState, conns: BinConnections, x: number, b: number): number {
  conns.gather(state, x);
  const a = state.bin[x];
  const delta = conns.conn[a] - conns.conn[b] + unaryCost(state.level, x, b) - unaryCost(state.level, x, a);
  conns.clear();
  return delta;
}

/**
 * Makes a given placement feasible by the repair of the search (moves out of overloaded and
 * conflicting bins, least loss first), without improving it otherwise: how the benchmark turns a
 * capacity-unaware partition (METIS, a greedy) into a placement. Bins outside an item's
 * candidates are treated as unplaced.
 */
export function repairPlacement(
  instance: PlacementInstance,
  bins: ArrayLike<number>,
  options: { workBudget?: number } = {},
): { bins: Int32Array; feasible: boolean; cost: number } {
  const level = finestLevel(instance);
  const state = new PlacementState(level);
  for (let v = 0; v < level.n; v++) {
    const b = bins[v];
    if (Number.isInteger(b) && b >= 0 && b < level.k && allowedBin(level, v, b)) state.place(v, b);
  }
  const feasible = repair(state, { workLimit: options.workBudget ?? defaultWorkBudget(instance) });
  return { bins: state.bin.slice(), feasible: feasible && state.feasible(), cost: state.cost() };
}
