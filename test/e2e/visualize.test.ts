/**
 * The visualisation commands through the built CLI: DOT on stdout, svg/png without a system
 * Graphviz, the distribution view checked by parsing its DOT, batch output on disk.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fromDot, type GraphBaseModel } from 'ts-graphviz';
import { describe, expect, it } from 'vitest';
import { CLI, EXAMPLES, dyplan } from '../helpers/cli.js';

const V = `${EXAMPLES}/visualize`;
const tmp = mkdtempSync(join(tmpdir(), 'dyplan-vis-'));

/** Node id -> the target cluster it sits in. */
function placements(
  graph: GraphBaseModel,
  target = '',
  out = new Map<string, string[]>(),
): Map<string, string[]> {
  for (const node of graph.nodes) {
    const label = String(node.attributes.get('label') ?? node.id).split('\\n')[0];
    out.set(label, [...(out.get(label) ?? []), target]);
  }
  for (const sub of graph.subgraphs) {
    const id = sub.id ?? '';
    placements(sub, id.startsWith('cluster_target_') ? String(sub.get('label')) : target, out);
  }
  return out;
}

describe('visualize-distribution on the bundled example', () => {
  it('puts every service in the cluster of each target it is mapped to and counts the crossing links', () => {
    const result = dyplan([
      'visualize-distribution',
      '-s',
      `${V}/services.json`,
      '-i',
      `${V}/infrastructure.json`,
      '-d',
      `${V}/distribution.json`,
    ]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toBe('visualize-distribution: 5 of 10 links cross targets\n');
    const graph = fromDot(result.stdout);
    expect(String(graph.get('label'))).toContain('5 of 10 links cross targets');
    const distribution = JSON.parse(readFileSync(`${V}/distribution.json`, 'utf8')) as Record<
      string,
      (string | { target: string })[]
    >;
    const placed = placements(graph);
    for (const [service, mappings] of Object.entries(distribution)) {
      const targets = mappings.map((m) => (typeof m === 'string' ? m : m.target)).sort();
      expect(placed.get(service)?.sort(), service).toEqual(targets);
    }
    const crossing = [...graph.edges].filter((e) => String(e.attributes.get('color') ?? '') === 'red');
    expect(crossing).toHaveLength(5);
    const dot = spawnSync('dot', ['-Tsvg'], { input: result.stdout, encoding: 'utf8' });
    expect(dot.status, dot.stderr).toBe(0);
  });
});

describe('rendering without a system Graphviz', () => {
  const noDot = { ...process.env, PATH: join(tmp, 'empty-path') };
  it.each(['svg', 'png'])('--format %s works with no dot on PATH', (format) => {
    const out = join(tmp, `services.${format}`);
    const result = spawnSync(
      process.execPath,
      [CLI, 'visualize-services', '-s', `${V}/services.json`, '--format', format, '--output-file', out],
      { env: noDot, encoding: 'utf8' },
    );
    expect(result.status, result.stderr).toBe(0);
    const bytes = readFileSync(out);
    if (format === 'svg') expect(bytes.toString('utf8')).toMatch(/<svg[\s\S]*portal[\s\S]*<\/svg>/);
    else expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  });
  it('--renderer dot without dot on PATH fails with one clear line', () => {
    const result = spawnSync(
      process.execPath,
      [CLI, 'visualize-infra', '-i', `${V}/infrastructure.json`, '--format', 'svg', '--renderer', 'dot'],
      { env: noDot, encoding: 'utf8' },
    );
    expect(result.status).not.toBe(0);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain('dot');
  });
});

describe('visualize-services and visualize-infra', () => {
  it('print the DOT of docs/compatibility.md §8.1 and §8.3 for the example models', () => {
    const services = dyplan(['visualize-services', '-s', `${V}/services.json`]);
    expect(services.code).toBe(0);
    expect(services.stdout).toContain('"portal" -> "loggingapi"');
    const infra = dyplan(['visualize-infra', '-i', `${V}/infrastructure.json`]);
    expect(infra.code).toBe(0);
    expect(infra.stdout).toContain('subgraph "cluster_target_test2"');
    for (const text of [services.stdout, infra.stdout])
      expect(spawnSync('dot', ['-Tsvg'], { input: text }).status).toBe(0);
  });
  it('--batch writes one diagram per group, intermediate groups included', () => {
    const dir = join(tmp, 'batch');
    const result = dyplan([
      'visualize-services',
      '-s',
      `${V}/services.json`,
      '--batch',
      '--output-dir',
      dir,
      '--format',
      'svg',
    ]);
    expect(result.code, result.stderr).toBe(0);
    for (const group of ['', 'services/', 'services/logging/', 'services/reporting/']) {
      expect(existsSync(join(dir, `${group}diagram.dot`)), group).toBe(true);
      expect(existsSync(join(dir, `${group}diagram.dot.svg`)), group).toBe(true);
    }
  });
});
