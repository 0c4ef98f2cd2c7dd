/**
 * Golden files of the Nix and XML writers: per kind, representative models (the examples, the
 * original tool's own ids files, and models of awkward values) written with `toNix(spec.toValue(x))`
 * and `spec.toXml(x)`, compared byte for byte with test/models/golden/. The reference-ids-* files
 * are not generated: they hold what dydisnix-id-assign printed, as the reference description the
 * project was built from quotes it byte for byte (three of them), or follow that printer's rules
 * (docs/compatibility.md §1.8, §4.1, §4.3), so they check the layout itself: quoted keys, two-space
 * indentation, empty sets as `{` NL `}`, no trailing newline. The update below never writes them.
 *
 * Every golden file must also read back to the model it came from.
 *
 * After an intended change to a writer: DYPLAN_MODELS_GOLDEN_UPDATE=1 npx vitest run test/models/golden.test.ts,
 * then review every changed byte against docs/compatibility.md §4 before committing.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { MODEL_KINDS, type ModelKind, type ModelTypes } from '../../models/kinds.js';
import { loadModels, type ModelFiles } from '../../models/load.js';
import { toNix } from '../../models/write-nix.js';
import { EXAMPLES, itNix } from '../helpers/cli.js';

const GOLDEN = new URL('./golden/', import.meta.url);
const UPDATE = process.env.DYPLAN_MODELS_GOLDEN_UPDATE === '1';
const tmp = mkdtempSync(join(tmpdir(), 'dyplan-models-golden-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Quotes, backslashes, `${`, line breaks, tabs, XML metacharacters, unicode; every value type. */
const AWKWARD_SERVICES = {
  'web app': {
    name: 'web app',
    type: 'process',
    dependsOn: ['db "main"'],
    connectsTo: ['cache\\1'],
    description: 'Says "hi" \\ costs ${price}\n\ttabbed\r\n<b>&amp;</b> é 😀',
    group: 'front/end',
    providesContainers: { 'c-1': { port: 8080, tls: true, ratio: 0.25, none: null } },
    limits: [-1, 2.5, -0.125, [], {}],
    nested: { list: [{ a: [1, 'x'] }], empty: {}, '': 'empty name' },
  },
  'db "main"': { name: 'db "main"', providesContainer: 'mysql-database', 'max connections': 100 },
  'cache\\1': { name: 'cache\\1', group: '', stateful: false },
};

const AWKWARD_INFRASTRUCTURE = {
  'host.example': {
    properties: { hostname: 'h"1', mem: 1024, zones: ['eu-1', 'eu-2'], tags: { '<tier>': 'a&b' } },
    containers: { process: {}, 'mysql-database': { mysqlPort: 3306 } },
    targetProperty: 'hostname',
    system: 'x86_64-linux',
    numOfCores: 4,
    clientInterface: 'disnix-ssh-client',
  },
  plain: {},
};

function withNone(services: typeof AWKWARD_SERVICES, none: string) {
  const copy = structuredClone(services);
  (copy['web app'].providesContainers['c-1'] as Record<string, unknown>).none = none;
  return copy;
}

interface GoldenCase {
  name: string;
  kind: ModelKind;
  /** An example file, or the raw model. */
  source: string | Record<string, unknown>;
  /** A Nix distribution is read against its infrastructure. */
  infrastructure?: string;
  /** What the XML file reads back as, when XML cannot carry a value of the model. */
  fromXml?: Record<string, unknown>;
}

