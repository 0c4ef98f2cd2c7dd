/**
 * The deployment diagram (new in dyplan, `visualize-distribution`): the infrastructure diagram (docs/compatibility.md §8.3)
 * with every service drawn inside the target (and container) it is mapped to, and its dependency
 * links between the placed instances. Links that cross machines are the network links a
 * distribution creates (what multiway cut minimises and graph colouring maximises), so they are
 * drawn red and bold and counted in the graph label.
 */
import {
  Digraph,
  Edge,
  Node,
  Subgraph,
  type NodeModel,
  type RootGraphModel,
  type SubgraphModel,
} from 'ts-graphviz';
import type { DistributionModel, InfrastructureModel, ServicesModel } from '../../models/types.js';
import { printDot } from './print.js';
import { compareNames, sortedKeys } from '../../models/compare.js';
import { compositeId, labelText } from './text.js';
import { targetCluster } from './infrastructure.js';

/** One placed instance of a service. */
export interface Placement {
  /** DOT node ID, unique per (target, container, service). */
  id: string;
  service: string;
  target: string;
  /** The container the instance runs in: the mapping's, else the service type (Disnix default). */
  container?: string;
}

export interface DistributionLink {
  from: Placement;
  to: Placement;
  kind: 'dependsOn' | 'connectsTo';
  /** True when the two instances are on different targets (a network link). */
  crossesTargets: boolean;
}

export interface DistributionLayout {
  /** Placements sorted by target, container, service. */
  placements: Placement[];
  /** Links in (service, placement, dependsOn then connectsTo list order, target placement) order. */
  links: DistributionLink[];
  crossing: number;
  /** Dependencies on services that the distribution does not place (not drawn). */
  unplacedDependencies: number;
}

function byKeys(a: Placement, b: Placement): number {
  return (
    compareNames(a.target, b.target) ||
    compareNames(a.container ?? '', b.container ?? '') ||
    compareNames(a.service, b.service)
  );
}

/**
 * Where every service instance goes and which links the deployment has. A service mapped to
 * several targets is linked from/to each of its instances (a dependant may talk to any of them).
 */
export function distributionLayout(
  services: ServicesModel,
  distribution: DistributionModel,
): DistributionLayout {
  const placements: Placement[] = [];
  const byService = new Map<string, Placement[]>();
  for (const service of sortedKeys(distribution)) {
    const seen = new Set<string>();
    for (const mapping of distribution[service]) {
      const container = mapping.container ?? services[service]?.type;
      const id =
        container === undefined
          ? compositeId(mapping.target, service)
          : compositeId(mapping.target, container, service);
      if (seen.has(id)) continue;
      seen.add(id);
      const p: Placement = { id, service, target: mapping.target, container };
      placements.push(p);
      byService.set(service, [...(byService.get(service) ?? []), p]);
    }
  }
  placements.sort(byKeys);
  const links: DistributionLink[] = [];
  let unplacedDependencies = 0;
  for (const service of [...byService.keys()]) {
    const s = services[service];
    if (s === undefined) continue;
    for (const from of byService.get(service) as Placement[]) {
      for (const kind of ['dependsOn', 'connectsTo'] as const) {
        for (const dep of s[kind]) {
          const targets = byService.get(dep);
          if (targets === undefined) {
            unplacedDependencies++;
            continue;
          }
          for (const to of targets) links.push({ from, to, kind, crossesTargets: from.target !== to.target });
        }
      }
    }
  }
  return { placements, links, crossing: links.filter((l) => l.crossesTargets).length, unplacedDependencies };
}

/** The summary that ends up in the graph label, e.g. `3 of 7 links cross targets`. */
export function crossingSummary(layout: DistributionLayout): string {
  const { crossing, links, unplacedDependencies } = layout;
  let text = `${crossing} of ${links.length} link${links.length === 1 ? '' : 's'} cross${links.length === 1 ? 'es' : ''} targets`;
  if (unplacedDependencies > 0)
    text += ` (${unplacedDependencies} dependenc${unplacedDependencies === 1 ? 'y' : 'ies'} on undistributed services not drawn)`;
  return text;
}

function containerCluster(target: string, container: string, declared: boolean): SubgraphModel {
  const sub = new Subgraph(`cluster_container_${compositeId(target, container)}`);
  sub.set('style', declared ? 'filled' : 'filled,dashed');
  sub.set('label', labelText(container));
  sub.set('fillcolor', 'grey80');
  return sub;
}

/** The deployment diagram as a ts-graphviz model. */
export function distributionGraph(
  services: ServicesModel,
  infrastructure: InfrastructureModel,
  distribution: DistributionModel,
): RootGraphModel {
  const layout = distributionLayout(services, distribution);
  const graph = new Digraph('G');
  graph.set('label', labelText(crossingSummary(layout)));
  graph.set('labelloc', 't');
  graph.attributes.node.apply({ style: 'filled', fillcolor: 'white', color: 'black' });

  const targets = [
    ...new Set([...Object.keys(infrastructure), ...layout.placements.map((p) => p.target)]),
  ].sort(compareNames);
  const vertices = new Map<string, NodeModel>();
  for (const target of targets) {
    const cluster = targetCluster(target);
    if (!(target in infrastructure)) cluster.set('style', 'filled,dashed');
    const declared = Object.keys(infrastructure[target]?.containers ?? {});
    const here = layout.placements.filter((p) => p.target === target);
    const containers = [
      ...new Set([...declared, ...here.flatMap((p) => (p.container === undefined ? [] : [p.container]))]),
    ].sort(compareNames);
    for (const p of here.filter((q) => q.container === undefined))
      cluster.addNode(placementNode(p, services, vertices));
    for (const container of containers) {
      const sub = containerCluster(target, container, declared.includes(container));
      const inside = here.filter((p) => p.container === container);
      // Graphviz does not draw empty clusters: an idle container gets a small placeholder.
      if (inside.length === 0)
        sub.addNode(
          new Node(compositeId(target, container, ''), {
            label: '(no services)',
            shape: 'plaintext',
            style: 'solid',
          }),
        );
      for (const p of inside) sub.addNode(placementNode(p, services, vertices));
      cluster.addSubgraph(sub);
    }
    if (containers.length === 0 && here.length === 0)
      cluster.addNode(
        new Node(compositeId(target, ''), { label: '(no services)', shape: 'plaintext', style: 'solid' }),
      );
    graph.addSubgraph(cluster);
  }
  for (const link of layout.links) {
    const edge = new Edge([vertices.get(link.from.id) as NodeModel, vertices.get(link.to.id) as NodeModel]);
    if (link.kind === 'connectsTo')
      edge.attributes.set('style', link.crossesTargets ? 'dashed,bold' : 'dashed');
    else if (link.crossesTargets) edge.attributes.set('style', 'bold');
    if (link.crossesTargets) edge.attributes.set('color', 'red');
    graph.addEdge(edge);
  }
  return graph;
}

function placementNode(p: Placement, services: ServicesModel, vertices: Map<string, NodeModel>): NodeModel {
  const type = services[p.service]?.type;
  const node = new Node(p.id, {
    label: labelText(p.service) + (type === undefined ? '' : `\\n(${labelText(type)})`),
  });
  vertices.set(p.id, node);
  return node;
}

/** `visualize-distribution`: the DOT text of the deployment diagram. */
export function distributionDot(
  services: ServicesModel,
  infrastructure: InfrastructureModel,
  distribution: DistributionModel,
): string {
  return printDot(distributionGraph(services, infrastructure, distribution));
}
