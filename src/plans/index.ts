/**
 * The plans layer: models in, a typed result out, for every planner. Commands, QoS steps,
 * benchmarks and the library API call these; none of them reads files or writes output.
 */
export {
  boundText,
  formatNumber,
  gapPercent,
  gapText,
  numericProperty,
  placementLinks,
  placementProblem,
  toDistribution,
  type ModelSources,
  type PlacementProblem,
  type PlacementResult,
} from './placement.js';
export {
  planMultiwayCut,
  LP_BOUND_MAX_LINKS,
  type MultiwayCutPlanOptions,
  type MultiwayCutPlanResult,
} from './multiway-cut.js';
export {
  planColouring,
  colouringGraph,
  type ColouringModels,
  type ColouringPlanOptions,
  type ColouringPlanResult,
} from './colouring.js';
export { planSetCover, type SetCoverAlgorithm, type SetCoverPlanOptions } from './set-cover.js';
export {
  planDivide,
  DIVIDE_STRATEGIES,
  type DivideStrategy,
  type DividePlanOptions,
  type DividePlanResult,
} from './divide.js';
export { planRoundRobin } from './round-robin.js';
export { planIds, type IdsPlanModels, type IdsPlanOptions, type IdsPlanResult } from './ids.js';
export { applicationHostGraph } from './application-host-graph.js';
export {
  exceedsCapacity,
  parseResourcePair,
  parseResourcePairs,
  readResources,
  resourceName,
  resourceUsage,
  type MissingResource,
  type ResourcePair,
  type ResourceReadOptions,
  type ResourceTable,
  type TargetUsage,
} from './resources.js';
