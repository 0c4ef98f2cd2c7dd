/**
 * Any string is a name (issue 8): services, targets, containers, groups, pools and properties named
 * after `Object.prototype` members, `__proto__`, empty-looking, unicode and very long strings go
 * through every command (in-process, test/helpers/in-process.ts) and come out as they went in: exit
 * 0, every name in the output, IDs unique per pool and inside it, every service on one of its
 * candidates.
 */
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLValidator } from 'fast-xml-parser';
import fc from 'fast-check';
import { fromDot } from 'ts-graphviz';
import { afterAll, describe, expect, it } from 'vitest';
import { runInProcess } from '../helpers/in-process.js';

/** Every own member of Object.prototype, and names that look empty or that formats treat specially. */
export const AWKWARD_NAMES: readonly string[] = [
  ...Object.getOwnPropertyNames(Object.prototype),
  'prototype',
  '',
  'length',
  'name',
  'then',
  ' ',
  '\u00a0',
  '\u200b',
  '-',
  '0',
  '-1',
  'true',
  'null',
  '.',
  '&x;',
  '<b>',
  '"q"',
  "it's",
  'a\\b',
  '${x}',
  'a b',
  'über-名前-🚀',
  '\ud83d\ude80',
  'x'.repeat(300),
];

const root = mkdtempSync(join(existsShm() ? '/dev/shm' : tmpdir(), 'dyplan-names-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function existsShm(): boolean {
  try {
    readdirSync('/dev/shm');
    return true;
  } catch {
    return false;
  }
}

/** `record[key] = value` as an own key, `__proto__` included (a literal would set the prototype). */
function put(record: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true });
}

interface NamedModels {
  services: string[];
  targets: string[];
  container: string;
  group: string;
  pool: string;
  property: string;
}

const distinctNames = (min: number, max: number) =>
  fc.uniqueArray(fc.constantFrom(...AWKWARD_NAMES), { minLength: min, maxLength: max });

const namedModels: fc.Arbitrary<NamedModels> = fc.record({
  services: distinctNames(1, 4),
  // Two targets at least: the services form a chain, which graphcol colours with two.
  targets: distinctNames(2, 3),
  container: fc.constantFrom(...AWKWARD_NAMES),
  // A group is a path of names ('a/b'): one name without a slash.
  group: fc.constantFrom(...AWKWARD_NAMES),
  pool: fc.constantFrom(...AWKWARD_NAMES),
  property: fc.constantFrom(...AWKWARD_NAMES).filter((n) => !['name', 'type', 'group', 'dependsOn', 'connectsTo', 'description', 'providesContainer', 'providesContainers', 'requiresUniqueIdsFor'].includes(n)),
});

function modelFiles(m: NamedModels, dir: string): Record<string, string> {
  const services: Record<string, unknown> = {};
  m.services.forEach((name, i) => {
    const service: Record<string, unknown> = {};
    put(service, 'name', name);
    put(service, 'type', m.container);
    put(service, 'group', m.group);
    put(service, 'dependsOn', i > 0 ? [m.services[i - 1]] : []);
    put(service, 'requiresUniqueIdsFor', [m.pool]);
    put(service, m.property, i + 1);
    put(service, 'mem', 1);
    put(services, name, service);
  });
  const infrastructure: Record<string, unknown> = {};
  m.targets.forEach((name, i) => {
    const properties: Record<string, unknown> = {};
    put(properties, 'hostname', `host-${i}`);
    put(properties, 'mem', 100);
    put(properties, 'cost', i + 1);
    put(properties, m.property, i + 1);
    const containers: Record<string, unknown> = {};
    put(containers, m.container, {});
    put(infrastructure, name, { properties, containers });
  });
  const distribution: Record<string, unknown> = {};
  for (const name of m.services) put(distribution, name, [...m.targets]);
  const idResources: Record<string, unknown> = {};
  put(idResources, m.pool, { min: 1, max: 100, scope: 'global' });
  const docsGroups: Record<string, unknown> = {};
  put(docsGroups, m.group, `the group ${m.group}`);
  const files: Record<string, string> = {
    'services.json': JSON.stringify(services),
    'infrastructure.json': JSON.stringify(infrastructure),
    'distribution.json': JSON.stringify(distribution),
    'idresources.json': JSON.stringify(idResources),
    'docs.json': JSON.stringify({ groups: docsGroups, fields: ['type', m.property] }),
  };
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return files;
}

const s = (dir: string) => join(dir, 'services.json');
const i = (dir: string) => join(dir, 'infrastructure.json');
const d = (dir: string) => join(dir, 'distribution.json');
const sid = (dir: string) => ['-s', s(dir), '-i', i(dir), '-d', d(dir)];

