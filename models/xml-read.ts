/**
 * Readers for the dydisnix XML interchange formats (docs/compatibility.md §3). Each returns the same
 * structure the evaluated Nix model has, so one set of schemas validates every input format.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { ModelError } from './errors.js';
import { MAX_DEPTH, integerLiteralHolds, integerReadAs } from './limits.js';
import { emptyRecord, hasKey } from './records.js';

/** fast-xml-parser's order-preserving node: `{ tag: children, ':@'?: attributes }` or `{ '#text': text }`. */
type XmlNode = Record<string, unknown>;

interface Element {
  tag: string;
  attributes: Record<string, string>;
  children: Element[];
  text: string;
}

function toElement(node: XmlNode): Element | null {
  const tag = Object.keys(node).find((k) => k !== ':@');
  if (tag === undefined || tag === '#text') return null;
  const rawChildren = node[tag] as XmlNode[];
  const attrs = (node[':@'] ?? {}) as Record<string, string>;
  const attributes: Record<string, string> = emptyRecord();
  for (const [k, v] of Object.entries(attrs)) attributes[k.replace(/^@_/, '')] = String(v);
  const children: Element[] = [];
  let text = '';
  for (const child of rawChildren) {
    if ('#text' in child) text += String(child['#text']);
    else {
      const element = toElement(child);
      if (element) children.push(element);
    }
  }
  // Text is data in a leaf element (a name or a string may start or end with spaces); between
  // child elements it is the writer's indentation.
  return { tag, attributes, children, text: children.length > 0 ? '' : text };
}

function parseXml(text: string, file: string): Element {
  // dydisnix files have no DOCTYPE; one could define entities that expand without bound or name files.
  const doctype = /<!DOCTYPE/i.exec(text);
  if (doctype) {
    const line = text.slice(0, doctype.index).split('\n').length;
    throw new ModelError(`${file}:${line}`, '', 'invalid XML: a DOCTYPE (and its entities) is not allowed in a model');
  }
  const valid = XMLValidator.validate(text);
  if (valid !== true) {
    // The validator gives no column for some errors (an empty file, a file without an element).
    const where = [file, valid.err.line, valid.err.col].filter((part) => part !== undefined).join(':');
    throw new ModelError(where, '', `invalid XML: ${valid.err.msg}`);
  }
  const parser = new XMLParser({
    preserveOrder: true,
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: false,
    ignoreDeclaration: true,
    processEntities: true,
    // Decodes character references (`&#13;`, which the writer uses for carriage returns, and
    // `&#10;`/`&#9;` in attribute values): fast-xml-parser leaves them as they are otherwise.
    htmlEntities: true,
    // Element names become keys of the parser's nodes: keep toString & co. as they are (they are data).
    onDangerousProperty: (name: string) => name,
    maxNestedTags: MAX_DEPTH + 10,
  });
  let nodes: XmlNode[];
  try {
    nodes = parser.parse(text) as XmlNode[];
  } catch (error) {
    const message = (error as Error).message;
    const reason = /Maximum nested tags/.test(message)
      ? `elements nested more than ${MAX_DEPTH + 10} levels deep`
      : /Invalid name: "([^"]*)"/.test(message)
        ? `an element may not be named ${/Invalid name: "([^"]*)"/.exec(message)?.[1] ?? ''} (give such a name in a name="..." attribute)`
        : message.split('\n')[0];
    throw new ModelError(file, '', `invalid XML: ${reason}`, { cause: error });
  }
  const root = nodes.map(toElement).find((e): e is Element => e !== null);
  if (!root) throw new ModelError(file, '', 'the XML file is empty');
  return root;
}

/** The `name` attribute an element must have (services, targets, resources...). */
function nameOf(element: Element, file: string): string {
  if (!hasKey(element.attributes, 'name'))
    throw new ModelError(file, '', `invalid XML: a <${element.tag}> element without a name attribute`);
  return element.attributes.name;
}

/** An integer-looking text becomes a number; anything else stays a string for the schema to reject. */
function scalar(text: string, file: string): string | number {
  const trimmed = text.trim();
  if (!/^-?\d+$/.test(trimmed)) return text;
  if (!integerLiteralHolds(trimmed))
    throw new ModelError(file, '', `the integer ${trimmed} cannot be held exactly (it would read as ${integerReadAs(trimmed)}); write it as a string`);
  return Number(trimmed);
}

