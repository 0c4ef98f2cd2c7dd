/**
 * The XML renderings of dydisnix (docs/compatibility.md §3 and §4.3): libnixxml's layout (two-space
 * indentation, no XML declaration, no trailing newline), with `<mapping>` list items for
 * distributions (bug 2: the original wrote `<target>`, which its own parser cannot read back).
 */
import { sortedKeys } from './compare.js';
import { DyplanError } from './errors.js';
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

/** Characters XML 1.0 cannot hold, not even as character references. */
// eslint-disable-next-line no-control-regex -- the characters the format cannot hold
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function checkXmlText(text: string): void {
  const bad = NOT_XML.exec(text);
  if (bad) {
    const code = bad[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
    const shown = JSON.stringify(text.length > 40 ? text.slice(0, 37) + '...' : text);
    throw new DyplanError(
      'output',
      `cannot write ${shown} as XML: XML 1.0 has no way to hold the character U+${code} (use the Nix or JSON output)`,
    );
  }
}

/** A reader turns a raw carriage return into a line feed (XML 1.0 section 2.11): write it as a reference. */
function escapeText(text: string): string {
  checkXmlText(text);
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#13;');
}

/** A reader turns raw tabs and line feeds in an attribute value into spaces (XML 1.0 section 3.3.3). */
function escapeAttribute(text: string): string {
  // A reader turns raw tabs and line feeds in an attribute value into spaces (XML 1.0 section 3.3.3).
  return escapeText(text).replace(/"/g, '&quot;').replace(/\t/g, '&#9;').replace(/\n/g, '&#10;');
}

type Step = { element: XmlElement; indent: string } | string;

/** Iterative, so that a deep value cannot overflow the call stack. */
function toXml(root: XmlElement): string {
  const out: string[] = [];
  const stack: Step[] = [{ element: root, indent: '' }];
  while (stack.length > 0) {
    const step = stack.pop() as Step;
    if (typeof step === 'string') {
      out.push(step);
      continue;
    }
    const { element, indent } = step;
    const attributes = Object.keys(element.attributes ?? {})
      .map((k) => ` ${k}="${escapeAttribute((element.attributes as Record<string, string>)[k])}"`)
      .join('');
    out.push(`<${element.tag}${attributes}>`);
    if (element.text !== undefined) out.push(escapeText(element.text), `</${element.tag}>`);
    else {
      const inner = indent + '  ';
      stack.push(`\n${indent}</${element.tag}>`);
      const children = element.children ?? [];
      for (let i = children.length - 1; i >= 0; i--) stack.push({ element: children[i], indent: inner }, `\n${inner}`);
    }
  }
  return out.join('');
}

/** An int for libnixxml (Nix's 64 bits, digits without an exponent); beyond, a float of the same value. */
const isXmlInt = (v: number) => Number.isInteger(v) && Math.abs(v) < 2 ** 63;

/** A libnixxml typed value (`type="string|int|float|bool|list|attrs"`). */
function typed(tag: string, value: Value, name?: string): XmlElement {
  // Built with an explicit stack: a deep value cannot overflow the call stack.
  const work: [XmlElement, Value][] = [];
  const shell = (elementTag: string, v: Value, elementName?: string): XmlElement => {
    const attributes: Record<string, string> = {};
    if (elementName !== undefined) attributes.name = elementName;
    if (v === null) return { tag: elementTag, attributes, text: '' };
    if (typeof v === 'object') {
      attributes.type = Array.isArray(v) ? 'list' : 'attrs';
      const element: XmlElement = { tag: elementTag, attributes, children: [] };
      work.push([element, v]);
      return element;
    }
    attributes.type =
      typeof v === 'string' ? 'string' : typeof v === 'boolean' ? 'bool' : isXmlInt(v) ? 'int' : 'float';
    return { tag: elementTag, attributes, text: String(v) };
  };
  const root = shell(tag, value, name);
  while (work.length > 0) {
    const [element, v] = work.pop() as [XmlElement, Value];
    const children = element.children as XmlElement[];
    if (Array.isArray(v)) for (const item of v) children.push(shell('elem', item));
    else if (v !== null && typeof v === 'object') for (const k of sortedKeys(v)) children.push(shell('property', v[k], k));
  }
  return root;
}

/** An XML element name for a docs field: its own name when that is one, else a name attribute. */
function fieldElement(field: string, text: string): XmlElement {
  const plain = /^[A-Za-z_][A-Za-z0-9._-]*$/.test(field) && !['__proto__', 'constructor', 'prototype'].includes(field);
  return plain ? { tag: field, text } : { tag: 'field', attributes: { name: field }, text };
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
        children: sortedKeys(docs.descriptions).map((d) => fieldElement(d, docs.descriptions[d])),
      },
    ],
  });
}
