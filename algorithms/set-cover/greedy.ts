/**
 * Greedy set cover and redundant-set removal.
 *
 * Plain greedy: Chvátal, "A greedy heuristic for the set-covering problem" (Math. of OR 4(3),
 * 1979): repeatedly take the set with the lowest cost per newly covered element (ties: lowest set
 * index), an H(max set size) approximation — the algorithm of the original dydisnix minsetcover
 * (docs/compatibility.md §7.4).
 *
 * Lagrangian-guided greedy: with multipliers u (one per element) the score of set j uses the
 * reduced cost g_j = c_j - sum of u_i over its still-uncovered elements and the number k_j of
 * those elements: g_j / k_j when g_j > 0, else g_j * k_j (Caprara, Fischetti & Toth, "A heuristic
 * method for the set covering problem", Operations Research 47(5), 1999). With u = 0 it is the
 * plain greedy.
 *
 * Both run in O(nnz log n) with an indexed heap over the sets (a set's score changes each time one
 * of its elements gets covered).
 */
import { IndexedHeap } from '../support/index.js';
import type { CoverInstance } from './instance.js';

/** Returns the chosen sets in selection order. `u` = null for the plain cost-per-element greedy. */
export function greedyCover(inst: CoverInstance, u: Float64Array | null): number[] {
  const { setCount, elementCount, cost, setStart, setElems, elemStart, elemSets } = inst;
  const newly = new Int32Array(setCount);
  const reduced = new Float64Array(setCount);
  const score = new Float64Array(setCount);
  const rescore = (j: number): void => {
    const g = reduced[j];
    score[j] = g > 0 ? g / newly[j] : g * newly[j];
  };
  const heap = new IndexedHeap(setCount, (a, b) => score[a] < score[b] || (score[a] === score[b] && a < b));
  const initial: number[] = [];
  for (let j = 0; j < setCount; j++) {
    newly[j] = setStart[j + 1] - setStart[j];
    let g = cost[j];
    if (u !== null) for (let k = setStart[j]; k < setStart[j + 1]; k++) g -= u[setElems[k]];
    reduced[j] = g;
    if (newly[j] > 0) {
      rescore(j);
      initial.push(j);
    }
  }
  heap.buildFrom(initial);
  const covered = new Uint8Array(elementCount);
  let left = elementCount;
  const chosen: number[] = [];
  while (left > 0) {
    const j = heap.pop();
    if (j < 0) throw new Error('greedyCover: instance has an uncoverable element'); // excluded by buildCoverInstance
    chosen.push(j);
    for (let k = setStart[j]; k < setStart[j + 1]; k++) {
      const i = setElems[k];
      if (covered[i] === 1) continue;
      covered[i] = 1;
      left--;
      const ui = u !== null ? u[i] : 0;
      for (let t = elemStart[i]; t < elemStart[i + 1]; t++) {
        const s = elemSets[t];
        if (!heap.has(s)) continue;
        newly[s]--;
        reduced[s] += ui;
        if (newly[s] === 0) heap.remove(s);
        else {
          rescore(s);
          heap.update(s);
        }
      }
    }
  }
  return chosen;
}

/**
 * Drops sets whose every element is covered by another chosen set, most expensive first (ties:
 * highest index first, so the lower-indexed of two equal sets stays). Returns the remaining sets in
 * ascending index order; the result is a cover with no redundant set.
 */
export function removeRedundant(inst: CoverInstance, chosen: readonly number[]): number[] {
  const { cost, setStart, setElems } = inst;
  const unique = [...new Set(chosen)];
  const times = new Int32Array(inst.elementCount);
  for (const j of unique) for (let k = setStart[j]; k < setStart[j + 1]; k++) times[setElems[k]]++;
  const order = [...unique].sort((a, b) => cost[b] - cost[a] || b - a);
  const kept = new Uint8Array(inst.setCount);
  for (const j of unique) kept[j] = 1;
  for (const j of order) {
    let redundant = true;
    for (let k = setStart[j]; k < setStart[j + 1]; k++) {
      if (times[setElems[k]] < 2) {
        redundant = false;
        break;
      }
    }
    if (!redundant) continue;
    kept[j] = 0;
    for (let k = setStart[j]; k < setStart[j + 1]; k++) times[setElems[k]]--;
  }
  return unique.filter((j) => kept[j] === 1).sort((a, b) => a - b);
}
