/**
 * Feature groups of a services model: which services a diagram or catalogue page of a group
 * shows, and how sub-groups collapse. Used by the DOT builders (`src/dot/`) and the catalogue
 * (`src/catalogue/`); imports neither.
 */
export {
  allGroups,
  groupView,
  inGroup,
  parentGroup,
  splitGroup,
  type GroupView,
  type ViewNode,
} from './groups.js';
