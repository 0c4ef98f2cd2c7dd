/**
 * A closed standard output (`dyplan ... | head -c 1`, quitting `less`) ends the process quietly
 * with status 141, as a program killed by SIGPIPE: no stack trace, no "internal error", for
 * outputs far larger than a pipe buffer (10 MB and more) and for several commands.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CLI } from '../helpers/cli.js';

const tmp = mkdtempSync(join(tmpdir(), 'dyplan-pipes-'));
// Long names (names are data: any length works) make a 10 MB output from few services: every
// output below holds each name at least once, so it is at least COUNT * LENGTH = 10.5 MB long.
const COUNT = 25_000;
const LENGTH = 420;
const name = (i: number) => `service-${i}-`.padEnd(LENGTH, 'x');
const SMALL = 2_000;

beforeAll(() => {
  const services: Record<string, unknown> = {};
  const distribution: Record<string, string[]> = {};
  for (let i = 0; i < COUNT; i++) {
    services[name(i)] = { name: name(i), type: 'process', dependsOn: i % 100 ? [name(i - 1)] : [] };
    distribution[name(i)] = ['t0', 't1'];
  }
  writeFileSync(join(tmp, 'services.json'), JSON.stringify(services));
  writeFileSync(join(tmp, 'distribution.json'), JSON.stringify(distribution));
  const small = (model: Record<string, unknown>) =>
    JSON.stringify(Object.fromEntries(Object.entries(model).slice(0, SMALL)));
  writeFileSync(join(tmp, 'small-services.json'), small(services));
  writeFileSync(join(tmp, 'small-distribution.json'), small(distribution));
  writeFileSync(
    join(tmp, 'infrastructure.json'),
    JSON.stringify({ t0: { properties: { hostname: 't0' } }, t1: { properties: { hostname: 't1' } } }),
  );
});

/** Runs `dyplan args | head -c 1` in bash; dyplan's status, what it wrote to stderr, its output size. */
function throughHead(args: string[], redirect = '') {
  const quoted = [process.execPath, CLI, ...args].map((a) => `'${a}'`).join(' ');
  const script = `${quoted} 2>"${tmp}/stderr" ${redirect} | head -c 1 >/dev/null; echo "\${PIPESTATUS[0]}"; cat "${tmp}/stderr"`;
  const result = spawnSync('bash', ['-c', script], { cwd: tmp, encoding: 'utf8' });
  const [status, ...stderr] = result.stdout.split('\n');
  return { status: Number(status), stderr: stderr.join('\n') };
}

const models = ['-s', 'services.json', '-i', 'infrastructure.json', '-d', 'distribution.json'];

describe('a closed standard output ends the run quietly (exit 141)', () => {
  it('the outputs below are longer than 10 MB', () => {
    expect(COUNT * LENGTH).toBeGreaterThan(10_000_000);
  });

  it.each([
    ['convert --json', ['convert', '-s', 'services.json', '--json']],
    ['multiwaycut', ['multiwaycut', ...models]],
    // Smaller (1 MB, still many pipe buffers): drawing 25,000 services takes a while.
    [
      'visualize-distribution',
      [
        'visualize-distribution',
        '-s',
        'small-services.json',
        '-i',
        'infrastructure.json',
        '-d',
        'small-distribution.json',
      ],
    ],
  ])('%s', (_label, args) => {
    const { status, stderr } = throughHead(args);
    expect(stderr).not.toMatch(/Error|EPIPE|internal|at /);
    expect(status).toBe(141);
  });

  it('with standard error in the same pipe (2>&1)', () => {
    const { status, stderr } = throughHead(['convert', '-s', 'services.json', '--output-xml'], '2>&1');
    expect(stderr).toBe('');
    expect(status).toBe(141);
  });
});
