/**
 * `visualize-services` with an image format, and its batch mode (docs/compatibility.md §5.9, §8.2): one
 * diagram per group — the root, every group named by a service and, unlike the original, every
 * intermediate group too (docs/compatibility.md bug 20) — always with sub-groups collapsed, as in dydisnix.
 */
import type { ServicesModel } from '../../models/types.js';
import { countNodes, printDot, servicesView, viewGraph, type ServicesDiagramOptions } from '../dot/index.js';
import { allGroups, type GroupView } from '../groups/index.js';
import { groupFile, sortedFiles, type FileMap } from './paths.js';
import {
  renderGraph,
  usesPinnedLayout,
  type DiagramFormat,
  type DiagramRenderOptions,
} from '../render/index.js';

/**
 * Renders a group view. Above the size threshold the picture uses the pinned layout, and the
 * groups are drawn as colours (innermost group) because the layout cannot keep clusters.
 */
export function renderView(
  view: GroupView,
  format: DiagramFormat,
  options: DiagramRenderOptions & { clusters?: boolean } = {},
): Promise<string | Uint8Array> {
  const plain = viewGraph(view, options);
  if (format === 'dot' || !usesPinnedLayout(countNodes(plain), options))
    return renderGraph(plain, format, options);
  return renderGraph(viewGraph(view, { clusters: true }), format, { colourBy: 'innermost', ...options });
}

/** `visualize-services [--group G] [--group-subservices] --format F` (non-batch). */
export function renderServicesDiagram(
  services: ServicesModel,
  format: 'dot' | 'svg',
  options?: ServicesDiagramOptions & DiagramRenderOptions,
): Promise<string>;
export function renderServicesDiagram(
  services: ServicesModel,
  format: 'png',
  options?: ServicesDiagramOptions & DiagramRenderOptions,
): Promise<Uint8Array>;
export function renderServicesDiagram(
  services: ServicesModel,
  format: DiagramFormat,
  options?: ServicesDiagramOptions & DiagramRenderOptions,
): Promise<string | Uint8Array>;
export function renderServicesDiagram(
  services: ServicesModel,
  format: DiagramFormat,
  options: ServicesDiagramOptions & DiagramRenderOptions = {},
): Promise<string | Uint8Array> {
  return renderView(servicesView(services, options), format, options);
}

export interface ServicesBatchOptions extends DiagramRenderOptions {
  /** `-f`: also write `diagram.dot.<format>` next to every `diagram.dot` (`dot` adds nothing). */
  format?: DiagramFormat;
  /** Draw groups as clusters in the diagrams (off: the dydisnix DOT). */
  clusters?: boolean;
}

/** The file name of a group's diagram image (docs/compatibility.md §8.2: `dot -T<fmt> -O` naming). */
export function diagramImageName(format: Exclude<DiagramFormat, 'dot'>): string {
  return `diagram.dot.${format}`;
}

/**
 * `visualize-services --batch`: `<group>/diagram.dot` (and `<group>/diagram.dot.<format>`) for
 * every group, as relative paths for the CLI to write.
 */
export async function visualizeServicesBatch(
  services: ServicesModel,
  options: ServicesBatchOptions = {},
): Promise<FileMap> {
  const files: FileMap = new Map();
  for (const group of allGroups(services)) {
    const view = servicesView(services, { group, groupSubservices: true });
    files.set(groupFile(group, 'diagram.dot'), printDot(viewGraph(view, options)));
    if (options.format !== undefined && options.format !== 'dot') {
      files.set(
        groupFile(group, diagramImageName(options.format)),
        await renderView(view, options.format, options),
      );
    }
  }
  return sortedFiles(files);
}
