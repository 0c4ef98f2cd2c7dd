/**
 * A model passed under the wrong option (`-s idresources.json`) is recognised by its shape and
 * named, instead of being read as an empty or absurd model of the kind asked for.
 */
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { misplacedKind, type ModelKind } from '../../models/kinds.js';
import { loadModels } from '../../models/load.js';
import { ModelError } from '../../models/errors.js';
import { EXAMPLES } from '../helpers/cli.js';

const J = `${EXAMPLES}/testservices/json`;
const read = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as unknown;

const samples: [ModelKind, string, unknown][] = [
  ['services', 'services.json', read(`${J}/services.json`)],
  ['services', 'services-with-ids.json', read(`${J}/services-with-ids.json`)],
  ['infrastructure', 'infrastructure.json', read(`${J}/infrastructure.json`)],
  ['distribution', 'candidates.json', read(`${J}/candidates.json`)],
  ['distribution', 'distribution.json', read(`${J}/distribution.json`)],
  ['idResources', 'idresources-machine.json', read(`${J}/idresources-machine.json`)],
  ['ids', 'ids.json', { ids: { ports: { web: 3000 } }, lastAssignments: { ports: 3000 } }],
  ['docs', 'docs.json', read(`${EXAMPLES}/visualize/docs.json`)],
];
const kinds: ModelKind[] = ['services', 'infrastructure', 'distribution', 'idResources', 'ids', 'docs'];

describe('misplacedKind', () => {
  it.each(samples)('a %s model (%s) is accepted as itself', (kind, _file, raw) => {
    expect(misplacedKind(kind, raw)).toBeUndefined();
  });

  it.each(samples)('a %s model (%s) is named under every other option', (kind, _file, raw) => {
    for (const other of kinds.filter((k) => k !== kind)) expect(misplacedKind(other, raw), other).toBe(kind);
  });

  it('a distribution and a previous distribution share a shape', () => {
    expect(misplacedKind('previousDistribution', read(`${J}/distribution.json`))).toBeUndefined();
  });

  it('models without a tell-tale shape are left to the schema', () => {
    for (const raw of [{}, { a: {} }, [], null, 'text', { ports: { min: 1 } }]) {
      for (const kind of kinds) expect(misplacedKind(kind, raw)).toBeUndefined();
    }
  });

  it('user names never decide: services called like model attributes are services', () => {
    const raw = { ids: { name: 'ids' }, groups: { name: 'groups' }, properties: { name: 'properties' } };
    expect(misplacedKind('services', raw)).toBeUndefined();
  });
});

describe('loading a model under the wrong option', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'dyplan-kinds-'));

  it.each([
    ['services', `${J}/idresources-global.json`, 'looks like an ID resources model, not a services model'],
    ['services', `${J}/infrastructure.json`, 'looks like an infrastructure model, not a services model'],
    ['infrastructure', `${J}/services.json`, 'looks like a services model, not an infrastructure model'],
    ['idResources', `${J}/services.json`, 'looks like a services model, not an ID resources model'],
    ['docs', `${J}/candidates.json`, 'looks like a distribution model, not a documentation configuration'],
  ] as const)('as %s: %s', async (kind, file, message) => {
    const error = await loadModels({ [kind]: file }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelError);
    expect((error as ModelError).message).toBe(`${file}: ${message}`);
  });

  it('a YAML model is recognised the same way', async () => {
    const file = join(tmp, 'resources.yaml');
    writeFileSync(file, 'ports:\n  min: 3000\n  max: 4000\n');
    await expect(loadModels({ services: file })).rejects.toThrow('looks like an ID resources model');
  });
});
