/**
 * Seeded mutations of small, valid model sets, for the fuzz test: every model kind in JSON, YAML and
 * dydisnix XML, mutated in its values (awkward numbers, names that are JavaScript built-ins, control
 * characters, deep nesting, wrong types) and in its text (BOM, truncation, DOCTYPE and entities,
 * YAML aliases, anchors and tags), each fed to a command that reads that kind.
 */
import { MODEL_KINDS, type ModelKind } from '../../models/kinds.js';
import { normalizeDistribution, normalizeDocs, normalizeIdResources, normalizeIds, normalizeInfrastructure, normalizeServices } from '../../models/normalize.js';

/** A small deterministic PRNG (mulberry32), so a failing case can be replayed from its seed. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Random = () => number;
const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)];

/** Text that goes into the serialised model as is (numbers JSON.stringify would change, YAML syntax). */
class Raw {
  constructor(readonly text: string) {}
}
type Json = null | boolean | number | string | Raw | Json[] | { [key: string]: Json };

export const AWKWARD_NAMES: readonly string[] = [
  '__proto__',
  'constructor',
  'toString',
  'hasOwnProperty',
  'valueOf',
  'isPrototypeOf',
  '__defineGetter__',
  'prototype',
  'length',
  ' ',
  '.',
  '..',
  '-',
  '%',
  '0',
  '&x;',
  '<b>',
  '"quoted"',
  "it's",
  'a\\b',
  '${x}',
  'a/b',
  'über-名前-🚀',
  'x'.repeat(300),
];

const AWKWARD_SCALARS: readonly Json[] = [
  new Raw('1e21'),
  new Raw('9223372036854775808'),
  new Raw('-9223372036854775809'),
  new Raw('9007199254740993'),
  new Raw('1e-30'),
  new Raw('-0'),
  new Raw('1e400'),
  0.1,
  -1,
  -2.5,
  0,
  2147483648,
  '',
  '\u0000',
  'nul\u0000inside',
  '\u0001\u001f\u007f',
  'tab\there\r\nnewline',
  '\ud800',
  '&x;',
  ']]>',
  '<!-- -->',
  '${builtins.abort "x"}',
  '\\',
  '"',
  true,
  null,
  [],
  {},
  ...AWKWARD_NAMES,
];

function deep(depth: number, kind: 'list' | 'attrs'): Raw {
  return kind === 'list'
    ? new Raw('['.repeat(depth) + ']'.repeat(depth))
    : new Raw('{"a":'.repeat(depth) + '1' + '}'.repeat(depth));
}

/** Punctuation pushed on the printer's stack. */
class Text {
  constructor(readonly text: string) {}
}

/** An iterative JSON printer that lets Raw text through. */
function printJson(value: Json): string {
  const out: string[] = [];
  const stack: (Json | Text)[] = [value];
  while (stack.length > 0) {
    const item = stack.pop() as Json | Text;
    if (item instanceof Raw || item instanceof Text) out.push(item.text);
    else if (Array.isArray(item)) {
      out.push('[');
      stack.push(new Text(']'));
      for (let i = item.length - 1; i >= 0; i--) {
        stack.push(item[i]);
        if (i > 0) stack.push(new Text(','));
      }
    } else if (item !== null && typeof item === 'object') {
      out.push('{');
      stack.push(new Text('}'));
      const keys = Object.keys(item);
      for (let i = keys.length - 1; i >= 0; i--) {
        stack.push(item[keys[i]]);
        stack.push(new Text(`${JSON.stringify(keys[i])}:`));
        if (i > 0) stack.push(new Text(','));
      }
    } else out.push(JSON.stringify(item));
  }
  return out.join('');
}

function clone(value: Json): Json {
  return value instanceof Raw ? value : (JSON.parse(printJson(value)) as Json);
}

/** Object literals here are built with defineProperty so that `__proto__` stays an own key. */
function setKey(object: Record<string, Json>, key: string, value: Json): void {
  Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
}

