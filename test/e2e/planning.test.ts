/**
 * The planning commands on the reference's own test models (docs/compatibility.md §5 and §7): the
 * documented results come out of the same commands, infeasible inputs exit 1 with one line, and
 * the problem graphs are valid DOT.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { benchData } from '../../bench/data-dir.js';
import { EXAMPLES, dyplan, itNix } from '../helpers/cli.js';

const T = `${EXAMPLES}/testservices`;
const J = `${T}/json`;
const tmp = mkdtempSync(join(tmpdir(), 'dyplan-planning-'));

function placement(args: string[]): Record<string, string[]> {
  const result = dyplan([...args, '--json']);
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout) as Record<string, string[]>;
}

function oneLineFailure(args: string[], ...fragments: string[]) {
  const result = dyplan(args);
  expect(result.code, result.stderr).toBe(1);
  expect(result.stdout).toBe('');
  const lines = result.stderr.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  for (const f of fragments) expect(lines[0]).toContain(f);
}

function validDot(text: string) {
  const dot = spawnSync('dot', ['-Tsvg'], { input: text, encoding: 'utf8' });
  expect(dot.stderr).toBe('');
  expect(dot.status).toBe(0);
}

describe('divide (docs/compatibility.md §7.1)', () => {
  const args = (strategy: string, infra = 'infrastructure') => [
    'divide',
    '--strategy',
    strategy,
    '-s',
    `${T}/services.nix`,
    '-i',
    `${T}/${infra}.nix`,
    '-d',
    `${T}/candidates.nix`,
    '--service-property',
    'requireMem',
    '--target-property',
    'mem',
  ];
  itNix('greedy: S1 and S2 on testtarget1, S3 on testtarget2', () => {
    expect(placement(args('greedy'))).toEqual({
      testService1: ['testtarget1'],
      testService2: ['testtarget1'],
      testService3: ['testtarget2'],
    });
  });
  itNix('highest-bidder: S1 on testtarget2, S2 on testtarget1, S3 on testtarget2', () => {
    expect(placement(args('highest-bidder'))).toEqual({
      testService1: ['testtarget2'],
      testService2: ['testtarget1'],
      testService3: ['testtarget2'],
    });
  });
  itNix('lowest-bidder: S1 and S2 on testtarget1, S3 on testtarget2', () => {
    expect(placement(args('lowest-bidder'))).toEqual({
      testService1: ['testtarget1'],
      testService2: ['testtarget1'],
      testService3: ['testtarget2'],
    });
  });
  itNix('too little capacity: exit 1, one line with the numbers, nothing printed (bug 4)', () => {
    oneLineFailure(
      args('greedy', 'infrastructure-undercapacity'),
      'testService1',
      'needs 262144',
      'left on a candidate is 1',
    );
  });
  it('a service without the demand property: exit 1 naming the field', () => {
    oneLineFailure(
      [
        'divide',
        '--strategy',
        'greedy',
        '-s',
        `${J}/services.json`,
        '-i',
        `${J}/infrastructure.json`,
        '-d',
        `${J}/candidates.json`,
        '--service-property',
        'nope',
        '--target-property',
        'mem',
      ],
      'services.json: testService1.nope: missing',
    );
  });
  it('an unknown strategy is bad usage', () => {
    expect(
      dyplan([
        'divide',
        '--strategy',
        'cheapest',
        '-s',
        `${J}/services.json`,
        '-i',
        `${J}/infrastructure.json`,
        '-d',
        `${J}/candidates.json`,
        '--service-property',
        'requireMem',
        '--target-property',
        'mem',
      ]).code,
    ).toBe(2);
  });
});

describe('minsetcover (docs/compatibility.md §7.4)', () => {
  const args = (candidates: string) => [
    'minsetcover',
    '-s',
    `${T}/services.nix`,
    '-i',
    `${T}/infrastructure.nix`,
    '-d',
    `${T}/${candidates}.nix`,
    '--target-property',
    'cost',
  ];
  itNix('every candidate everywhere: testtarget1 (cost 100) hosts everything', () => {
    expect(placement(args('candidates'))).toEqual({
      testService1: ['testtarget1'],
      testService2: ['testtarget1'],
      testService3: ['testtarget1'],
    });
  });
  itNix(
    'after the access filter, --algorithm greedy gives the original answer (t1 for S1, S2; t2 for S3)',
    () => {
      expect(placement([...args('candidates-access'), '--algorithm', 'greedy'])).toEqual({
        testService1: ['testtarget1'],
        testService2: ['testtarget1'],
        testService3: ['testtarget2'],
      });
    },
  );
  itNix('after the access filter, the default finds the cheaper cover: testtarget2 alone (200 < 300)', () => {
    const result = dyplan([...args('candidates-access'), '--json']);
    expect(JSON.parse(result.stdout)).toEqual({
      testService1: ['testtarget2'],
      testService2: ['testtarget2'],
      testService3: ['testtarget2'],
    });
    expect(result.stderr).toBe('minsetcover: total cost 200 on 1 of 2 targets; lower bound 200 (optimal)\n');
  });
  it('a service with no candidate: exit 1 instead of looping (bug 5)', () => {
    const d = join(tmp, 'uncoverable.json');
    writeFileSync(
      d,
      JSON.stringify({ testService1: ['testtarget1'], testService2: [], testService3: ['testtarget2'] }),
    );
    oneLineFailure(
      [
        'minsetcover',
        '-s',
        `${J}/services.json`,
        '-i',
        `${J}/infrastructure.json`,
        '-d',
        d,
        '--target-property',
        'cost',
      ],
      'uncoverable.json: testService2:',
      'no candidate target',
    );
  });
});

describe('multiwaycut (docs/compatibility.md §7.5)', () => {
  itNix.each(['infrastructure', 'infrastructure-3'])(
    'the triangle S1-S2-S3 with every target a candidate goes to testtarget1 (%s)',
    (infra) => {
      const result = dyplan([
        'multiwaycut',
        '-s',
        `${T}/services.nix`,
        '-i',
        `${T}/${infra}.nix`,
        '-d',
        `${T}/candidates.nix`,
        '--json',
      ]);
      expect(JSON.parse(result.stdout)).toEqual({
        testService1: ['testtarget1'],
        testService2: ['testtarget1'],
        testService3: ['testtarget1'],
      });
      expect(result.stderr).toBe('multiwaycut: 0 of 3 links cross targets; lower bound 0 (optimal)\n');
    },
  );
  it('pinned services: the cut, its lower bound and the gap are reported', () => {
    const d = join(tmp, 'pinned.json');
    writeFileSync(
      d,
      JSON.stringify({
        testService1: ['testtarget1'],
        testService2: ['testtarget2'],
        testService3: ['testtarget1', 'testtarget2'],
      }),
    );
    const result = dyplan([
      'multiwaycut',
      '-s',
      `${J}/services.json`,
      '-i',
      `${J}/infrastructure.json`,
      '-d',
      d,
      '--json',
    ]);
    expect(result.code).toBe(0);
    const plan = JSON.parse(result.stdout) as Record<string, string[]>;
    expect(plan.testService1).toEqual(['testtarget1']);
    expect(plan.testService2).toEqual(['testtarget2']);
    expect(result.stderr).toBe('multiwaycut: 2 of 3 links cross targets; lower bound 2 (optimal)\n');
  });
  it('a dependency on a service outside the distribution is ignored, not a crash (bug 7)', () => {
    const d = join(tmp, 'partial.json');
    writeFileSync(
      d,
      JSON.stringify({ testService2: ['testtarget1', 'testtarget2'], testService3: ['testtarget2'] }),
    );
    expect(
      placement(['multiwaycut', '-s', `${J}/services.json`, '-i', `${J}/infrastructure.json`, '-d', d]),
    ).toEqual({ testService2: ['testtarget2'], testService3: ['testtarget2'] });
  });
  it('--exact and --algorithm isolating-cuts give valid plans', () => {
    for (const extra of [['--exact'], ['--algorithm', 'isolating-cuts']]) {
      expect(
        placement([
          'multiwaycut',
          '-s',
          `${J}/services.json`,
          '-i',
          `${J}/infrastructure.json`,
          '-d',
          `${J}/candidates.json`,
          ...extra,
        ]),
      ).toEqual({
        testService1: ['testtarget1'],
        testService2: ['testtarget1'],
        testService3: ['testtarget1'],
      });
    }
  });
  it('a service with no candidate: exit 1 naming it', () => {
    const d = join(tmp, 'empty.json');
    writeFileSync(d, JSON.stringify({ testService1: [] }));
    oneLineFailure(
      ['multiwaycut', '-s', `${J}/services.json`, '-i', `${J}/infrastructure.json`, '-d', d],
      'empty.json: testService1: the service has no candidate target',
    );
  });
  it('--output-graph prints the application-host graph of section 8.4 as valid DOT', () => {
    const result = dyplan([
      'multiwaycut',
      '-s',
      `${J}/services.json`,
      '-i',
      `${J}/infrastructure.json`,
      '-d',
      `${J}/candidates.json`,
      '--output-graph',
    ]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('"app:testService1" [ label = "app:testService1" ]');
    expect(result.stdout).toContain('"host:testtarget2" [ label = "host:testtarget2" ]');
    expect(result.stdout).toContain('"app:testService1" -- "app:testService2" [label="1",weight=1]');
    expect(result.stdout).toContain('"app:testService3" -- "host:testtarget2"');
    validDot(result.stdout);
    const resolved = dyplan([
      'multiwaycut',
      '-s',
      `${J}/services.json`,
      '-i',
      `${J}/infrastructure.json`,
      '-d',
      `${J}/candidates.json`,
      '--output-resolved-graph',
    ]);
    expect(resolved.stdout).not.toContain('host:testtarget2"\n');
    expect(resolved.stdout).not.toMatch(/-- "host:testtarget2"/);
    validDot(resolved.stdout);
  });
});

describe('multiwaycut on a benchmark instance through the whole CLI', () => {
  it('layered-n1000-k10-s1: a valid plan within 2 % of the proven optimum (1139)', async () => {
    const { writeDeployModels } = await import('../../bench/deploy-models.js');
    const dir = join(tmp, 'layered');
    const instanceFile = benchData('deploy', 'layered-n1000-k10-s1.json');
    writeDeployModels(instanceFile, dir);
    const result = dyplan([
      'multiwaycut',
      '-s',
      `${dir}/services.json`,
      '-i',
      `${dir}/infrastructure.json`,
      '-d',
      `${dir}/distribution.json`,
      '--json',
    ]);
    expect(result.code, result.stderr).toBe(0);
    const match = /^multiwaycut: (\d+) of 1740 links cross targets; lower bound (\d+) /.exec(result.stderr);
    expect(match).not.toBeNull();
    const [cut, bound] = [Number(match![1]), Number(match![2])];
    expect(cut).toBeLessThanOrEqual(1139 * 1.02);
    expect(bound).toBeLessThanOrEqual(1139);
    const plan = JSON.parse(result.stdout) as Record<string, string[]>;
    const candidates = JSON.parse(
      (await import('node:fs')).readFileSync(`${dir}/distribution.json`, 'utf8'),
    ) as Record<string, string[]>;
    expect(Object.keys(plan)).toHaveLength(1000);
    for (const [service, [target]] of Object.entries(plan)) expect(candidates[service]).toContain(target);
  });
});

describe('graphcol (docs/compatibility.md §7.6)', () => {
  itNix('three targets: S1 on testtarget1, S2 on testtarget2, S3 on testtarget3', () => {
    const result = dyplan([
      'graphcol',
      '-s',
      `${T}/services.nix`,
      '-i',
      `${T}/infrastructure-3.nix`,
      '--json',
    ]);
    expect(JSON.parse(result.stdout)).toEqual({
      testService1: ['testtarget1'],
      testService2: ['testtarget2'],
      testService3: ['testtarget3'],
    });
    expect(result.stderr).toBe('graphcol: 3 targets used; at least 3 needed (clique of 3) (optimal)\n');
  });
  itNix('two targets for a triangle: exit 1 with needed vs available', () => {
    oneLineFailure(
      ['graphcol', '-s', `${T}/services.nix`, '-i', `${T}/infrastructure.nix`],
      'at least 3 targets needed, 2 available',
    );
  });
  it('with -d each service stays on its candidates', () => {
    const d = join(tmp, 'graphcol-candidates.json');
    writeFileSync(
      d,
      JSON.stringify({
        testService1: ['testtarget2'],
        testService2: ['testtarget1', 'testtarget2', 'testtarget3'],
        testService3: ['testtarget1', 'testtarget3'],
      }),
    );
    expect(
      placement(['graphcol', '-s', `${J}/services.json`, '-i', `${J}/infrastructure-3.json`, '-d', d]),
    ).toEqual({
      testService1: ['testtarget2'],
      testService2: ['testtarget1'],
      testService3: ['testtarget3'],
    });
  });
  it('says which bound proves the plan, and --exact --time-limit reports the bound proven in time', () => {
    const model = (name: string) => {
      const lines = readFileSync(benchData('dimacs', `${name}.col`), 'utf8').split('\n');
      const services: Record<string, { name: string; dependsOn: string[] }> = {};
      const node = (k: string) => (services[`v${k}`] ??= { name: `v${k}`, dependsOn: [] });
      for (const line of lines) {
        const [tag, a, b] = line.trim().split(/\s+/);
        if (tag === 'p') for (let k = 1; k <= Number(b); k++) node(String(k));
        if (tag === 'e') node(a).dependsOn.push(`v${b}`);
      }
      const file = join(tmp, `${name}.json`);
      writeFileSync(file, JSON.stringify(services));
      return file;
    };
    const infra = join(tmp, 'ten-targets.json');
    writeFileSync(
      infra,
      JSON.stringify(Object.fromEntries([...Array(10).keys()].map((h) => [`t${h}`, { properties: {} }]))),
    );
    const myciel4 = dyplan(['graphcol', '-s', model('myciel4'), '-i', infra]);
    expect(myciel4.stderr).toBe(
      'graphcol: 5 targets used; at least 5 needed (exhaustive search: none on 4 targets) (optimal)\n',
    );
    const myciel6 = dyplan(['graphcol', '-s', model('myciel6'), '-i', infra, '--exact', '--time-limit', '0.2']);
    expect(myciel6.code).toBe(0);
    expect(myciel6.stderr).toMatch(
      /^graphcol: 7 targets used; at least [2-6] needed \((clique of 2|exhaustive search: none on [2-5] targets)\) \(gap [\d.]+ %\); the exact search reached its time limit of 0.2 s\n$/,
    );
    const bad = dyplan(['graphcol', '-s', model('myciel4'), '-i', infra, '--exact', '--time-limit', 'soon']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--time-limit: expected a positive number of seconds, got "soon"');
  });
  it('an empty services model gives an empty plan (bug 10)', () => {
    const s = join(tmp, 'no-services.json');
    writeFileSync(s, '{}');
    const result = dyplan(['graphcol', '-s', s, '-i', `${J}/infrastructure.json`, '--json']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({});
  });
  it('--output-graph and --output-resolved-graph print the conflict graph of section 8.4', () => {
    const graph = dyplan([
      'graphcol',
      '-s',
      `${J}/services.json`,
      '-i',
      `${J}/infrastructure-3.json`,
      '--output-graph',
    ]);
    expect(graph.stdout).toBe(
      'graph {\nnode [shape=Mrecord];\n"testService1" [ label = "testService1" ]\n"testService2" [ label = "testService2" ]\n"testService3" [ label = "testService3" ]\n\n"testService1" -- "testService2"\n"testService1" -- "testService3"\n"testService2" -- "testService3"\n}\n',
    );
    validDot(graph.stdout);
    const resolved = dyplan([
      'graphcol',
      '-s',
      `${J}/services.json`,
      '-i',
      `${J}/infrastructure-3.json`,
      '--output-resolved-graph',
    ]);
    expect(resolved.stdout).toContain('"testService3" [ label = "<f0> testService3|<f1> 2" ]');
    validDot(resolved.stdout);
  });
  it('odd names give valid DOT', () => {
    const s = join(tmp, 'odd.json');
    const names = ['web-app.1', 'db "main"', 'back\\slash', 'a|b{c}<d>', 'ünï côdé'];
    writeFileSync(
      s,
      JSON.stringify(
        Object.fromEntries(names.map((n, i) => [n, { name: n, dependsOn: i > 0 ? [names[i - 1]] : [] }])),
      ),
    );
    for (const flag of ['--output-graph', '--output-resolved-graph']) {
      const result = dyplan(['graphcol', '-s', s, '-i', `${J}/infrastructure.json`, flag]);
      expect(result.code).toBe(0);
      validDot(result.stdout);
    }
    const d = join(tmp, 'odd-d.json');
    writeFileSync(
      d,
      JSON.stringify(Object.fromEntries(names.map((n) => [n, ['testtarget1', 'testtarget2']]))),
    );
    for (const flag of ['--output-graph', '--output-resolved-graph']) {
      const result = dyplan(['multiwaycut', '-s', s, '-i', `${J}/infrastructure.json`, '-d', d, flag]);
      expect(result.code).toBe(0);
      validDot(result.stdout);
    }
  });
});
