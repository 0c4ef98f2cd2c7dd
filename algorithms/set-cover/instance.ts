/**
 * Weighted set cover instances: validation, compact two-way incidence (set -> elements and
 * element -> sets, CSR on typed arrays) and the typed error for an element no set covers.
 *
 * Problem (Karp 1972; greedy analysis Chvátal 1979): choose sets of minimum total cost whose union
 * is every element. The original dydisnix minsetcover looped forever on an uncoverable element
 * (docs/compatibility.md bug 5); here it is an {@link UncoverableElementError} naming the element.
 */
import { AlgorithmError } from '../support/index.js';

export interface WeightedSet {
  /** Element indices (0..elementCount-1); duplicates are ignored. */
  readonly members: readonly number[];
  /** Non-negative finite cost. */
  readonly cost: number;
}

export interface SetCoverProblem {
  /** Elements are 0..elementCount-1. */
  readonly elementCount: number;
  /** Element names for messages (default: the index). */
  readonly elementNames?: readonly string[];
  readonly sets: readonly WeightedSet[];
}

export class SetCoverError extends AlgorithmError {
  override name = 'SetCoverError';
}

/** No set contains this element, so no cover exists. */
export class UncoverableElementError extends SetCoverError {
  override name = 'UncoverableElementError';
  constructor(
    readonly element: number,
    readonly elementName: string,
  ) {
    super(`element ${JSON.stringify(elementName)} is in no set: it cannot be covered`);
  }
}

/** Validated instance with both incidence directions. */
export interface CoverInstance {
  readonly elementCount: number;
  readonly setCount: number;
  readonly cost: Float64Array;
  /** Members of set j: setElems[setStart[j] .. setStart[j+1]) (de-duplicated, ascending). */
  readonly setStart: Int32Array;
  readonly setElems: Int32Array;
  /** Sets containing element i: elemSets[elemStart[i] .. elemStart[i+1]) (ascending). */
  readonly elemStart: Int32Array;
  readonly elemSets: Int32Array;
  /** True when every cost is an integer (lower bounds can then be rounded up). */
  readonly integralCosts: boolean;
}

/**
 * Validates and indexes a problem. Throws RangeError for bad indices/costs and
 * {@link UncoverableElementError} for the lowest-indexed element that no set contains.
 */
export function buildCoverInstance(problem: SetCoverProblem): CoverInstance {
  const { elementCount, sets, elementNames } = problem;
  if (!Number.isInteger(elementCount) || elementCount < 0)
    throw new RangeError(`invalid element count ${elementCount}`);
  if (elementNames !== undefined && elementNames.length !== elementCount) {
    throw new RangeError(`${elementNames.length} element names given for ${elementCount} elements`);
  }
  const setCount = sets.length;
  const cost = new Float64Array(setCount);
  const setStart = new Int32Array(setCount + 1);
  const elems: number[] = [];
  const stamp = new Int32Array(elementCount);
  const elemDegree = new Int32Array(elementCount);
  let integralCosts = true;
  for (let j = 0; j < setCount; j++) {
    const { members, cost: c } = sets[j];
    if (!Number.isFinite(c) || c < 0) throw new RangeError(`set ${j} has invalid cost ${c}`);
    if (!Number.isInteger(c)) integralCosts = false;
    cost[j] = c;
    setStart[j] = elems.length;
    const own: number[] = [];
    for (const e of members) {
      if (!Number.isInteger(e) || e < 0 || e >= elementCount) {
        throw new RangeError(`set ${j} has element ${e} outside [0, ${elementCount})`);
      }
      if (stamp[e] === j + 1) continue;
      stamp[e] = j + 1;
      own.push(e);
      elemDegree[e]++;
    }
    own.sort((a, b) => a - b);
    for (const e of own) elems.push(e);
  }
  setStart[setCount] = elems.length;
  const setElems = Int32Array.from(elems);
  const elemStart = new Int32Array(elementCount + 1);
  for (let i = 0; i < elementCount; i++) {
    if (elemDegree[i] === 0)
      throw new UncoverableElementError(i, elementNames !== undefined ? elementNames[i] : String(i));
    elemStart[i + 1] = elemStart[i] + elemDegree[i];
  }
  const fill = elemStart.slice(0, elementCount);
  const elemSets = new Int32Array(setElems.length);
  for (let j = 0; j < setCount; j++) {
    for (let k = setStart[j]; k < setStart[j + 1]; k++) elemSets[fill[setElems[k]]++] = j;
  }
  return { elementCount, setCount, cost, setStart, setElems, elemStart, elemSets, integralCosts };
}

/** Total cost of the chosen sets. */
export function coverCost(inst: CoverInstance, chosen: readonly number[]): number {
  let total = 0;
  for (const j of chosen) total += inst.cost[j];
  return total;
}

/** True iff the chosen sets cover every element. */
export function isCover(inst: CoverInstance, chosen: readonly number[]): boolean {
  const covered = new Uint8Array(inst.elementCount);
  let count = 0;
  for (const j of chosen) {
    for (let k = inst.setStart[j]; k < inst.setStart[j + 1]; k++) {
      const e = inst.setElems[k];
      if (covered[e] === 0) {
        covered[e] = 1;
        count++;
      }
    }
  }
  return count === inst.elementCount;
}

/** assignment[i] = the lowest-indexed chosen set containing element i (-1 if none). */
export function assignElements(inst: CoverInstance, chosen: readonly number[]): number[] {
  const assignment = new Array<number>(inst.elementCount).fill(-1);
  const sorted = [...chosen].sort((a, b) => a - b);
  for (const j of sorted) {
    for (let k = inst.setStart[j]; k < inst.setStart[j + 1]; k++) {
      const e = inst.setElems[k];
      if (assignment[e] < 0) assignment[e] = j;
    }
  }
  return assignment;
}

/**
 * The sub-instance made of the given sets only (`sets[k]` becomes set k). Every element must be in
 * at least one of them (not checked: the caller guarantees it).
 */
export function restrictInstance(inst: CoverInstance, sets: ArrayLike<number>): CoverInstance {
  const count = sets.length;
  const cost = new Float64Array(count);
  const setStart = new Int32Array(count + 1);
  let nnz = 0;
  for (let k = 0; k < count; k++) nnz += inst.setStart[sets[k] + 1] - inst.setStart[sets[k]];
  const setElems = new Int32Array(nnz);
  const elemDegree = new Int32Array(inst.elementCount + 1);
  let p = 0;
  for (let k = 0; k < count; k++) {
    const j = sets[k];
    cost[k] = inst.cost[j];
    setStart[k] = p;
    for (let t = inst.setStart[j]; t < inst.setStart[j + 1]; t++) {
      setElems[p++] = inst.setElems[t];
      elemDegree[inst.setElems[t] + 1]++;
    }
  }
  setStart[count] = p;
  const elemStart = new Int32Array(inst.elementCount + 1);
  for (let i = 0; i < inst.elementCount; i++) elemStart[i + 1] = elemStart[i] + elemDegree[i + 1];
  const fill = elemStart.slice(0, inst.elementCount);
  const elemSets = new Int32Array(nnz);
  for (let k = 0; k < count; k++) {
    for (let t = setStart[k]; t < setStart[k + 1]; t++) elemSets[fill[setElems[t]]++] = k;
  }
  return {
    elementCount: inst.elementCount,
    setCount: count,
    cost,
    setStart,
    setElems,
    elemStart,
    elemSets,
    integralCosts: inst.integralCosts,
  };
}
