/**
 * The infrastructure diagram of `visualize-infra` (docs/compatibility.md §8.3): one filled cluster per target
 * holding a "containers" cluster with one record node per container. Fix over the original
 * (docs/compatibility.md bug 18): subgraph IDs are quoted, so target names with `-`, `.`, spaces or quotes stay valid.
 */
import { Digraph, Node, Subgraph, type RootGraphModel, type SubgraphModel } from 'ts-graphviz';
import type { InfrastructureModel } from '../../models/types.js';
import { printDot } from './print.js';
import { sortedKeys } from '../../models/compare.js';
import { compositeId, labelText } from './text.js';

/** The grey target cluster (shared with the distribution diagram). */
export function targetCluster(target: string): SubgraphModel {
  const sub = new Subgraph(`cluster_target_${target}`);
  sub.set('style', 'filled');
  sub.set('label', labelText(target));
  sub.set('fillcolor', 'grey');
  return sub;
}

/** The infrastructure diagram as a ts-graphviz model; targets and containers sorted by name. */
export function infrastructureGraph(infrastructure: InfrastructureModel): RootGraphModel {
  const graph = new Digraph('G');
  for (const target of sortedKeys(infrastructure)) {
    const cluster = targetCluster(target);
    const containers = new Subgraph(`cluster_container_${target}`);
    containers.set('style', 'filled');
    containers.set('label', 'containers');
    containers.set('fillcolor', 'grey40');
    containers.attributes.node.apply({
      shape: 'record',
      style: 'filled',
      color: 'black',
      fillcolor: 'white',
    });
    const names = sortedKeys(infrastructure[target].containers ?? {});
    if (names.length === 0)
      containers.addNode(new Node(compositeId(target, ''), { label: '(no defined containers)' }));
    for (const name of names) {
      // Record labels give `|{}<>` a meaning; escape them so a container name shows as typed.
      containers.addNode(new Node(compositeId(target, name), { label: recordText(labelText(name)) }));
    }
    cluster.addSubgraph(containers);
    graph.addSubgraph(cluster);
  }
  return graph;
}

/** Escapes the characters that structure record labels (`{ } | < >`) and a leading/trailing space. */
export function recordText(escString: string): string {
  return escString.replace(/[{}|<>]/g, (c) => `\\${c}`).replace(/^ | $/g, '\\ ');
}

/** `visualize-infra`: the DOT text of the infrastructure diagram. */
export function infrastructureDot(infrastructure: InfrastructureModel): string {
  return printDot(infrastructureGraph(infrastructure));
}