/** A libnixxml typed value: `type` is string|int|float|bool|list|attrs (untyped: the text). */
function typedValue(element: Element, file: string): unknown {
  switch (element.attributes.type) {
    case 'int':
      return scalar(element.text, file);
    case 'float':
      return Number(element.text);
    case 'bool':
      return element.text.trim() === 'true';
    case 'list':
      return element.children.map((c) => typedValue(c, file));
    case 'attrs':
      return attrsOf(element, file);
    case 'string':
    default:
      return element.text;
  }
}

function attrsOf(element: Element, file: string): Record<string, unknown> {
  const out: Record<string, unknown> = emptyRecord();
  for (const child of element.children) {
    const name = hasKey(child.attributes, 'name') ? child.attributes.name : child.tag;
    out[name] = typedValue(child, file);
  }
  return out;
}

const EMPTY: Element = { tag: '', attributes: {}, children: [], text: '' };

function named(element: Element, tag: string): Element[] {
  return element.children.filter((c) => c.tag === tag);
}

function child(element: Element, tag: string): Element | undefined {
  return element.children.find((c) => c.tag === tag);
}

export function readServicesXml(text: string, file: string): unknown {
  const root = parseXml(text, file);
  const services: Record<string, unknown> = emptyRecord();
  for (const service of named(root, 'service')) {
    const attrs: Record<string, unknown> = emptyRecord();
    attrs.dependsOn = [];
    attrs.connectsTo = [];
    for (const property of named(service, 'property')) {
      const name = nameOf(property, file);
      if (name === 'dependsOn' || name === 'connectsTo') {
        attrs[name] = named(property, 'dependency').map((d) => d.text);
      } else attrs[name] = typedValue(property, file);
    }
    services[nameOf(service, file)] = attrs;
  }
  return services;
}

export function readInfrastructureXml(text: string, file: string): unknown {
  const root = parseXml(text, file);
  const targets: Record<string, unknown> = emptyRecord();
  for (const target of named(root, 'target')) {
    const out: Record<string, unknown> = emptyRecord();
    const properties = child(target, 'properties');
    out.properties = properties ? attrsOf(properties, file) : emptyRecord();
    const containers: Record<string, unknown> = emptyRecord();
    for (const container of named(child(target, 'containers') ?? EMPTY, 'container')) {
      containers[nameOf(container, file)] = attrsOf(container, file);
    }
    out.containers = containers;
    for (const scalarField of ['system', 'clientInterface', 'targetProperty']) {
      const value = child(target, scalarField)?.text;
      if (value) out[scalarField] = value;
    }
    const cores = child(target, 'numOfCores')?.text.trim();
    if (cores) out.numOfCores = scalar(cores, file);
    targets[nameOf(target, file)] = out;
  }
  return targets;
}

export function readDistributionXml(text: string, file: string): unknown {
  return distributionOf(parseXml(text, file), file);
}

function distributionOf(root: Element, file: string): unknown {
  const distribution: Record<string, unknown> = emptyRecord();
  for (const service of named(root, 'service')) {
    // `<mapping>` is the interchange format; `<target>` items are what the original's --output-xml wrote.
    distribution[nameOf(service, file)] = service.children
      .filter((c) => c.tag === 'mapping' || c.tag === 'target')
      .map((m) => {
        if (m.children.length === 0) return m.text;
        const mapping: Record<string, unknown> = emptyRecord();
        const target = child(m, 'target');
        if (target) mapping.target = target.text;
        const container = child(m, 'container');
        if (container) mapping.container = container.text;
        return mapping;
      });
  }
  return distribution;
}

/**
 * A previous distribution: a distribution in the XML format, or a Disnix manifest (version 2, as
 * a coordinator profile holds it), read as the distribution it deployed (docs/compatibility.md
 * §1.10): each service's targets in the manifest's mapping order, plain names when every mapping's
 * container is the service's type, `{ target; container; }` for all of them otherwise.
 */
export function readPreviousDistributionXml(text: string, file: string): unknown {
  const root = parseXml(text, file);
  return root.tag === 'manifest' ? manifestDistribution(root, file) : distributionOf(root, file);
}

