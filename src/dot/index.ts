/**
 * DOT builders: models in, DOT text or ts-graphviz models out. Pure (no I/O, no rendering); the
 * one printer (`printDot`) and the escaping rules (`text.ts`) live here, and `src/render/` and
 * `src/catalogue/` import them from this entry. Nothing here imports from those folders.
 */
export {
  servicesDot,
  servicesGraph,
  servicesView,
  viewGraph,
  type ServicesDiagramOptions,
} from './services.js';
export { infrastructureDot, infrastructureGraph } from './infrastructure.js';
export {
  crossingSummary,
  distributionDot,
  distributionGraph,
  distributionLayout,
  type DistributionLayout,
  type DistributionLink,
  type Placement,
} from './distribution.js';
export { applicationHostDot, conflictGraphDot } from './problem-graphs.js';
export { printDot, countNodes } from './print.js';
