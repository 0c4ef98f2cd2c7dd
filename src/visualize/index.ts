/**
 * The visualisation library behind `visualize-services`, `visualize-infra`,
 * `visualize-distribution`, `document-services` and `generate-services-docs`.
 * Builders return DOT text (or ts-graphviz models); renderers return SVG text or PNG bytes;
 * batch functions return `relative path -> contents` maps for the CLI to write.
 */
export {
  servicesDot,
  servicesGraph,
  servicesView,
  viewGraph,
  type ServicesDiagramOptions,
} from './services-dot.js';
export { infrastructureDot, infrastructureGraph } from './infra-dot.js';
export {
  crossingSummary,
  distributionDot,
  distributionGraph,
  distributionLayout,
  type DistributionLayout,
  type DistributionLink,
  type Placement,
} from './distribution-dot.js';
export { allGroups, groupView, inGroup, type GroupView, type ViewNode } from './groups.js';
export { printDot, countNodes } from './dot-print.js';
export {
  renderDot,
  svgToPng,
  RenderError,
  type DiagramFormat,
  type Renderer,
  type RenderOptions,
  type WasmBuild,
} from './render.js';
export {
  renderGraph,
  usesPinnedLayout,
  LARGE_DIAGRAM_THRESHOLD,
  type DiagramRenderOptions,
} from './render-graph.js';
export { pinnedGraph, type PinnedLayoutOptions } from './large-layout.js';
export {
  renderServicesDiagram,
  visualizeServicesBatch,
  renderView,
  type ServicesBatchOptions,
} from './services-batch.js';
export {
  CATALOGUE_STYLE,
  cataloguePage,
  documentServicesBatch,
  documentServicesPage,
  generateServicesDocs,
  type CatalogueOptions,
  type CataloguePageOptions,
} from './catalogue.js';
export { groupDirectory, groupFile, type FileMap } from './paths.js';