function manifestDistribution(root: Element, file: string): unknown {
  if (root.attributes.version !== '2')
    throw new ModelError(
      file,
      '',
      'a Disnix manifest of version 2 is needed (disnix-convert converts older ones)',
    );
  const services = new Map<string, { name: string; type: string }>();
  for (const service of named(child(root, 'services') ?? EMPTY, 'service')) {
    const name = child(service, 'name')?.text;
    if (!name)
      throw new ModelError(
        file,
        `services.${JSON.stringify(service.attributes.name ?? '')}`,
        'the service has no name',
      );
    services.set(service.attributes.name ?? '', { name, type: child(service, 'type')?.text ?? '' });
  }
  const mappings = named(child(root, 'serviceMappings') ?? EMPTY, 'mapping').map((mapping, i) => {
    const key = child(mapping, 'service')?.text ?? '';
    const service = services.get(key);
    if (!service)
      throw new ModelError(
        file,
        `serviceMappings[${i}].service`,
        `no service ${JSON.stringify(key)} in the manifest`,
      );
    const target = child(mapping, 'target')?.text;
    if (!target) throw new ModelError(file, `serviceMappings[${i}].target`, 'missing');
    return { service, target, container: child(mapping, 'container')?.text ?? service.type };
  });
  const automapped = mappings.every((m) => m.container === m.service.type);
  const distribution: Record<string, unknown[]> = Object.create(null) as Record<string, unknown[]>;
  for (const { service, target, container } of mappings) {
    (distribution[service.name] ??= []).push(automapped ? target : { target, container });
  }
  return distribution;
}

/** `<id>` and `<range><min/><max/></range>` children as the evaluated list of IDs and ranges. */
function idList(element: Element | undefined, file: string): unknown[] {
  return (element?.children ?? []).map((item) => {
    if (item.tag !== 'range') return scalar(item.text, file);
    const range: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
    for (const bound of item.children) range[bound.tag] = scalar(bound.text, file);
    return range;
  });
}

export function readIdResourcesXml(text: string, file: string): unknown {
  const root = parseXml(text, file);
  const resources: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  for (const resource of named(root, 'resource')) {
    const out: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
    for (const field of resource.children) {
      const text = field.text.trim();
      if (field.tag === 'reserved') out.reserved = idList(field, file);
      else if (field.tag === 'noReuse') out.noReuse = text === 'true' ? true : text === 'false' ? false : text;
      else if (text !== '') out[field.tag] = field.tag === 'scope' ? text : scalar(text, file);
    }
    resources[nameOf(resource, file)] = out;
  }
  return resources;
}

function assignments(element: Element | undefined, file: string): Record<string, unknown> {
  const out: Record<string, unknown> = emptyRecord();
  for (const a of named(element ?? EMPTY, 'assignment')) {
    out[nameOf(a, file)] = scalar(a.text, file);
  }
  return out;
}

export function readIdsXml(text: string, file: string): unknown {
  const root = parseXml(text, file);
  const dict = () => Object.create(null) as Record<string, unknown>;
  const ids = dict();
  for (const resource of named(child(root, 'ids') ?? EMPTY, 'resource')) {
    ids[nameOf(resource, file)] = assignments(resource, file);
  }
  const perTarget = dict();
  for (const target of named(child(root, 'lastAssignmentsPerTarget') ?? EMPTY, 'target')) {
    perTarget[nameOf(target, file)] = assignments(target, file);
  }
  const out: Record<string, unknown> = {
    ids,
    lastAssignments: assignments(child(root, 'lastAssignments'), file),
    lastAssignmentsPerTarget: perTarget,
  };
  const idTargets = child(root, 'idTargets');
  if (idTargets) {
    const tables = dict();
    for (const resource of named(idTargets, 'resource')) {
      const table = dict();
      for (const a of named(resource, 'assignment'))
        table[a.attributes.name] = named(a, 'target').map((t) => t.text);
      tables[resource.attributes.name] = table;
    }
    out.idTargets = tables;
  }
  const retired = child(root, 'retiredIds');
  if (retired) {
    const tables = dict();
    for (const resource of named(retired, 'resource')) tables[resource.attributes.name] = idList(resource, file);
    out.retiredIds = tables;
  }
  const retiredPerTarget = child(root, 'retiredIdsPerTarget');
  if (retiredPerTarget) {
    const targets = dict();
    for (const target of named(retiredPerTarget, 'target')) {
      const tables = dict();
      for (const resource of named(target, 'resource')) tables[resource.attributes.name] = idList(resource, file);
      targets[target.attributes.name] = tables;
    }
    out.retiredIdsPerTarget = targets;
  }
  return out;
}

export function readDocsXml(text: string, file: string): unknown {
  const root = parseXml(text, file);
  const groups: Record<string, string> = emptyRecord();
  for (const group of named(child(root, 'groups') ?? EMPTY, 'group')) {
    groups[nameOf(group, file)] = group.text;
  }
  const fields = named(child(root, 'fields') ?? EMPTY, 'field').map((f) => f.text);
  const descriptions: Record<string, string> = emptyRecord();
  // A field is named by its element (dydisnix) or, when the name is no XML name, by a name attribute.
  for (const d of child(root, 'descriptions')?.children ?? [])
    descriptions[hasKey(d.attributes, 'name') ? d.attributes.name : d.tag] = d.text;
  return { groups, fields, descriptions };
}
