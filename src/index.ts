/**
 * The library entry, `import { ... } from 'dyplan'`: load models, plan a placement, assign IDs,
 * write the results and draw them. The same layers the command line uses (models -> plans ->
 * writers, DOT builders -> rendering); nothing here reads the environment or prints anything.
 * README "Library" shows an example; anything not exported here is internal and may change.
 */

// Models: files in (Nix, JSON, YAML, dydisnix XML), typed and normalised models out.
export {
  loadModels,
  formatOf,
  type InputFormat,
  type LoadOptions,
  type LoadedModels,
  type ModelFiles,
  type ModelKind,
  type ModelTypes,
} from '../models/load.js';
export type {
  DistributionModel,
  DocsConfig,
  IdResource,
  IdResourcesModel,
  IdScope,
  IdsModel,
  InfrastructureModel,
  Mapping,
  Service,
  ServicesModel,
  Target,
  Value,
} from '../models/types.js';

// Writers: a model as a value, then as the Nix expression, JSON or dydisnix XML the commands print.
export {
  distributionToValue,
  docsToValue,
  idResourcesToValue,
  idsToValue,
  infrastructureToValue,
  servicesToValue,
} from '../models/to-value.js';
export { toNix } from '../models/write-nix.js';
export {
  distributionToXml,
  docsToXml,
  idResourcesToXml,
  idsToXml,
  infrastructureToXml,
  servicesToXml,
} from '../models/write-xml.js';

// Plans: models in, a typed result out (distribution, objective, bound, gap, counts).
export {
  planColouring,
  planDivide,
  planIds,
  planMultiwayCut,
  planRoundRobin,
  planSetCover,
  DIVIDE_STRATEGIES,
  LP_BOUND_MAX_LINKS,
  type ColouringModels,
  type ColouringPlanOptions,
  type ColouringPlanResult,
  type DividePlanOptions,
  type DividePlanResult,
  type DivideStrategy,
  type IdsPlanModels,
  type IdsPlanOptions,
  type IdsPlanResult,
  type ModelSources,
  type MultiwayCutPlanOptions,
  type MultiwayCutPlanResult,
  type PlacementResult,
  type SetCoverAlgorithm,
  type SetCoverPlanOptions,
} from './plans/index.js';

// Pictures: ts-graphviz models of the services, infrastructure and a distribution; DOT, SVG, PNG.
export {
  distributionGraph,
  infrastructureGraph,
  printDot,
  servicesGraph,
  type ServicesDiagramOptions,
} from './dot/index.js';
export {
  renderDot,
  renderGraph,
  svgToPng,
  type DiagramFormat,
  type DiagramRenderOptions,
  type RenderOptions,
} from './render/index.js';

// Errors: one hierarchy; `kind` says what went wrong and `exitCodeOf` what the CLI would exit with.
export { DyplanError, ModelError, type ErrorKind } from '../models/errors.js';
export { EXIT_CODES, OutputError, PlanningError, UsageError, exitCodeOf } from './errors.js';
export { RenderError } from './render/index.js';
