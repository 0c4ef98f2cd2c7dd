/**
 * DOT of the planners' problem graphs (docs/compatibility.md §8.4): the application-host graph of
 * multiwaycut and the conflict graph of graphcol, before and after solving. Node names are the
 * original's (`app:<service>`, `host:<target>`), built with ts-graphviz and printed in the
 * original's line layout by the shared printer, with every identifier quoted (any name is valid).
 */
import { Edge, Graph, Node } from 'ts-graphviz';
import { compareNames } from '../../models/compare.js';
import type { ApplicationHostGraph } from '../plans/application-host-graph.js';
import type { DependencyGraph } from '../plans/dependency-graph.js';
import { printDot } from './print.js';
import { labelText } from './text.js';

/** Text of one record field: record syntax characters (and spaces around them) are escaped. */
function recordField(text: string): string {
  return labelText(text).replace(/[{}|<> ]/g, (c) => `\\${c}`);
}

/** Record label `<f0> name|<f1> value`. */
function recordLabel(name: string, value: string): string {
  return `<f0> ${recordField(name)}|<f1> ${recordField(value)}`;
}

/**
 * The application-host graph; with `chosen` (service -> target), the resolved graph: only the
 * chosen candidate link of each service is kept. Dependency links weigh 1, candidate links n².
 */
export function applicationHostDot(
  graph: ApplicationHostGraph,
  chosen?: ReadonlyMap<string, string>,
): string {
  const dot = new Graph();
  const nodes = new Map<string, Node>();
  for (const name of [...graph.nodes()].sort(compareNames)) {
    const node = new Node(name, { label: labelText(name) });
    nodes.set(name, node);
    dot.addNode(node);
  }
  const n = graph.filterNodes((_, a) => a.kind === 'app').length;
  const edges: [string, string, Edge][] = [];
  graph.forEachEdge((_edge, attributes, source, target) => {
    const [a, b] = compareNames(source, target) <= 0 ? [source, target] : [target, source];
    if (attributes.kind === 'candidate' && chosen) {
      const app = graph.getNodeAttributes(a);
      const host = graph.getNodeAttributes(b);
      if (app.kind === 'app' && host.kind === 'host' && chosen.get(app.service) !== host.target) return;
    }
    const dependency = attributes.kind === 'dependency';
    const edge = new Edge([nodes.get(a) as Node, nodes.get(b) as Node], {
      label: dependency ? '1' : 'n²',
      weight: dependency ? 1 : Math.max(1, n * n),
    });
    edges.push([a, b, edge]);
  });
  edges.sort((x, y) => compareNames(x[0], y[0]) || compareNames(x[1], y[1]));
  for (const [, , edge] of edges) dot.addEdge(edge);
  return printDot(dot);
}

/** The conflict graph; with `colours` (service -> colour index), the coloured graph as records. */
export function conflictGraphDot(graph: DependencyGraph, colours?: ReadonlyMap<string, number>): string {
  const dot = new Graph();
  dot.attributes.node.set('shape', 'Mrecord');
  const nodes = new Map<string, Node>();
  const serviceOf = (key: string) => graph.getNodeAttribute(key, 'service');
  for (const name of graph.mapNodes((_, a) => a.service).sort(compareNames)) {
    const colour = colours?.get(name);
    // Every node is a record (shape=Mrecord), so even a plain label must escape record syntax.
    const node = new Node(name, {
      label: colour === undefined ? recordField(name) : recordLabel(name, String(colour)),
    });
    nodes.set(name, node);
    dot.addNode(node);
  }
  const edges: [string, string][] = [];
  graph.forEachEdge((_e, _a, sourceKey, targetKey) => {
    const [source, target] = [serviceOf(sourceKey), serviceOf(targetKey)];
    edges.push(compareNames(source, target) <= 0 ? [source, target] : [target, source]);
  });
  edges.sort((x, y) => compareNames(x[0], y[0]) || compareNames(x[1], y[1]));
  for (const [a, b] of edges) dot.addEdge(new Edge([nodes.get(a) as Node, nodes.get(b) as Node]));
  return printDot(dot);
}
