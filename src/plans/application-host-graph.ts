/**
 * The application-host graph of dydisnix-multiwaycut (docs/compatibility.md §7.5), as
 * `--output-graph` draws it: one `app:<service>` node per distributed service, one `host:<target>`
 * node per target that is anyone's candidate, a dependency edge per `dependsOn`/`connectsTo` entry
 * between distributed services (dependencies on services outside the distribution are ignored:
 * bug 7), and a candidate edge from each service to each of its candidate targets.
 */
import { MultiUndirectedGraph } from 'graphology';
import { compareNames, sortedKeys } from '../../models/compare.js';
import type { DistributionModel, Mapping, ServicesModel } from '../../models/types.js';

export type AppHostNode = { kind: 'app'; service: string } | { kind: 'host'; target: string };
export type AppHostEdge = { kind: 'dependency' } | { kind: 'candidate'; mapping: Mapping };
export type ApplicationHostGraph = MultiUndirectedGraph<AppHostNode, AppHostEdge>;

export const appNode = (service: string) => `app:${service}`;
export const hostNode = (target: string) => `host:${target}`;

export function applicationHostGraph(
  services: ServicesModel,
  distribution: DistributionModel,
): ApplicationHostGraph {
  const graph: ApplicationHostGraph = new MultiUndirectedGraph();
  const distributed = sortedKeys(distribution);
  for (const service of distributed) graph.addNode(appNode(service), { kind: 'app', service });
  const targets = [...new Set(distributed.flatMap((s) => distribution[s].map((m) => m.target)))].sort(
    compareNames,
  );
  for (const target of targets) graph.addNode(hostNode(target), { kind: 'host', target });
  for (const service of distributed) {
    const { dependsOn = [], connectsTo = [] } = services[service] ?? {};
    for (const dependency of [...dependsOn, ...connectsTo]) {
      if (dependency in distribution)
        graph.addEdge(appNode(service), appNode(dependency), { kind: 'dependency' });
    }
  }
  for (const service of distributed) {
    const seen = new Set<string>();
    for (const mapping of distribution[service]) {
      if (seen.has(mapping.target)) continue;
      seen.add(mapping.target);
      graph.addEdge(appNode(service), hostNode(mapping.target), { kind: 'candidate', mapping });
    }
  }
  return graph;
}
