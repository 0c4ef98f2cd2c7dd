/**
 * The one-line message each bad model gives, per kind: `file: field.path: detail`, exactly. The
 * models are JSON files read through `loadModels` unless a row says otherwise; the schemas are
 * shared by every format, so the same path and detail come from YAML, XML and Nix files.
 */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ModelKind } from '../../models/kinds.js';
import { itNix } from '../helpers/cli.js';
import { loadError } from './load-error.js';

const tmp = mkdtempSync(join(tmpdir(), 'dyplan-model-errors-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
let count = 0;
function write(contents: unknown, extension = 'json'): string {
  const path = join(tmp, `model-${++count}.${extension}`);
  writeFileSync(path, typeof contents === 'string' ? contents : JSON.stringify(contents));
  return path;
}

/** [what is wrong, the raw model, the message after `file: `]. */
type Row = [string, unknown, string];

const SCHEMA_ERRORS: { [K in ModelKind]: Row[] } = {
  services: [
    ['not an attribute set', [], 'expected an attribute set, got a list'],
    ['null', null, 'expected an attribute set, got null'],
    ['a service that is not an attribute set', { a: 1 }, 'a: expected an attribute set, got the integer 1'],
    ['a name that is not a string', { a: { name: 1 } }, 'a.name: expected a string, got the integer 1'],
    [
      'name != key',
      { a: { name: 'b' } },
      'a.name: expected "a" (a service is named after its attribute), got "b"',
    ],
    ['a type that is not a string', { a: { type: 3 } }, 'a.type: expected a string, got the integer 3'],
    ['dependsOn not a list', { a: { dependsOn: 'b' } }, 'a.dependsOn: expected a list, got the string "b"'],
    [
      'a dependency that is not a name',
      { a: { dependsOn: [1] } },
      'a.dependsOn[0]: expected a string, got the integer 1',
    ],
    [
      'a dangling dependsOn',
      { a: { dependsOn: ['b'] } },
      'a.dependsOn[0]: no service named "b" in this model',
    ],
    [
      'a dangling connectsTo, in a name that needs quotes',
      { a: {}, 'my service': { connectsTo: ['a', 'x'] } },
      '"my service".connectsTo[1]: no service named "x" in this model',
    ],
    [
      'quotes and unicode in the path',
      { 'a"b': {}, é: { dependsOn: ['a"b', 'ß'] } },
      '"é".dependsOn[1]: no service named "ß" in this model',
    ],
    ['a group that is not a string', { a: { group: ['x'] } }, 'a.group: expected a string, got a list'],
    ['a null description', { a: { description: null } }, 'a.description: expected a string, got null'],
    [
      'providesContainer not a string',
      { a: { providesContainer: {} } },
      'a.providesContainer: expected a string, got an attribute set',
    ],
    [
      'providesContainers not an attribute set',
      { a: { providesContainers: [] } },
      'a.providesContainers: expected an attribute set, got a list',
    ],
    [
      'a provided container that is not an attribute set',
      { a: { providesContainers: { c: 'x' } } },
      'a.providesContainers.c: expected an attribute set, got the string "x"',
    ],
  ],
  infrastructure: [
    ['not an attribute set', [], 'expected an attribute set, got a list'],
    ['a target that is not an attribute set', { t: 1 }, 't: expected an attribute set, got the integer 1'],
    [
      'properties not an attribute set',
      { t: { properties: [] } },
      't.properties: expected an attribute set, got a list',
    ],
    [
      'a container that is not an attribute set',
      { t: { containers: { c: 1 } } },
      't.containers.c: expected an attribute set, got the integer 1',
    ],
    [
      'numOfCores not an integer',
      { t: { numOfCores: 1.5 } },
      't.numOfCores: expected an integer, got the number 1.5',
    ],
    [
      'numOfCores a string',
      { t: { numOfCores: '2' } },
      't.numOfCores: expected a number, got the string "2"',
    ],
    [
      'numOfCores beyond 2^53',
      { t: { numOfCores: 2 ** 53 } },
      't.numOfCores: expected an integer <= 9007199254740991, got the integer 9007199254740992',
    ],
    ['system not a string', { t: { system: 1 } }, 't.system: expected a string, got the integer 1'],
    [
      'targetProperty not a string',
      { t: { targetProperty: true } },
      't.targetProperty: expected a string, got the boolean true',
    ],
    [
      'clientInterface not a string',
      { t: { clientInterface: [] } },
      't.clientInterface: expected a string, got a list',
    ],
  ],
  distribution: [
    ['not an attribute set', [], 'expected an attribute set, got a list'],
    [
      'an entry neither a list nor { targets }',
      { a: 'x' },
      'a: expected a list or an attribute set, got the string "x"',
    ],
    [
      'a mapping neither a name nor { target }',
      { a: [1] },
      'a[0]: expected a string or an attribute set, got the integer 1',
    ],
    ['a mapping without a target', { a: [{ container: 'c' }] }, 'a[0].target: missing; expected a string'],
    [
      'a mapping whose target is not a name',
      { a: ['t', { target: 1 }] },
      'a[1].target: expected a string, got the integer 1',
    ],
    [
      'a container that is not a string',
      { a: [{ target: 't', container: 2 }] },
      'a[0].container: expected a string, got the integer 2',
    ],
    ['an unknown attribute in a mapping', { a: [{ target: 't', foo: 1 }] }, 'a[0].foo: unknown attribute'],
    ['an unknown attribute next to targets', { a: { targets: [], extra: 1 } }, 'a.extra: unknown attribute'],
    ['targets not a list', { a: { targets: 't' } }, 'a.targets: expected a list, got the string "t"'],
    ['target instead of targets', { a: { target: 't' } }, 'a.targets: missing; expected a list'],
  ],
  idResources: [
    ['not an attribute set', [], 'expected an attribute set, got a list'],
    ['a pool that is not an attribute set', { p: 5 }, 'p: expected an attribute set, got the integer 5'],
    ['no max', { p: {} }, 'p.max: missing; expected a number'],
    ['max not an integer', { p: { max: 1.5 } }, 'p.max: expected an integer, got the number 1.5'],
    [
      'max beyond 2^53',
      { p: { max: 2 ** 53 } },
      'p.max: expected an integer <= 9007199254740991, got the integer 9007199254740992',
    ],
    ['min a string', { p: { min: '1', max: 2 } }, 'p.min: expected a number, got the string "1"'],
    [
      'min below -2^53',
      { p: { min: -(2 ** 53), max: 0 } },
      'p.min: expected an integer >= -9007199254740991, got the integer -9007199254740992',
    ],
    ['max < min', { p: { min: 10, max: 5 } }, 'p.max: expected an integer >= min (10), got the integer 5'],
    [
      'max below the default min',
      { p: { max: -1 } },
      'p.max: expected an integer >= min (0), got the integer -1',
    ],
    [
      'an unknown scope',
      { p: { max: 1, scope: 'host' } },
      'p.scope: expected one of "global", "machine", got the string "host"',
    ],
    [
      'a scope that is not a string',
      { p: { max: 1, scope: 1 } },
      'p.scope: expected one of "global", "machine", got the integer 1',
    ],
    ['a negative step', { p: { max: 1, step: -1 } }, 'p.step: expected a value >= 0, got the integer -1'],
    ['an unknown attribute', { p: { max: 1, size: 3 } }, 'p.size: unknown attribute'],
  ],
  ids: [
    ['not an attribute set', [], 'expected an attribute set, got a list'],
    [
      'an unknown section (the pre-2020 layout without `ids`)',
      { ports: { a: 1 } },
      'ports: unknown attribute',
    ],
    ['ids not an attribute set', { ids: [] }, 'ids: expected an attribute set, got a list'],
    [
      'a resource that is not an attribute set',
      { ids: { r: [] } },
      'ids.r: expected an attribute set, got a list',
    ],
    [
      'an ID that is not a number',
      { ids: { r: { s: 'x' } } },
      'ids.r.s: expected a number, got the string "x"',
    ],
    [
      'a last assignment that is not an integer',
      { lastAssignments: { r: 1.5 } },
      'lastAssignments.r: expected an integer, got the number 1.5',
    ],
    [
      'a target that is not an attribute set',
      { lastAssignmentsPerTarget: { t: 3 } },
      'lastAssignmentsPerTarget.t: expected an attribute set, got the integer 3',
    ],
    [
      'a null last assignment on a target',
      { lastAssignmentsPerTarget: { t: { r: null } } },
      'lastAssignmentsPerTarget.t.r: expected a number, got null',
    ],
  ],
  docs: [
    ['not an attribute set', [], 'expected an attribute set, got a list'],
    ['an unknown attribute', { columns: [] }, 'columns: unknown attribute'],
    ['groups not an attribute set', { groups: [] }, 'groups: expected an attribute set, got a list'],
    [
      'a group description that is not a string',
      { groups: { g: 1 } },
      'groups.g: expected a string, got the integer 1',
    ],
    ['fields not a list', { fields: 'type' }, 'fields: expected a list, got the string "type"'],
    ['a field that is not a string', { fields: [1] }, 'fields[0]: expected a string, got the integer 1'],
    [
      'a column header that is not a string',
      { descriptions: { type: false } },
      'descriptions.type: expected a string, got the boolean false',
    ],
  ],
  previousDistribution: [
    ['not an attribute set', [], 'expected an attribute set, got a list'],
    ['a mapping without a target', { a: [{ container: 'c' }] }, 'a[0].target: missing; expected a string'],
    ['an unknown attribute in a mapping', { a: [{ target: 't', foo: 1 }] }, 'a[0].foo: unknown attribute'],
  ],
};

for (const [kind, rows] of Object.entries(SCHEMA_ERRORS)) {
  describe(`${kind}: schema errors`, () => {
    it.each(rows)('%s', async (_, raw, detail) => {
      const file = write(raw);
      expect(await loadError({ [kind]: file })).toBe(`${file}: ${detail}`);
    });
  });
}

describe('distribution: references to the other models', () => {
  const services = write({ a: {}, b: {} });
  const infrastructure = write({ t1: {}, t2: {} });
  it.each<Row>([
    ['an unknown service', { c: ['t1'] }, `c: no service named "c" in ${services}`],
    ['an unknown target', { a: ['t3'] }, `a[0]: no target named "t3" in ${infrastructure}`],
    [
      'an unknown target in { targets }',
      { a: { targets: [{ target: 't1' }, { target: 'x y' }] } },
      `a.targets[1]: no target named "x y" in ${infrastructure}`,
    ],
  ])('%s', async (_, raw, detail) => {
    const file = write(raw);
    expect(await loadError({ services, infrastructure, distribution: file })).toBe(`${file}: ${detail}`);
  });

  it.each(['distribution', 'previousDistribution'])('a Nix %s needs the infrastructure', async (kind) => {
    const file = write('{infrastructure}: { a = [ infrastructure.t1 ]; }', 'nix');
    expect(await loadError({ [kind]: file })).toBe(
      `${file}: a Nix distribution model refers to the targets of the infrastructure model: load that too`,
    );
  });

  describe('Nix targets that do not resolve', () => {
    const nixInfrastructure = write('{ t1 = { properties.hostname = "h1"; }; t2 = {}; }', 'nix');
    itNix.each<[string, string, string]>([
      [
        // (infrastructure.t2 itself maps back to t2: the evaluator marks each target with its name)
        'a target without a hostname',
        '[ { properties.port = 1; } ]',
        'a[0]: the target has no properties.hostname, so it cannot be mapped to an infrastructure target',
      ],
      [
        'a hostname no target has',
        '[ { properties.hostname = "elsewhere"; } ]',
        'a[0]: no target in the infrastructure has properties.hostname = "elsewhere"',
      ],
      ['a number for a target', '[ 1 ]', 'a[0]: expected a target of the infrastructure, got int'],
    ])('%s', async (_, entry, detail) => {
      const file = write(`{infrastructure}: { a = ${entry}; }`, 'nix');
      expect(await loadError({ infrastructure: nixInfrastructure, distribution: file })).toBe(
        `${file}: ${detail}`,
      );
    });
  });
});

describe('the same paths from YAML, XML and Nix files', () => {
  it.each<[ModelKind, string, string, string]>([
    [
      'services',
      'yaml',
      'a:\n  name: b\n',
      'a.name: expected "a" (a service is named after its attribute), got "b"',
    ],
    ['distribution', 'yaml', 'a: x\n', 'a: expected a list or an attribute set, got the string "x"'],
    [
      'services',
      'xml',
      '<services><service name="a"><property name="dependsOn"><dependency>b</dependency></property></service></services>',
      'a.dependsOn[0]: no service named "b" in this model',
    ],
    [
      'idResources',
      'xml',
      '<resources><resource name="p"><max>abc</max></resource></resources>',
      'p.max: expected a number, got the string "abc"',
    ],
    [
      'idResources',
      'xml',
      '<resources><resource name="p"><min>5</min><max>1</max></resource></resources>',
      'p.max: expected an integer >= min (5), got the integer 1',
    ],
    [
      'idResources',
      'xml',
      '<resources><resource name="p"><max>1</max><size>2</size></resource></resources>',
      'p.size: unknown attribute',
    ],
    [
      'ids',
      'xml',
      '<ids><ids><resource name="p"><assignment name="s">x</assignment></resource></ids></ids>',
      'ids.p.s: expected a number, got the string "x"',
    ],
    [
      'infrastructure',
      'xml',
      '<infrastructure><target name="t"><numOfCores>two</numOfCores></target></infrastructure>',
      't.numOfCores: expected a number, got the string "two"',
    ],
  ])('%s in %s', async (kind, extension, text, detail) => {
    const file = write(text, extension);
    expect(await loadError({ [kind]: file })).toBe(`${file}: ${detail}`);
  });

  itNix('services in Nix', async () => {
    const file = write('{ system, ... }: { a = { name = "a"; dependsOn = [ "ghost" ]; }; }', 'nix');
    expect(await loadError({ services: file })).toBe(
      `${file}: a.dependsOn[0]: no service named "ghost" in this model`,
    );
  });
});

describe('files that cannot be read', () => {
  it('a missing file', async () => {
    const file = join(tmp, 'nope.json');
    expect(await loadError({ services: file })).toBe(`${file}: no such file`);
  });

  it('a directory', async () => {
    const dir = join(tmp, 'dir.json');
    mkdirSync(dir);
    expect(await loadError({ services: dir })).toBe(`${dir}: is a directory, expected a file`);
  });

  it.each([
    ['{"a": ', 'Unexpected end of JSON input'],
    ['', 'Unexpected end of JSON input'],
  ])('invalid JSON %j', async (text, reason) => {
    const file = write(text);
    expect(await loadError({ services: file })).toBe(`${file}: invalid JSON: ${reason}`);
  });

  it('invalid JSON whose reason names a position', async () => {
    const file = write('{"a": 1,}');
    // V8's wording of this reason differs between Node versions: only its start is ours. The
    // position becomes the file's line and column, as for YAML.
    expect(await loadError({ services: file })).toMatch(new RegExp(`^${escape(file)}:1:9: invalid JSON: \\S`));
    expect(await loadError({ services: file })).not.toMatch(/position/);
  });

  it.each([
    ['a: [1', ':1:6', 'Flow sequence in block collection must be sufficiently indented and end with a ]'],
    ['a:\n  b: 1\n c: 2', ':3:1', 'All mapping items must start at the same column'],
  ])('invalid YAML %j: the line and column once', async (text, where, reason) => {
    const file = write(text, 'yaml');
    expect(await loadError({ services: file })).toBe(`${file}${where}: invalid YAML: ${reason}`);
  });

  it('an empty YAML file is a null model', async () => {
    const file = write('', 'yaml');
    expect(await loadError({ services: file })).toBe(`${file}: expected an attribute set, got null`);
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