/** Every container node with the path to it, for picking a place to mutate. */
function containers(root: Json): { node: Record<string, Json> | Json[]; depth: number }[] {
  const found: { node: Record<string, Json> | Json[]; depth: number }[] = [];
  const stack: { node: Json; depth: number }[] = [{ node: root, depth: 0 }];
  while (stack.length > 0) {
    const { node, depth } = stack.pop() as { node: Json; depth: number };
    if (node === null || typeof node !== 'object' || node instanceof Raw) continue;
    found.push({ node, depth });
    for (const child of Object.values(node)) stack.push({ node: child, depth: depth + 1 });
  }
  return found;
}

function randomValue(random: Random): Json {
  const r = random();
  if (r < 0.7) return pick(random, AWKWARD_SCALARS);
  if (r < 0.8) return deep(pick(random, [50, 1000, 20_000]), pick(random, ['list', 'attrs']));
  if (r < 0.9) return [pick(random, AWKWARD_SCALARS), pick(random, AWKWARD_NAMES)];
  const o: Record<string, Json> = {};
  setKey(o, pick(random, AWKWARD_NAMES), pick(random, AWKWARD_SCALARS));
  return o;
}

function mutateValue(root: Json, random: Random): Json {
  const all = containers(root);
  if (all.length === 0) return randomValue(random);
  const { node } = pick(random, all);
  const keys = Object.keys(node);
  const op = random();
  if (Array.isArray(node)) {
    if (op < 0.5 && node.length > 0) node[Math.floor(random() * node.length)] = randomValue(random);
    else if (op < 0.7) node.push(randomValue(random));
    else if (op < 0.85 && node.length > 0) node.splice(Math.floor(random() * node.length), 1);
    else node.push(pick(random, AWKWARD_NAMES));
    return root;
  }
  const object = node;
  if (op < 0.35 && keys.length > 0) setKey(object, pick(random, keys), randomValue(random));
  else if (op < 0.6 && keys.length > 0) {
    // Rename a key (a service, target, resource or property) to an awkward name.
    const key = pick(random, keys);
    const value = object[key];
    delete object[key];
    setKey(object, pick(random, AWKWARD_NAMES), value);
  } else if (op < 0.75) setKey(object, pick(random, AWKWARD_NAMES), randomValue(random));
  else if (op < 0.9 && keys.length > 0) delete object[pick(random, keys)];
  else if (keys.length > 0) setKey(object, pick(random, keys), clone(root));
  return root;
}

function mutateText(text: string, random: Random): string {
  const at = Math.floor(random() * (text.length + 1));
  const op = random();
  if (op < 0.2) return '\ufeff' + text;
  if (op < 0.4) return text.slice(0, at);
  if (op < 0.6) return text.slice(0, at) + pick(random, ['\u0000', '\u0001', '"', '{', '[', ']', '}', ':', ',', '<', '&', '\\', '\n', '\ud83d']) + text.slice(at);
  if (op < 0.8) return text.slice(0, at) + text.slice(at + 1 + Math.floor(random() * 5));
  return text + text.slice(0, at);
}

const YAML_INSERTS: readonly string[] = [
  '.inf',
  '-.inf',
  '.nan',
  '!foo bar',
  '!!binary aGVsbG8=',
  '!!js/function "function () {}"',
  '*nowhere',
  '&self [*self]',
  '0x7fffffffffffffff',
  '1_000',
  '2001-12-14t21:59:43.10-05:00',
  '~',
  'yes',
  "'single'",
];