/** Each command with what its output must show. */
const COMMANDS: Record<string, (dir: string) => string[]> = {
  'convert services': (dir) => ['convert', '-s', s(dir), '--json'],
  'convert services to Nix': (dir) => ['convert', '-s', s(dir)],
  'convert services to XML': (dir) => ['convert', '-s', s(dir), '--output-xml'],
  'convert infrastructure': (dir) => ['convert', '-i', i(dir), '--json'],
  'convert distribution to XML': (dir) => ['convert', '-i', i(dir), '-d', d(dir), '--output-xml'],
  'id-assign (services)': (dir) => ['id-assign', '-s', s(dir), '--id-resources', join(dir, 'idresources.json'), '--json'],
  'id-assign (distribution)': (dir) => ['id-assign', ...sid(dir), '--id-resources', join(dir, 'idresources.json'), '--json'],
  multiwaycut: (dir) => ['multiwaycut', ...sid(dir), '--json'],
  graphcol: (dir) => ['graphcol', '-s', s(dir), '-i', i(dir), '--json'],
  minsetcover: (dir) => ['minsetcover', ...sid(dir), '--target-property', 'cost', '--json'],
  divide: (dir) => ['divide', ...sid(dir), '--strategy', 'greedy', '--service-property', 'mem', '--target-property', 'mem', '--json'],
  'visualize-services': (dir) => ['visualize-services', '-s', s(dir)],
  'visualize-services --group': (dir) => ['visualize-services', '-s', s(dir), '--group', '__GROUP__'],
  'visualize-infra': (dir) => ['visualize-infra', '-i', i(dir)],
  'visualize-distribution': (dir) => ['visualize-distribution', ...sid(dir)],
  'document-services': (dir) => ['document-services', '-s', s(dir), '--docs', join(dir, 'docs.json')],
  'visualize-services --batch': (dir) => ['visualize-services', '-s', s(dir), '--batch', '--output-dir', join(dir, 'out')],
  'generate-services-docs': (dir) => ['generate-services-docs', '-s', s(dir), '--docs', join(dir, 'docs.json'), '--output-dir', join(dir, 'out')],
};

function checkOutput(command: string, argv: string[], stdout: string, m: NamedModels): void {
  if (argv.includes('--json')) {
    const value = JSON.parse(stdout) as Record<string, unknown>;
    if (command.startsWith('id-assign')) {
      const ids = value.ids as Record<string, Record<string, number>>;
      const pool = Object.hasOwn(ids, m.pool) ? ids[m.pool] : {};
      expect(Object.keys(pool).sort()).toEqual([...m.services].sort());
      const values = Object.values(pool);
      for (const id of values) expect(Number.isInteger(id) && id >= 1 && id <= 100).toBe(true);
      expect(new Set(values).size).toBe(values.length);
    } else if (['multiwaycut', 'graphcol', 'minsetcover', 'divide'].includes(command)) {
      expect(Object.keys(value).sort()).toEqual([...m.services].sort());
      for (const name of m.services) {
        const mappings = value[name] as unknown[];
        expect(mappings).toHaveLength(1);
        const target = typeof mappings[0] === 'string' ? mappings[0] : (mappings[0] as { target: string }).target;
        expect(m.targets).toContain(target);
      }
    } else if (command === 'convert services') {
      expect(Object.keys(value).sort()).toEqual([...m.services].sort());
      for (const name of m.services) expect((value[name] as Record<string, unknown>)[m.property]).toBeTypeOf('number');
    } else if (command === 'convert infrastructure') {
      expect(Object.keys(value).sort()).toEqual([...m.targets].sort());
    }
  } else if (argv.includes('--output-xml')) {
    expect(XMLValidator.validate(stdout)).toBe(true);
  } else if (command.startsWith('visualize') && !argv.includes('--batch')) {
    fromDot(stdout);
  } else if (command === 'convert services to Nix') {
    for (const name of m.services) expect(stdout).toContain(JSON.stringify(name).replace(/\$\{/g, '\\${'));
  }
}

describe('any string is a name', () => {
  const runs = Number(process.env.DYPLAN_NAMES_RUNS ?? 1000);
  it(`${runs} model sets named from Object.prototype members, __proto__, unicode and long names, through every command`, { timeout: 600_000 }, async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(namedModels, fc.constantFrom(...Object.keys(COMMANDS)), async (m, command) => {
        const dir = join(root, String(n++));
        rmSync(dir, { recursive: true, force: true });
        (await import('node:fs')).mkdirSync(dir, { recursive: true });
        modelFiles(m, dir);
        const argv = COMMANDS[command](dir).map((a) => (a === '__GROUP__' ? m.group : a));
        const result = await runInProcess(argv, { timeoutMs: 60_000 });
        try {
          expect(result.stderr.split('\n').filter((l) => l.startsWith('dyplan: ') && !l.startsWith('dyplan: warning'))).toEqual([]);
          expect(result.code).toBe(0);
          checkOutput(command, argv, result.stdout, m);
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      }),
      { numRuns: runs, seed: 8 },
    );
  });

  it('SVG pictures of every awkward name at once are well-formed XML', { timeout: 300_000 }, async () => {
    const dir = join(root, 'svg');
    (await import('node:fs')).mkdirSync(dir, { recursive: true });
    const names = ['&x;', '<b>', '"q"', "it's", '__proto__', 'toString', 'über-名前-🚀', 'x'.repeat(300)];
    modelFiles({ services: names, targets: names, container: '&x;', group: '&x;', pool: '&x;', property: '&x;' }, dir);
    for (const argv of [
      ['visualize-services', '-s', s(dir), '--format', 'svg'],
      ['visualize-infra', '-i', i(dir), '--format', 'svg'],
      ['visualize-distribution', ...sid(dir), '--format', 'svg'],
    ]) {
      const result = await runInProcess(argv, { timeoutMs: 120_000 });
      expect(result.stderr.split('\n').filter((l) => l.startsWith('dyplan:'))).toEqual([]);
      expect(result.code).toBe(0);
      expect(XMLValidator.validate(result.stdout)).toBe(true);
      // SVG has no DTD: any reference other than XML's own is undefined (the validator lets it pass).
      expect(result.stdout.match(/&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)[^\s<]{0,10}/g)).toBeNull();
    }
  });
});
