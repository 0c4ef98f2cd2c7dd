/**
 * The conflict graph of dydisnix-graphcol (docs/compatibility.md §7.6): one node per service, an edge
 * per dependency (`dependsOn` and `connectsTo`). Colouring it so that linked services get different
 * targets makes every dependency a network link.
 */
import { UndirectedGraph } from 'graphology';
import { compareNames } from '../../models/compare.js';
import type { ServicesModel } from '../../models/types.js';

export type DependencyGraph = UndirectedGraph<{ service: string }>;

/**
 * The node key of a service. graphology keeps neighbours in plain objects, so a node keyed
 * `constructor` or `__proto__` seems linked to everything: keys are prefixed, the service name is
 * the node's `service` attribute.
 */
export const serviceNode = (service: string) => `s:${service}`;

/** Services restricted to `only` when given (e.g. the distributed ones); parallel links merged. */
export function dependencyGraph(services: ServicesModel, only?: ReadonlySet<string>): DependencyGraph {
  const graph: DependencyGraph = new UndirectedGraph({ allowSelfLoops: true });
  const names = Object.keys(services)
    .filter((s) => !only || only.has(s))
    .sort(compareNames);
  for (const name of names) graph.addNode(serviceNode(name), { service: name });
  for (const name of names) {
    for (const dependency of [...services[name].dependsOn, ...services[name].connectsTo]) {
      const [a, b] = [serviceNode(name), serviceNode(dependency)];
      if (graph.hasNode(b) && !graph.hasEdge(a, b)) graph.addEdge(a, b);
    }
  }
  return graph;
}

/** Node indices in graph order and the edge list over them. */
export function indexedEdges(graph: DependencyGraph): { names: string[]; edges: [number, number][] } {
  const keys = graph.nodes();
  const names = keys.map((key) => graph.getNodeAttribute(key, 'service'));
  const index = new Map(keys.map((n, i) => [n, i]));
  const edges: [number, number][] = [];
  graph.forEachEdge((_e, _a, source, target) =>
    edges.push([index.get(source) as number, index.get(target) as number]),
  );
  return { names, edges };
}
