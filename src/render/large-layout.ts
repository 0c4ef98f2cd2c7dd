/**
 * Layout for diagrams too large for Graphviz's hierarchical `dot` engine (its time grows much
 * faster than linearly; bench/out/render.md has the figures). Positions are computed in JS with
 * graphology — a circle packing of the clusters as the start, then a fixed number of
 * (deterministic) ForceAtlas2 iterations — and handed to Graphviz as pinned `pos="x,y!"` attributes, which the
 * no-op layout (neato -n) only has to draw.
 *
 * Clusters cannot survive a pinned layout (neato draws no cluster boxes), so the graph is
 * flattened: every node is filled with the colour of its cluster (the outermost cluster — the
 * target — or the innermost — the feature group), gets its cluster path as tooltip, and a legend
 * of colours is drawn to the left of the diagram.
 */
import { UndirectedGraph } from 'graphology';
import circlepackImport from 'graphology-layout/circlepack.js';
import forceAtlas2Import from 'graphology-layout-forceatlas2';
import {
  Digraph,
  Edge,
  Node,
  type EdgeModel,
  type GraphBaseModel,
  type NodeModel,
  type RootGraphModel,
  type SubgraphModel,
} from 'ts-graphviz';
import { compareNames } from '../../models/compare.js';
// Seeded: circle packing shuffles inside its enclosing-circle search; a fixed seed keeps even
// floating-point rounding reproducible.
import { mulberry32 } from '../../algorithms/support/index.js';

export interface PinnedLayoutOptions {
  /** Colour nodes by their outermost (default) or innermost cluster. */
  colourBy?: 'outermost' | 'innermost';
  /** ForceAtlas2 iterations (default: 60, fewer above 5,000 nodes). */
  iterations?: number;
  /** Average distance between node centres, in points (default 140). */
  spacing?: number;
  /** Largest number of legend entries drawn (default 60). */
  maxLegend?: number;
}

// Both packages are CommonJS with `export default` typings: under NodeNext TypeScript types the
// default import as the module object while Node hands over `module.exports` (the function).
type CirclePack = typeof import('graphology-layout/circlepack.js').default;
type ForceAtlas2 = typeof import('graphology-layout-forceatlas2').default;
const circlepack = (
  'default' in circlepackImport ? circlepackImport.default : circlepackImport
) as CirclePack;
const forceAtlas2 = (
  'default' in forceAtlas2Import ? forceAtlas2Import.default : forceAtlas2Import
) as ForceAtlas2;

interface FlatNode {
  node: NodeModel;
  /** Clusters containing the node, outermost first. */
  clusters: SubgraphModel[];
}

type Entries = ReadonlyArray<readonly [string, unknown]>;

/** Nodes with their cluster chains, and all edges, in model order. */
function flatten(graph: GraphBaseModel, chain: SubgraphModel[], nodes: FlatNode[], edges: EdgeModel[]): void {
  for (const node of graph.nodes) nodes.push({ node, clusters: chain });
  // One push per edge: spreading 148,000 edges into push() overflows the call stack.
  for (const edge of graph.edges) edges.push(edge);
  for (const sub of graph.subgraphs) flatten(sub, [...chain, sub], nodes, edges);
}

/** Evenly spread pastel colours (golden-ratio hues) in Graphviz's "H S V" notation. */
export function palette(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `${((i * 0.618033988749895) % 1).toFixed(3)} 0.300 1.000`);
}

function endpoint(target: unknown): string {
  return (target as NodeModel).id;
}

/** Node positions in points, centred on the origin, x right and y up (Graphviz's convention). */
export function computePositions(
  flat: FlatNode[],
  edges: EdgeModel[],
  options: PinnedLayoutOptions = {},
): Map<string, { x: number; y: number }> {
  return clusteredPositions(
    flat.map((f) => ({ id: f.node.id, clusters: f.clusters.map((c) => c.id ?? '') })),
    edges.map((e) => [endpoint(e.targets[0]), endpoint(e.targets[1])] as const),
    options,
  );
}

/** A node to place: its ID and the IDs of the clusters containing it, outermost first. */
export interface ClusteredNode {
  id: string;
  clusters: readonly string[];
}

/**
 * The layout itself, on plain data (what `dyplan view` stores in its page): circle packing by
 * cluster, then seeded ForceAtlas2; positions in points, centred on the origin, y up.
 */
