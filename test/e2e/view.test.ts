/** `dyplan view` on model files, without a browser: the page data (--json) and its usage checks. */
import { describe, expect, it } from 'vitest';
import { dyplan } from '../helpers/cli.js';

const J = 'examples/testservices/json';
const models = ['-s', `${J}/services.json`, '-i', `${J}/infrastructure.json`, '-d', `${J}/distribution.json`];

describe('dyplan view --resource', () => {
  it('gives each target the demand placed on it against its capacity', () => {
    const r = dyplan(['view', ...models, '--resource', 'requireMem:mem', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const data = JSON.parse(r.stdout) as {
      resources: unknown;
      targets: Array<{ name: string; loads: unknown }>;
    };
    expect(data.resources).toEqual([{ service: 'requireMem', target: 'mem' }]);
    // distribution.json: testService1 (262144) on testtarget1; testService2 (262143) and testService3 (262145) on testtarget2.
    expect(data.targets.map((t) => [t.name, t.loads])).toEqual([
      ['testtarget1', [{ demand: 262144, capacity: 524288 }]],
      ['testtarget2', [{ demand: 524288, capacity: 655360 }]],
    ]);
  });

  it('needs -i and -d, and a SERVICEPROP:TARGETPROP pair (exit 2)', () => {
    const noDistribution = dyplan([
      'view',
      '-s',
      `${J}/services.json`,
      '--resource',
      'requireMem:mem',
      '--json',
    ]);
    expect([noDistribution.code, noDistribution.stderr]).toEqual([
      2,
      'dyplan: --resource needs an infrastructure (-i) and a distribution (-d)\n',
    ]);
    const bad = dyplan(['view', ...models, '--resource', 'requireMem', '--json']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe(
      'dyplan: --resource "requireMem": expected SERVICEPROP:TARGETPROP, e.g. requireMem:mem\n',
    );
  });
});
