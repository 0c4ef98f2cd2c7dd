/**
 * The data of the `dyplan view` page, computed here (not in the browser) from the models and the
 * plans layer's results: services, targets, links, which links cross targets (the one computation
 * of `visualize-distribution`, src/dot/distribution.ts), positions (the large-layout code of
 * src/render, seeded, so the page needs no layout run), IDs, resource loads and the moves against a
 * second distribution. The page stores it as JSON; the client only draws it.
 *
 * Compact on purpose (a 10,000-service plan is a few MB): services, targets and groups are
 * referenced by index, positions are whole points, links are flat number arrays.
 */
import type {
  DistributionModel,
  IdsModel,
  InfrastructureModel,
  ServicesModel,
  Value,
} from '../../models/types.js';
import { compareNames, sortedKeys } from '../../models/compare.js';
import { readResources, resourceUsage, type ModelSources, type ResourcePair } from '../plans/index.js';
import { crossingSummary, distributionLayout, type DistributionLayout } from '../dot/index.js';
import { clusteredPositions, type ClusteredNode } from '../render/index.js';

export const VIEW_DATA_FORMAT = 'dyplan-view/1';

export interface ViewService {
  name: string;
  type?: string;
  /** Index into `groups`. */
  group: number;
  /** The service's properties except `name`, `type` and `group` (shown on their own). */
  properties: Record<string, Value>;
  /** Indices into `services`. */
  dependsOn: number[];
  connectsTo: number[];
  /** resource -> ID, from `--ids`. */
  ids?: Record<string, number>;
  /** With `--compare`, for a service whose targets differ: its targets in the other distribution. */
  was?: string[];
}

export interface ViewTarget {
  name: string;
  properties: Record<string, Value>;
  /** Declared containers. */
  containers: string[];
  /** False for a target the distribution names but the infrastructure model (if any) lacks. */
  declared: boolean;
  /** Per `--resource` (same order as `resources`): demand placed here and the capacity. */
  loads?: Array<{ demand: number; capacity: number | null }>;
}

/** A drawn graph: node i at (x[i], y[i]); links as flat tuples. */
export interface ServicesView {
  x: number[];
  y: number[];
  /** Flat (from, to, kind) triples over service indices; kind 0 = dependsOn, 1 = connectsTo. */
  links: number[];
}

export interface DistributionView {
  /** Placement i: service `service[i]` on target `target[i]` in container `container[i]`. */
  service: number[];
  target: number[];
  container: Array<string | null>;
  x: number[];
  y: number[];
  /** Flat (from, to, kind, crosses) quadruples over placement indices. */
  links: number[];
  /** Links crossing targets, as `visualize-distribution` counts them. */
  crossing: number;
  linkCount: number;
  unplacedDependencies: number;
  /** `visualize-distribution`'s summary text, e.g. `5 of 10 links cross targets`. */
  summary: string;
  /** Per target (index), the circle its placements occupy, or null when it runs nothing. */
  regions: Array<{ x: number; y: number; r: number } | null>;
}

export interface InfrastructureView {
  /** Target i at (x[i], y[i]). */
  x: number[];
  y: number[];
  /** Services placed per target. */
  placed: number[];
  /** Flat (a, b, crossing links between them) triples over target indices, a < b. */
  links: number[];
}

export interface CompareSummary {
  /** The other distribution's file, as given. */
  file: string;
  /** Services in both distributions whose targets differ. */
  moved: number;
  /** Services only in this distribution, only in the other. */
  added: number;
  removed: number;
  /** Links crossing targets in this distribution and in the other. */
  crossing: number;
  otherCrossing: number;
  linkCount: number;
  otherLinkCount: number;
}

export interface ViewData {
  format: typeof VIEW_DATA_FORMAT;
  title: string;
  groups: string[];
  services: ViewService[];
  targets: ViewTarget[];
  /** `--resource` pairs, in the order given. */
  resources: Array<{ service: string; target: string }>;
  /** ID resources present in `--ids`. */
  idResources: string[];
  servicesView: ServicesView;
  distributionView?: DistributionView;
  infrastructureView?: InfrastructureView;
  compare?: CompareSummary;
}

