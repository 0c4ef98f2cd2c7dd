/**
 * The services catalogue and batch generation behind `visualize-services` (with an image format
 * or `--batch`), `document-services` and `generate-services-docs`. Batch functions return
 * `relative path -> contents` maps for the CLI to write. Builds on `src/dot/`, `src/render/` and
 * `src/groups/`; none of them imports from here.
 */
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