function aliasBomb(levels: number): string {
  const parts = ['&a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (let i = 1; i < levels; i++) parts.push(`&a${i} [${Array.from({ length: 9 }, () => `*a${i - 1}`).join(',')}]`);
  return `[${parts.join(',')}]`;
}

function mutateYaml(value: Json, random: Random): string {
  const op = random();
  if (op < 0.15) return aliasBomb(pick(random, [3, 9]));
  if (op < 0.3) return '&root\n' + 'key: *root\n';
  if (op < 0.45) return `---\n${printJson(value)}\n---\n{}\n`;
  // Put a YAML-only construct where a value was.
  const all = containers(value);
  if (all.length > 0) {
    const { node } = pick(random, all);
    const keys = Object.keys(node);
    const raw = new Raw(pick(random, YAML_INSERTS));
    if (Array.isArray(node)) node.push(raw);
    else if (keys.length > 0) setKey(node, pick(random, keys), raw);
  }
  const text = printJson(value);
  return random() < 0.5 ? text : mutateText(text, random);
}

function mutateXml(xml: string, random: Random): string {
  const op = random();
  if (op < 0.1) return `<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>\n${xml.replace(/>/, '>&e;')}`;
  if (op < 0.2) return `<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>\n${xml.replace(/>/, '>&c;')}`;
  if (op < 0.3) {
    const depth = pick(random, [100, 20_000]);
    return xml.replace(/<\/(\w+)>$/, `${'<property name="d" type="attrs">'.repeat(depth)}${'</property>'.repeat(depth)}</$1>`);
  }
  if (op < 0.5) {
    // An awkward name in a name attribute, or as an element name.
    const name = pick(random, AWKWARD_NAMES).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
    return random() < 0.7 ? xml.replace(/name="[^"]*"/, `name="${name}"`) : xml.replace(/<(\w+)>/, '<__proto__>').replace(/<\/(\w+)>/, '</__proto__>');
  }
  if (op < 0.65) {
    const text = pick(random, ['&#0;', '&#1;', '&#xD800;', '&#x1F680;', '1e21', '9223372036854775808', 'NaN', 'Infinity', '-0', '<![CDATA[]]>', '&unknown;', '&lt;']);
    return xml.replace(/>([^<]+)</, `>${text}<`);
  }
  if (op < 0.75) return xml.replace(/type="\w+"/, `type="${pick(random, ['int', 'float', 'bool', 'list', 'attrs', 'nothing'])}"`);
  return mutateText(xml, random);
}

// ---- The base model set (valid) --------------------------------------------------------------

const BASE: Record<ModelKind, Json> = {
  services: {
    web: { name: 'web', type: 'process', dependsOn: ['db'], group: 'front/web', description: 'Web front end', requiresUniqueIdsFor: ['ports', 'uids'], requireMem: 512 },
    db: { name: 'db', type: 'mysql-database', group: 'back', requiresUniqueIdsFor: ['ports', 'uids'], requireMem: 1024, providesContainers: { 'mysql-database': { port: 3306 } } },
    cache: { name: 'cache', type: 'process', connectsTo: ['db'], requiresUniqueIdsFor: ['uids'], requireMem: 256 },
  },
  infrastructure: {
    t1: { properties: { hostname: 't1', mem: 2048, cost: 10 }, containers: { process: {} } },
    t2: { properties: { hostname: 't2', mem: 4096, cost: 20 }, containers: { 'mysql-database': { port: 3306 } } },
  },
  distribution: {
    web: ['t1', 't2'],
    db: [{ target: 't2', container: 'mysql-database' }],
    cache: { targets: ['t1'] },
  },
  previousDistribution: { web: ['t1'] },
  idResources: {
    ports: { min: 3000, max: 3010, scope: 'global' },
    uids: { min: 2000, max: 2100, scope: 'machine', step: 2 },
  },
  ids: { ids: { ports: { web: 3000 }, uids: { db: 2000 } }, lastAssignments: { ports: 3000 }, lastAssignmentsPerTarget: { t2: { uids: 2000 } } },
  docs: { groups: { front: 'Front end', 'front/web': 'Web' }, fields: ['type', 'description'], descriptions: { type: 'Type' } },
};

function baseXml(kind: ModelKind): string {
  const value = BASE[kind];
  switch (kind) {
    case 'services':
      return MODEL_KINDS.services.toXml(normalizeServices(value, 'x'));
    case 'infrastructure':
      return MODEL_KINDS.infrastructure.toXml(normalizeInfrastructure(value, 'x'));
    case 'distribution':
    case 'previousDistribution':
      return MODEL_KINDS.distribution.toXml(normalizeDistribution(value, 'x'));
    case 'idResources':
      return MODEL_KINDS.idResources.toXml(normalizeIdResources(value, 'x'));
    case 'ids':
      return MODEL_KINDS.ids.toXml(normalizeIds(value, 'x'));
    case 'docs':
      return MODEL_KINDS.docs.toXml(normalizeDocs(value, 'x'));
  }
}

/** One fuzz run: the files to write (name -> text) and the command line reading them. */
export interface FuzzCase {
  files: Record<string, string>;
  argv: string[];
  /** What was mutated, for the report. */
  label: string;
}

type Files = Record<Exclude<ModelKind, 'previousDistribution'>, string>;

/** The commands that read a model of `kind`, with the other models as given in `f`. */
function commandsFor(kind: ModelKind, f: Files, out: string): string[][] {
  const sid = ['-s', f.services, '-i', f.infrastructure, '-d', f.distribution];
  const all: Record<string, string[][]> = {
    services: [
      ['convert', '-s', f.services],
      ['convert', '-s', f.services, '--json'],
      ['convert', '-s', f.services, '--output-xml'],
      ['visualize-services', '-s', f.services],
      ['visualize-services', '-s', f.services, '--group', 'front'],
      ['visualize-services', '-s', f.services, '--batch', '--output-dir', out],
      ['document-services', '-s', f.services],
      ['document-services', '-s', f.services, '--batch', '--output-dir', out],
      ['generate-services-docs', '-s', f.services, '--output-dir', out],
      ['id-assign', '-s', f.services, '--id-resources', f.idResources],
      ['id-assign', ...sid, '--id-resources', f.idResources],
      ['multiwaycut', ...sid],
      ['graphcol', '-s', f.services, '-i', f.infrastructure],
      ['minsetcover', ...sid, '--target-property', 'cost'],
      ['divide', ...sid, '--strategy', 'greedy', '--service-property', 'requireMem', '--target-property', 'mem'],
      ['visualize-distribution', ...sid],
    ],
    infrastructure: [
      ['convert', '-i', f.infrastructure],
      ['convert', '-i', f.infrastructure, '--output-xml'],
      ['visualize-infra', '-i', f.infrastructure],
      ['graphcol', '-s', f.services, '-i', f.infrastructure],
      ['multiwaycut', ...sid],
      ['minsetcover', ...sid, '--target-property', 'cost'],
      ['divide', ...sid, '--service-property', 'requireMem', '--target-property', 'mem', '--strategy', 'highest-bidder'],
      ['id-assign', ...sid, '--id-resources', f.idResources],
      ['visualize-distribution', ...sid],
    ],
    distribution: [
      ['convert', '-d', f.distribution, '-i', f.infrastructure],
      ['convert', '-d', f.distribution, '-i', f.infrastructure, '--output-xml'],
      ['multiwaycut', ...sid],
      ['graphcol', ...sid],
      ['minsetcover', ...sid, '--target-property', 'cost'],
      ['divide', ...sid, '--service-property', 'requireMem', '--target-property', 'mem', '--strategy', 'lowest-bidder'],
      ['id-assign', ...sid, '--id-resources', f.idResources, '--ids', f.ids],
      ['visualize-distribution', ...sid],
    ],
    idResources: [
      ['convert', '--id-resources', f.idResources],
      ['convert', '--id-resources', f.idResources, '--output-xml'],
      ['id-assign', ...sid, '--id-resources', f.idResources, '--ids', f.ids],
    ],
    ids: [
      ['convert', '--ids', f.ids],
      ['convert', '--ids', f.ids, '--output-xml'],
      ['id-assign', ...sid, '--id-resources', f.idResources, '--ids', f.ids],
      ['id-assign', '-s', f.services, '--id-resources', f.idResources, '--ids', f.ids, '--json'],
    ],
    docs: [
      ['convert', '--docs', f.docs],
      ['convert', '--docs', f.docs, '--output-xml'],
      ['document-services', '-s', f.services, '--docs', f.docs],
      ['generate-services-docs', '-s', f.services, '--docs', f.docs, '--output-dir', out],
    ],
  };
  return all[kind] ?? [];
}

const KINDS: readonly Exclude<ModelKind, 'previousDistribution'>[] = ['services', 'infrastructure', 'distribution', 'idResources', 'ids', 'docs'];
const EXTENSION = { json: 'json', yaml: 'yaml', xml: 'xml' } as const;

/**
 * `count` seeded cases. File names are relative: the caller writes them into a fresh directory and
 * runs the command there (`out` is the batch output directory inside it).
 */
export function fuzzCases(seed: number, count: number): FuzzCase[] {
  const random = prng(seed);
  const cases: FuzzCase[] = [];
  for (let n = 0; n < count; n++) {
    const kind = KINDS[n % KINDS.length];
    const format = pick(random, ['json', 'json', 'yaml', 'xml'] as const);
    const files: Record<string, string> = {};
    const names = {} as Files;
    for (const k of KINDS) {
      names[k] = `${k}.json`;
      files[names[k]] = printJson(BASE[k]);
    }
    const name = `${kind}-mutated.${EXTENSION[format]}`;
    let text: string;
    if (format === 'xml') text = mutateXml(baseXml(kind), random);
    else {
      let value = clone(BASE[kind]);
      const rounds = 1 + Math.floor(random() * 3);
      for (let r = 0; r < rounds; r++) value = mutateValue(value, random);
      if (format === 'yaml') text = mutateYaml(value, random);
      else text = random() < 0.75 ? printJson(value) : mutateText(printJson(value), random);
    }
    files[name] = text;
    names[kind] = name;
    const argv = pick(random, commandsFor(kind, names, 'out'));
    cases.push({ files, argv, label: `${kind} as ${format}` });
  }
  return cases;
}

/** A few hostile Nix models (endless, huge, self-referencing, deep) and textual mutations of a valid one. */
export function nixFuzzCases(seed: number, count: number): FuzzCase[] {
  const random = prng(seed);
  const valid = `{ system, pkgs, distribution, invDistribution }:
let ids = { ports = { web = 3000; }; }; in
rec {
  web = { name = "web"; type = "process"; dependsOn = { inherit db; }; port = ids.ports.web or 0; pkg = throw "never"; };
  db = { name = "db"; type = "mysql-database"; requiresUniqueIdsFor = [ "ports" ]; };
}
`;
  const hostile = [
    '{ ... }: let f = x: f (x + 1); in { a = { name = "a"; v = f 0; }; }',
    '{ ... }: let x = x; in x',
    '{ ... }: { a = { name = "a"; v = builtins.length (builtins.genList (x: x) 100000000); }; }',
    '{ ... }: { a = { name = "a"; v = builtins.foldl\' (a: b: a + b) 0 (builtins.genList (x: x) 50000000); }; }',
    '{ ... }: rec { a = { name = "a"; self = a; }; }',
    '{ ... }: let d = n: if n == 0 then 1 else [ (d (n - 1)) ]; in { a = { name = "a"; v = d 20000; }; }',
    '{ ... }: { a = { name = "a"; v = 9223372036854775807; w = 1.0e300 * 1.0e300; }; }',
    '{ ... }: { a = { name = "a"; v = "nul\\u0000"; }; "__proto__" = { name = "__proto__"; }; }',
    '{ ... }: { a = { name = "a"; v = builtins.readFile /proc/self/mem; }; }',
    '{ ... }: { a = { name = "a"; v = import ./does-not-exist.nix; }; }',
    '{ ... }: { a = { name = "a"; v = builtins.fetchurl "http://127.0.0.1:9/x"; }; }',
    '{ ... }: { a = { name = "a"; v = abort "stop"; }; }',
  ];
  const cases: FuzzCase[] = [];
  for (let n = 0; n < count; n++) {
    const text = n < hostile.length ? hostile[n] : mutateText(valid, random);
    const argv = n % 2 === 0 ? ['convert', '-s', 'services.nix'] : ['visualize-services', '-s', 'services.nix'];
    cases.push({ files: { 'services.nix': text }, argv, label: 'services as nix' });
  }
  return cases;
}
