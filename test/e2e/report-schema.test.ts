/**
 * The report of every command that takes --report validates against docs/report.schema.json.
 * A new command with --report must add its case below: the first test fails until it does.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { buildProgram } from '../../src/program.js';
import { EXAMPLES, ROOT, dyplan } from '../helpers/cli.js';

const J = `${EXAMPLES}/testservices/json`;
const tmp = mkdtempSync(join(tmpdir(), 'dyplan-report-schema-'));
const plan = ['-s', `${J}/services.json`, '-i', `${J}/infrastructure.json`];

/** Arguments of a successful run of each command that has --report (one or more runs each). */
const REPORT_CASES: Record<string, string[][]> = {
  multiwaycut: [
    [...plan, '-d', `${J}/candidates.json`],
    [...plan, '-d', `${J}/candidates.json`, '--exact'],
  ],
  graphcol: [['-s', `${J}/services.json`, '-i', `${J}/infrastructure-3.json`]],
  minsetcover: [[...plan, '-d', `${J}/distribution-cartesian.json`, '--target-property', 'cost']],
  divide: [
    [
      ...plan,
      '-d',
      `${J}/distribution-cartesian.json`,
      '--strategy',
      'greedy',
      '--service-property',
      'requireMem',
      '--target-property',
      'mem',
    ],
  ],
  'id-assign': [['-s', `${J}/services-with-ids.json`, '--id-resources', `${J}/idresources-global.json`]],
  place: [[...plan, '--resource', 'requireMem:mem']],
  gendist: [
    ['-s', `${J}/services.json`, '-i', `${J}/infrastructure.json`],
    [
      '-s',
      `${J}/services.json`,
      '-i',
      `${J}/infrastructure.json`,
      '-q',
      `${EXAMPLES}/testservices/qos/minsetcover-access.yaml`,
    ],
  ],
};

const schema = JSON.parse(readFileSync(join(ROOT, 'docs/report.schema.json'), 'utf8')) as object;
const validate = new Ajv2020({ allErrors: true, strict: true }).compile(schema);

describe('--report validates against docs/report.schema.json', () => {
  it('every command with --report has a case here', async () => {
    const withReport = (await buildProgram(() => undefined)).commands
      .filter((c) => c.options.some((o) => o.long === '--report'))
      .map((c) => c.name())
      .sort();
    expect(withReport, 'add the missing commands to REPORT_CASES').toEqual(Object.keys(REPORT_CASES).sort());
  });

  const runs = Object.entries(REPORT_CASES).flatMap(([command, cases]) =>
    cases.map((args, i) => [`${command} #${i + 1}`, command, args] as const),
  );
  it.each(runs)('%s', (label, command, args) => {
    const file = join(tmp, `${label.replace(/\W+/g, '-')}.json`);
    const result = dyplan([command, ...args, '--report', file]);
    expect(result.code, result.stderr).toBe(0);
    const report = JSON.parse(readFileSync(file, 'utf8')) as { command: string };
    expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
    expect(report.command).toBe(command);
  });

  it('the schema rejects what it should', () => {
    const good = { schema: 'dyplan-report', version: 1, command: 'x', notes: [], phases: [], counts: {} };
    expect(validate(good)).toBe(true);
    for (const bad of [
      { ...good, version: 2 },
      { ...good, undocumented: 1 },
      { ...good, counts: { services: 1.5 } },
      { ...good, gap: -1, objective: 1, lowerBound: 2 },
      { ...good, lowerBound: 3 },
      { ...good, phases: [{ name: 'plan' }] },
    ])
      expect(validate(bad), JSON.stringify(bad)).toBe(false);
  });
});
