/**
 * Rendering: DOT text to SVG (WebAssembly Graphviz or the system `dot`) and PNG (resvg), and the
 * pinned layout for diagrams too large for `dot`. Takes DOT text or ts-graphviz models from
 * `src/dot/` (whose printer it uses); `src/dot/` never imports from here.
 */
export {
  renderDot,
  svgToPng,
  RenderError,
  type DiagramFormat,
  type Renderer,
  type RenderOptions,
  type WasmBuild,
} from './render-dot.js';
export {
  renderGraph,
  usesPinnedLayout,
  LARGE_DIAGRAM_THRESHOLD,
  type DiagramRenderOptions,
} from './render-graph.js';
export {
  clusteredPositions,
  pinnedGraph,
  type ClusteredNode,
  type PinnedLayoutOptions,
} from './large-layout.js';
