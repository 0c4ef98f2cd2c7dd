/**
 * From raw structures of the right shape to the typed models of types.ts, with the cross-model
 * checks (names match keys, references resolve, targets exist), and the hand-written shape checks
 * that let a well-formed model skip its zod schema. zod is the largest module dyplan loads and
 * rebuilding 10,000 services through it costs more than the plan: the loader checks the shape
 * here, and only a model that fails the quick check goes through the schema (normalize.ts), whose
 * message names the file, the field and what was expected. A quick check accepts nothing its
 * schema would reject (test/models/quick-check.test.ts compares them).
 */
import { sortedKeys } from './compare.js';
import { ModelError, formatPath } from './errors.js';
import { emptyRecord, hasKey, isPlainObject, toRecords } from './records.js';
import type {
  DistributionModel,
  InfrastructureModel,
  Mapping,
  ServicesModel,
  Target,
  Value,
} from './types.js';

/** What the services schema accepts for one service. */
export interface ServiceInput {
  name?: string;
  type?: string;
  dependsOn?: string[];
  connectsTo?: string[];
  group?: string;
  description?: string;
  providesContainer?: string;
  providesContainers?: Record<string, Record<string, unknown>>;
  [attr: string]: unknown;
}

/** What the infrastructure schema accepts for one target. */
export interface TargetInput {
  properties?: Record<string, unknown>;
  containers?: Record<string, Record<string, unknown>>;
  targetProperty?: string;
  system?: string;
  numOfCores?: number;
  clientInterface?: string;
  [attr: string]: unknown;
}

export type MappingInput = string | { target: string; container?: string };
export type DistributionInput = Record<string, MappingInput[] | { targets: MappingInput[] }>;

// zod's z.object takes any non-null, non-list object; the records take plain ones only.
const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const optionalString = (record: Record<string, unknown>, attr: string) =>
  !hasKey(record, attr) || record[attr] === undefined || typeof record[attr] === 'string';

function isStringList(v: unknown): v is string[] {
  if (!Array.isArray(v)) return false;
  for (let i = 0; i < v.length; i++) if (typeof v[i] !== 'string') return false;
  return true;
}

function optionalStringList(record: Record<string, unknown>, attr: string): boolean {
  return !hasKey(record, attr) || record[attr] === undefined || isStringList(record[attr]);
}

/** An attribute set of attribute sets (containers, providesContainers), or absent. */
function optionalTables(record: Record<string, unknown>, attr: string): boolean {
  if (!hasKey(record, attr) || record[attr] === undefined) return true;
  const tables = record[attr];
  if (!isPlainObject(tables)) return false;
  for (const key of Object.keys(tables)) if (!isPlainObject(tables[key])) return false;
  return true;
}

/** Whether `raw` is a services model the services schema accepts (false: ask the schema why not). */
export function isPlainServices(raw: unknown): raw is Record<string, ServiceInput> {
  if (!isPlainObject(raw)) return false;
  for (const key of Object.keys(raw)) {
    const s = raw[key];
    if (!isObject(s)) return false;
    if (
      !optionalString(s, 'name') ||
      !optionalString(s, 'type') ||
      !optionalStringList(s, 'dependsOn') ||
      !optionalStringList(s, 'connectsTo') ||
      !optionalString(s, 'group') ||
      !optionalString(s, 'description') ||
      !optionalString(s, 'providesContainer') ||
      !optionalTables(s, 'providesContainers')
    )
      return false;
  }
  return true;
}

/** Whether `raw` is an infrastructure model the infrastructure schema accepts. */
export function isPlainInfrastructure(raw: unknown): raw is Record<string, TargetInput> {
  if (!isPlainObject(raw)) return false;
  for (const key of Object.keys(raw)) {
    const t = raw[key];
    if (!isObject(t)) return false;
    if (hasKey(t, 'properties') && t.properties !== undefined && !isPlainObject(t.properties)) return false;
    if (hasKey(t, 'numOfCores') && t.numOfCores !== undefined && !Number.isSafeInteger(t.numOfCores))
      return false;
    if (
      !optionalTables(t, 'containers') ||
      !optionalString(t, 'targetProperty') ||
      !optionalString(t, 'system') ||
      !optionalString(t, 'clientInterface')
    )
      return false;
  }
  return true;
}

/** `{ service: [ "t" | { target; container? } ] }` exactly as the distribution schema accepts it. */
export function isPlainDistribution(raw: unknown): raw is Record<string, MappingInput[]> {
  if (!isPlainObject(raw)) return false;
  for (const key of Object.keys(raw)) {
    const list = raw[key];
    if (!Array.isArray(list)) return false;
    for (let i = 0; i < list.length; i++) {
      const m: unknown = list[i];
      if (typeof m === 'string') continue;
      if (!isObject(m) || typeof m.target !== 'string') return false;
      const keys = Object.keys(m);
      if (keys.length > 2 || (keys.length === 2 && typeof m.container !== 'string')) return false;
      if (keys.length === 2 && !Object.hasOwn(m, 'container')) return false;
    }
  }
  return true;
}

