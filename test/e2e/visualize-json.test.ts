/**
 * `--json` on the picture and catalogue commands prints what was written: every file with its
 * size (matching the file on disk) and counts from the model. With the picture on standard output
 * there is nothing to describe, so `--json` then needs `--output-file` or `--batch` (exit 2).
 */
import { mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXAMPLES, dyplan } from '../helpers/cli.js';

const V = `${EXAMPLES}/visualize`;
const tmp = mkdtempSync(join(tmpdir(), 'dyplan-visualize-json-'));

interface Written {
  command: string;
  files: { path: string; bytes: number }[];
  counts: Record<string, number>;
}

function run(args: string[]): Written {
  const result = dyplan(args);
  expect(result.code, result.stderr).toBe(0);
  const written = JSON.parse(result.stdout) as Written;
  expect(written.command).toBe(args[0]);
  for (const file of written.files) expect(statSync(file.path).size, file.path).toBe(file.bytes);
  expect(written.counts.files).toBe(written.files.length);
  expect(written.counts.bytes).toBe(written.files.reduce((sum, f) => sum + f.bytes, 0));
  return written;
}

/** Every file under `dir`, relative, sorted. */
const tree = (dir: string) =>
  readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => statSync(join(dir, f)).isFile())
    .sort();

describe('--json on the picture commands', () => {
  it('visualize-services --output-file', () => {
    const out = join(tmp, 'services.svg');
    const written = run([
      'visualize-services',
      '-s',
      `${V}/services.json`,
      '--format',
      'svg',
      '--output-file',
      out,
      '--json',
    ]);
    expect(written.files.map((f) => f.path)).toEqual([out]);
    expect(written.counts).toMatchObject({ files: 1, services: 7, groups: 4 });
  });

  it('visualize-services --batch lists every file of the tree', () => {
    const dir = join(tmp, 'batch');
    const written = run([
      'visualize-services',
      '-s',
      `${V}/services.json`,
      '--batch',
      '--output-dir',
      dir,
      '--json',
    ]);
    expect(written.files.map((f) => relative(dir, f.path)).sort()).toEqual(tree(dir));
    expect(written.counts).toMatchObject({ files: 4, services: 7, groups: 4 });
  });

  it('visualize-infra', () => {
    const out = join(tmp, 'infra.dot');
    const written = run([
      'visualize-infra',
      '-i',
      `${V}/infrastructure.json`,
      '--output-file',
      out,
      '--json',
    ]);
    expect(written.counts).toEqual({ files: 1, bytes: written.files[0].bytes, targets: 2, containers: 4 });
  });

  it('visualize-distribution counts the links that cross targets', () => {
    const out = join(tmp, 'distribution.dot');
    const args = [
      '-s',
      `${V}/services.json`,
      '-i',
      `${V}/infrastructure.json`,
      '-d',
      `${V}/distribution.json`,
    ];
    const written = run(['visualize-distribution', ...args, '--output-file', out, '--json']);
    expect(written.counts).toMatchObject({
      services: 7,
      targets: 2,
      placements: 8,
      links: 10,
      crossingLinks: 5,
    });
    // The same numbers as the summary line on standard error.
    expect(dyplan(['visualize-distribution', ...args]).stderr).toContain('5 of 10 links cross targets');
  });

  it('document-services and generate-services-docs', () => {
    const page = join(tmp, 'page.html');
    expect(
      run(['document-services', '-s', `${V}/services.json`, '--output-file', page, '--json']).counts,
    ).toMatchObject({
      files: 1,
      services: 7,
    });
    const dir = join(tmp, 'docs');
    const written = run([
      'generate-services-docs',
      '-s',
      `${V}/services.json`,
      '--docs',
      `${V}/docs.json`,
      '--output-dir',
      dir,
      '--json',
    ]);
    expect(written.files.map((f) => relative(dir, f.path)).sort()).toEqual(tree(dir));
    expect(written.files.filter((f) => f.path.endsWith('.html'))).toHaveLength(4);
  });

  it.each([
    ['visualize-services', '-s', `${V}/services.json`],
    ['visualize-infra', '-i', `${V}/infrastructure.json`],
    ['document-services', '-s', `${V}/services.json`],
  ])('%s --json without a file to describe is bad usage', (...args) => {
    const result = dyplan([...args, '--json']);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(
      /^dyplan: option '--json' applies only with '--output-file'( or '--batch')? \(see /,
    );
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });
});
