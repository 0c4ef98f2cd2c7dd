/**
 * Alpha-expansion for the candidate-restricted multiway cut (Potts energy with hard label
 * constraints).
 *
 * Source: Boykov, Veksler, Zabih, "Fast approximate energy minimization via graph cuts",
 * IEEE TPAMI 23(11), 2001. One expansion move lets every item that has `alpha` as a candidate
 * either keep its label or switch to `alpha`; the best such move is one minimum s-t cut. The
 * graph is built with the reparameterisation of Kolmogorov & Zabih, "What energy functions can be
 * minimized via graph cuts?", IEEE TPAMI 26(2), 2004 (no auxiliary nodes):
 *
 *   binary x_i = 1 means "switch to alpha"; source side = keep, sink side = switch.
 *   free–free edge, same current label:      w·[x_i ≠ x_j]          → arcs i↔j of capacity w
 *   free–free edge, different current labels: w − w·x_i·x_j = w(1−x_i) + w·x_i(1−x_j)
 *                                             → unary w on "keep i", arc j→i of capacity w
 *   free–fixed edge (neighbour keeps label L): unary w·[label_i ≠ L] on keep, w·[alpha ≠ L] on switch
 *
 * Moves are applied only on a strict decrease, so the sweep terminates. A label is re-expanded only
 * when an item it could move, or a neighbour of one, changed since its last fruitless expansion —
 * which is exactly when the move could differ, so the result equals plain sweeping.
 */
import { FlowNetwork } from '../flow/index.js';
import type { CompactInstance, ReducedAdjacency } from './instance.js';

export interface ExpansionOptions {
  /** Order in which labels are expanded in each sweep (default 0..k-1). */
  order?: ArrayLike<number>;
  /** Stop after this many sweeps even if the last one improved (default unlimited). */
  maxSweeps?: number;
  /** When given, only items with `active[i] === 1` may change; the others act as fixed. */
  active?: Uint8Array;
  /**
   * When given, `labels` is known to be expansion-optimal except around these items (e.g. a
   * converged labelling in which they were just changed): only labels that are candidates of these
   * items or of their neighbours are expanded at first.
   */
  changedItems?: ArrayLike<number>;
}

export interface ExpansionStats {
  sweeps: number;
  /** Number of applied (improving) expansion moves. */
  moves: number;
  /** Total cut reduction. */
  gain: number;
}

/** Reusable scratch buffers, so repeated expansion runs on one instance do not reallocate. */
export class ExpansionWorkspace {
  readonly network: FlowNetwork;
  readonly localOf: Int32Array;
  readonly stamp: Int32Array;
  readonly freeItems: Int32Array;
  readonly keepCost: Float64Array;
  readonly switchCost: Float64Array;
  readonly netOf: Int32Array;
  stampCounter = 0;

  constructor(readonly ci: CompactInstance) {
    let largest = 0;
    for (let l = 0; l < ci.k; l++) largest = Math.max(largest, ci.labelStart[l + 1] - ci.labelStart[l]);
    this.network = new FlowNetwork(largest + 2, 4 * largest + 16);
    this.localOf = new Int32Array(ci.n);
    this.stamp = new Int32Array(ci.n);
    this.freeItems = new Int32Array(largest);
    this.keepCost = new Float64Array(largest);
    this.switchCost = new Float64Array(largest);
    this.netOf = new Int32Array(largest);
  }
}

/**
 * Performs the best expansion move for `alpha` if it strictly lowers the cut; returns the gain
 * (0 when no move was applied). `changed` receives the items that switched.
 */
