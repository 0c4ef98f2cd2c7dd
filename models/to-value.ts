/**
 * Models back to the evaluated structure (what `nix-instantiate --eval --json` would give), with
 * attribute sets in sorted key order. Shared by the Nix and JSON writers so both stay identical.
 */
import { sortedKeys } from './compare.js';
import type {
  DistributionModel,
  DocsConfig,
  IdResourcesModel,
  IdsModel,
  InfrastructureModel,
  ServicesModel,
  Value,
} from './types.js';

type Attrs = { [key: string]: Value };

function sortDeep(value: Value): Value {
  if (Array.isArray(value)) return value.map(sortDeep);
  if (value !== null && typeof value === 'object') {
    const out: Attrs = {};
    for (const key of sortedKeys(value)) out[key] = sortDeep(value[key]);
    return out;
  }
  return value;
}

export function servicesToValue(services: ServicesModel): Value {
  const out: Attrs = {};
  for (const key of sortedKeys(services)) {
    const s = services[key];
    out[key] = sortDeep({ ...s.properties, dependsOn: s.dependsOn, connectsTo: s.connectsTo });
  }
  return out;
}

export function infrastructureToValue(infrastructure: InfrastructureModel): Value {
  const out: Attrs = {};
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
  const out: Attrs = {};
  for (const service of sortedKeys(distribution)) {
    out[service] = distribution[service].map((m): Value => {
      if (!withContainers) return m.target;
      return m.container === undefined ? { target: m.target } : { target: m.target, container: m.container };
    });
  }
  return out;
}

export function idResourcesToValue(resources: IdResourcesModel): Value {
  const out: Attrs = {};
  for (const name of sortedKeys(resources)) {
    const r = resources[name];
    out[name] = { max: r.max, min: r.min, scope: r.scope, step: r.step };
  }
  return out;
}

/** `ids` always; `lastAssignments*` only when non-empty (docs/compatibility.md §1.8). */
export function idsToValue(ids: IdsModel): Value {
  const out: Attrs = { ids: sortDeep(ids.ids) };
  if (Object.keys(ids.lastAssignments).length > 0) out.lastAssignments = sortDeep(ids.lastAssignments);
  if (Object.keys(ids.lastAssignmentsPerTarget).length > 0)
    out.lastAssignmentsPerTarget = sortDeep(ids.lastAssignmentsPerTarget);
  return out;
}

export function docsToValue(docs: DocsConfig): Value {
  return { descriptions: sortDeep(docs.descriptions), fields: docs.fields, groups: sortDeep(docs.groups) };
}
