/**
 * The functional architecture catalogue of `document-services` and `generate-services-docs`
 * (docs/compatibility.md §5.11, §5.12, §8.5): one HTML page per feature group listing its services (columns
 * from the docs configuration) and its sub-groups, with the group's diagram.
 *
 * Kept from the original: the page template line for line, root-relative stylesheet, rows sorted
 * by name, `<group>/index.html` layout. Fixed (docs/compatibility.md bugs 19, 20): every text is HTML-escaped, links
 * are URL-encoded, list/attribute-set values are readable, intermediate groups get pages (so all
 * links resolve), the single-page variant titles the page with its group, `providesContainers`
 * works. Added: a breadcrumb line linking each page to its ancestors (option `breadcrumbs`).
 */
import { compareNames } from '../../models/compare.js';
import type { DocsConfig, ServicesModel, Value } from '../../models/types.js';
import { entryOf } from '../../models/records.js';
import { printDot, servicesView, viewGraph } from '../dot/index.js';
import { allGroups, groupView, splitGroup, type GroupView } from '../groups/index.js';
import { escapeHtml, formatValue } from './html.js';
import { groupFile, groupHref, rootHref, sortedFiles, type FileMap } from './paths.js';
import type { DiagramRenderOptions } from '../render/index.js';
import { diagramImageName, renderView } from './services-batch.js';

export interface CataloguePageOptions {
  /** `--group`: the group the page documents (default root). */
  group?: string;
  /** `--group-subservices`: list sub-groups as links instead of their services (batch: always). */
  groupSubservices?: boolean;
  /** `--docs`: group descriptions, service columns and column titles. */
  docs?: DocsConfig;
  /** Image shown under the heading (`diagram.dot.<format>`); none when absent. */
  imageFormat?: 'svg' | 'png';
  /** Link each non-root page to its ancestor pages (default true; false = the dydisnix page). */
  breadcrumbs?: boolean;
}

const DEFAULT_FIELDS = ['description', 'type'];
const DEFAULT_TITLES: Record<string, string> = { description: 'Description', type: 'Type' };

/** The group's description from the docs configuration, or its path. */
function groupTitle(group: string, docs: DocsConfig | undefined): string {
  return (docs && entryOf(docs.groups, group)) ?? group;
}

function columns(docs: DocsConfig | undefined): { field: string; title: string }[] {
  const fields = docs !== undefined && docs.fields.length > 0 ? docs.fields : DEFAULT_FIELDS;
  return fields.map((field) => ({
    field,
    title: (docs && entryOf(docs.descriptions, field)) ?? entryOf(DEFAULT_TITLES, field) ?? field,
  }));
}

function breadcrumbLine(group: string, docs: DocsConfig | undefined): string {
  const parts = splitGroup(group);
  const links = [`<a href="${escapeHtml(groupHref(group, '', 'index.html'))}">Home</a>`];
  for (let i = 1; i < parts.length; i++) {
    const ancestor = parts.slice(0, i).join('/');
    const text = (docs && entryOf(docs.groups, ancestor)) ?? parts[i - 1];
    links.push(`<a href="${escapeHtml(groupHref(group, ancestor, 'index.html'))}">${escapeHtml(text)}</a>`);
  }
  links.push(escapeHtml((docs && entryOf(docs.groups, group)) ?? parts[parts.length - 1]));
  return `        <p class="breadcrumbs">${links.join(' / ')}</p>`;
}

/** One catalogue page for an already computed group view (services of the group only, no context). */
export function cataloguePage(view: GroupView, options: CataloguePageOptions = {}): string {
  const { group } = view;
  const docs = options.docs;
  const title = group === '' ? '' : ` for group: ${groupTitle(group, docs)}`;
  const out: string[] = [
    '<!DOCTYPE html>',
    '',
    '<html>',
    '    <head>',
    `        <title>Functional architecture documentation${escapeHtml(title)}</title>`,
    `        <link rel="stylesheet" type="text/css" href="${escapeHtml(rootHref(group))}/style.css">`,
    '    </head>',
    '    <body>',
  ];
  if (group !== '') {
    if (options.breadcrumbs ?? true) out.push(breadcrumbLine(group, docs));
    out.push(`        <h1>${escapeHtml(groupTitle(group, docs))}</h1>`);
  }
  if (options.imageFormat !== undefined) {
    out.push(
      '        <p>',
      `            <img src="${escapeHtml(encodeURIComponent(diagramImageName(options.imageFormat)))}" alt="Architecture diagram">`,
      '        </p>',
    );
  }
  const leaves = view.nodes.filter((n) => n.kind === 'service').sort((a, b) => compareNames(a.name, b.name));
  const groups = view.nodes.filter((n) => n.kind === 'group');
  if (leaves.length > 0) {
    const cols = columns(docs);
    out.push(
      '        <h2>Services</h2>',
      '        <table>',
      '            <tr>',
      '                <th>Name</th>',
    );
    for (const c of cols) out.push(`                <th>${escapeHtml(c.title)}</th>`);
    out.push('            </tr>');
    for (const leaf of leaves) {
      const properties: Record<string, Value> = leaf.service?.properties ?? {};
      out.push('            <tr>', `                <td>${escapeHtml(leaf.name)}</td>`);
      for (const c of cols) out.push(`                <td>${formatValue(properties[c.field])}</td>`);
      out.push('            </tr>');
    }
    out.push('        </table>');
  }
  if (groups.length > 0) {
    out.push(
      '        <h2>Groups</h2>',
      '        <table>',
      '            <tr>',
      '                <th>Name</th>',
      '                <th>Description</th>',
      '            </tr>',
    );
    for (const g of groups) {
      out.push(
        '            <tr>',
        `                <td><a href="${escapeHtml(groupHref(group, g.group, 'index.html'))}">${escapeHtml(g.name)}</a></td>`,
        `                <td>${escapeHtml((docs && entryOf(docs.groups, g.group)) ?? '')}</td>`,
        '            </tr>',
      );
    }
    out.push('        </table>');
  }
  out.push('    </body>', '</html>');
  return out.join('\n') + '\n';
}

