/**
 * Bad input gives exit 1 and one line naming the file and the field; bad usage gives exit 2; no
 * output file is written or changed when a command fails.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXAMPLES, dyplan, itNix } from '../helpers/cli.js';

const J = `${EXAMPLES}/testservices/json`;
const N = `${EXAMPLES}/testservices`;
const tmp = mkdtempSync(join(tmpdir(), 'dyplan-errors-'));

function write(name: string, contents: unknown): string {
  const path = join(tmp, name);
  writeFileSync(path, typeof contents === 'string' ? contents : JSON.stringify(contents));
  return path;
}

/** Exit 1, a single line on stderr that contains every expected fragment, nothing on stdout. */
function expectBadInput(args: string[], ...fragments: string[]) {
  const result = dyplan(args);
  expect(result.code, result.stderr).toBe(1);
  expect(result.stdout).toBe('');
  const lines = result.stderr.trimEnd().split('\n');
  expect(lines, result.stderr).toHaveLength(1);
  for (const fragment of fragments) expect(lines[0]).toContain(fragment);
  return lines[0];
}

const services = {
  a: { name: 'a', requiresUniqueIdsFor: ['ports'] },
  b: { name: 'b', dependsOn: ['a'], requiresUniqueIdsFor: ['ports'] },
};
const resources = { ports: { min: 3000, max: 4000 } };

