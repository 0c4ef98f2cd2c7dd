/**
 * The services diagram of `visualize-services` (docs/compatibility.md §8.1): one vertex per service or
 * collapsed sub-group, `dependsOn` as solid and `connectsTo` as dashed arrows. With default options
 * the DOT text is the original's, line for line, except that IDs and labels are escaped.
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
import type { Service, ServicesModel } from '../../models/types.js';
import { printDot } from './print.js';
import { compareNames, sortedKeys } from '../../models/compare.js';
import { labelText } from './text.js';
import { groupView, parentGroup, splitGroup, type GroupView, type ViewNode } from '../groups/index.js';

export interface ServicesDiagramOptions {
  /** `--group`: the group to show (with sub-groups and context services); default root `""`. */
  group?: string;
  /** `--group-subservices`: draw every sub-group of `group` as one dashed node. */
  groupSubservices?: boolean;
  /**
   * Draw feature groups as nested clusters (not in dydisnix; off keeps the original DOT).
   * Service nodes go into the cluster of their group, group nodes into their parent's.
   */
  clusters?: boolean;
}

/** The arrow and container list a node that provides containers carries in its label. */
function containersLabel(service: Service): string {
  if (service.providesContainer !== undefined) return ` &#8594;\\n${labelText(service.providesContainer)}`;
  const names = sortedKeys(service.providesContainers ?? {});
  if (names.length === 0) return '';
  return `\\n &#8594; { ${names.map(labelText).join('\\n, ')}\\n}`;
}

function providesContainers(service: Service | undefined): boolean {
  return (
    service !== undefined &&
    (service.providesContainer !== undefined || Object.keys(service.providesContainers ?? {}).length > 0)
  );
}

/** A vertex with the original's label and attribute order: label, style, peripheries. */
export function vertex(node: ViewNode): NodeModel {
  const s = node.service;
  let label = labelText(node.name);
  if (s !== undefined) label += containersLabel(s);
  if (s?.type !== undefined) label += `\\n(${labelText(s.type)})`;
  const v = new Node(node.id, { label });
  if (node.kind === 'group') v.attributes.set('style', 'dashed');
  if (providesContainers(s)) v.attributes.set('peripheries', 2);
  return v;
}

/** Clusters for every group path that holds a node, nested like the paths. */
function clusterFor(
  root: RootGraphModel,
  clusters: Map<string, SubgraphModel>,
  group: string,
): RootGraphModel | SubgraphModel {
  if (group === '') return root;
  const existing = clusters.get(group);
  if (existing) return existing;
  const parent = clusterFor(root, clusters, parentGroup(group));
  const parts = splitGroup(group);
  const sub = new Subgraph(`cluster_group_${group}`);
  sub.set('label', labelText(parts[parts.length - 1]));
  sub.set('style', 'rounded');
  sub.set('color', 'grey50');
  parent.addSubgraph(sub);
  clusters.set(group, sub);
  return sub;
}

/** Builds the ts-graphviz model of a group view (shared by single and batch diagrams). */
export function viewGraph(view: GroupView, options: { clusters?: boolean } = {}): RootGraphModel {
  const graph = new Digraph('G');
  graph.attributes.node.apply({ style: 'filled', fillcolor: 'white', color: 'black' });
  const vertices = new Map<string, NodeModel>();
  const clusters = new Map<string, SubgraphModel>();
  if (options.clusters) {
    // Create clusters in sorted path order so that the output does not depend on node order.
    const paths = [
      ...new Set(view.nodes.map((n) => (n.kind === 'group' ? parentGroup(n.group) : n.group))),
    ].sort(compareNames);
    for (const p of paths) clusterFor(graph, clusters, p);
  }
  for (const node of view.nodes) {
    const v = vertex(node);
    vertices.set(node.id, v);
    const home = options.clusters
      ? clusterFor(graph, clusters, node.kind === 'group' ? parentGroup(node.group) : node.group)
      : graph;
    home.addNode(v);
  }
  for (const node of view.nodes) {
    const from = vertices.get(node.id) as NodeModel;
    for (const dep of node.dependsOn) graph.addEdge(new Edge([from, vertices.get(dep) as NodeModel]));
    for (const dep of node.connectsTo)
      graph.addEdge(new Edge([from, vertices.get(dep) as NodeModel], { style: 'dashed' }));
  }
  return graph;
}

/** The group view a services diagram shows (context services included, as dydisnix does). */
export function servicesView(services: ServicesModel, options: ServicesDiagramOptions = {}): GroupView {
  return groupView(services, options.group ?? '', {
    context: true,
    collapse: options.groupSubservices ?? false,
  });
}

/** The services diagram as a ts-graphviz model (for rendering and large-graph layout). */
export function servicesGraph(services: ServicesModel, options: ServicesDiagramOptions = {}): RootGraphModel {
  return viewGraph(servicesView(services, options), options);
}

/** `visualize-services` (non-batch): the DOT text of the services diagram. */
export function servicesDot(services: ServicesModel, options: ServicesDiagramOptions = {}): string {
  return printDot(servicesGraph(services, options));
}
