/**
 * Models back to the evaluated structure (what `nix-instantiate --eval --json` would give), with
 * attribute sets in sorted key order. Shared by the Nix and JSON writers so both stay identical.
 */
import { sortedKeys } from './compare.js';
import { emptyRecord } from './records.js';
import type {
  DistributionModel,
  DocsConfig,
  IdRange,
  IdResourcesModel,
  IdsModel,
  InfrastructureModel,
  ServicesModel,
  Value,
} from './types.js';

type Attrs = { [key: string]: Value };

/** A null-prototype attribute set: any string is a key, `__proto__` included. */
const attrs = (): Attrs => Object.create(null) as Attrs;

/**
 * A copy with every attribute set in sorted key order, as a record without a prototype (any key is
 * data). Iterative: deep values cannot overflow the call stack.
 */
function sortDeep(value: Value): Value {
  if (value === null || typeof value !== 'object') return value;
  const copyOf = (v: Value): Value => {
    if (v === null || typeof v !== 'object') return v;
    const copy: Value = Array.isArray(v) ? new Array<Value>(v.length) : attrs();
    pending.push([v, copy]);
    return copy;
  };
  const pending: [Value[] | Attrs, Value[] | Attrs][] = [];
  const root = copyOf(value);
  while (pending.length > 0) {
    const [source, target] = pending.pop() as [Value[] | Attrs, Value[] | Attrs];
    if (Array.isArray(source)) {
      const list = target as Value[];
      for (let i = 0; i < source.length; i++) list[i] = copyOf(source[i]);
    } else {
      const record = target as Attrs;
      for (const key of sortedKeys(source)) record[key] = copyOf(source[key]);
    }
  }
  return root;
}

export function servicesToValue(services: ServicesModel): Value {
  const out: Attrs = emptyRecord();
  for (const key of sortedKeys(services)) {
    const s = services[key];
    const service: Attrs = emptyRecord();
    Object.assign(service, s.properties);
    service.dependsOn = s.dependsOn;
    service.connectsTo = s.connectsTo;
    out[key] = sortDeep(service);
  }
  return out;
}

export function infrastructureToValue(infrastructure: InfrastructureModel): Value {
  const out: Attrs = emptyRecord();
  for (const name of sortedKeys(infrastructure)) {
    const { name: _name, ...rest } = infrastructure[name];
    out[name] = sortDeep(rest as unknown as Value);
  }
  return out;
}

/**
 * Plain target names when no mapping names a container (dydisnix's "auto-mapped" form), otherwise
 * `{ target; container; }` for every mapping (bug 1: the original silently dropped containers).
 */
export function distributionToValue(distribution: DistributionModel): Value {
  const withContainers = Object.values(distribution).some((ms) => ms.some((m) => m.container !== undefined));
  const out: Attrs = emptyRecord();
  for (const service of sortedKeys(distribution)) {
    out[service] = distribution[service].map((m): Value => {
      if (!withContainers) return m.target;
      return m.container === undefined ? { target: m.target } : { target: m.target, container: m.container };
    });
  }
  return out;
}

/** A list of IDs and ranges: a range of one ID is the ID itself. */
function idRangesToValue(ranges: readonly IdRange[]): Value {
  return ranges.map((r): Value => (r.min === r.max ? r.min : { max: r.max, min: r.min }));
}

export function idResourcesToValue(resources: IdResourcesModel): Value {
  const out = attrs();
  for (const name of sortedKeys(resources)) {
    const r = resources[name];
    const value = attrs();
    value.max = r.max;
    value.min = r.min;
    if (r.noReuse) value.noReuse = true;
    if (r.reserved && r.reserved.length > 0) value.reserved = idRangesToValue(r.reserved);
    value.scope = r.scope;
    value.step = r.step;
    out[name] = value;
  }
  return out;
}

/**
 * `ids` always; `lastAssignments*` only when non-empty (docs/compatibility.md §1.8); then dyplan's
 * own attributes, which the original and `(import ./ids.nix).ids` ignore: `idTargets` (placement
 * memory, when kept), `retiredIds` and `retiredIdsPerTarget` (no-reuse resources, when not empty).
 */
export function idsToValue(ids: IdsModel): Value {
  const out = attrs();
  out.ids = sortDeep(ids.ids);
  if (Object.keys(ids.lastAssignments).length > 0) out.lastAssignments = sortDeep(ids.lastAssignments);
  if (Object.keys(ids.lastAssignmentsPerTarget).length > 0)
    out.lastAssignmentsPerTarget = sortDeep(ids.lastAssignmentsPerTarget);
  if (ids.idTargets && Object.keys(ids.idTargets).length > 0) out.idTargets = sortDeep(ids.idTargets);
  if (ids.retiredIds && Object.keys(ids.retiredIds).length > 0) {
    const retired = attrs();
    for (const resource of sortedKeys(ids.retiredIds))
      retired[resource] = idRangesToValue(ids.retiredIds[resource]);
    out.retiredIds = retired;
  }
  if (ids.retiredIdsPerTarget && Object.keys(ids.retiredIdsPerTarget).length > 0) {
    const perTarget = attrs();
    for (const target of sortedKeys(ids.retiredIdsPerTarget)) {
      const resources = attrs();
      for (const resource of sortedKeys(ids.retiredIdsPerTarget[target]))
        resources[resource] = idRangesToValue(ids.retiredIdsPerTarget[target][resource]);
      perTarget[target] = resources;
    }
    out.retiredIdsPerTarget = perTarget;
  }
  return out;
}

export function docsToValue(docs: DocsConfig): Value {
  const out: Attrs = emptyRecord();
  out.descriptions = sortDeep(docs.descriptions);
  out.fields = docs.fields;
  out.groups = sortDeep(docs.groups);
  return out;
}
