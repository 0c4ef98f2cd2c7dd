/**
 * Isolating-cut approximation for the candidate-restricted multiway cut.
 *
 * Source: Dahlhaus, Johnson, Papadimitriou, Seymour, Yannakakis, "The complexity of multiterminal
 * cuts", SIAM J. Comput. 23(4), 1994: for each terminal take a minimum cut isolating it from all
 * other terminals, discard the heaviest of these k cuts and remove the union of the others —
 * a (2 − 2/k)-approximate multiway cut.
 *
 * Candidate lists are modelled as in the original dydisnix tool: one terminal per label, every
 * candidate link item–label weighs BIG (dydisnix writes "n²"; here BIG = total edge weight + 1, so
 * cutting one candidate link always costs more than any set of edges), and an item with a single
 * candidate is glued to its terminal (infinite link). In that graph a minimum multiway cut cuts
 * exactly |C(i)| − 1 candidate links per item, so its edge part is an optimal labelling.
 *
 * Every isolating cut is a real max-flow, computed on an exactly equivalent contracted network:
 * for terminal l, an item lacking l as candidate, or having ≥ 3 candidates, lies on the sink side of
 * every minimum isolating cut (joining l's side would cut ≥ 2 BIG links instead of 1), so it is
 * merged into the sink; the remaining nodes are l's two-candidate items and the items glued to l.
 * The source side taken is the one reachable in the residual network (the minimal one), which makes
 * the k source sides pairwise disjoint.
 *
 * Items left without a terminal on one of their candidates (orphans: dydisnix linked them to their
 * first candidate) are repaired greedily, most constrained first, to the candidate label most
 * common among their labelled neighbours.
 */
import { FlowNetwork } from '../flow/index.js';
import { mostConstrainedOrder } from './greedy.js';
import {
  compactInstance,
  cutCost,
  hasCandidate,
  type CompactInstance,
  type MultiwayCutInstance,
  type MultiwayCutResult,
} from './instance.js';

export interface IsolatingCutsResult extends MultiwayCutResult {
  /** The label whose isolating cut was discarded (-1 when there are no labels or items). */
  discardedLabel: number;
  /** Weight of each label's isolating cut in the BIG-weighted graph. */
  isolatingCutWeights: Float64Array;
  /** The BIG weight used for candidate links. */
  big: number;
  /** Number of items that had to be repaired onto one of their candidates. */
  repairedItems: number;
}

/** Runs the isolating-cut approximation (validates the instance first). */
export function isolatingCuts(instance: MultiwayCutInstance): IsolatingCutsResult {
  return isolatingCutsCompact(compactInstance(instance));
}

/** {@link isolatingCuts} on a compact instance. */
export function isolatingCutsCompact(ci: CompactInstance): IsolatingCutsResult {
  const { n, k, candStart, labelStart, labelItems, adjStart, adjItem, adjWeight } = ci;
  const big = ci.edgeCount + 1;
  const candidateCount = (i: number): number => candStart[i + 1] - candStart[i];

  // sideOf[i] = label whose (minimal) isolating source side contains i, or -1.
  const sideOf = new Int32Array(n).fill(-1);
  const weights = new Float64Array(k);
  const localOf = new Int32Array(n).fill(-1);
  const members: number[] = [];
  const network = new FlowNetwork(16, 16);
  for (let l = 0; l < k; l++) {
    members.length = 0;
    for (let p = labelStart[l]; p < labelStart[l + 1]; p++) {
      const i = labelItems[p];
      const c = candidateCount(i);
      if (c <= 2) {
        localOf[i] = members.length;
        members.push(i);
      }
    }
    const f = members.length;
    const source = f;
    const sink = f + 1;
    network.reset(f + 2);
    for (let a = 0; a < f; a++) {
      const i = members[a];
      if (candidateCount(i) === 1) network.addEdge(source, a, Infinity, 0);
      for (let p = adjStart[i]; p < adjStart[i + 1]; p++) {
        const j = adjItem[p];
        const w = adjWeight[p];
        const b = localOf[j];
        if (b < 0) network.addEdge(a, sink, w, w);
        else if (j > i) network.addEdge(a, b, w, w);
      }
    }
    const { sourceSide } = network.maxFlow(source, sink);
    // Weight of δ({l} ∪ S) in the BIG-weighted graph, counted directly from the side.
    let weight = 0;
    for (let p = labelStart[l]; p < labelStart[l + 1]; p++) {
      const i = labelItems[p];
      const b = localOf[i];
      const inside = b >= 0 && sourceSide[b] === 1;
      if (!inside) {
        weight += big; // link i–l is cut
        continue;
      }
      sideOf[i] = l;
      weight += big * (candidateCount(i) - 1); // links to i's other candidate terminals
      for (let q = adjStart[i]; q < adjStart[i + 1]; q++) {
        const j = adjItem[q];
        const bj = localOf[j];
        if (!(bj >= 0 && sourceSide[bj] === 1)) weight += adjWeight[q];
      }
    }
    weights[l] = weight;
    for (const i of members) localOf[i] = -1;
  }

  // Discard the heaviest isolating cut (ties: lowest label); its terminal keeps everything else.
  let discarded = -1;
  for (let l = 0; l < k; l++) if (discarded < 0 || weights[l] > weights[discarded]) discarded = l;

  const labels = new Int32Array(n).fill(-1);
  for (let i = 0; i < n; i++) {
    if (sideOf[i] >= 0 && sideOf[i] !== discarded) labels[i] = sideOf[i];
    else if (discarded >= 0 && hasCandidate(ci, i, discarded)) labels[i] = discarded;
  }
  const repairedItems = repairOrphans(ci, labels);
  return {
    labels,
    cost: cutCost(ci, labels),
    discardedLabel: discarded,
    isolatingCutWeights: weights,
    big,
    repairedItems,
  };
}

/** Gives every unlabelled item (-1) its neighbour-majority candidate; returns how many it fixed. */
function repairOrphans(ci: CompactInstance, labels: Int32Array): number {
  const { k, candStart, candLabels, adjStart, adjItem, adjWeight } = ci;
  const score = new Float64Array(k);
  let repaired = 0;
  const order = mostConstrainedOrder(ci);
  for (let o = 0; o < order.length; o++) {
    const i = order[o];
    if (labels[i] >= 0) continue;
    for (let p = adjStart[i]; p < adjStart[i + 1]; p++) {
      const l = labels[adjItem[p]];
      if (l >= 0) score[l] += adjWeight[p];
    }
    let best = candLabels[candStart[i]];
    for (let c = candStart[i] + 1; c < candStart[i + 1]; c++)
      if (score[candLabels[c]] > score[best]) best = candLabels[c];
    for (let p = adjStart[i]; p < adjStart[i + 1]; p++) {
      const l = labels[adjItem[p]];
      if (l >= 0) score[l] = 0;
    }
    labels[i] = best;
    repaired++;
  }
  return repaired;
}
