/**
 * Prints a ts-graphviz model in the compact line layout of the original dydisnix tools
 * (docs/compatibility.md §8.1: one line per vertex, an empty line, one line per edge), so that
 * `visualize-services` output stays byte-compatible while every ID is quoted.
 *
 * ts-graphviz's own `toDot` is not used for two reasons: its multi-line layout differs from the
 * original, and its escaping leaves a trailing backslash or `\"` in a name unescaped (invalid DOT).
 *
 * Label convention: `label`, `xlabel`, `headlabel`, `taillabel` and `tooltip` values are stored
 * in the model ALREADY in escString form (see `labelText`), because builders mix literal name
 * text with DOT line breaks and HTML entities; they are quoted verbatim. Every other value is
 * escaped here.
 */
import type { EdgeModel, GraphBaseModel, NodeModel, RootGraphModel, SubgraphModel } from 'ts-graphviz';
import { attributeValue, graphId, quoteId } from './text.js';

/** Attributes whose model value is escString text, printed inside quotes without re-escaping. */
const RAW_LABELS = new Set(['label', 'xlabel', 'headlabel', 'taillabel', 'tooltip']);

type AttributeEntries = ReadonlyArray<readonly [string, unknown]>;

function scalar(value: unknown): string | number | boolean {
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  throw new TypeError(`unsupported DOT attribute value: ${String(value)}`);
}

function rawLabel(value: unknown): string {
  return `"${String(scalar(value))}"`;
}

/** `key=value` with the original's spacing rules: `label = "..."` in vertex lists, `k=v` elsewhere. */
function assignment(key: string, value: unknown, spacedLabel: boolean): string {
  if (RAW_LABELS.has(key)) return spacedLabel ? `${key} = ${rawLabel(value)}` : `${key}=${rawLabel(value)}`;
  return `${key}=${attributeValue(scalar(value))}`;
}

function endpointId(target: unknown): string {
  if (Array.isArray(target)) throw new TypeError('edge groups are not supported by the dydisnix printer');
  return (target as NodeModel).id;
}

function printNode(node: NodeModel): string {
  const entries = node.attributes.values as AttributeEntries;
  if (entries.length === 0) return quoteId(node.id);
  return `${quoteId(node.id)} [ ${entries.map(([k, v]) => assignment(k, v, true)).join(', ')} ]`;
}

function printEdge(edge: EdgeModel, directed: boolean): string {
  const [from, to] = edge.targets;
  const head = `${quoteId(endpointId(from))} ${directed ? '->' : '--'} ${quoteId(endpointId(to))}`;
  const entries = edge.attributes.values as AttributeEntries;
  if (entries.length === 0) return head;
  return `${head} [${entries.map(([k, v]) => assignment(k, v, false)).join(',')}]`;
}

function defaults(kind: 'node' | 'edge', entries: AttributeEntries): string[] {
  if (entries.length === 0) return [];
  return [`${kind} [${entries.map(([k, v]) => assignment(k, v, false)).join(',')}];`];
}

/** Graph attributes, default node/edge attributes, nodes, then nested subgraphs. */
function printBody(graph: GraphBaseModel, lines: string[], directed: boolean): void {
  for (const [k, v] of graph.values as AttributeEntries) lines.push(`${assignment(k, v, false)};`);
  for (const line of defaults('node', graph.attributes.node.values as AttributeEntries)) lines.push(line);
  for (const line of defaults('edge', graph.attributes.edge.values as AttributeEntries)) lines.push(line);
  for (const node of graph.nodes) lines.push(printNode(node));
  for (const sub of graph.subgraphs) printSubgraph(sub, lines, directed);
}

function printSubgraph(sub: SubgraphModel, lines: string[], directed: boolean): void {
  lines.push(sub.id === undefined ? '{' : `subgraph ${quoteId(sub.id)} {`);
  printBody(sub, lines, directed);
  for (const edge of sub.edges) lines.push(printEdge(edge, directed));
  lines.push('}');
}

/** The DOT text of `graph`; every line, including the closing brace, ends with a newline. */
export function printDot(graph: RootGraphModel): string {
  const directed = graph.directed;
  const id = graph.id === undefined ? '' : `${graphId(graph.id)} `;
  const lines = [`${graph.strict ? 'strict ' : ''}${directed ? 'digraph' : 'graph'} ${id}{`];
  printBody(graph, lines, directed);
  if (graph.nodes.length > 0 || graph.edges.length > 0) lines.push('');
  for (const edge of graph.edges) lines.push(printEdge(edge, directed));
  lines.push('}');
  return lines.join('\n') + '\n';
}

/** Counts the nodes of a graph and all its subgraphs (the size that drives the layout choice). */
export function countNodes(graph: GraphBaseModel): number {
  return graph.nodes.length + graph.subgraphs.reduce((n, sub) => n + countNodes(sub), 0);
}
