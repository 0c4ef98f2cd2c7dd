/**
 * Usage mistakes are found at the parser, before any model is read: unknown options (with a
 * did-you-mean), numeric options validated, conflicting options and options that do not apply
 * refused. Each exits 2 with exactly one line on stderr and nothing on stdout.
 */
import { describe, expect, it } from 'vitest';
import { EXAMPLES, dyplan } from '../helpers/cli.js';

const J = `${EXAMPLES}/testservices/json`;
const V = `${EXAMPLES}/visualize`;
const plan = ['-s', `${J}/services.json`, '-i', `${J}/infrastructure.json`, '-d', `${J}/candidates.json`];

function expectUsage(args: string[], ...fragments: string[]) {
  const result = dyplan(args);
  expect(result.code, result.stderr).toBe(2);
  expect(result.stdout).toBe('');
  const lines = result.stderr.trimEnd().split('\n');
  expect(lines, result.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(/^dyplan: /);
  for (const fragment of fragments) expect(lines[0]).toContain(fragment);
}

describe('usage mistakes exit 2 with one line', () => {
  it('a misspelt option is unknown, with a suggestion, even when a required option is missing', () => {
    expectUsage(
      ['multiwaycut', '--sevices', `${J}/services.json`, '-i', `${J}/infrastructure.json`],
      "unknown option '--sevices'",
      'Did you mean --services?',
    );
  });

  it('a missing required option, when nothing else is wrong', () => {
    expectUsage(['multiwaycut', '-i', `${J}/infrastructure.json`], "required option '-s, --services <file>'");
  });

  it('an unknown command, with a suggestion', () => {
    expectUsage(['multiwaycutt'], "unknown command 'multiwaycutt'", 'multiwaycut');
  });

  it.each([
    [['multiwaycut', ...plan, '--time-limit', 'abc'], "'abc' is invalid"],
    [['multiwaycut', ...plan, '--exact', '--time-limit', 'abc'], "'abc' is invalid"],
    [['multiwaycut', ...plan, '--time-limit', '-3'], "'-3' is invalid"],
    [['multiwaycut', ...plan, '--time-limit', '0'], "'0' is invalid"],
    [['multiwaycut', ...plan, '--time-limit', ''], "'' is invalid"],
    [['minsetcover', ...plan, '--target-property', 'cost', '--exact', '--time-limit', '1e999'], 'is invalid'],
  ])('a numeric option that is not a positive number: %j', (args, fragment) => {
    expectUsage(args, '--time-limit', fragment, 'Expected a positive number');
  });

  it('--time-limit on minsetcover means nothing without --exact', () => {
    expectUsage(
      ['minsetcover', ...plan, '--target-property', 'cost', '--time-limit', '5'],
      "'--time-limit' applies only with '--exact'",
    );
  });

  it('--json and --output-xml conflict', () => {
    expectUsage(
      ['convert', '-s', `${J}/services.json`, '--json', '--output-xml'],
      "'--json'",
      "'--output-xml'",
    );
    expectUsage(['multiwaycut', ...plan, '--output-xml', '--json'], 'cannot be used with');
  });

  it('convert takes one model: -i is not dropped silently next to -s', () => {
    expectUsage(
      ['convert', '-s', `${J}/services.json`, '-i', `${J}/infrastructure.json`],
      'cannot be used with',
      '--services',
    );
    expectUsage(['convert', '-s', `${J}/services.json`, '--ids', `${J}/services.json`], 'exactly one model');
  });

  it('--group names a group of the model', () => {
    expectUsage(
      ['visualize-services', '-s', `${V}/services.json`, '--group', 'nosuch'],
      '"nosuch"',
      'services/logging',
    );
    expectUsage(
      ['document-services', '-s', `${V}/services.json`, '--group', 'services/nosuch'],
      'no such group',
    );
  });

  it('generate-services-docs writes a folder: it has no --output-file', () => {
    expectUsage(
      ['generate-services-docs', '-s', `${V}/services.json`, '--output-dir', 'x', '--output-file', 'y'],
      "unknown option '--output-file'",
    );
  });

  it('batch-only and single-diagram options are not mixed', () => {
    const s = ['visualize-services', '-s', `${V}/services.json`];
    expectUsage([...s, '--output-dir', 'out'], "'--output-dir' applies only with '--batch'");
    expectUsage([...s, '--batch', '--group', 'services'], "'--group <group>' cannot be used with");
    expectUsage([...s, '--batch', '--output-file', 'x.dot'], 'cannot be used with');
  });

  it('--quiet and --verbose conflict', () => {
    expectUsage(['convert', '-s', `${J}/services.json`, '--quiet', '--verbose'], "'--quiet'", "'--verbose'");
  });

  it('a stray argument', () => {
    expectUsage(['multiwaycut', ...plan, 'extra'], 'too many arguments');
  });
});

describe('--version and --help', () => {
  it('--version prints the version of package.json', async () => {
    const { default: pkg } = await import('../../package.json', { with: { type: 'json' } });
    const result = dyplan(['--version']);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(`${pkg.version}\n`);
  });
});
