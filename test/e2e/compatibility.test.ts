/**
 * Fixes of dydisnix bugs (docs/compatibility.md section 9) that no other suite shows through the
 * CLI: each test names its bug and runs the built command on small JSON/XML models.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXAMPLES, dyplan } from '../helpers/cli.js';

const tmp = mkdtempSync(join(tmpdir(), 'dyplan-compatibility-'));
const V = `${EXAMPLES}/visualize`;

function file(name: string, contents: unknown): string {
  const path = join(tmp, name);
  writeFileSync(path, typeof contents === 'string' ? contents : JSON.stringify(contents));
  return path;
}

function json(args: string[]): unknown {
  const result = dyplan([...args, '--json']);
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout);
}

const services = file('services.json', {
  a: { name: 'a', mem: 1 },
  b: { name: 'b', mem: '2.5', dependsOn: ['a'] },
});
// Target keys differ from their hostnames; t2 has neither a capacity nor a cost.
const infrastructure = file('infrastructure.json', {
  t1: { properties: { hostname: 'host-one', mem: 10, cost: 5 } },
  t2: { properties: { hostname: 'host-two' } },
});

describe('distributions in XML (bug 2)', () => {
  it('--output-xml writes <mapping> items that read back to the same distribution', () => {
    const distribution = file('containers.json', { a: [{ target: 't1', container: 'c' }], b: ['t2'] });
    const xml = dyplan(['convert', '-d', distribution, '--output-xml']);
    expect(xml.code, xml.stderr).toBe(0);
    expect(xml.stdout).toBe(
      '<distribution>\n  <service name="a">\n    <mapping>\n      <target>t1</target>\n      <container>c</container>\n    </mapping>\n  </service>\n  <service name="b">\n    <mapping>\n      <target>t2</target>\n    </mapping>\n  </service>\n</distribution>',
    );
    const again = file('containers.xml', xml.stdout);
    expect(json(['convert', '-d', again])).toEqual({
      a: [{ target: 't1', container: 'c' }],
      b: [{ target: 't2' }],
    });
  });

  it("the original's <target> list items are read too", () => {
    const original = file(
      'original.xml',
      '<distribution>\n  <service name="a">\n    <target>\n      <target>t1</target>\n    </target>\n  </service>\n</distribution>',
    );
    expect(json(['convert', '-d', original])).toEqual({ a: ['t1'] });
  });
});

describe('targets without the property (bug 3)', () => {
  it('divide skips a candidate that has no capacity property', () => {
    const distribution = file('divide.json', { a: ['t2', 't1'], b: ['t1'] });
    expect(
      json([
        'divide',
        '--strategy',
        'greedy',
        '-s',
        services,
        '-i',
        infrastructure,
        '-d',
        distribution,
        '--service-property',
        'mem',
        '--target-property',
        'mem',
      ]),
    ).toEqual({ a: ['t1'], b: ['t1'] });
  });

  it('minsetcover counts a target without the cost property as free', () => {
    const distribution = file('cover.json', { a: ['t1', 't2'], b: ['t1', 't2'] });
    const result = dyplan([
      'minsetcover',
      '-s',
      services,
      '-i',
      infrastructure,
      '-d',
      distribution,
      '--target-property',
      'cost',
      '--json',
    ]);
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({ a: ['t2'], b: ['t2'] });
    expect(result.stderr).toContain('total cost 0 on 1 of 2 targets');
  });
});

describe('graphcol output (bug 9)', () => {
  it('names targets by their key, not by properties.hostname', () => {
    expect(json(['graphcol', '-s', services, '-i', infrastructure])).toEqual({ a: ['t1'], b: ['t2'] });
  });
});

describe('id-assign options (bug 15)', () => {
  it('-p is a processes model in place of -s (as nixproc-id-assign takes it), refused with -s at parse time', () => {
    const result = dyplan(['id-assign', '-s', services, '--id-resources', services, '-p', 'x']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      "option '-p, --processes <file>' cannot be used with option '-s, --services <file>'",
    );
  });

  it('the help names the default service property the code uses', () => {
    const result = dyplan(['id-assign', '--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('"requiresUniqueIdsFor"');
    expect(result.stdout).not.toContain('requireUniqueIdsFor');
  });
});

describe('docs configuration in XML (bug 19)', () => {
  it('a docs file without <fields> and <descriptions> is read, not a crash', () => {
    const docs = file(
      'docs.xml',
      '<docs-config><groups><group name="services">Services</group></groups></docs-config>',
    );
    const result = dyplan([
      'document-services',
      '-s',
      `${V}/services.json`,
      '--docs',
      docs,
      '--group',
      'services',
    ]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('<h1>Services</h1>');
    expect(result.stdout).toContain('<th>Description</th>');
  });
});

describe('generate-services-docs --image-format (bug 27)', () => {
  it('is accepted as the same option as --format', () => {
    const dir = join(tmp, 'docs-tree');
    const result = dyplan([
      'generate-services-docs',
      '-s',
      `${V}/services.json`,
      '--output-dir',
      dir,
      '--image-format',
      'svg',
    ]);
    expect(result.code, result.stderr).toBe(0);
    expect(readFileSync(join(dir, 'services', 'diagram.dot.svg'), 'utf8')).toContain('<svg');
    expect(existsSync(join(dir, 'style.css'))).toBe(true);
  });
});

describe('numeric properties (bug 33)', () => {
  const args = (servicesFile: string, distribution: string) => [
    'divide',
    '--strategy',
    'greedy',
    '-s',
    servicesFile,
    '-i',
    infrastructure,
    '-d',
    distribution,
    '--service-property',
    'mem',
    '--target-property',
    'mem',
  ];

  it('a numeric string is a number and a fraction is not truncated', () => {
    const result = dyplan(args(services, file('numbers.json', { a: ['t1'], b: ['t1'] })));
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain('mem left: t1 6.50');
  });

  it('a non-numeric string is an error naming the field, not 0', () => {
    const words = file('words.json', { a: { name: 'a', mem: 'lots' } });
    const result = dyplan(args(words, file('one.json', { a: ['t1'] })));
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim()).toBe(`dyplan: ${words}: a.mem: expected a number, got "lots"`);
  });
});
