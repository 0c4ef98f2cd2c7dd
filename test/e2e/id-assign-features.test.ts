/**
 * id-assign beyond dydisnix through the built CLI: the migration case of issue 11 (machine scope,
 * testService2 moves onto testService3's machine), with the ids file of a previous run and with
 * --previous-distribution; pins and reserved IDs; --check and --diff; the lock's messages.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXAMPLES, dyplan, itNix } from '../helpers/cli.js';

const T = `${EXAMPLES}/testservices`;
const tmp = mkdtempSync(join(tmpdir(), 'dyplan-idfeat-'));
const machine = (distribution: string, ...more: string[]) => [
  'id-assign',
  '-s',
  `${T}/services-with-ids.nix`,
  '-i',
  `${T}/infrastructure.nix`,
  '-d',
  `${T}/${distribution}.nix`,
  '--id-resources',
  `${T}/idresources-machine.nix`,
  ...more,
];

/** What Nix users read: `(import ./ids.nix).ids`. */
function importIds(file: string): unknown {
  const result = spawnSync(
    'nix-instantiate',
    ['--eval', '--strict', '--json', '-E', `(import ${file}).ids`],
    {
      encoding: 'utf8',
    },
  );
  expect(result.stderr).toBe('');
  return JSON.parse(result.stdout);
}

describe('the migration case (machine scope)', () => {
  itNix('with the ids file of a previous run: the service that stayed keeps its ID', () => {
    const file = join(tmp, 'remembered.nix');
    const first = dyplan(machine('distribution3', '--output-file', file));
    expect([first.code, first.stderr]).toEqual([0, '']);
    expect(readFileSync(file, 'utf8')).toContain(
      '"idTargets" = {\n    "ports" = {\n      "testService2" = [\n        "testtarget1"\n      ];',
    );
    expect(importIds(file)).toEqual({ ports: { testService2: 3000, testService3: 3000 } });

    // testService2 moves to testtarget2: the file's memory says which service stayed.
    const moved = dyplan(machine('distribution3-moved', '--ids', file, '--output-file', file));
    expect([moved.code, moved.stderr]).toEqual([0, '']);
    expect(importIds(file)).toEqual({ ports: { testService2: 3001, testService3: 3000 } });
    expect(readFileSync(file, 'utf8')).toContain('"testService2" = [\n        "testtarget2"\n      ];');
  });

  itNix('with --previous-distribution over an ids file without memory: the same answer', () => {
    const file = join(tmp, 'plain.nix');
    expect(dyplan(machine('distribution3', '--no-remember-targets', '--output-file', file)).code).toBe(0);
    const plain = readFileSync(file, 'utf8');
    expect(plain).not.toContain('idTargets');
    // Without any memory, dydisnix's order: the first by name keeps 3000 (the one that moved).
    const blind = dyplan(machine('distribution3-moved', '--ids', file, '--json'));
    expect(JSON.parse(blind.stdout).ids).toEqual({ ports: { testService2: 3000, testService3: 3001 } });
    const told = dyplan(
      machine(
        'distribution3-moved',
        '--ids',
        file,
        '--previous-distribution',
        `${T}/distribution3.nix`,
        '--json',
      ),
    );
    expect([told.code, told.stderr]).toEqual([0, '']);
    expect(JSON.parse(told.stdout)).toEqual({
      ids: { ports: { testService2: 3001, testService3: 3000 } },
      lastAssignmentsPerTarget: { testtarget2: { ports: 3001 } },
      idTargets: { ports: { testService2: ['testtarget2'], testService3: ['testtarget2'] } },
    });
  });
});

