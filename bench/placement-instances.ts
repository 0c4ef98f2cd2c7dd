/**
 * Generated placement instances for bench/placement.ts and the placement tests: a dependency graph
 * (layered, scale-free or clustered), one or two resources (`requireMem:mem`, `requireCpu:cpu`),
 * target capacities set from a planted feasible placement so that the instance is feasible at
 * the chosen utilisation, optional spread groups (replica sets of 2-4 services, planted on
 * different targets) and optional candidate lists (the planted target and a few random others).
 * Deterministic: the same parameters give the same models (mulberry32).
 */
import { mulberry32 } from '../algorithms/support/index.js';
import type { DistributionModel, InfrastructureModel, ServicesModel, Value } from '../models/types.js';

export type GraphKind = 'layered' | 'scalefree' | 'clustered';

export interface InstanceSpec {
  kind: GraphKind;
  services: number;
  targets: number;
  /** 1: requireMem:mem; 2: and requireCpu:cpu. */
  resources: 1 | 2;
  /** Total demand over total capacity, per resource (0.8-0.95 in the benchmark). */
  utilisation: number;
  /** Put about a tenth of the services into spread groups of 2-4. */
  spread: boolean;
  /** Candidate targets per service (0: every target). */
  candidates: number;
  seed: number;
}

export interface GeneratedInstance {
  name: string;
  spec: InstanceSpec;
  services: ServicesModel;
  infrastructure: InfrastructureModel;
  /** Candidate distribution (every service on every target when `candidates` is 0). */
  distribution: DistributionModel;
  /** Links as index pairs (service i depends on service j). */
  edges: [number, number][];
  /** The planted feasible placement. */
  planted: Int32Array;
}

export const serviceName = (i: number) => `s${i}`;
export const targetName = (t: number) => `t${t}`;

export function instanceName(spec: InstanceSpec): string {
  return (
    `${spec.kind}-n${spec.services}-k${spec.targets}-r${spec.resources}-u${Math.round(spec.utilisation * 100)}` +
    `${spec.spread ? '-spread' : ''}${spec.candidates ? `-c${spec.candidates}` : ''}-s${spec.seed}`
  );
}

function graph(kind: GraphKind, n: number, k: number, random: () => number): [number, number][] {
  const edges: [number, number][] = [];
  const pick = (limit: number) => Math.floor(random() * limit);
  if (kind === 'layered') {
    // Layers of ~k services; each depends on 1-3 services of the next layer.
    const width = Math.max(2, Math.round(Math.sqrt(n * 2)));
    for (let i = 0; i < n; i++) {
      const layer = Math.floor(i / width);
      const nextStart = (layer + 1) * width;
      if (nextStart >= n) continue;
      const nextEnd = Math.min(n, nextStart + width);
      const count = 1 + pick(3);
      for (let c = 0; c < count; c++) edges.push([i, nextStart + pick(nextEnd - nextStart)]);
    }
  } else if (kind === 'scalefree') {
    // Barabási-Albert preferential attachment, two links per new service.
    const ends: number[] = [0, 1];
    edges.push([1, 0]);
    for (let i = 2; i < n; i++) {
      const chosen = new Set<number>();
      for (let c = 0; c < 2 && chosen.size < i; c++) {
        let j = ends[pick(ends.length)];
        while (chosen.has(j)) j = ends[pick(ends.length)];
        chosen.add(j);
      }
      for (const j of chosen) {
        edges.push([i, j]);
        ends.push(i, j);
      }
    }
  } else {
    // Clusters of 5-40 services: ~2.5 links inside per service, ~0.4 to other clusters.
    const cluster = new Int32Array(n);
    const members: number[][] = [];
    for (let i = 0; i < n;) {
      const size = Math.min(n - i, 5 + pick(36));
      const list: number[] = [];
      for (let s = 0; s < size; s++, i++) {
        cluster[i] = members.length;
        list.push(i);
      }
      members.push(list);
    }
    for (let i = 0; i < n; i++) {
      const own = members[cluster[i]];
      const inside = own.length > 1 ? 2 + (random() < 0.5 ? 1 : 0) : 0;
      for (let c = 0; c < inside; c++) {
        const j = own[pick(own.length)];
        if (j !== i) edges.push([i, j]);
      }
      if (random() < 0.4) {
        const j = pick(n);
        if (j !== i) edges.push([i, j]);
      }
    }
  }
  void k;
  return edges;
}

/** Demands: mostly small, some large (log-uniform 1-64 MB units), the CPU loosely correlated. */
function demands(n: number, resources: 1 | 2, random: () => number): number[][] {
  const mem = Array.from({ length: n }, () => Math.max(1, Math.round(2 ** (random() * 6))) * 64);
  if (resources === 1) return [mem];
  const cpu = mem.map((m) => Math.max(1, Math.round(((m / 64) * (0.5 + random()) + 4 * random()) * 10)));
  return [mem, cpu];
}

