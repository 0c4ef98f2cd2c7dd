/**
 * From validated raw structures to the typed models of types.ts, with the cross-model checks
 * (names match keys, references resolve, targets exist). Errors name the file and the field.
 */
import type { z } from 'zod';
import { compareNames, sortedKeys } from './compare.js';
import { ModelError, describeType, formatPath } from './errors.js';
import { emptyRecord, hasKey, toRecords } from './records.js';
import type {
  DistributionModel,
  DocsConfig,
  IdRange,
  IdResource,
  IdResourcesModel,
  IdsModel,
  InfrastructureModel,
  Mapping,
  ServicesModel,
  Value,
} from './types.js';
import {
  distributionSchema,
  docsSchema,
  idResourcesSchema,
  idsSchema,
  infrastructureSchema,
  parseModel,
  serviceSchema,
  servicesSchema,
  targetSchema,
} from './schemas.js';

const STRUCTURAL = new Set(['dependsOn', 'connectsTo']);

export function normalizeServices(raw: unknown, file: string): ServicesModel {
  const parsed: z.output<typeof servicesSchema> = parseModel(servicesSchema, raw, file);
  const services: ServicesModel = emptyRecord();
  for (const key of sortedKeys(parsed)) {
    // The raw service, not zod's copy: zod drops a property named __proto__.
    const s = toRecords(parsed[key]) as z.output<typeof serviceSchema> & Record<string, unknown>;
    const name = hasKey(s, 'name') && s.name !== undefined ? s.name : key;
    if (name !== key) {
      throw new ModelError(
        file,
        formatPath([key, 'name']),
        `expected ${JSON.stringify(key)} (a service is named after its attribute), got ${JSON.stringify(name)}`,
      );
    }
    const properties: Record<string, Value> = emptyRecord();
    for (const attr of Object.keys(s)) {
      if (!STRUCTURAL.has(attr)) properties[attr] = s[attr] as Value;
    }
    properties.name = name;
    const own = <T>(attr: string): T | undefined => (hasKey(s, attr) ? (s[attr] as T) : undefined);
    services[key] = {
      name,
      type: own<string>('type'),
      dependsOn: own<string[]>('dependsOn') ?? [],
      connectsTo: own<string[]>('connectsTo') ?? [],
      group: own<string>('group') ?? '',
      description: own<string>('description'),
      providesContainer: own<string>('providesContainer'),
      providesContainers: own<Record<string, Record<string, Value>>>('providesContainers'),
      properties,
    };
  }
  for (const key of Object.keys(services)) {
    for (const attr of ['dependsOn', 'connectsTo'] as const) {
      services[key][attr].forEach((dep, i) => {
        if (!hasKey(services, dep)) {
          throw new ModelError(
            file,
            formatPath([key, attr, i]),
            `no service named ${JSON.stringify(dep)} in this model`,
          );
        }
      });
    }
  }
  return services;
}

export function normalizeInfrastructure(raw: unknown, file: string): InfrastructureModel {
  const parsed: z.output<typeof infrastructureSchema> = parseModel(infrastructureSchema, raw, file);
  const targets: InfrastructureModel = emptyRecord();
  for (const name of sortedKeys(parsed)) {
    const t = toRecords(parsed[name]) as z.output<typeof targetSchema>;
    const own = <K extends keyof typeof t>(attr: K): (typeof t)[K] | undefined => (hasKey(t, attr as string) ? t[attr] : undefined);
    const targetProperty = own('targetProperty');
    const system = own('system');
    const numOfCores = own('numOfCores');
    const clientInterface = own('clientInterface');
    targets[name] = {
      name,
      properties: (own('properties') ?? emptyRecord()) as Record<string, Value>,
      containers: (own('containers') ?? emptyRecord()) as Record<string, Record<string, Value>>,
      ...(targetProperty !== undefined && { targetProperty }),
      ...(system !== undefined && { system }),
      ...(numOfCores !== undefined && { numOfCores }),
      ...(clientInterface !== undefined && { clientInterface }),
    };
  }
  return targets;
}

function isMarker(value: unknown): boolean {
  return (
    value !== null &&
    typeof value === 'object' &&
    (Object.hasOwn(value, '__unresolvedTarget') || Object.hasOwn(value, '__invalidTarget'))
  );
}