const T = `${EXAMPLES}/testservices/json`;
const V = `${EXAMPLES}/visualize`;
const CASES: GoldenCase[] = [
  { name: 'testservices-services', kind: 'services', source: `${T}/services.json` },
  { name: 'visualize-services', kind: 'services', source: `${V}/services.json` },
  { name: 'visualize-services-containers', kind: 'services', source: `${V}/services-containers.json` },
  {
    name: 'awkward-services',
    kind: 'services',
    source: AWKWARD_SERVICES,
    // libnixxml has no null: the writer leaves out the type, the reader gets the text (formats.ts).
    fromXml: withNone(AWKWARD_SERVICES, ''),
  },
  { name: 'testservices-infrastructure', kind: 'infrastructure', source: `${T}/infrastructure.json` },
  { name: 'visualize-infrastructure', kind: 'infrastructure', source: `${V}/infrastructure.json` },
  { name: 'awkward-infrastructure', kind: 'infrastructure', source: AWKWARD_INFRASTRUCTURE },
  {
    name: 'testservices-candidates',
    kind: 'distribution',
    source: `${T}/candidates.json`,
    infrastructure: 'testservices-infrastructure',
  },
  {
    name: 'visualize-distribution',
    kind: 'distribution',
    source: `${V}/distribution.json`,
    infrastructure: 'visualize-infrastructure',
  },
  {
    name: 'testservices-previous-distribution',
    kind: 'previousDistribution',
    source: `${T}/distribution.json`,
    infrastructure: 'testservices-infrastructure',
  },
  { name: 'testservices-idresources', kind: 'idResources', source: `${T}/idresources-global.json` },
  { name: 'testservices-idresources-machine', kind: 'idResources', source: `${T}/idresources-machine.json` },
  {
    name: 'reference-ids-global',
    kind: 'ids',
    source: {
      ids: { ports: { testService1: 3000, testService2: 3001, testService3: 3002 } },
      lastAssignments: { ports: 3002 },
    },
  },
  {
    name: 'reference-ids-machine',
    kind: 'ids',
    source: {
      ids: { ports: { testService2: 3000, testService3: 3000 } },
      lastAssignmentsPerTarget: { testtarget1: { ports: 3000 }, testtarget2: { ports: 3000 } },
    },
  },
  {
    name: 'reference-ids-nixproc',
    kind: 'ids',
    source: {
      ids: { gids: {}, inetHTTPPorts: { supervisord: 9001 }, uids: {} },
      lastAssignments: { inetHTTPPorts: 9001 },
    },
  },
  { name: 'visualize-docs', kind: 'docs', source: `${V}/docs.json` },
];

async function modelOf(c: GoldenCase): Promise<ModelTypes[ModelKind]> {
  let file = c.source;
  if (typeof file !== 'string') {
    file = join(tmp, `${c.name}.json`);
    writeFileSync(file, JSON.stringify(c.source));
  }
  return (await loadModels({ [c.kind]: file }))[c.kind] as ModelTypes[ModelKind];
}

const golden = (file: string) => fileURLToPath(new URL(file, GOLDEN));

function expectGolden(file: string, text: string): void {
  // The reference-* files are the original tool's output, never the writer's.
  if (UPDATE && !file.startsWith('reference-')) writeFileSync(golden(file), text);
  expect(text).toBe(readFileSync(golden(file), 'utf8'));
}

function written<K extends ModelKind>(kind: K, model: ModelTypes[K]): { nix: string; xml: string } {
  const spec = MODEL_KINDS[kind];
  return { nix: toNix(spec.toValue(model)), xml: spec.toXml(model) };
}

describe.each(CASES)('$name ($kind)', (c) => {
  it('Nix', async () => {
    expectGolden(`${c.name}.nix`, written(c.kind, await modelOf(c)).nix);
  });

  it('XML', async () => {
    expectGolden(`${c.name}.xml`, written(c.kind, await modelOf(c)).xml);
  });

  it('the XML file reads back to the model', async () => {
    const files: ModelFiles = { [c.kind]: golden(`${c.name}.xml`) };
    const expected = await modelOf(c.fromXml ? { ...c, name: `${c.name}-from-xml`, source: c.fromXml } : c);
    expect((await loadModels(files))[c.kind]).toStrictEqual(expected);
  });

  itNix('the Nix file reads back to the model', async () => {
    const files: ModelFiles = {
      [c.kind]: golden(`${c.name}.nix`),
      ...(c.infrastructure && { infrastructure: golden(`${c.infrastructure}.nix`) }),
    };
    expect((await loadModels(files))[c.kind]).toStrictEqual(await modelOf(c));
  });
});

it('the golden files hold no trailing newline', () => {
  for (const c of CASES) {
    for (const extension of ['nix', 'xml']) {
      const text = readFileSync(golden(`${c.name}.${extension}`), 'utf8');
      expect(text.endsWith('}') || text.endsWith('>'), `${c.name}.${extension}`).toBe(true);
    }
  }
});
