/**
 * Proofs of infeasibility made before any search, each naming its numbers: a resource whose total
 * demand exceeds the total capacity, an item that fits on none of its candidate bins, a spread
 * group that cannot be spread (Hall's condition, checked by a maximum bipartite matching of the
 * group's items to the bins each fits alone: Hopcroft & Karp, SIAM J. Comput. 2(4), 1973, here
 * with simple augmenting paths since groups are small), and items pinned to one bin whose
 * demands exceed it.
 */
import { InfeasiblePlacementError, allowedBin, type Level } from './instance.js';

const TOLERANCE = 1e-9;

const exceeds = (used: number, capacity: number) => used > capacity + TOLERANCE * Math.max(1, capacity);

/** Throws InfeasiblePlacementError for the first infeasibility found. */
export function checkFeasibility(level: Level): void {
  const { n, k, R, weight, cap } = level;
  for (let r = 0; r < R; r++) {
    let demand = 0;
    let capacity = 0;
    for (let v = 0; v < n; v++) demand += weight[v * R + r];
    for (let b = 0; b < k; b++) capacity += cap[b * R + r];
    if (exceeds(demand, capacity))
      throw new InfeasiblePlacementError({ kind: 'total-demand', resource: r, demand, capacity });
  }
  for (let v = 0; v < n; v++) {
    if (fitsSomewhere(level, v)) continue;
    // The resource that fails on the candidate coming closest (or the first, without candidates).
    let resource = 0;
    let largest = -1;
    let bestRatio = Infinity;
    for (let b = 0; b < k; b++) {
      if (!allowedBin(level, v, b)) continue;
      let worst = 0;
      let worstR = 0;
      for (let r = 0; r < R; r++) {
        const c = cap[b * R + r];
        const ratio = c > 0 ? weight[v * R + r] / c : weight[v * R + r] > 0 ? Infinity : 0;
        if (ratio > worst) {
          worst = ratio;
          worstR = r;
        }
      }
      if (worst < bestRatio || largest < 0) {
        bestRatio = worst;
        resource = worstR;
        largest = b;
      }
    }
    let largestCapacity = -1;
    for (let b = 0; b < k; b++)
      if (allowedBin(level, v, b)) largestCapacity = Math.max(largestCapacity, cap[b * R + resource]);
    throw new InfeasiblePlacementError({
      kind: 'item-fits-nowhere',
      item: v,
      resource,
      demand: weight[v * R + resource],
      largestCapacity,
    });
  }
  checkPinned(level);
  checkGroups(level);
}

function fitsAlone(level: Level, v: number, b: number): boolean {
  const { R, weight, cap } = level;
  if (!allowedBin(level, v, b)) return false;
  for (let r = 0; r < R; r++) if (exceeds(weight[v * R + r], cap[b * R + r])) return false;
  return true;
}

function fitsSomewhere(level: Level, v: number): boolean {
  for (let b = 0; b < level.k; b++) if (fitsAlone(level, v, b)) return true;
  return false;
}

function checkPinned(level: Level): void {
  const { n, k, R, weight, cap, candCount } = level;
  if (level.candBits === null) return;
  const pinnedTo = new Int32Array(n).fill(-1);
  for (let v = 0; v < n; v++)
    if (candCount[v] === 1) for (let b = 0; b < k; b++) if (allowedBin(level, v, b)) pinnedTo[v] = b;
  const demand = new Float64Array(k * R);
  for (let v = 0; v < n; v++)
    if (pinnedTo[v] >= 0) for (let r = 0; r < R; r++) demand[pinnedTo[v] * R + r] += weight[v * R + r];
  for (let b = 0; b < k; b++)
    for (let r = 0; r < R; r++)
      if (exceeds(demand[b * R + r], cap[b * R + r])) {
        const items: number[] = [];
        for (let v = 0; v < n; v++) if (pinnedTo[v] === b) items.push(v);
        throw new InfeasiblePlacementError({
          kind: 'pinned-demand',
          bin: b,
          resource: r,
          demand: demand[b * R + r],
          capacity: cap[b * R + r],
          items,
        });
      }
}

function checkGroups(level: Level): void {
  const { n, k, groupStart, groupId, groupCount } = level;
  if (groupCount === 0) return;
  const members: number[][] = Array.from({ length: groupCount }, () => []);
  for (let v = 0; v < n; v++)
    for (let p = groupStart[v]; p < groupStart[v + 1]; p++) members[groupId[p]].push(v);
  const owner = new Int32Array(k).fill(-1);
  const visited = new Int32Array(k).fill(-1);
  let stamp = 0;
  for (let g = 0; g < groupCount; g++) {
    const items = members[g];
    if (items.length < 2) continue;
    owner.fill(-1);
    let matched = 0;
    const augment = (t: number): boolean => {
      const v = items[t];
      for (let b = 0; b < k; b++) {
        if (visited[b] === stamp || !fitsAlone(level, v, b)) continue;
        visited[b] = stamp;
        if (owner[b] < 0 || augment(owner[b])) {
          owner[b] = t;
          return true;
        }
      }
      return false;
    };
    for (let t = 0; t < items.length; t++) {
      stamp++;
      if (augment(t)) matched++;
    }
    if (matched < items.length)
      throw new InfeasiblePlacementError({ kind: 'spread-group', group: g, items, bins: matched });
  }
}