/** Reports the markers the Nix evaluator leaves for distribution targets it could not resolve. */
function checkUnresolvedTargets(raw: unknown, file: string): void {
  if (raw === null || typeof raw !== 'object') return;
  for (const service of Object.keys(raw)) {
    const entry = (raw as Record<string, unknown>)[service];
    if (!Array.isArray(entry)) continue;
    entry.forEach((mapping, i) => {
      // The marker stands for the mapping itself (`[ infrastructure.x ]`) or for its target.
      const target = isMarker(mapping)
        ? mapping
        : mapping !== null && typeof mapping === 'object'
          ? (mapping as Record<string, unknown>).target
          : undefined;
      if (isMarker(target)) {
        const marker = target as Record<string, unknown>;
        const detail =
          Object.hasOwn(marker, '__invalidTarget')
            ? `expected a target of the infrastructure, got ${String(marker.__invalidTarget)}`
            : marker.__unresolvedTarget === ''
              ? `the target has no properties.${String(marker.__property)}, so it cannot be mapped to an infrastructure target`
              : `no target in the infrastructure has properties.${String(marker.__property)} = ${JSON.stringify(marker.__unresolvedTarget)}`;
        throw new ModelError(file, formatPath([service, i]), detail);
      }
    });
  }
}

/** `{ service: [ "t" | { target; container? } ] }` exactly as the schema accepts it. */
function isPlainDistribution(raw: unknown): raw is Record<string, (string | { target: string; container?: string })[]> {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return false;
  for (const key of Object.keys(raw)) {
    const list = (raw as Record<string, unknown>)[key];
    if (!Array.isArray(list)) return false;
    for (const m of list) {
      if (typeof m === 'string') continue;
      if (m === null || typeof m !== 'object' || typeof m.target !== 'string') return false;
      const keys = Object.keys(m);
      if (keys.length > 2 || (keys.length === 2 && typeof m.container !== 'string')) return false;
      if (keys.length === 2 && !Object.hasOwn(m, 'container')) return false;
    }
  }
  return true;
}

export interface DistributionContext {
  services?: { model: ServicesModel; file: string };
  infrastructure?: { model: InfrastructureModel; file: string };
}

export function normalizeDistribution(
  raw: unknown,
  file: string,
  context: DistributionContext = {},
): DistributionModel {
  checkUnresolvedTargets(raw, file);
  // Large candidate distributions (QoS steps pass 100,000s of mappings) are checked by hand; the
  // schema runs when the quick check fails, for its precise message.
  const parsed: z.output<typeof distributionSchema> = isPlainDistribution(raw)
    ? raw
    : parseModel(distributionSchema, raw, file);
  const distribution: DistributionModel = emptyRecord();
  for (const service of sortedKeys(parsed)) {
    if (context.services && !hasKey(context.services.model, service)) {
      throw new ModelError(
        file,
        formatPath([service]),
        `no service named ${JSON.stringify(service)} in ${context.services.file}`,
      );
    }
    const entry = parsed[service];
    const list = Array.isArray(entry) ? entry : entry.targets;
    const path: PropertyKey[] = Array.isArray(entry) ? [service] : [service, 'targets'];
    distribution[service] = list.map((m, i): Mapping => {
      const mapping: Mapping =
        typeof m === 'string'
          ? { target: m }
          : m.container === undefined
            ? { target: m.target }
            : { target: m.target, container: m.container };
      if (context.infrastructure && !hasKey(context.infrastructure.model, mapping.target)) {
        throw new ModelError(
          file,
          formatPath([...path, i]),
          `no target named ${JSON.stringify(mapping.target)} in ${context.infrastructure.file}`,
        );
      }
      return mapping;
    });
  }
  return distribution;
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

/**
 * Groups of targets that share the value of their target property (`properties.hostname` unless the
 * target or the caller names another): Disnix reaches both through one address. One line each.
 */
export function sharedAddresses(infrastructure: InfrastructureModel, defaultProperty: string): string[] {
  const byProperty = new Map<string, Map<string, string[]>>();
  for (const name of sortedKeys(infrastructure)) {
    const target = infrastructure[name];
    const property = target.targetProperty ?? defaultProperty;
    if (!Object.hasOwn(target.properties, property)) continue;
    const value = target.properties[property];
    if (typeof value !== 'string' && typeof value !== 'number') continue;
    let byValue = byProperty.get(property);
    if (!byValue) byProperty.set(property, (byValue = new Map()));
    const group = byValue.get(String(value));
    if (group) group.push(name);
    else byValue.set(String(value), [name]);
  }
  const lines: string[] = [];
  for (const [property, byValue] of byProperty) {
    for (const [value, names] of byValue) {
      if (names.length < 2) continue;
      const listed = names.map((n) => JSON.stringify(n));
      const who = `${listed.slice(0, -1).join(', ')} and ${listed[listed.length - 1]}`;
      lines.push(
        `targets ${who} share properties.${formatPath([property])} = ${JSON.stringify(value)} (Disnix reaches them as one machine)`,
      );
    }
  }
  return lines;
}