export function generateInstance(spec: InstanceSpec): GeneratedInstance {
  const { services: n, targets: k } = spec;
  const random = mulberry32(spec.seed * 7919 + n * 31 + k);
  const edges = graph(spec.kind, n, k, random);
  const demand = demands(n, spec.resources, random);

  // Spread groups (replica sets): 2-4 services drawn anywhere, about a tenth of the services.
  const group = new Int32Array(n).fill(-1);
  let groups = 0;
  if (spec.spread) {
    const wanted = Math.floor(n / 10);
    for (let grouped = 0; grouped + 2 <= wanted; groups++) {
      const size = Math.min(2 + Math.floor(random() * 3), k, wanted - grouped);
      for (let s = 0; s < size; s++) {
        let i = Math.floor(random() * n);
        while (group[i] >= 0) i = (i + 1) % n;
        group[i] = groups;
      }
      grouped += size;
    }
  }

  // Planted placement: targets weighted 0.6-1.4 (heterogeneous machines), group members apart.
  const share = Array.from({ length: k }, () => 0.6 + 0.8 * random());
  const cumulative: number[] = [];
  share.reduce((sum, s, t) => (cumulative[t] = sum + s), 0);
  const total = cumulative[k - 1];
  const drawTarget = () => {
    const x = random() * total;
    let lo = 0;
    while (cumulative[lo] < x) lo++;
    return lo;
  };
  const planted = new Int32Array(n);
  const groupTargets = Array.from({ length: groups }, () => new Set<number>());
  for (let i = 0; i < n; i++) {
    let t = drawTarget();
    if (group[i] >= 0) {
      const taken = groupTargets[group[i]];
      while (taken.has(t)) t = (t + 1) % k;
      taken.add(t);
    }
    planted[i] = t;
  }
  // Capacities: the planted loads over the utilisation (every target at least one large service).
  const capacity = demand.map((d) => {
    const load = new Float64Array(k);
    for (let i = 0; i < n; i++) load[planted[i]] += d[i];
    const largest = d.reduce((a, b) => Math.max(a, b), -Infinity);
    return Array.from(load, (l) => Math.max(Math.ceil(l / spec.utilisation), largest));
  });

  const properties = ['requireMem', 'requireCpu'];
  const capacityProperties = ['mem', 'cpu'];
  const dependsOn: string[][] = Array.from({ length: n }, () => []);
  for (const [a, b] of edges) dependsOn[a].push(serviceName(b));
  const services: ServicesModel = {};
  for (let i = 0; i < n; i++) {
    const props: Record<string, Value> = { name: serviceName(i), type: 'process' };
    demand.forEach((d, r) => (props[properties[r]] = d[i]));
    if (group[i] >= 0) props.spreadGroup = `g${group[i]}`;
    services[serviceName(i)] = {
      name: serviceName(i),
      type: 'process',
      dependsOn: dependsOn[i],
      connectsTo: [],
      group: '',
      properties: props,
    };
  }
  const infrastructure: InfrastructureModel = {};
  for (let t = 0; t < k; t++) {
    const props: Record<string, Value> = { hostname: targetName(t) };
    capacity.forEach((c, r) => (props[capacityProperties[r]] = c[t]));
    infrastructure[targetName(t)] = { name: targetName(t), properties: props, containers: {} };
  }
  const distribution: DistributionModel = {};
  for (let i = 0; i < n; i++) {
    const list = new Set<number>();
    if (spec.candidates > 0) {
      list.add(planted[i]);
      while (list.size < Math.min(spec.candidates, k)) list.add(Math.floor(random() * k));
    } else for (let t = 0; t < k; t++) list.add(t);
    distribution[serviceName(i)] = [...list].sort((a, b) => a - b).map((t) => ({ target: targetName(t) }));
  }
  return { name: instanceName(spec), spec, services, infrastructure, distribution, edges, planted };
}

/** The models as the JSON files dyplan reads (services with dependsOn names, infrastructure, distribution). */
export function instanceFiles(
  instance: GeneratedInstance,
): Record<'services' | 'infrastructure' | 'distribution', unknown> {
  const services = Object.fromEntries(
    Object.entries(instance.services).map(([name, s]) => [name, { ...s.properties, dependsOn: s.dependsOn }]),
  );
  const infrastructure = Object.fromEntries(
    Object.entries(instance.infrastructure).map(([name, t]) => [name, { properties: t.properties }]),
  );
  const distribution = Object.fromEntries(
    Object.entries(instance.distribution).map(([name, ms]) => [name, ms.map((m) => m.target)]),
  );
  return { services, infrastructure, distribution };
}