export function expandLabel(
  ws: ExpansionWorkspace,
  adj: ReducedAdjacency,
  labels: Int32Array,
  alpha: number,
  changed: number[],
  active?: Uint8Array,
): number {
  const { ci, network, localOf, stamp, freeItems, keepCost, switchCost, netOf } = ws;
  const stampValue = ++ws.stampCounter;
  let f = 0;
  for (let p = ci.labelStart[alpha]; p < ci.labelStart[alpha + 1]; p++) {
    const i = ci.labelItems[p];
    if (labels[i] === alpha || (active !== undefined && active[i] === 0)) continue;
    stamp[i] = stampValue;
    localOf[i] = f;
    freeItems[f++] = i;
  }
  if (f === 0) return 0;
  const { start, item, weight } = adj;
  // Items without a free neighbour decide alone; only the others ("coupled") go into the flow
  // network, which keeps the networks small. Ties switch to alpha, as the network does for nodes
  // the source cannot reach (the sink side is the largest minimum-cut side); measured on the
  // benchmark, this tie rule also ends in better labellings than keeping.
  let coupled = 0;
  for (let a = 0; a < f; a++) {
    const i = freeItems[a];
    netOf[a] = -1;
    for (let p = start[i]; p < start[i + 1]; p++) {
      if (stamp[item[p]] === stampValue) {
        netOf[a] = coupled++;
        break;
      }
    }
  }
  const source = coupled;
  const sink = coupled + 1;
  if (coupled > 0) network.reset(coupled + 2);
  let currentEnergy = 0;
  let anyWantsAlpha = false;
  for (let a = 0; a < f; a++) {
    const i = freeItems[a];
    const li = labels[i];
    const na = netOf[a];
    let keep = 0;
    let change = 0;
    for (let p = start[i]; p < start[i + 1]; p++) {
      const j = item[p];
      const w = weight[p];
      const lj = labels[j];
      if (stamp[j] === stampValue) {
        if (j < i) continue; // each free–free pair once
        const nb = netOf[localOf[j]];
        if (li === lj) network.addEdge(na, nb, w, w);
        else {
          keep += w;
          currentEnergy += w;
          network.addEdge(nb, na, w, 0);
        }
      } else {
        if (lj !== li) {
          keep += w;
          currentEnergy += w;
        }
        if (lj !== alpha) change += w;
      }
    }
    keepCost[a] = keep;
    switchCost[a] = change;
    if (change < keep) anyWantsAlpha = true;
  }
  // With no item preferring alpha on its own, "all keep" has a zero cut and nothing can improve.
  if (!anyWantsAlpha) return 0;
  let constant = 0;
  for (let a = 0; a < f; a++) {
    const d = switchCost[a] - keepCost[a];
    constant += d > 0 ? keepCost[a] : switchCost[a];
    const na = netOf[a];
    if (na < 0) continue;
    if (d > 0) network.addEdge(source, na, d, 0);
    else if (d < 0) network.addEdge(na, sink, -d, 0);
  }
  let flow = 0;
  let sourceSide: Uint8Array | undefined;
  if (coupled > 0) ({ flow, sourceSide } = network.maxFlow(source, sink));
  const gain = currentEnergy - (constant + flow);
  if (!(gain > 0)) return 0;
  for (let a = 0; a < f; a++) {
    const na = netOf[a];
    const switches = na < 0 ? switchCost[a] <= keepCost[a] : sourceSide![na] === 0;
    if (switches) {
      const i = freeItems[a];
      labels[i] = alpha;
      changed.push(i);
    }
  }
  return gain;
}

/** Runs expansion sweeps until a full sweep brings no gain; improves `labels` in place. */
export function alphaExpansion(
  ci: CompactInstance,
  adj: ReducedAdjacency,
  labels: Int32Array,
  options: ExpansionOptions = {},
  workspace?: ExpansionWorkspace,
): ExpansionStats {
  const ws = workspace ?? new ExpansionWorkspace(ci);
  const k = ci.k;
  const order = options.order ?? Int32Array.from({ length: k }, (_, l) => l);
  const maxSweeps = options.maxSweeps ?? Infinity;
  // dirty[l] = 1 when label l may have an improving move (initially every label).
  const active = options.active;
  const dirty = new Uint8Array(k);
  const seeds = options.changedItems;
  if (seeds !== undefined) {
    for (let x = 0; x < seeds.length; x++) markAround(ci, adj, seeds[x], dirty);
  } else if (active === undefined) dirty.fill(1);
  else for (let i = 0; i < ci.n; i++) if (active[i] === 1) markCandidates(ci, i, dirty);
  const changed: number[] = [];
  const stats: ExpansionStats = { sweeps: 0, moves: 0, gain: 0 };
  let improved = true;
  while (improved && stats.sweeps < maxSweeps) {
    improved = false;
    stats.sweeps++;
    for (let o = 0; o < order.length; o++) {
      const alpha = order[o];
      if (dirty[alpha] === 0) continue;
      dirty[alpha] = 0;
      changed.length = 0;
      const gain = expandLabel(ws, adj, labels, alpha, changed, active);
      if (gain <= 0) continue;
      improved = true;
      stats.moves++;
      stats.gain += gain;
      // Every label that could move a changed item or one of its neighbours must be retried.
      for (const i of changed) markAround(ci, adj, i, dirty);
      dirty[alpha] = 0; // alpha itself: its move just converged (items now on alpha are fixed)
    }
  }
  return stats;
}

/** Marks the labels whose expansion may change because item i changed label. */
function markAround(ci: CompactInstance, adj: ReducedAdjacency, i: number, dirty: Uint8Array): void {
  markCandidates(ci, i, dirty);
  for (let p = adj.start[i]; p < adj.start[i + 1]; p++) markCandidates(ci, adj.item[p], dirty);
}

function markCandidates(ci: CompactInstance, i: number, dirty: Uint8Array): void {
  for (let c = ci.candStart[i]; c < ci.candStart[i + 1]; c++) dirty[ci.candLabels[c]] = 1;
}