describe('pins, preferences and reserved IDs', () => {
  itNix('pins are kept, preferences taken when free, reserved IDs skipped; the file stays importable', () => {
    const file = join(tmp, 'pinned.nix');
    const args = [
      'id-assign',
      '-s',
      `${T}/services-pinned.nix`,
      '--id-resources',
      `${T}/idresources-reserved.nix`,
      '--output-file',
      file,
    ];
    const run = dyplan(args);
    expect([run.code, run.stderr]).toEqual([0, '']);
    expect(importIds(file)).toEqual({
      ports: { testService1: 3005, testService2: 3001, testService3: 3500 },
      uids: { testService1: 2000, testService2: 2001, testService3: 2002 },
    });
    expect(dyplan([...args, '--ids', file]).code).toBe(0);
    expect(dyplan([...args.slice(0, -2), '--ids', file, '--check']).code).toBe(0);
  });

  it('a pin moves the previous holder of its ID with a warning; a taken preference gives a note', () => {
    const resources = join(tmp, 'r.json');
    writeFileSync(resources, JSON.stringify({ ports: { min: 3000, max: 3010 } }));
    const before = join(tmp, 'pins.json');
    writeFileSync(
      before,
      JSON.stringify({ ids: { ports: { web: 3000 } }, lastAssignments: { ports: 3000 } }),
    );
    const services = join(tmp, 's.json');
    writeFileSync(
      services,
      JSON.stringify({
        proxy: { fixedIds: { ports: 3000 } },
        web: { requiresUniqueIdsFor: ['ports'] },
        zz: { preferredIds: { ports: 3000 } },
      }),
    );
    const run = dyplan(['id-assign', '-s', services, '--id-resources', resources, '--ids', before, '--json']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).ids.ports).toEqual({ proxy: 3000, web: 3001, zz: 3002 });
    expect(run.stderr).toBe(
      'dyplan: warning: ports.web: 3000 is pinned to "proxy" (fixedIds): "web" moves to 3001\n' +
        'id-assign: note: ports.zz: preferred ID 3000 is held by "proxy"; it gets 3002\n',
    );
  });
});

describe('--check and --diff', () => {
  itNix('--check exits 0 on what a run wrote, 1 with one line per problem; nothing is written', () => {
    const file = join(tmp, 'checked.nix');
    expect(dyplan(machine('distribution3', '--output-file', file)).code).toBe(0);
    const text = readFileSync(file, 'utf8');
    const ok = dyplan(machine('distribution3', '--ids', file, '--check'));
    expect([ok.code, ok.stdout, ok.stderr]).toEqual([0, '', `id-assign: ${file} is up to date\n`]);
    const stale = dyplan(machine('distribution3-moved', '--ids', file, '--check'));
    expect(stale.code).toBe(1);
    expect(stale.stdout).toBe('');
    expect(stale.stderr.split('\n')).toEqual([
      `dyplan: ${file}: ids.ports.testService2: duplicate in scope: 3000 is also held by "testService3" on target "testtarget2"`,
      `dyplan: ${file}: idTargets.ports.testService2: a run would write ["testtarget2"], the file has ["testtarget1"]`,
      `dyplan: ${file}: lastAssignmentsPerTarget.testtarget1.ports: a run would drop it (the file has 3000)`,
      `dyplan: ${file}: lastAssignmentsPerTarget.testtarget2.ports: a run would write 3001, the file has 3000`,
      '',
    ]);
    expect(readFileSync(file, 'utf8')).toBe(text);
  });

  itNix('--diff prints kept, added, moved and removed assignments, as text or JSON', () => {
    const file = join(tmp, 'diffed.nix');
    expect(dyplan(machine('distribution3', '--output-file', file)).code).toBe(0);
    const text = dyplan(machine('distribution3-moved', '--ids', file, '--diff'));
    expect(text.code).toBe(0);
    expect(text.stdout).toBe(
      [
        'ports: 1 kept, 0 added, 1 moved, 0 removed',
        '  kept    testService3  3000',
        '  moved   testService2  3000 -> 3001  (3000 is also held by "testService3" on target "testtarget2")',
        'idTargets.ports.testService2: ["testtarget1"] -> ["testtarget2"]',
        'lastAssignmentsPerTarget.testtarget1.ports: 3000 -> (none)',
        'lastAssignmentsPerTarget.testtarget2.ports: 3000 -> 3001',
        '',
      ].join('\n'),
    );
    const json = JSON.parse(dyplan(machine('distribution3-moved', '--ids', file, '--diff', '--json')).stdout);
    expect(json).toMatchObject({
      schema: 'dyplan-ids-diff',
      version: 1,
      changed: true,
      resources: {
        ports: {
          kept: { testService3: 3000 },
          added: {},
          moved: { testService2: { from: 3000, to: 3001 } },
          removed: {},
        },
      },
    });
  });

  it('refuses combinations that make no sense (exit 2)', () => {
    const base = ['id-assign', '-s', 'x.json', '--id-resources', 'r.json'];
    for (const [extra, message] of [
      [['--check'], "option '--check' applies only with '--ids'"],
      [
        ['--check', '--ids', 'i.json', '--output-file', 'o.nix'],
        "option '--check' cannot be used with option '--output-file <file>'",
      ],
      [
        ['--diff', '--output-file', 'o.nix'],
        "option '--diff' cannot be used with option '--output-file <file>'",
      ],
      [['--check', '--diff', '--ids', 'i.json'], "option '--check' cannot be used with option '--diff'"],
      [
        ['--lock-timeout', 'soon'],
        "option '--lock-timeout <seconds>' argument 'soon' is invalid. Expected a non-negative number.",
      ],
      [
        ['--lock-timeout', '-1'],
        "option '--lock-timeout <seconds>' argument '-1' is invalid. Expected a non-negative number.",
      ],
    ] as const) {
      const run = dyplan([...base, ...extra]);
      expect([run.code, run.stderr]).toEqual([2, `dyplan: ${message} (see 'dyplan id-assign --help')\n`]);
    }
  });
});

