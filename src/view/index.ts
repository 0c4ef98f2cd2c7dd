/**
 * `dyplan view`: the page data computed from the models (data.ts), the self-contained HTML page
 * (page.ts), and its browser client (client/, bundled at build time, not imported from Node).
 */
export {
  resourceLoads,
  viewData,
  VIEW_DATA_FORMAT,
  type ResourceLoads,
  type ViewData,
  type ViewModels,
  type ViewService,
  type ViewTarget,
} from './data.js';
export { clientBundle, scriptJson, viewPage } from './page.js';
