/**
 * An independent check of a placement, from the models alone (no code shared with the search):
 * every service placed exactly once, on one of its candidate mappings, each target within its
 * capacity for every resource pair, no two services of a spread group on one target; and the
 * objective recomputed (crossing link weight plus migration costs). The benchmark and the tests
 * run every plan through it.
 */
import type { DistributionModel, ServicesModel, Value } from '../../models/types.js';
import type { PlaceModels } from './place.js';
import { readResources, resourceName, type MissingResource, type ResourcePair } from './resources.js';

export interface PlacementCheckOptions {
  resources: readonly ResourcePair[];
  missingDemand?: MissingResource;
  spreadProperty?: string;
  migrationCost?: number | { property: string };
  linkWeightProperty?: string;
}

export interface PlacementCheck {
  /** What is wrong, one line each (empty: feasible). */
  violations: string[];
  crossingLinks: number;
  crossingWeight: number;
  moved: number;
  moveCost: number;
  objective: number;
}

export function checkPlacement(
  models: PlaceModels,
  placed: DistributionModel,
  options: PlacementCheckOptions,
): PlacementCheck {
  const { services, infrastructure, distribution, previousDistribution } = models;
  const violations: string[] = [];
  const names = Object.keys(distribution ?? services);
  const toPlace = new Set(names);
  const where = new Map<string, string>();
  for (const name of names) {
    const mappings = Object.hasOwn(placed, name) ? placed[name] : undefined;
    if (!mappings || mappings.length !== 1) {
      violations.push(`${name}: placed on ${mappings?.length ?? 0} targets, not 1`);
      continue;
    }
    const [mapping] = mappings;
    if (!Object.hasOwn(infrastructure, mapping.target))
      violations.push(`${name}: unknown target ${mapping.target}`);
    if (distribution) {
      const ok = distribution[name].some(
        (m) => m.target === mapping.target && (m.container ?? null) === (mapping.container ?? null),
      );
      if (!ok) violations.push(`${name}: ${mapping.target} is not one of its candidate mappings`);
    }
    where.set(name, mapping.target);
  }
  for (const name of Object.keys(placed))
    if (!toPlace.has(name)) violations.push(`${name}: placed but not to be placed`);

  const table = readResources(models, options.resources, {
    services: names,
    targets: Object.keys(infrastructure),
    missingDemand: options.missingDemand,
  });
  table.pairs.forEach((pair, r) => {
    const used = new Map<string, number>();
    table.services.forEach((name, i) => {
      const target = where.get(name);
      if (target !== undefined) used.set(target, (used.get(target) ?? 0) + table.demand[r][i]);
    });
    table.targets.forEach((target, j) => {
      const load = used.get(target) ?? 0;
      const capacity = table.capacity[r][j];
      if (load > capacity + 1e-9 * Math.max(1, capacity))
        violations.push(`${target}: ${resourceName(pair)} uses ${load} of ${capacity}`);
    });
  });

  if (options.spreadProperty !== undefined) {
    const taken = new Map<string, string>();
    for (const name of names) {
      const value = services[name].properties[options.spreadProperty];
      if (value === undefined || value === null) continue;
      const key = JSON.stringify([String(value), where.get(name)]);
      const other = taken.get(key);
      if (other !== undefined)
        violations.push(`${name} and ${other} (spread group ${String(value)}) share ${where.get(name)}`);
      taken.set(key, name);
    }
  }

  let crossingLinks = 0;
  let crossingWeight = 0;
  for (const name of names) {
    const service = services[name];
    for (const dependency of [...service.dependsOn, ...service.connectsTo]) {
      if (!where.has(dependency) || !toPlace.has(dependency)) continue;
      if (where.get(name) === where.get(dependency)) continue;
      crossingLinks++;
      crossingWeight += linkWeight(services, name, dependency, options.linkWeightProperty);
    }
  }
  let moved = 0;
  let moveCost = 0;
  if (previousDistribution) {
    for (const name of names) {
      const before = Object.hasOwn(previousDistribution, name) ? previousDistribution[name] : [];
      if (before.length === 0 || before.some((m) => m.target === where.get(name))) continue;
      moved++;
      const cost = options.migrationCost ?? 1;
      moveCost += typeof cost === 'number' ? cost : Number(services[name].properties[cost.property] ?? 1);
    }
  }
  return { violations, crossingLinks, crossingWeight, moved, moveCost, objective: crossingWeight + moveCost };
}

function linkWeight(services: ServicesModel, from: string, to: string, property?: string): number {
  if (property === undefined) return 1;
  const weights = services[from].properties[property] as Value;
  if (weights && typeof weights === 'object' && !Array.isArray(weights) && Object.hasOwn(weights, to))
    return Number(weights[to]);
  return 1;
}
