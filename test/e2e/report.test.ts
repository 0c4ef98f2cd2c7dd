/** `--report FILE`: the run's summary as versioned JSON, for every planner and id-assign. */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXAMPLES, dyplan } from '../helpers/cli.js';

const J = `${EXAMPLES}/testservices/json`;
const tmp = mkdtempSync(join(tmpdir(), 'dyplan-report-'));

function report(name: string, args: string[]) {
  const file = join(tmp, `${name}.json`);
  const result = dyplan([...args, '--report', file]);
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
}

describe('--report', () => {
  const s = `${J}/services.json`;
  it('multiwaycut: objective, bound, gap, method, phases and counts', () => {
    const r = report('mwc', [
      'multiwaycut',
      '-s',
      s,
      '-i',
      `${J}/infrastructure.json`,
      '-d',
      `${J}/candidates.json`,
    ]);
    expect(r).toMatchObject({
      schema: 'dyplan-report',
      version: 1,
      command: 'multiwaycut',
      objective: 0,
      lowerBound: 0,
      gap: 0,
      optimal: true,
      method: 'alpha-expansion',
      counts: { services: 3, targets: 2, links: 3, crossingLinks: 0 },
    });
    expect((r.phases as { name: string }[]).map((p) => p.name)).toEqual(['load models', 'plan', 'write']);
  });

  it('graphcol, minsetcover and divide', () => {
    expect(report('gc', ['graphcol', '-s', s, '-i', `${J}/infrastructure-3.json`])).toMatchObject({
      command: 'graphcol',
      objective: 3,
      lowerBound: 3,
      boundKind: 'clique of 3',
      counts: { targetsUsed: 3 },
    });
    const d = `${J}/distribution-cartesian.json`;
    expect(
      report('msc', [
        'minsetcover',
        '-s',
        s,
        '-i',
        `${J}/infrastructure.json`,
        '-d',
        d,
        '--target-property',
        'cost',
      ]),
    ).toMatchObject({ command: 'minsetcover', objective: 100, optimal: true, counts: { targetsUsed: 1 } });
    expect(
      report('div', [
        'divide',
        '-s',
        s,
        '-i',
        `${J}/infrastructure.json`,
        '-d',
        d,
        '--strategy',
        'greedy',
        '--service-property',
        'requireMem',
        '--target-property',
        'mem',
      ]),
    ).toMatchObject({ command: 'divide', method: 'greedy', counts: { services: 3, targets: 2 } });
  });

  it('id-assign counts kept, added and removed IDs', () => {
    const r = report('ids', [
      'id-assign',
      '-s',
      `${J}/services-with-ids.json`,
      '--id-resources',
      `${J}/idresources-global.json`,
    ]);
    expect(r).toMatchObject({
      command: 'id-assign',
      counts: { services: 3, idsKept: 0, idsAdded: 3, idsRemoved: 0 },
    });
  });

  it('is not written when the run fails', () => {
    const file = join(tmp, 'failed.json');
    const result = dyplan(['graphcol', '-s', s, '-i', `${J}/infrastructure.json`, '--report', file]);
    expect(result.code).toBe(1);
    expect(() => readFileSync(file)).toThrow();
  });
});