describe('bad input: exit 1 with one line naming the file and the field', () => {
  it('a missing model file', () => {
    expectBadInput(
      ['id-assign', '-s', join(tmp, 'nope.json'), '--id-resources', `${J}/idresources-global.json`],
      'nope.json',
      'no such file',
    );
  });

  itNix('a missing Nix model file', () => {
    expectBadInput(
      ['id-assign', '-s', join(tmp, 'nope.nix'), '--id-resources', `${J}/idresources-global.json`],
      'nope.nix',
      'no such file',
    );
  });

  itNix('a Nix syntax error, with its line and column', () => {
    const bad = write('bad-services.nix', '{system, pkgs, distribution, invDistribution}:\n{\n  a = ;\n}\n');
    expectBadInput(
      ['id-assign', '-s', bad, '--id-resources', `${N}/idresources-global.nix`],
      'bad-services.nix:3:7',
      'syntax error',
    );
  });

  itNix('a Nix evaluation error in the ID resources model names that model', () => {
    const bad = write('bad-resources.nix', '{ ports = { min = 3000; max = undefinedThing; }; }\n');
    expectBadInput(
      ['id-assign', '-s', `${N}/services-with-ids.nix`, '--id-resources', bad],
      'bad-resources.nix:1:',
      "undefined variable 'undefinedThing'",
    );
  });

  it('invalid JSON', () => {
    const bad = write('broken.json', '{ "a": ');
    expectBadInput(
      ['id-assign', '-s', bad, '--id-resources', `${J}/idresources-global.json`],
      'broken.json',
      'invalid JSON',
    );
  });

  it('invalid YAML, with its line', () => {
    const bad = write('broken.yaml', 'a:\n  name: a\n   bad: [\n');
    expectBadInput(
      ['id-assign', '-s', bad, '--id-resources', `${J}/idresources-global.json`],
      'broken.yaml:',
      'invalid YAML',
    );
  });

  it('a field of the wrong type', () => {
    const s = write('wrong-type.json', { a: { name: 'a', dependsOn: 'b' } });
    expectBadInput(
      ['id-assign', '-s', s, '--id-resources', `${J}/idresources-global.json`],
      'wrong-type.json: a.dependsOn: expected a list, got the string "b"',
    );
  });

  it('an ID pool bound that is not an integer', () => {
    const r = write('float-bound.json', { ports: { min: 3000.5, max: 4000 } });
    expectBadInput(
      ['id-assign', '-s', write('s1.json', services), '--id-resources', r],
      'float-bound.json: ports.min: expected an integer',
    );
  });

  it('a requiresUniqueIdsFor that is not a list of names', () => {
    const s = write('not-list.json', { a: { name: 'a', requiresUniqueIdsFor: 'ports' } });
    expectBadInput(
      ['id-assign', '-s', s, '--id-resources', write('r1.json', resources)],
      'not-list.json: a.requiresUniqueIdsFor: expected a list of ID resource names',
    );
  });

  it('an unknown scope', () => {
    const r = write('scope.json', { ports: { min: 1, max: 9, scope: 'cluster' } });
    expectBadInput(
      ['id-assign', '-s', write('s2.json', services), '--id-resources', r],
      'scope.json: ports.scope: expected one of "global", "machine", got the string "cluster"',
    );
  });

  it('machine scope without a distribution', () => {
    const r = write('machine.json', { ports: { min: 1, max: 9, scope: 'machine' } });
    expectBadInput(
      ['id-assign', '-s', write('s3.json', services), '--id-resources', r],
      'machine.json: ports.scope:',
      'needs a distribution',
    );
  });

  it('max below min', () => {
    const r = write('inverted.json', { ports: { min: 10, max: 9 } });
    expectBadInput(
      ['id-assign', '-s', write('s4.json', services), '--id-resources', r],
      'inverted.json: ports.max: expected an integer >= min (10), got the integer 9',
    );
  });

  it('a dangling dependsOn', () => {
    const s = write('dangling.json', { a: { name: 'a', dependsOn: ['ghost'] } });
    expectBadInput(
      ['id-assign', '-s', s, '--id-resources', `${J}/idresources-global.json`],
      'dangling.json: a.dependsOn[0]: no service named "ghost"',
    );
  });

  it('a service whose name differs from its key', () => {
    const s = write('misnamed.json', { a: { name: 'b' } });
    expectBadInput(['convert', '-s', s], 'misnamed.json: a.name: expected "a"');
  });

  it('an unknown target in a distribution', () => {
    const d = write('unknown-target.json', { testService1: ['nowhere'] });
    expectBadInput(
      [
        'id-assign',
        '-s',
        `${J}/services-with-ids.json`,
        '-i',
        `${J}/infrastructure.json`,
        '-d',
        d,
        '--id-resources',
        `${J}/idresources-global.json`,
      ],
      'unknown-target.json: testService1[0]: no target named "nowhere" in',
    );
  });

  itNix('an unknown target in a Nix distribution', () => {
    const d = write(
      'unknown-target.nix',
      '{infrastructure}:\n{\n  testService1 = [ infrastructure.nowhere ];\n}\n',
    );
    expectBadInput(
      [
        'id-assign',
        '-s',
        `${N}/services-with-ids.nix`,
        '-i',
        `${N}/infrastructure.nix`,
        '-d',
        d,
        '--id-resources',
        `${N}/idresources-global.nix`,
      ],
      'unknown-target.nix:3:',
      "attribute 'nowhere' missing",
    );
  });

  itNix('a Nix distribution target whose hostname matches no target', () => {
    const d = write(
      'foreign-target.nix',
      '{infrastructure}:\n{\n  testService1 = [ { properties.hostname = "elsewhere"; } ];\n}\n',
    );
    expectBadInput(
      ['convert', '-i', `${N}/infrastructure.nix`, '-d', d],
      'foreign-target.nix: testService1[0]: no target in the infrastructure has properties.hostname = "elsewhere"',
    );
  });

  it('a distribution naming a service that does not exist', () => {
    const d = write('unknown-service.json', { ghost: ['testtarget1'] });
    expectBadInput(
      [
        'id-assign',
        '-s',
        `${J}/services-with-ids.json`,
        '-d',
        d,
        '--id-resources',
        `${J}/idresources-global.json`,
      ],
      'unknown-service.json: ghost: no service named "ghost"',
    );
  });

  it('an unreadable ids file: wrong structure', () => {
    const ids = write('bad-ids.json', { ids: { ports: { a: 'x' } } });
    expectBadInput(
      [
        'id-assign',
        '-s',
        write('s5.json', services),
        '--id-resources',
        write('r2.json', resources),
        '--ids',
        ids,
      ],
      'bad-ids.json: ids.ports.a: expected a number, got the string "x"',
    );
  });

  it('an unreadable ids file: a directory', () => {
    const dir = join(tmp, 'ids-dir.json');
    mkdirSync(dir, { recursive: true });
    expectBadInput(
      [
        'id-assign',
        '-s',
        write('s6.json', services),
        '--id-resources',
        write('r3.json', resources),
        '--ids',
        dir,
      ],
      'ids-dir.json',
      'is a directory',
    );
  });

  it('an old-format ids file (no "ids" wrapper) is refused, not silently read as empty', () => {
    const ids = write('old-ids.json', { ports: { a: 3000 } });
    expectBadInput(
      [
        'id-assign',
        '-s',
        write('s7.json', services),
        '--id-resources',
        write('r4.json', resources),
        '--ids',
        ids,
      ],
      'old-ids.json: ports: unknown attribute',
    );
  });

  it('an invalid XML model', () => {
    const bad = write('bad.xml', '<services><service name="a"></services>');
    expectBadInput(['convert', '--xml', '-s', bad], 'bad.xml:', 'invalid XML');
  });

  it('a failed run never touches the ids file it would have overwritten', () => {
    const ids = write('keep-ids.json', { ids: { ports: { a: 3000 } }, lastAssignments: { ports: 3000 } });
    const before = readFileSync(ids, 'utf8');
    const s = write('dangling2.json', {
      a: { name: 'a', dependsOn: ['ghost'], requiresUniqueIdsFor: ['ports'] },
    });
    expectBadInput(
      [
        'id-assign',
        '-s',
        s,
        '--id-resources',
        write('r5.json', resources),
        '--ids',
        ids,
        '--output-file',
        ids,
      ],
      'dangling2.json',
    );
    expect(readFileSync(ids, 'utf8')).toBe(before);
  });
});

describe('bad usage: exit 2', () => {
  it.each([
    [['id-assign', '--id-resources', 'r.json']],
    [['id-assign', '-s', 's.json']],
    [['id-assign', '-s', 's.json', '--id-resources', 'r.json', '--bogus']],
    [['no-such-command']],
    [['convert']],
    [['convert', '-s', 'a.json', '--ids', 'b.json']],
    [['convert', '--input-format', 'toml', '-s', 'a.toml']],
  ])('%j', (args) => {
    const result = dyplan(args);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).not.toBe('');
  });

  itNix('a Nix distribution without the infrastructure', () => {
    const result = dyplan([
      'id-assign',
      '-s',
      `${N}/services-with-ids.nix`,
      '-d',
      `${N}/distribution.nix`,
      '--id-resources',
      `${N}/idresources-global.nix`,
    ]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('-i');
  });

  it('--help is not an error', () => {
    const result = dyplan(['id-assign', '--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('--id-resources');
  });
});
