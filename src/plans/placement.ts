/**
 * What every placement planner shares: the problem a placement algorithm takes (services as
 * items, targets as labels, candidate target indices per service), the way back from the
 * algorithm's assignment to a distribution (keeping each chosen candidate's container), the typed
 * result every planner returns, and the one way a bound and its gap are written.
 */
import { ModelError, formatPath } from '../../models/errors.js';
import type { DistributionModel, Mapping, ServicesModel, Value } from '../../models/types.js';
import { emptyRecord } from '../../models/records.js';

/** Names of the files the models came from, for messages (what the user typed). */
export interface ModelSources {
  services?: string;
  infrastructure?: string;
  distribution?: string;
}

export interface PlacementProblem {
  /** The services to place (items), in this order. */
  services: string[];
  /** The targets (labels), in this order. */
  targets: string[];
  targetIndex: ReadonlyMap<string, number>;
  /** Candidate target indices per service, in priority order, without repeats. */
  candidates: number[][];
  /** The candidate mappings per service, as the distribution gives them (containers included). */
  mappings: Mapping[][];
}

/**
 * The problem of placing `services` on `targets`: candidates from `distribution` (targets outside
 * `targets` are dropped), or every target for a service the distribution does not restrict.
 */
export function placementProblem(
  services: readonly string[],
  targets: readonly string[],
  distribution?: DistributionModel,
): PlacementProblem {
  const targetIndex = new Map(targets.map((t, i) => [t, i]));
  const everyTarget = targets.map((_, i) => i);
  const candidates: number[][] = [];
  const mappings: Mapping[][] = [];
  for (const service of services) {
    const listed = distribution?.[service];
    if (!listed) {
      candidates.push(everyTarget);
      mappings.push(targets.map((target) => ({ target })));
      continue;
    }
    // In order, without repeats (lists are short: no Set per service).
    const seen: number[] = [];
    for (const mapping of listed) {
      const index = targetIndex.get(mapping.target);
      if (index !== undefined && !seen.includes(index)) seen.push(index);
    }
    candidates.push(seen);
    mappings.push(listed);
  }
  return { services: [...services], targets: [...targets], targetIndex, candidates, mappings };
}

/** Every target that is some service's candidate, in name order. */
export function candidateTargets(
  distribution: DistributionModel,
  compare: (a: string, b: string) => number,
): string[] {
  const targets = new Set<string>();
  for (const service in distribution)
    for (const mapping of distribution[service]) targets.add(mapping.target);
  return [...targets].sort(compare);
}

/**
 * Dependency links (`dependsOn`, then `connectsTo`) between the problem's services, one per
 * entry, as index pairs; links to services outside the problem are left out.
 */
export function placementLinks(problem: PlacementProblem, services: ServicesModel): [number, number][] {
  const index = new Map(problem.services.map((s, i) => [s, i]));
  const links: [number, number][] = [];
  problem.services.forEach((service, i) => {
    const { dependsOn = [], connectsTo = [] } = services[service] ?? {};
    for (const list of [dependsOn, connectsTo]) {
      for (const dependency of list) {
        const j = index.get(dependency);
        if (j !== undefined) links.push([i, j]);
      }
    }
  });
  return links;
}

/**
 * The distribution of an assignment (`assignment[i]` = target index of service i): each service on
 * its chosen target, with the container of the candidate mapping that names it.
 */
export function toDistribution(problem: PlacementProblem, assignment: ArrayLike<number>): DistributionModel {
  const placed: DistributionModel = emptyRecord();
  problem.services.forEach((service, i) => {
    const target = problem.targets[assignment[i]];
    placed[service] = [problem.mappings[i].find((m) => m.target === target) ?? { target }];
  });
  return placed;
}

/** What every placement planner returns. */
export interface PlacementResult {
  distribution: DistributionModel;
  /** The value the planner minimises (crossing links, targets used, cost...). */
  objective: number;
  /** A proven lower bound on the objective (0 when none is known). */
  lowerBound: number;
  /** Where the bound comes from (`LP relaxation`, `clique of 3`...), `''` when it needs no name. */
  boundKind: string;
  /** The objective is proven optimal. */
  optimal: boolean;
  /** The algorithm that produced the plan. */
  method: string;
  /** Remarks for the user (a time limit reached...). */
  notes: string[];
  /** Sizes and outcomes for reports: services, targets, links, crossing links... */
  counts: Record<string, number>;
  /** The one line the command prints on standard error. */
  summary: string;
}

export function formatNumber(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(2);
}

/** `gap 1.6 %` of a value above its bound (relative to the bound), or `optimal` when it meets it. */
export function gapText(value: number, bound: number, optimal = false): string {
  if (optimal || value <= bound) return 'optimal';
  return bound > 0 ? `gap ${gapPercent(value, bound).toFixed(1)} %` : 'gap unknown';
}

/** How far `value` is above `bound`, in percent of the bound: 0 when met, Infinity without a bound. */
export function gapPercent(value: number, bound: number): number {
  if (value <= bound) return 0;
  return bound > 0 ? (100 * (value - bound)) / bound : Infinity;
}

/** `lower bound 1139 (gap 1.6 %)`, `(optimal)` when the bound is met; `kind` says where it comes from. */
export function boundText(value: number, bound: number, optimal = false, kind = ''): string {
  return `lower bound ${formatNumber(bound)} (${kind ? `${kind}; ` : ''}${gapText(value, bound, optimal)})`;
}

/**
 * A numeric property (demand, capacity, cost): numbers as they are, numeric strings parsed (dydisnix
 * kept numbers as strings), no value for a missing, list or attribute-set property (the original
 * skipped those), and an error naming the file and field for anything else.
 */
export function numericProperty(
  value: Value | undefined,
  file: string,
  path: PropertyKey[],
): number | undefined {
  if (value === undefined || value === null || typeof value === 'object') return undefined;
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value)))
    return Number(value);
  throw new ModelError(file, formatPath(path), `expected a number, got ${JSON.stringify(value)}`);
}

export const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
