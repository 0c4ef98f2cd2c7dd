/** --quiet and --verbose on the real command line (standard error is a pipe here, not a terminal). */
import { describe, expect, it } from 'vitest';
import { EXAMPLES, dyplan } from '../helpers/cli.js';

const J = `${EXAMPLES}/testservices/json`;
const plan = [
  'multiwaycut',
  '-s',
  `${J}/services.json`,
  '-i',
  `${J}/infrastructure.json`,
  '-d',
  `${J}/candidates.json`,
];

describe('--quiet and --verbose', () => {
  it('by default: the summary line only', () => {
    const result = dyplan(plan);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('multiwaycut: 0 of 3 links cross targets; lower bound 0 (optimal)\n');
  });

  it('--quiet: nothing on stderr, the same output', () => {
    const result = dyplan([...plan, '--quiet']);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe(dyplan(plan).stdout);
  });

  it('--quiet keeps errors', () => {
    const result = dyplan(['convert', '-s', `${J}/nosuch.json`, '--quiet']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('no such file');
  });

  it('--verbose: a line with the elapsed time per phase, then the summary', () => {
    const lines = dyplan([...plan, '--verbose'])
      .stderr.trimEnd()
      .split('\n');
    expect(lines.map((l) => l.replace(/\d+\.\d\d s$/, 'T s'))).toEqual([
      'dyplan: load models > validate models: T s',
      'dyplan: load models: T s',
      'dyplan: plan: T s',
      'multiwaycut: 0 of 3 links cross targets; lower bound 0 (optimal)',
      'dyplan: write: T s',
    ]);
  });
});