/** The view a catalogue page documents: the group's own services, sub-groups collapsed or not. */
export function catalogueView(services: ServicesModel, group: string, collapse: boolean): GroupView {
  return groupView(services, group, { context: false, collapse });
}

/**
 * `document-services` without `--batch`: the page of `--group` (its title and heading name the
 * group, unlike the original; no image). Sub-group links are relative to `<group>/index.html`.
 */
export function documentServicesPage(
  services: ServicesModel,
  options: Omit<CataloguePageOptions, 'imageFormat'> = {},
): string {
  return cataloguePage(
    catalogueView(services, options.group ?? '', options.groupSubservices ?? false),
    options,
  );
}

/** The stylesheet every page links to (`<dir>/style.css`). */
export const CATALOGUE_STYLE = `body {
    font-family: Times, "Times New Roman", serif;
    margin: 1em 2em;
}

table {
    border-collapse: collapse;
    margin-bottom: 1em;
}

th, td {
    border: 1px solid black;
    padding: 0.2em 0.5em;
    text-align: left;
    vertical-align: top;
}

th {
    background-color: #d0d0d0;
}

td ul, td dl {
    margin: 0;
    padding-left: 1.2em;
}

dt {
    font-weight: bold;
}

img {
    max-width: 100%;
}

.breadcrumbs {
    font-size: 90%;
}
`;

export interface CatalogueOptions extends DiagramRenderOptions {
  docs?: DocsConfig;
  /** `-f`: `svg` or `png` adds each group's diagram (`diagram.dot` + `diagram.dot.<format>`) and shows it on its page. */
  format?: 'dot' | 'svg' | 'png';
  breadcrumbs?: boolean;
}

/**
 * `document-services --batch`: `index.html` for every group (root, named and intermediate
 * groups, sub-groups always collapsed) and `style.css`; with an image format also the diagrams
 * the pages show, so that every link and image of the catalogue resolves.
 */
export async function documentServicesBatch(
  services: ServicesModel,
  options: CatalogueOptions = {},
): Promise<FileMap> {
  const files: FileMap = new Map();
  const imageFormat = options.format === 'svg' || options.format === 'png' ? options.format : undefined;
  for (const group of allGroups(services)) {
    files.set(
      groupFile(group, 'index.html'),
      cataloguePage(catalogueView(services, group, true), {
        docs: options.docs,
        imageFormat,
        breadcrumbs: options.breadcrumbs,
      }),
    );
    if (imageFormat !== undefined) {
      const view = servicesView(services, { group, groupSubservices: true });
      files.set(groupFile(group, 'diagram.dot'), printDot(viewGraph(view)));
      files.set(
        groupFile(group, diagramImageName(imageFormat)),
        await renderView(view, imageFormat, options),
      );
    }
  }
  files.set('style.css', CATALOGUE_STYLE);
  return sortedFiles(files);
}

/**
 * `generate-services-docs`: the batch diagrams of `visualize-services` and the batch pages of
 * `document-services` in one tree (docs/compatibility.md §5.12), e.g. `diagram.dot`, `diagram.dot.svg`,
 * `index.html` per group plus `style.css`.
 */
export async function generateServicesDocs(
  services: ServicesModel,
  options: CatalogueOptions = {},
): Promise<FileMap> {
  const files = await documentServicesBatch(services, options);
  for (const group of allGroups(services)) {
    const path = groupFile(group, 'diagram.dot');
    if (!files.has(path))
      files.set(path, printDot(viewGraph(servicesView(services, { group, groupSubservices: true }))));
  }
  return sortedFiles(files);
}
