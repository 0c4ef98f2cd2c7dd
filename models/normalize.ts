/**
 * From raw structures to the typed models of types.ts, validated by their zod schemas (schemas.ts)
 * where the quick checks of assemble.ts do not already show them well-formed, with the cross-model
 * checks (names match keys, references resolve, targets exist). Errors name the file and the field.
 */
import { compareNames, sortedKeys } from './compare.js';
import type { z } from 'zod';
import { ModelError, describeType, formatPath } from './errors.js';
import { emptyRecord, hasKey, toRecords } from './records.js';
import {
  assembleDistribution,
  assembleInfrastructure,
  assembleServices,
  checkUnresolvedTargets,
  isPlainDistribution,
  isPlainInfrastructure,
  isPlainServices,
  type DistributionContext,
  type DistributionInput,
  type ServiceInput,
  type TargetInput,
} from './assemble.js';
import type {
  DistributionModel,
  DocsConfig,
  IdRange,
  IdResource,
  IdResourcesModel,
  IdsModel,
  InfrastructureModel,
  ServicesModel,
} from './types.js';
import {
  distributionSchema,
  docsSchema,
  idResourcesSchema,
  idsSchema,
  infrastructureSchema,
  parseModel,
  servicesSchema,
} from './schemas.js';

export type { DistributionContext } from './assemble.js';
export { sharedAddresses } from './assemble.js';

// Each normaliser takes a quick hand-written check first (models/assemble.ts) and asks its zod
// schema only when that fails, for the schema's precise message; the model is assembled from the
// raw value either way (zod drops a property named __proto__ from its copies).

export function normalizeServices(raw: unknown, file: string): ServicesModel {
  if (!isPlainServices(raw)) parseModel(servicesSchema, raw, file);
  return assembleServices(raw as Record<string, ServiceInput>, file);
}

export function normalizeInfrastructure(raw: unknown, file: string): InfrastructureModel {
  if (!isPlainInfrastructure(raw)) parseModel(infrastructureSchema, raw, file);
  return assembleInfrastructure(raw as Record<string, TargetInput>);
}

export function normalizeDistribution(
  raw: unknown,
  file: string,
  context: DistributionContext = {},
): DistributionModel {
  checkUnresolvedTargets(raw, file);
  const parsed: DistributionInput = isPlainDistribution(raw) ? raw : parseModel(distributionSchema, raw, file);
  return assembleDistribution(parsed, file, context);
}

/** Null-prototype records for tables keyed by user names (any string is a name). */
function dict<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}

/** IDs and `{ min; max; }` ranges as sorted, disjoint ranges; a range with max < min is an error. */
function idRanges(
  list: readonly (number | { min: number; max: number })[],
  file: string,
  path: PropertyKey[],
): IdRange[] {
  const ranges = list.map((item, i) => {
    if (typeof item === 'number') return { min: item, max: item };
    if (item.max < item.min)
      throw new ModelError(
        file,
        formatPath([...path, i, 'max']),
        `expected an integer >= min (${item.min}), got ${describeType(item.max)}`,
      );
    return { min: item.min, max: item.max };
  });
  ranges.sort((a, b) => a.min - b.min || a.max - b.max);
  const merged: IdRange[] = [];
  for (const r of ranges) {
    const top = merged[merged.length - 1];
    if (top && r.min <= top.max + 1) top.max = Math.max(top.max, r.max);
    else merged.push(r);
  }
  return merged;
}

export function normalizeIdResources(raw: unknown, file: string): IdResourcesModel {
  const parsed: z.output<typeof idResourcesSchema> = parseModel(idResourcesSchema, raw, file);
  const resources: IdResourcesModel = dict();
  for (const name of sortedKeys(parsed)) {
    const r = parsed[name];
    const min = r.min ?? 0;
    if (r.max < min) {
      throw new ModelError(
        file,
        formatPath([name, 'max']),
        `expected an integer >= min (${min}), got ${describeType(r.max)}`,
      );
    }
    const resource: IdResource = {
      min,
      max: r.max,
      scope: r.scope === 'machine' ? 'machine' : 'global',
      step: r.step || 1,
    };
    if (r.reserved && r.reserved.length > 0)
      resource.reserved = idRanges(r.reserved, file, [name, 'reserved']);
    if (r.noReuse) resource.noReuse = true;
    resources[name] = resource;
  }
  return resources;
}

function copyTables<T, U>(
  tables: Record<string, Record<string, T>>,
  convert: (value: T, path: PropertyKey[]) => U,
  path: PropertyKey[],
): Record<string, Record<string, U>> {
  const out = dict<Record<string, U>>();
  for (const outer of Object.keys(tables)) {
    const inner = dict<U>();
    for (const key of Object.keys(tables[outer]))
      inner[key] = convert(tables[outer][key], [...path, outer, key]);
    out[outer] = inner;
  }
  return out;
}

export function normalizeIds(raw: unknown, file: string): IdsModel {
  const parsed: z.output<typeof idsSchema> = parseModel(idsSchema, raw, file);
  const same = <T>(value: T) => value;
  const ids: IdsModel = {
    ids: copyTables(parsed.ids ?? {}, same, ['ids']),
    lastAssignments: Object.assign(dict<number>(), parsed.lastAssignments ?? {}),
    lastAssignmentsPerTarget: copyTables(parsed.lastAssignmentsPerTarget ?? {}, same, [
      'lastAssignmentsPerTarget',
    ]),
  };
  if (parsed.idTargets)
    ids.idTargets = copyTables(parsed.idTargets, (targets) => [...new Set(targets)].sort(compareNames), [
      'idTargets',
    ]);
  if (parsed.retiredIds) {
    const retired = dict<IdRange[]>();
    for (const resource of Object.keys(parsed.retiredIds))
      retired[resource] = idRanges(parsed.retiredIds[resource], file, ['retiredIds', resource]);
    ids.retiredIds = retired;
  }
  if (parsed.retiredIdsPerTarget)
    ids.retiredIdsPerTarget = copyTables(
      parsed.retiredIdsPerTarget,
      (list, path) => idRanges(list, file, path),
      ['retiredIdsPerTarget'],
    );
  return ids;
}

export function normalizeDocs(raw: unknown, file: string): DocsConfig {
  const parsed: z.output<typeof docsSchema> = parseModel(docsSchema, raw, file);
  const own = <K extends keyof typeof parsed>(attr: K) => (hasKey(parsed, attr as string) ? parsed[attr] : undefined);
  return {
    groups: toRecords(own('groups') ?? emptyRecord()),
    fields: own('fields') ?? [],
    descriptions: toRecords(own('descriptions') ?? emptyRecord()),
  };
}
