/**
 * Renders a diagram model, choosing the layout by size: Graphviz's hierarchical `dot` layout up
 * to LARGE_DIAGRAM_THRESHOLD nodes, above it a pinned JS layout (large-layout.ts) drawn with
 * the no-op engine, so that a 10,000-service diagram takes seconds instead of many minutes.
 */
import type { RootGraphModel } from 'ts-graphviz';
import { countNodes, printDot } from '../dot/index.js';
import { pinnedGraph, type PinnedLayoutOptions } from './large-layout.js';
import { renderDot, type DiagramFormat, type Renderer, type RenderOptions } from './render-dot.js';

/**
 * Node count above which `auto` switches to the pinned layout, measured with bench/render.ts
 * (bench/out/render.md) against a budget of about 3 s per diagram. WebAssembly `dot` grows
 * super-linearly; on the hardest shape measured (a services diagram with 20% cross-group
 * dependencies, ~2 edges per node) it takes 0.1 s at 200 nodes, 0.7 s at 400, 2.9 s at 600,
 * 6.5 s at 800, 8 s at 1,000, 16 s at 1,200 and 32 s at 1,500; clustered diagrams with local
 * links (distributions) stay under 1 s up to 1,000 nodes. The pinned layout draws 10,000 nodes in
 * about 3 s. Pass `threshold` or `layout: 'hierarchical'` to trade time for a layered picture.
 */
export const LARGE_DIAGRAM_THRESHOLD = 600;

export interface DiagramRenderOptions extends RenderOptions, Omit<PinnedLayoutOptions, 'colourBy'> {
  /** `wasm` (default, no Graphviz needed) or the system `dot`. */
  renderer?: Renderer;
  /** `auto` (default): hierarchical up to `threshold` nodes, pinned above. */
  layout?: 'auto' | 'hierarchical' | 'pinned';
  /** Node count where `auto` switches to the pinned layout (default LARGE_DIAGRAM_THRESHOLD). */
  threshold?: number;
  /** Which cluster gives a node its colour in the pinned layout (default outermost). */
  colourBy?: 'outermost' | 'innermost';
  /** Told when a phase starts (the pinned layout, Graphviz); returns its end (the CLI's progress). */
  onPhase?: (name: string) => () => void;
}

async function inPhase<T>(
  options: DiagramRenderOptions,
  name: string,
  work: () => T | Promise<T>,
): Promise<T> {
  const end = options.onPhase?.(name);
  try {
    return await work();
  } finally {
    end?.();
  }
}

/** Whether a diagram with `nodes` nodes gets the pinned layout under `options`. */
export function usesPinnedLayout(nodes: number, options: DiagramRenderOptions = {}): boolean {
  const layout = options.layout ?? 'auto';
  return layout === 'pinned' || (layout === 'auto' && nodes > (options.threshold ?? LARGE_DIAGRAM_THRESHOLD));
}

/**
 * Renders a diagram model to `format`. For `dot` the plain DOT text is returned unless the pinned
 * layout is forced (then the DOT with positions, useful to inspect or re-render it elsewhere).
 */
export async function renderGraph(
  graph: RootGraphModel,
  format: 'dot' | 'svg',
  options?: DiagramRenderOptions,
): Promise<string>;
export async function renderGraph(
  graph: RootGraphModel,
  format: 'png',
  options?: DiagramRenderOptions,
): Promise<Uint8Array>;
export async function renderGraph(
  graph: RootGraphModel,
  format: DiagramFormat,
  options?: DiagramRenderOptions,
): Promise<string | Uint8Array>;
export async function renderGraph(
  graph: RootGraphModel,
  format: DiagramFormat,
  options: DiagramRenderOptions = {},
): Promise<string | Uint8Array> {
  if (format === 'dot' && (options.layout ?? 'auto') !== 'pinned') return printDot(graph);
  if (!usesPinnedLayout(countNodes(graph), options))
    return inPhase(options, `Graphviz dot layout (${format})`, () =>
      renderDot(printDot(graph), format, options.renderer, { ...options, engine: 'dot' }),
    );
  const pinned = await inPhase(options, 'pinned layout', () => printDot(pinnedGraph(graph, options)));
  return inPhase(options, `Graphviz drawing (${format})`, () =>
    renderDot(pinned, format, options.renderer, { ...options, engine: 'nop' }),
  );
}