const STRUCTURAL = new Set(['dependsOn', 'connectsTo']);

const isPrimitive = (v: unknown) => v === null || typeof v !== 'object';

/**
 * The properties (every attribute but the structural lists) of the usual service, copied into a
 * prototype-free record without `toRecords`' bookkeeping: attributes that are primitives or lists
 * of primitives, no list held twice (a YAML alias: toRecords keeps such a list shared).
 * Undefined for any other service.
 */
function quickProperties(service: ServiceInput): Record<string, Value> | undefined {
  const properties = emptyRecord<Value>();
  let lists: unknown[] | undefined;
  for (const attr of Object.keys(service)) {
    const v = service[attr];
    if (isPrimitive(v)) {
      if (!STRUCTURAL.has(attr)) properties[attr] = v as Value;
    } else if (Array.isArray(v) && v.every(isPrimitive) && !lists?.includes(v)) {
      (lists ??= []).push(v);
      if (!STRUCTURAL.has(attr)) properties[attr] = v.slice() as Value[];
    } else return undefined;
  }
  return properties;
}

/** The services model of a raw model the services schema accepted. */
export function assembleServices(parsed: Record<string, ServiceInput>, file: string): ServicesModel {
  const services: ServicesModel = emptyRecord();
  for (const key of sortedKeys(parsed)) {
    const raw = parsed[key];
    let properties = quickProperties(raw);
    const structural: Partial<Record<'dependsOn' | 'connectsTo', string[]>> = {};
    if (properties) {
      for (const attr of STRUCTURAL)
        if (hasKey(raw, attr) && raw[attr] !== undefined) structural[attr as 'dependsOn'] = (raw[attr] as string[]).slice();
    } else {
      // The raw service, copied into prototype-free records (a property may be named __proto__).
      const s = toRecords(raw);
      properties = emptyRecord();
      for (const attr of Object.keys(s)) {
        if (STRUCTURAL.has(attr)) {
          if (s[attr] !== undefined) structural[attr as 'dependsOn'] = s[attr] as string[];
        } else properties[attr] = s[attr] as Value;
      }
    }
    const own = <T>(attr: string): T | undefined =>
      hasKey(properties, attr) ? (properties[attr] as T) : undefined;
    const name = own<string>('name') ?? key;
    if (name !== key) {
      throw new ModelError(
        file,
        formatPath([key, 'name']),
        `expected ${JSON.stringify(key)} (a service is named after its attribute), got ${JSON.stringify(name)}`,
      );
    }
    services[key] = {
      name,
      type: own<string>('type'),
      dependsOn: structural.dependsOn ?? [],
      connectsTo: structural.connectsTo ?? [],
      group: own<string>('group') ?? '',
      description: own<string>('description'),
      providesContainer: own<string>('providesContainer'),
      providesContainers: own<Record<string, Record<string, Value>>>('providesContainers'),
      properties,
    };
    properties.name = name;
  }
  for (const key of Object.keys(services)) {
    const service = services[key];
    for (const attr of ['dependsOn', 'connectsTo'] as const) {
      const list = service[attr];
      for (let i = 0; i < list.length; i++) {
        if (!hasKey(services, list[i])) {
          throw new ModelError(
            file,
            formatPath([key, attr, i]),
            `no service named ${JSON.stringify(list[i])} in this model`,
          );
        }
      }
    }
  }
  return services;
}

/** The infrastructure model of a raw model the infrastructure schema accepted. */
export function assembleInfrastructure(parsed: Record<string, TargetInput>): InfrastructureModel {
  const targets: InfrastructureModel = emptyRecord();
  for (const name of sortedKeys(parsed)) {
    const t = toRecords(parsed[name]);
    const own = <K extends keyof TargetInput>(attr: K): TargetInput[K] | undefined =>
      hasKey(t, attr as string) ? t[attr] : undefined;
    const targetProperty = own('targetProperty');
    const system = own('system');
    const numOfCores = own('numOfCores');
    const clientInterface = own('clientInterface');
    const target: Target = {
      name,
      properties: (own('properties') ?? emptyRecord()) as Record<string, Value>,
      containers: (own('containers') ?? emptyRecord()) as Record<string, Record<string, Value>>,
      ...(targetProperty !== undefined && { targetProperty }),
      ...(system !== undefined && { system }),
      ...(numOfCores !== undefined && { numOfCores }),
      ...(clientInterface !== undefined && { clientInterface }),
    };
    targets[name] = target;
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
export function checkUnresolvedTargets(raw: unknown, file: string): void {
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

export interface DistributionContext {
  services?: { model: ServicesModel; file: string };
  infrastructure?: { model: InfrastructureModel; file: string };
}

/** The distribution model of a raw model the distribution schema accepted (markers checked before). */
export function assembleDistribution(
  parsed: DistributionInput,
  file: string,
  context: DistributionContext = {},
): DistributionModel {
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