/** Demand placed on each target against its capacity, per `--resource` pair (src/plans/resources.ts). */
export interface ResourceLoads {
  resources: Array<{ service: string; target: string }>;
  /** target -> one entry per resource; capacity null when the target lacks the property. */
  perTarget: Map<string, Array<{ demand: number; capacity: number | null }>>;
}

export interface ViewModels {
  services: ServicesModel;
  infrastructure?: InfrastructureModel;
  distribution?: DistributionModel;
  ids?: IdsModel;
  /** The `--compare` distribution. */
  other?: DistributionModel;
  otherFile?: string;
  /** Loads from src/plans/resources.ts, for the `--resource` pairs. */
  loads?: ResourceLoads;
}

const round = (v: number): number => Math.round(v);

function groupChain(group: string): string[] {
  if (group === '') return [];
  const parts = group.split('/');
  return parts.map((_, i) => parts.slice(0, i + 1).join('/'));
}

function targetSet(distribution: DistributionModel, service: string): string[] {
  return [...new Set((distribution[service] ?? []).map((m) => m.target))].sort(compareNames);
}

function sameSet(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** The circle around most of a target's placements: centroid, 90th percentile distance + a margin. */
function region(xs: number[], ys: number[]): { x: number; y: number; r: number } {
  const cx = xs.reduce((s, v) => s + v, 0) / xs.length;
  const cy = ys.reduce((s, v) => s + v, 0) / ys.length;
  const d = xs.map((x, i) => Math.hypot(x - cx, ys[i] - cy)).sort((a, b) => a - b);
  const r = d[Math.min(d.length - 1, Math.floor(d.length * 0.9))] + 30;
  return { x: round(cx), y: round(cy), r: round(r) };
}

function distributionViewOf(
  layout: DistributionLayout,
  serviceIndex: Map<string, number>,
  targetIndex: Map<string, number>,
  targetCount: number,
  summary: string,
): DistributionView {
  const placements = layout.placements;
  const placementIndex = new Map(placements.map((p, i) => [p.id, i]));
  const nodes: ClusteredNode[] = placements.map((p) => ({
    id: p.id,
    clusters: p.container === undefined ? [p.target] : [p.target, `${p.target}\u0000${p.container}`],
  }));
  // Only the links inside a target pull: with the crossing ones too, ForceAtlas2 mixes the
  // targets (measured on the 10,000-service synthetic plan: 97 % of the placements ended inside
  // another target's region, 2.5 % without), and the regions are what this view is about.
  const positions = clusteredPositions(
    nodes,
    layout.links.filter((l) => !l.crossesTargets).map((l) => [l.from.id, l.to.id] as const),
  );
  const x = placements.map((p) => round(positions.get(p.id)?.x ?? 0));
  const y = placements.map((p) => round(positions.get(p.id)?.y ?? 0));
  const links: number[] = [];
  for (const l of layout.links)
    links.push(
      placementIndex.get(l.from.id) as number,
      placementIndex.get(l.to.id) as number,
      l.kind === 'dependsOn' ? 0 : 1,
      l.crossesTargets ? 1 : 0,
    );
  const byTarget: Array<{ xs: number[]; ys: number[] }> = Array.from({ length: targetCount }, () => ({
    xs: [],
    ys: [],
  }));
  const target = placements.map((p) => targetIndex.get(p.target) as number);
  target.forEach((t, i) => {
    byTarget[t].xs.push(x[i]);
    byTarget[t].ys.push(y[i]);
  });
  return {
    service: placements.map((p) => serviceIndex.get(p.service) as number),
    target,
    container: placements.map((p) => p.container ?? null),
    x,
    y,
    links,
    crossing: layout.crossing,
    linkCount: layout.links.length,
    unplacedDependencies: layout.unplacedDependencies,
    summary,
    regions: byTarget.map((b) => (b.xs.length === 0 ? null : region(b.xs, b.ys))),
  };
}

function infrastructureViewOf(
  targets: ViewTarget[],
  layout: DistributionLayout | undefined,
  targetIndex: Map<string, number>,
): InfrastructureView {
  const placed = targets.map(() => 0);
  const between = new Map<string, number>();
  if (layout) {
    const services = targets.map(() => new Set<string>());
    for (const p of layout.placements) services[targetIndex.get(p.target) as number].add(p.service);
    services.forEach((s, i) => (placed[i] = s.size));
    for (const l of layout.links) {
      if (!l.crossesTargets) continue;
      const [a, b] = [targetIndex.get(l.from.target) as number, targetIndex.get(l.to.target) as number];
      const key = a < b ? `${a} ${b}` : `${b} ${a}`;
      between.set(key, (between.get(key) ?? 0) + 1);
    }
  }
  const links: number[] = [];
  for (const [key, count] of [...between].sort(([a], [b]) => compareNames(a, b))) {
    const [a, b] = key.split(' ').map(Number);
    links.push(a, b, count);
  }
  const positions = clusteredPositions(
    targets.map((t) => ({ id: t.name, clusters: [] })),
    [...between.keys()].map((key) => {
      const [a, b] = key.split(' ').map(Number);
      return [targets[a].name, targets[b].name] as const;
    }),
    { spacing: 400 },
  );
  // The layout scales by the bounding box's area, which is 0 when the targets lie on a line
  // (two targets always do): bring the positions back to a box 1,000 points wide.
  let extent = 1;
  for (const p of positions.values()) extent = Math.max(extent, Math.abs(p.x), Math.abs(p.y));
  const fit = (v: number | undefined): number => round(((v ?? 0) / extent) * 500);
  return {
    x: targets.map((t) => fit(positions.get(t.name)?.x)),
    y: targets.map((t) => fit(positions.get(t.name)?.y)),
    placed,
    links,
  };
}

/**
 * Each target's load of every `--resource` pair under a distribution. A view shows what is there:
 * a service without the demand property counts 0, a target without the capacity shows it unknown.
 */
export function resourceLoads(
  services: ServicesModel,
  infrastructure: InfrastructureModel,
  distribution: DistributionModel,
  pairs: readonly ResourcePair[],
  sources: ModelSources = {},
): ResourceLoads {
  const table = readResources({ services, infrastructure }, pairs, { missingDemand: 'zero', sources });
  const perTarget = new Map(
    resourceUsage(table, distribution).map((u) => [
      u.target,
      u.used.map((demand, r) => ({
        demand,
        capacity: Object.hasOwn(infrastructure[u.target].properties, pairs[r].capacityProperty)
          ? u.capacity[r]
          : null,
      })),
    ]),
  );
  return {
    resources: pairs.map((p) => ({ service: p.demandProperty, target: p.capacityProperty })),
    perTarget,
  };
}

/** Everything the page shows, computed from the models (deterministic for given models). */
export function viewData(models: ViewModels, options: { title?: string } = {}): ViewData {
  const { services: servicesModel, infrastructure, distribution, ids, other, loads } = models;
  const names = sortedKeys(servicesModel);
  const serviceIndex = new Map(names.map((n, i) => [n, i]));
  const groups = [...new Set(names.map((n) => servicesModel[n].group))].sort(compareNames);
  const groupIndex = new Map(groups.map((g, i) => [g, i]));

  const layout = distribution ? distributionLayout(servicesModel, distribution) : undefined;
  const otherLayout = other ? distributionLayout(servicesModel, other) : undefined;

  const targetNames = [
    ...new Set([...Object.keys(infrastructure ?? {}), ...(layout?.placements.map((p) => p.target) ?? [])]),
  ].sort(compareNames);
  const targetIndex = new Map(targetNames.map((t, i) => [t, i]));
  const resources = loads?.resources ?? [];
  const targets: ViewTarget[] = targetNames.map((name) => {
    const t = infrastructure?.[name];
    const target: ViewTarget = {
      name,
      properties: t?.properties ?? {},
      containers: sortedKeys(t?.containers ?? {}),
      declared: t !== undefined,
    };
    if (loads) {
      target.loads = resources.map((_, r) => {
        const load = loads.perTarget.get(name)?.[r];
        return { demand: load?.demand ?? 0, capacity: load?.capacity ?? null };
      });
    }
    return target;
  });

  const idResources = sortedKeys(ids?.ids ?? {});
  let moved = 0;
  const services: ViewService[] = names.map((name) => {
    const s = servicesModel[name];
    // Null-prototype: a property may be called __proto__ (any string is a name).
    const properties: Record<string, Value> = Object.create(null) as Record<string, Value>;
    for (const [k, v] of Object.entries(s.properties))
      if (k !== 'name' && k !== 'type' && k !== 'group') properties[k] = v;
    const view: ViewService = {
      name,
      group: groupIndex.get(s.group) as number,
      properties,
      dependsOn: s.dependsOn.map((d) => serviceIndex.get(d) as number),
      connectsTo: s.connectsTo.map((d) => serviceIndex.get(d) as number),
    };
    if (s.type !== undefined) view.type = s.type;
    const own: Record<string, number> = Object.create(null) as Record<string, number>;
    for (const r of idResources) {
      const table = ids?.ids[r];
      if (table && Object.hasOwn(table, name)) own[r] = table[name];
    }
    if (Object.keys(own).length > 0) view.ids = own;
    if (distribution && other && Object.hasOwn(distribution, name) && Object.hasOwn(other, name)) {
      const was = targetSet(other, name);
      if (!sameSet(targetSet(distribution, name), was)) {
        view.was = was;
        moved++;
      }
    }
    return view;
  });

  const servicesNodes: ClusteredNode[] = names.map((n) => ({
    id: n,
    clusters: groupChain(servicesModel[n].group),
  }));
  const servicesLinks: number[] = [];
  const layoutLinks: Array<readonly [string, string]> = [];
  services.forEach((s, i) => {
    for (const d of s.dependsOn) servicesLinks.push(i, d, 0);
    for (const d of s.connectsTo) servicesLinks.push(i, d, 1);
    for (const d of [...s.dependsOn, ...s.connectsTo]) layoutLinks.push([names[i], names[d]]);
  });
  const positions = clusteredPositions(servicesNodes, layoutLinks);

  const data: ViewData = {
    format: VIEW_DATA_FORMAT,
    title: options.title ?? 'dyplan view',
    groups,
    services,
    targets,
    resources,
    idResources,
    servicesView: {
      x: names.map((n) => round(positions.get(n)?.x ?? 0)),
      y: names.map((n) => round(positions.get(n)?.y ?? 0)),
      links: servicesLinks,
    },
  };
  if (layout) {
    data.distributionView = distributionViewOf(
      layout,
      serviceIndex,
      targetIndex,
      targets.length,
      crossingSummary(layout),
    );
  }
  if (targets.length > 0) data.infrastructureView = infrastructureViewOf(targets, layout, targetIndex);
  if (layout && other && otherLayout) {
    const inThis = new Set(Object.keys(distribution ?? {}));
    const inOther = new Set(Object.keys(other));
    data.compare = {
      file: models.otherFile ?? '',
      moved,
      added: [...inThis].filter((s) => !inOther.has(s) && serviceIndex.has(s)).length,
      removed: [...inOther].filter((s) => !inThis.has(s)).length,
      crossing: layout.crossing,
      otherCrossing: otherLayout.crossing,
      linkCount: layout.links.length,
      otherLinkCount: otherLayout.links.length,
    };
  }
  return data;
}