export function clusteredPositions(
  nodes: readonly ClusteredNode[],
  edges: ReadonlyArray<readonly [string, string]>,
  options: Pick<PinnedLayoutOptions, 'iterations' | 'spacing'> = {},
): Map<string, { x: number; y: number }> {
  const g = new UndirectedGraph<
    { x: number; y: number; [level: string]: string | number },
    { weight: number }
  >({
    allowSelfLoops: false,
  });
  const depth = nodes.reduce((d, f) => Math.max(d, f.clusters.length), 0);
  const levels = Array.from({ length: depth }, (_, i) => `level${i}`);
  for (const f of nodes) {
    const attrs: Record<string, string> = {};
    levels.forEach((level, i) => (attrs[level] = f.clusters[i] ?? ''));
    g.mergeNode(f.id, attrs);
  }
  // Links inside the outermost cluster (a target, a top-level group) pull hard, links across
  // clusters barely: ForceAtlas2 then keeps each cluster together instead of mixing them all.
  const outermost = new Map(nodes.map((f) => [f.id, f.clusters[0] ?? '']));
  for (const [a, b] of edges) {
    if (a !== b && g.hasNode(a) && g.hasNode(b) && !g.hasEdge(a, b)) {
      g.addEdge(a, b, { weight: outermost.get(a) === outermost.get(b) ? 1 : 0.05 });
    }
  }
  circlepack.assign(g, { hierarchyAttributes: levels, rng: mulberry32(1), scale: Math.sqrt(g.order) * 10 });
  if (g.size > 0) {
    const iterations = options.iterations ?? (g.order > 5000 ? 30 : 60);
    forceAtlas2.assign(g, {
      iterations,
      settings: {
        ...forceAtlas2.inferSettings(g),
        barnesHutOptimize: g.order > 1000,
        edgeWeightInfluence: 1,
      },
    });
  }
  // Scale so that each node gets on average a `spacing` x `spacing` square of the bounding box.
  let minX = Infinity,
    maxX = -Infinity,
    minY = Infinity,
    maxY = -Infinity;
  g.forEachNode((_, a) => {
    minX = Math.min(minX, a.x);
    maxX = Math.max(maxX, a.x);
    minY = Math.min(minY, a.y);
    maxY = Math.max(maxY, a.y);
  });
  const spacing = options.spacing ?? 140;
  const area = Math.max((maxX - minX) * (maxY - minY), 1e-9);
  const scale = g.order <= 1 ? 1 : Math.sqrt((g.order * spacing * spacing) / area);
  const cx = (minX + maxX) / 2,
    cy = (minY + maxY) / 2;
  const positions = new Map<string, { x: number; y: number }>();
  g.forEachNode((id, a) => positions.set(id, { x: (a.x - cx) * scale, y: (a.y - cy) * scale }));
  return positions;
}

/** Node attributes a node inherits from the `node [...]` defaults of its clusters. */
function inherited(f: FlatNode): Record<string, unknown> {
  const attrs: Record<string, unknown> = {};
  for (const c of f.clusters) for (const [k, v] of c.attributes.node.values as Entries) attrs[k] = v;
  for (const [k, v] of f.node.attributes.values as Entries) attrs[k] = v;
  return attrs;
}

function clusterLabel(c: SubgraphModel): string {
  const label = c.get('label');
  return typeof label === 'string' ? label : (c.id ?? '');
}

/**
 * A flat copy of `graph` with every node pinned (`pos="x,y!"`), to be drawn with the no-op
 * layout (`renderDot(..., { engine: 'nop' })`). Deterministic for a given graph and options.
 */
export function pinnedGraph(graph: RootGraphModel, options: PinnedLayoutOptions = {}): RootGraphModel {
  const flat: FlatNode[] = [];
  const edges: EdgeModel[] = [];
  flatten(graph, [], flat, edges);
  const positions = computePositions(flat, edges, options);

  const colourCluster = (f: FlatNode): SubgraphModel | undefined =>
    options.colourBy === 'innermost' ? f.clusters[f.clusters.length - 1] : f.clusters[0];
  const legendText = new Map<string, string>();
  for (const f of flat) {
    const c = colourCluster(f);
    if (c?.id === undefined || legendText.has(c.id)) continue;
    const chain = options.colourBy === 'innermost' ? f.clusters : [c];
    legendText.set(c.id, chain.map(clusterLabel).join(' / '));
  }
  const keys = [...legendText.keys()].sort(compareNames);
  const colours = new Map(keys.map((k, i) => [k, palette(keys.length)[i]]));

  const out = new Digraph(graph.id);
  for (const [k, v] of graph.values as Entries) out.set(k as 'label', v as string);
  out.set('splines', false);
  out.set('outputorder', 'edgesfirst');
  out.attributes.node.apply(Object.fromEntries(graph.attributes.node.values as Entries));
  out.attributes.edge.apply(Object.fromEntries(graph.attributes.edge.values as Entries));

  const copies = new Map<string, NodeModel>();
  let minX = Infinity,
    maxY = -Infinity;
  for (const f of flat) {
    const attrs = inherited(f);
    const c = colourCluster(f);
    if (c?.id !== undefined) {
      const style = typeof attrs.style === 'string' ? attrs.style : '';
      if (!style.split(',').includes('filled'))
        attrs.style = style === '' || style === 'solid' ? 'filled' : `filled,${style}`;
      attrs.fillcolor = colours.get(c.id);
      attrs.tooltip = f.clusters.map(clusterLabel).join(' / ');
    }
    const p = positions.get(f.node.id) as { x: number; y: number };
    minX = Math.min(minX, p.x);
    maxY = Math.max(maxY, p.y);
    attrs.pos = `${p.x.toFixed(1)},${p.y.toFixed(1)}!`;
    const copy = new Node(f.node.id, attrs);
    copies.set(f.node.id, copy);
    out.addNode(copy);
  }
  if (keys.length > 0 && keys.length <= (options.maxLegend ?? 60)) {
    const taken = new Set(copies.keys());
    keys.forEach((k, i) => {
      let id = `legend ${i}`;
      while (taken.has(id)) id += '_';
      taken.add(id);
      out.addNode(
        new Node(id, {
          label: legendText.get(k) as string,
          shape: 'box',
          style: 'filled',
          fillcolor: colours.get(k) as string,
          pos: `${(minX - 400).toFixed(1)},${(maxY - i * 40).toFixed(1)}!`,
        }),
      );
    });
  }
  for (const e of edges) {
    const [a, b] = [copies.get(endpoint(e.targets[0])), copies.get(endpoint(e.targets[1]))];
    if (a && b) out.addEdge(new Edge([a, b], Object.fromEntries(e.attributes.values as Entries)));
  }
  return out;
}