describe('the lock next to the output file', () => {
  const resources = join(tmp, 'lock-r.json');
  const services = join(tmp, 'lock-s.json');
  writeFileSync(resources, JSON.stringify({ ports: { min: 3000, max: 3010 } }));
  writeFileSync(services, JSON.stringify({ web: { requiresUniqueIdsFor: ['ports'] } }));
  const args = (out: string) => [
    'id-assign',
    '-s',
    services,
    '--id-resources',
    resources,
    '--output-file',
    out,
  ];

  it('a live holder makes the run wait, then give up with one line naming its pid; the file is untouched', () => {
    const out = join(tmp, 'held.nix');
    writeFileSync(out, 'old');
    // This test process is alive: it plays another dyplan run holding the lock.
    writeFileSync(`${out}.lock`, `pid=${process.pid} start=-1 token=abc host=${hostnameOf()}\n`);
    const run = dyplan([...args(out), '--lock-timeout', '0.3']);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      `id-assign: waiting for ${out}.lock (held by pid ${process.pid})\n` +
        `dyplan: ${out}.lock: locked by pid ${process.pid} (another dyplan run writing held.nix); gave up after 0.3 s (--lock-timeout)\n`,
    );
    expect(readFileSync(out, 'utf8')).toBe('old');
  });

  it('the lock of a dead process is broken at once', () => {
    const out = join(tmp, 'stale.nix');
    const dead = spawnSync(process.execPath, ['-e', 'console.log(process.pid)'], { encoding: 'utf8' });
    writeFileSync(`${out}.lock`, `pid=${dead.stdout.trim()} start=-1 token=abc host=${hostnameOf()}\n`);
    const run = dyplan(args(out));
    expect([run.code, run.stderr]).toEqual([0, '']);
    expect(readFileSync(out, 'utf8')).toContain('"web" = 3000;');
  });

  it('a file that is not a dyplan lock is never removed: the run gives up saying so', () => {
    const out = join(tmp, 'foreign.nix');
    writeFileSync(`${out}.lock`, 'something else');
    const run = dyplan([...args(out), '--lock-timeout', '0']);
    expect([run.code, run.stderr]).toEqual([
      1,
      `dyplan: ${out}.lock: the file exists and is not a dyplan lock; remove it if no other run writes foreign.nix\n`,
    ]);
  });
});

describe('-p, a processes model where the services model would be', () => {
  const J = `${T}/json`;
  const common = ['--id-resources', `${J}/idresources-global.json`, '--json'];
  it('reads the model as -s does, and refuses both or neither (exit 2)', () => {
    const viaS = dyplan(['id-assign', '-s', `${J}/services-with-ids.json`, ...common]);
    const viaP = dyplan(['id-assign', '-p', `${J}/services-with-ids.json`, ...common]);
    expect([viaP.code, viaP.stderr]).toEqual([0, '']);
    expect(viaP.stdout).toBe(viaS.stdout);
    const both = dyplan([
      'id-assign',
      '-s',
      `${J}/services-with-ids.json`,
      '-p',
      `${J}/services-with-ids.json`,
      ...common,
    ]);
    expect([both.code, both.stderr]).toEqual([
      2,
      "dyplan: option '-p, --processes <file>' cannot be used with option '-s, --services <file>' " +
        "(see 'dyplan id-assign --help')\n",
    ]);
    const neither = dyplan(['id-assign', ...common]);
    expect(neither.code).toBe(2);
    expect(neither.stderr).toContain(
      "required option '-s, --services <file>' (or '-p, --processes <file>') not specified",
    );
  });
});

function hostnameOf(): string {
  return spawnSync(process.execPath, ['-e', 'process.stdout.write(require("os").hostname())'], {
    encoding: 'utf8',
  }).stdout.replace(/\s/g, '_');
}
