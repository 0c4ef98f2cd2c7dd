/**
 * The XML renderings of dydisnix (docs/compatibility.md §3 and §4.3): libnixxml's layout (two-space
 * indentation, no XML declaration, no trailing newline), with `<mapping>` list items for
 * distributions (bug 2: the original wrote `<target>`, which its own parser cannot read back).
 */
import { sortedKeys } from './compare.js';
import type {
  DistributionModel,
  DocsConfig,
  IdRange,
  IdResourcesModel,
  IdsModel,
  InfrastructureModel,
  ServicesModel,
  Value,
} from './types.js';

interface XmlElement {
  tag: string;
  attributes?: Record<string, string>;
  text?: string;
  children?: XmlElement[];
}

/** A reader turns a raw carriage return into a line feed (XML 1.0 section 2.11): write it as a reference. */
function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#13;');
}

/** A reader turns raw tabs and line feeds in an attribute value into spaces (XML 1.0 section 3.3.3). */
function escapeAttribute(text: string): string {
  return escapeText(text).replace(/"/g, '&quot;').replace(/\n/g, '&#10;').replace(/\t/g, '&#9;');
}

function render(element: XmlElement, indent: string, out: string[]): void {
  const attributes = Object.entries(element.attributes ?? {})
    .map(([k, v]) => ` ${k}="${escapeAttribute(v)}"`)
    .join('');
  out.push(`<${element.tag}${attributes}>`);
  if (element.text !== undefined) out.push(escapeText(element.text));
  else {
    const inner = indent + '  ';
    for (const child of element.children ?? []) {
      out.push('\n', inner);
      render(child, inner, out);
    }
    out.push('\n', indent);
  }
  out.push(`</${element.tag}>`);
}

function toXml(root: XmlElement): string {
  const out: string[] = [];
  render(root, '', out);
  return out.join('');
}

/** A libnixxml typed value (`type="string|int|float|bool|list|attrs"`). */
function typed(tag: string, value: Value, name?: string): XmlElement {
  const attributes: Record<string, string> = name === undefined ? {} : { name };
  if (value === null) return { tag, attributes, text: '' };
  if (Array.isArray(value))
    return { tag, attributes: { ...attributes, type: 'list' }, children: value.map((v) => typed('elem', v)) };
  if (typeof value === 'object') {
    return {
      tag,
      attributes: { ...attributes, type: 'attrs' },
      children: sortedKeys(value).map((k) => typed('property', value[k], k)),
    };
  }
  const type =
    typeof value === 'string'
      ? 'string'
      : typeof value === 'boolean'
        ? 'bool'
        : Number.isInteger(value)
          ? 'int'
          : 'float';
  return { tag, attributes: { ...attributes, type }, text: String(value) };
}

export function servicesToXml(services: ServicesModel): string {
  return toXml({
    tag: 'services',
    children: sortedKeys(services).map((key) => {
      const s = services[key];
      const deps = (name: string, list: string[]): XmlElement => ({
        tag: 'property',
        attributes: { name },
        children: list.map((d) => ({ tag: 'dependency', text: d })),
      });
      return {
        tag: 'service',
        attributes: { name: key },
        children: [
          deps('dependsOn', s.dependsOn),
          deps('connectsTo', s.connectsTo),
          ...sortedKeys(s.properties).map((p) => typed('property', s.properties[p], p)),
        ],
      };
    }),
  });
}

export function infrastructureToXml(infrastructure: InfrastructureModel): string {
  return toXml({
    tag: 'infrastructure',
    attributes: { version: '2' },
    children: sortedKeys(infrastructure).map((name) => {
      const t = infrastructure[name];
      const scalars: XmlElement[] = (
        ['system', 'numOfCores', 'clientInterface', 'targetProperty'] as const
      ).map((field) => ({
        tag: field,
        text: t[field] === undefined ? '' : String(t[field]),
      }));
      return {
        tag: 'target',
        attributes: { name },
        children: [
          typed('properties', t.properties),
          {
            tag: 'containers',
            children: sortedKeys(t.containers).map((c) => typed('container', t.containers[c], c)),
          },
          ...scalars,
        ],
      };
    }),
  });
}

export function distributionToXml(distribution: DistributionModel): string {
  return toXml({
    tag: 'distribution',
    children: sortedKeys(distribution).map((service) => ({
      tag: 'service',
      attributes: { name: service },
      children: distribution[service].map((m) => ({
        tag: 'mapping',
        children: [
          { tag: 'target', text: m.target },
          ...(m.container === undefined ? [] : [{ tag: 'container', text: m.container }]),
        ],
      })),
    })),
  });
}

/** IDs and ranges: `<id>3005</id>`, `<range><min>3010</min><max>3020</max></range>`. */
function idRangesXml(ranges: readonly IdRange[]): XmlElement[] {
  return ranges.map((r) =>
    r.min === r.max
      ? { tag: 'id', text: String(r.min) }
      : {
          tag: 'range',
          children: [
            { tag: 'min', text: String(r.min) },
            { tag: 'max', text: String(r.max) },
          ],
        },
  );
}

export function idResourcesToXml(resources: IdResourcesModel): string {
  return toXml({
    tag: 'resources',
    children: sortedKeys(resources).map((name) => {
      const r = resources[name];
      const children: XmlElement[] = [
        { tag: 'min', text: String(r.min) },
        { tag: 'max', text: String(r.max) },
        { tag: 'scope', text: r.scope },
        { tag: 'step', text: String(r.step) },
      ];
      // dyplan's own fields, only when used (the original's format otherwise).
      if (r.reserved && r.reserved.length > 0)
        children.push({ tag: 'reserved', children: idRangesXml(r.reserved) });
      if (r.noReuse) children.push({ tag: 'noReuse', text: 'true' });
      return { tag: 'resource', attributes: { name }, children };
    }),
  });
}

function assignments(table: Record<string, number>): XmlElement[] {
  return sortedKeys(table).map((name) => ({
    tag: 'assignment',
    attributes: { name },
    text: String(table[name]),
  }));
}

/** Exactly `print_ids_config_xml` of the original (docs/compatibility.md §4.3). */
export function idsToXml(ids: IdsModel): string {
  const children: XmlElement[] = [
    {
      tag: 'ids',
      children: sortedKeys(ids.ids).map((resource) => ({
        tag: 'resource',
        attributes: { name: resource },
        children: assignments(ids.ids[resource]),
      })),
    },
  ];
  if (Object.keys(ids.lastAssignments).length > 0)
    children.push({ tag: 'lastAssignments', children: assignments(ids.lastAssignments) });
  if (Object.keys(ids.lastAssignmentsPerTarget).length > 0) {
    children.push({
      tag: 'lastAssignmentsPerTarget',
      children: sortedKeys(ids.lastAssignmentsPerTarget).map((target) => ({
        tag: 'target',
        attributes: { name: target },
        children: assignments(ids.lastAssignmentsPerTarget[target]),
      })),
    });
  }
  // dyplan's own sections, only when present (the original's format otherwise).
  if (ids.idTargets && Object.keys(ids.idTargets).length > 0) {
    const targets = ids.idTargets;
    children.push({
      tag: 'idTargets',
      children: sortedKeys(targets).map((resource) => ({
        tag: 'resource',
        attributes: { name: resource },
        children: sortedKeys(targets[resource]).map((service) => ({
          tag: 'assignment',
          attributes: { name: service },
          children: targets[resource][service].map((t) => ({ tag: 'target', text: t })),
        })),
      })),
    });
  }
  if (ids.retiredIds && Object.keys(ids.retiredIds).length > 0) {
    const retired = ids.retiredIds;
    children.push({
      tag: 'retiredIds',
      children: sortedKeys(retired).map((resource) => ({
        tag: 'resource',
        attributes: { name: resource },
        children: idRangesXml(retired[resource]),
      })),
    });
  }
  if (ids.retiredIdsPerTarget && Object.keys(ids.retiredIdsPerTarget).length > 0) {
    const perTarget = ids.retiredIdsPerTarget;
    children.push({
      tag: 'retiredIdsPerTarget',
      children: sortedKeys(perTarget).map((target) => ({
        tag: 'target',
        attributes: { name: target },
        children: sortedKeys(perTarget[target]).map((resource) => ({
          tag: 'resource',
          attributes: { name: resource },
          children: idRangesXml(perTarget[target][resource]),
        })),
      })),
    });
  }
  return toXml({ tag: 'ids', children });
}

export function docsToXml(docs: DocsConfig): string {
  return toXml({
    tag: 'docs-config',
    children: [
      {
        tag: 'groups',
        children: sortedKeys(docs.groups).map((g) => ({
          tag: 'group',
          attributes: { name: g },
          text: docs.groups[g],
        })),
      },
      { tag: 'fields', children: docs.fields.map((f) => ({ tag: 'field', text: f })) },
      {
        tag: 'descriptions',
        children: sortedKeys(docs.descriptions).map((d) => ({ tag: d, text: docs.descriptions[d] })),
      },
    ],
  });
}
