/**
 * `dyplan gendist`, `previous-distribution`, `augment-infra` and `filter-buildable` through the
 * CLI (docs/compatibility.md §4.2, §5.1, §5.7, §5.8, §5.14): the Disnix distribution model it
 * prints (an importable function of the infrastructure, containers kept, names quoted: bug 24),
 * --json and --output-xml, one summary line per algorithm step, one-line errors naming the policy
 * and the step, nothing built in the Nix store, and the fixed bugs 21, 23, 28, 29, 38.
 */
import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EXAMPLES, ROOT, dyplan, itNix } from '../helpers/cli.js';

const T = `${EXAMPLES}/testservices`;
const J = `${T}/json`;
const Q = `${T}/qos`;
const NIXPKGS = `${ROOT}test/fixtures/nixpkgs`;
const tmp = mkdtempSync(join(tmpdir(), 'dyplan-gendist-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function write(name: string, text: string): string {
  const path = join(tmp, name);
  writeFileSync(path, text);
  return path;
}

function ok(args: string[], options?: { cwd?: string }) {
  const result = dyplan(args, options);
  expect(result.code, result.stderr).toBe(0);
  return result;
}

function oneLineFailure(args: string[], code: number, ...fragments: string[]) {
  const result = dyplan(args);
  expect(result.code, result.stderr).toBe(code);
  expect(result.stdout).toBe('');
  const lines = result.stderr.trimEnd().split('\n');
  expect(lines, result.stderr).toHaveLength(1);
  for (const fragment of fragments) expect(lines[0]).toContain(fragment);
}

describe('gendist output', () => {
  itNix('a Disnix distribution model that nix-instantiate evaluates and convert -d reads back', () => {
    const run = ok([
      'gendist',
      '-s',
      `${T}/services.nix`,
      '-i',
      `${T}/infrastructure.nix`,
      '-q',
      `${Q}/greedy.nix`,
    ]);
    expect(run.stdout).toBe(
      '{infrastructure}:\n\n{\n  testService1 = [\n    infrastructure.testtarget1\n  ];\n' +
        '  testService2 = [\n    infrastructure.testtarget1\n  ];\n' +
        '  testService3 = [\n    infrastructure.testtarget2\n  ];\n}\n',
    );
    // One summary line per algorithm step, naming the step.
    expect(run.stderr).toBe(
      'gendist: ' +
        `${Q}/greedy.nix:5:3: divide (greedy): 3 services placed; mem left: testtarget1 1, testtarget2 393215\n`,
    );
    const file = write('greedy-distribution.nix', run.stdout);
    const evaluated = spawnSync(
      'nix-instantiate',
      [
        '--eval',
        '--strict',
        '--json',
        '-E',
        `builtins.attrNames ((import ${file}) { infrastructure = import ${T}/infrastructure.nix; })`,
      ],
      { encoding: 'utf8' },
    );
    expect(evaluated.stdout.trim()).toBe('["testService1","testService2","testService3"]');
    const back = ok(['convert', '-i', `${T}/infrastructure.nix`, '-d', file, '--json']);
    expect(JSON.parse(back.stdout)).toEqual({
      testService1: ['testtarget1'],
      testService2: ['testtarget1'],
      testService3: ['testtarget2'],
    });
  });

  itNix('containers are kept and names quoted where Nix needs it (bug 24)', () => {
    const services = write(
      'odd-services.json',
      JSON.stringify({
        'web-app.v2': { name: 'web-app.v2', type: 'process' },
        if: { name: 'if', type: 'mysql-database', dependsOn: ['web-app.v2'] },
        'say "hi"': { name: 'say "hi"', type: 'process' },
      }),
    );
    const infrastructure = write(
      'odd-infrastructure.json',
      JSON.stringify({
        'host.example.org': {
          properties: { hostname: 'host.example.org' },
          containers: { 'mysql-primary': {} },
        },
        or: { properties: { hostname: 'or' } },
      }),
    );
    const policy = write(
      'odd-policy.mjs',
      "export default ({ initialDistribution }) => ({ ...initialDistribution, if: [{ target: 'host.example.org', container: 'mysql-primary' }] });\n",
    );
    const run = ok([
      'gendist',
      '-s',
      services,
      '-i',
      infrastructure,
      '-q',
      policy,
      '--output-file',
      join(tmp, 'odd.nix'),
    ]);
    expect(run.stdout).toBe('');
    const text = readFileSync(join(tmp, 'odd.nix'), 'utf8');
    expect(text).toContain(
      '  "if" = {\n    targets = [\n      { target = infrastructure."host.example.org"; container = "mysql-primary"; }\n',
    );
    expect(text).toContain('  "say \\"hi\\"" = [\n');
    expect(text).toContain('    infrastructure."or"\n');
    const back = ok(['convert', '-i', infrastructure, '-d', join(tmp, 'odd.nix'), '--json']);
    expect(JSON.parse(back.stdout)).toEqual({
      if: [{ target: 'host.example.org', container: 'mysql-primary' }],
      'say "hi"': [{ target: 'host.example.org' }, { target: 'or' }],
      'web-app.v2': [{ target: 'host.example.org' }, { target: 'or' }],
    });
  });

  it('--json and --output-xml print the candidate form; --no-out-link and --stdout are accepted', () => {
    const args = [
      'gendist',
      '-s',
      `${J}/services.json`,
      '-i',
      `${J}/infrastructure.json`,
      '-q',
      `${Q}/roundrobin.yaml`,
    ];
    const json = ok([...args, '--json', '--no-out-link', '--stdout']);
    expect(JSON.parse(json.stdout)).toEqual({
      testService1: ['testtarget1'],
      testService2: ['testtarget2'],
      testService3: ['testtarget1'],
    });
    const xml = ok([...args, '--output-xml']);
    expect(xml.stdout).toContain(
      '<service name="testService2">\n    <mapping>\n      <target>testtarget2</target>',
    );
  });

  it('without -q the cartesian distribution', () => {
    const run = ok(['gendist', '-s', `${J}/services.json`, '-i', `${J}/infrastructure.json`, '--json']);
    expect(JSON.parse(run.stdout).testService3).toEqual(['testtarget1', 'testtarget2']);
    expect(run.stderr).toBe('');
  });

  it('--report: the last step, every step as a note, the evaluations', () => {
    const report = join(tmp, 'report.json');
    ok([
      'gendist',
      '-s',
      `${J}/services.json`,
      '-i',
      `${J}/infrastructure.json`,
      '-q',
      `${Q}/minsetcover-access.yaml`,
      '--report',
      report,
      '--json',
    ]);
    const data = JSON.parse(readFileSync(report, 'utf8'));
    expect(data).toMatchObject({ command: 'gendist', objective: 300, method: 'greedy' });
    expect(data.counts).toMatchObject({ algorithmSteps: 1, evaluations: 1, services: 3, unplaced: 0 });
    expect(data.notes[0]).toContain('steps[1]: minsetcover: total cost 300');
  });
});

describe('gendist errors', () => {
  const nixArgs = (policy: string, infrastructure = 'infrastructure') => [
    'gendist',
    '-s',
    `${T}/services.nix`,
    '-i',
    `${T}/${infrastructure}.nix`,
    '-q',
    policy,
  ];

  itNix('an infeasible step exits 1 naming the service and the step', () => {
    oneLineFailure(
      nixArgs(`${Q}/greedy.nix`, 'infrastructure-undercapacity'),
      1,
      `${Q}/greedy.nix:5:3: filters.divide:`,
      'service "testService1"',
    );
    oneLineFailure(
      nixArgs(`${Q}/graphcol.nix`),
      1,
      `${Q}/graphcol.nix:4:`,
      'filters.graphcol: not enough targets',
    );
    const empty = write(
      'no-candidate.nix',
      '{services, infrastructure, initialDistribution, previousDistribution, filters, lib}:\nfilters.multiwaycut {\n  inherit services;\n  distribution = initialDistribution // { testService2 = []; };\n}\n',
    );
    oneLineFailure(
      nixArgs(empty),
      1,
      `${empty}:3:10: filters.multiwaycut: service "testService2" has no candidate target left`,
    );
  });

  it('as YAML too', () => {
    oneLineFailure(
      [
        'gendist',
        '-s',
        `${J}/services.json`,
        '-i',
        `${J}/infrastructure-undercapacity.json`,
        '-q',
        `${Q}/greedy.yaml`,
      ],
      1,
      `${Q}/greedy.yaml: steps[0]: filters.divide: no candidate target has enough mem left for service "testService1"`,
    );
  });

  itNix('an unknown filter or a wrong argument names the policy file and the step', () => {
    const unknown = write(
      'unknown.nix',
      '{filters, initialDistribution, ...}:\n\nfilters.divideFairly { distribution = initialDistribution; }\n',
    );
    oneLineFailure(nixArgs(unknown), 1, `${unknown}:3:1:`, 'unknown filter "divideFairly"');
    const wrong = write(
      'wrong.nix',
      '{services, infrastructure, initialDistribution, filters, ...}:\nfilters.divide {\n  strategy = "fair";\n  inherit services infrastructure;\n  distribution = initialDistribution;\n  serviceProperty = "requireMem";\n  targetProperty = "mem";\n}\n',
    );
    oneLineFailure(nixArgs(wrong), 1, `${wrong}:3:3: filters.divide: strategy: expected one of "greedy"`);
    const missing = write(
      'missing.nix',
      '{services, infrastructure, initialDistribution, filters, ...}:\nfilters.minsetcover { inherit services infrastructure; distribution = initialDistribution; }\n',
    );
    oneLineFailure(
      nixArgs(missing),
      1,
      `${missing}:2:1:`,
      "filters.minsetcover called without required argument 'targetProperty'",
    );
  });

  it('in a YAML policy, before anything runs', () => {
    const policy = write(
      'wrong.yaml',
      'steps:\n  - filter: mapAttrOnList\n    serviceProperty: type\n    targetPropertyList: supportedTypes\n  - filter: divideFairly\n',
    );
    oneLineFailure(
      ['gendist', '-s', `${J}/services.json`, '-i', `${J}/infrastructure.json`, '-q', policy],
      1,
      `${policy}: steps[1].filter: unknown filter "divideFairly"`,
    );
  });

  itNix('a policy that returns a function (dydisnix test catalogue, bug 34) says so', () => {
    const catalogue = write(
      'broken-filters.nix',
      '{pkgs, referenceFilters}:\n{ clear = {distribution}: pkgs.lib.mapAttrs (serviceName: target: []); }\n',
    );
    oneLineFailure(
      [...nixArgs(`${Q}/clear.nix`), '-F', catalogue],
      1,
      `${Q}/clear.nix: the policy returned a function`,
    );
  });

  it('a catalogue needs a policy, of a matching kind', () => {
    const base = ['gendist', '-s', `${J}/services.json`, '-i', `${J}/infrastructure.json`];
    expect(dyplan([...base, '-F', `${Q}/customfilters.nix`]).code).toBe(2);
    expect(dyplan([...base, '-q', `${Q}/clear.yaml`, '-F', `${Q}/customfilters.nix`]).code).toBe(2);
  });
});

describe('nothing is built', () => {
  // The commands run against a store of their own (a chroot store through NIX_REMOTE), so that
  // what other processes add to /nix/store meanwhile cannot be mistaken for theirs.
  itNix('a policy run and filter-buildable leave no new path in the Nix store', () => {
    const root = join(tmp, 'store-root');
    const env = { ...process.env, NIX_REMOTE: `local?root=${root}` };
    const storeDir = join(root, 'nix/store');
    const store = () => (existsSync(storeDir) ? readdirSync(storeDir).filter((p) => !p.startsWith('.')) : []);
    const run = (args: string[]) => {
      const result = dyplan(args, { env });
      expect(result.code, result.stderr).toBe(0);
    };
    run(['gendist', '-s', `${T}/services.nix`, '-i', `${T}/infrastructure-3.nix`, '-q', `${Q}/graphcol.nix`]);
    run(['gendist', '-s', `${T}/services.nix`, '-i', `${T}/infrastructure.nix`, '-q', `${Q}/chain-lib.nix`]);
    run([
      'filter-buildable',
      '-s',
      `${T}/services.nix`,
      '-i',
      `${T}/infrastructure.nix`,
      '-d',
      `${T}/distribution.nix`,
      '-I',
      `nixpkgs=${NIXPKGS}`,
    ]);
    // Only sources Nix may copy (none here); never a .drv or a build output.
    expect(
      store().filter((p) => p.endsWith('.drv') || !/-(services|infrastructure|pkgs|nixpkgs)[^/]*$/.test(p)),
    ).toEqual([]);
    // The check can fail: instantiating a derivation in read-write mode does write to this store.
    const write = spawnSync(
      'nix-instantiate',
      [
        '--read-write-mode',
        '--eval',
        '-E',
        'builtins.seq (derivation { name = "probe"; system = "x"; builder = "/bin/sh"; }).drvPath 1',
      ],
      { env, encoding: 'utf8' },
    );
    expect(write.status, write.stderr).toBe(0);
    expect(store().some((p) => p.endsWith('-probe.drv'))).toBe(true);
  });
});

describe('previous distributions (docs/compatibility.md §1.10, §5.8)', () => {
  it('previous-distribution prints what a manifest deployed', () => {
    const run = ok(['previous-distribution', `${T}/manifest.xml`]);
    expect(run.stdout).toBe(
      '{\n  "testService1" = [\n    "testtarget1"\n  ];\n  "testService2" = [\n    "testtarget1"\n  ];\n  "testService3" = [\n    "testtarget1"\n  ];\n}',
    );
  });

  it('a coordinator profile (a link without extension to the manifest) and a folder of profiles', () => {
    const profiles = join(tmp, 'disnix-coordinator');
    mkdirSync(profiles);
    symlinkSync(`${T}/manifest.xml`, join(profiles, 'default-1-link'));
    symlinkSync('default-1-link', join(profiles, 'default'));
    expect(
      JSON.parse(ok(['previous-distribution', join(profiles, 'default'), '--json']).stdout).testService2,
    ).toEqual(['testtarget1']);
    expect(JSON.parse(ok(['previous-distribution', profiles, '--json']).stdout).testService3).toEqual([
      'testtarget1',
    ]);
    const run = ok([
      'gendist',
      '-s',
      `${J}/services.json`,
      '-i',
      `${J}/infrastructure.json`,
      '-q',
      `${Q}/mapstatefultoprevious.yaml`,
      '--coordinator-profile-path',
      profiles,
      '--json',
    ]);
    expect(JSON.parse(run.stdout).testService1).toEqual(['testtarget1']);
    expect(run.stderr).toContain('previous distribution from the coordinator profile');
  });

  it('containers that are not the type switch to { target; container; } mappings', () => {
    const manifest = readFileSync(`${T}/manifest.xml`, 'utf8').replace(
      '<container>echo</container>\n      <target>testtarget1</target>\n    </mapping>\n    <mapping>\n      <service>2b9c',
      '<container>process</container>\n      <target>testtarget1</target>\n    </mapping>\n    <mapping>\n      <service>2b9c',
    );
    const file = write('containers-manifest.xml', manifest);
    expect(JSON.parse(ok(['previous-distribution', file, '--json']).stdout)).toEqual({
      testService1: [{ target: 'testtarget1', container: 'process' }],
      testService2: [{ target: 'testtarget1', container: 'echo' }],
      testService3: [{ target: 'testtarget1', container: 'echo' }],
    });
  });

  it('an old manifest is an error', () => {
    const file = write('old-manifest.xml', '<manifest><distribution/></manifest>');
    oneLineFailure(['previous-distribution', file], 1, `${file}: a Disnix manifest of version 2 is needed`);
  });

  it('a bound service whose machine has gone takes its candidates (bug 29)', () => {
    const previous = write(
      'previous.json',
      JSON.stringify({ testService1: ['retired'], testService2: ['testtarget2'] }),
    );
    const run = ok([
      'gendist',
      '-s',
      `${J}/services.json`,
      '-i',
      `${J}/infrastructure.json`,
      '-q',
      `${Q}/mapboundservicestoprevious.yaml`,
      '--previous-distribution',
      previous,
      '--json',
    ]);
    expect(JSON.parse(run.stdout)).toEqual({
      testService1: ['testtarget1', 'testtarget2'],
      testService2: ['testtarget2'],
      testService3: ['testtarget1', 'testtarget2'],
    });
  });
});

describe('a Nix policy evaluated in the process of its Nix models', () => {
  const report = (name: string) =>
    JSON.parse(readFileSync(join(tmp, name), 'utf8')) as { counts: Record<string, number> };

  // The same policy on the same models, once as Nix files (one Nix process, the policy starting
  // while dyplan validates) and once as JSON (the policy evaluated on its own from what dyplan
  // validated): the same distribution, the same lines, whatever the policy does.
  itNix('gives what the separate evaluation gives, for every example policy', () => {
    const policies = readdirSync(Q).filter((f) => f.endsWith('.nix') && f !== 'customfilters.nix');
    expect(policies.length).toBeGreaterThan(15);
    for (const policy of policies) {
      const run = (services: string, infrastructure: string, previous: string, name: string) =>
        dyplan([
          'gendist',
          '-s',
          services,
          '-i',
          infrastructure,
          '-q',
          `${Q}/${policy}`,
          '--previous-distribution',
          previous,
          '--json',
          '--report',
          join(tmp, name),
        ]);
      const shared = run(
        `${T}/services.nix`,
        `${T}/infrastructure.nix`,
        `${T}/distribution.nix`,
        'shared.json',
      );
      const separate = run(
        `${J}/services.json`,
        `${J}/infrastructure.json`,
        `${J}/distribution.json`,
        'separate.json',
      );
      expect(shared.code, `${policy}: ${shared.stderr}`).toBe(separate.code);
      expect(shared.stdout, policy).toBe(separate.stdout);
      expect(
        shared.stderr
          .replaceAll(`${T}/services.nix`, `${J}/services.json`)
          .replaceAll(`${T}/infrastructure.nix`, `${J}/infrastructure.json`),
        policy,
      ).toBe(separate.stderr);
      if (shared.code === 0) {
        expect(report('shared.json').counts.policyWithModels, policy).toBe(1);
        expect(report('separate.json').counts.policyWithModels, policy).toBe(0);
      }
    }
  });

  itNix("a model that fails validation stops the policy: the loader's one line, exit 1", () => {
    const services = write(
      'dangling-services.nix',
      '{ system, pkgs, distribution, invDistribution }:\n' +
        '{ a = { name = "a"; type = "process"; dependsOn = [ "gone" ]; }; b = { name = "b"; type = "process"; }; }\n',
    );
    oneLineFailure(
      ['gendist', '-s', services, '-i', `${T}/infrastructure.nix`, '-q', `${Q}/multiwaycut.nix`],
      1,
      `${services}: a.dependsOn[0]: no service named "gone" in this model`,
    );
  });

  itNix('a model Nix cannot evaluate: the message of its own evaluation', () => {
    const services = write('broken-services.nix', '{ system, pkgs }: { a = { name = "a"; }\n');
    oneLineFailure(
      ['gendist', '-s', services, '-i', `${T}/infrastructure.nix`, '-q', `${Q}/multiwaycut.nix`],
      1,
      `${services}:1:40: Nix evaluation failed: syntax error`,
    );
  });

  itNix('a model that does not finish is stopped at the limit, naming the models and the policy', () => {
    const services = write(
      'endless-services.nix',
      '{ system, pkgs, distribution, invDistribution }:\n' +
        "let n = builtins.foldl' (a: i: a + builtins.foldl' (x: y: x + y) 0 (builtins.genList (j: j) 50000)) 0 (builtins.genList (i: i) 50000); in\n" +
        '{ a = { name = "a"; type = "process"; weight = n; }; }\n',
    );
    oneLineFailure(
      [
        'gendist',
        '-s',
        services,
        '-i',
        `${T}/infrastructure.nix`,
        '-q',
        `${Q}/multiwaycut.nix`,
        '--eval-timeout',
        '1',
      ],
      1,
      `${services}, ${T}/infrastructure.nix, ${Q}/multiwaycut.nix: Nix evaluation did not finish within 1 s`,
    );
  });

  itNix("the model's own traces stay hidden, the policy's are shown once", () => {
    const services = write(
      'tracing-services.nix',
      '{ system, pkgs, distribution, invDistribution }:\n' +
        'builtins.trace "from the model" { a = { name = "a"; type = "process"; }; }\n',
    );
    const policy = write(
      'tracing-policy.nix',
      '{ services, infrastructure, initialDistribution, filters, ... }:\n' +
        'builtins.trace "from the policy" (filters.multiwaycut { inherit services infrastructure; distribution = initialDistribution; })\n',
    );
    const run = ok(['gendist', '-s', services, '-i', `${T}/infrastructure.nix`, '-q', policy, '--json']);
    expect(run.stderr.split('\n').filter((l) => l.startsWith('trace:'))).toEqual(['trace: from the policy']);
  });
});

describe('augment-infra (docs/compatibility.md §1.6, §5.14)', () => {
  itNix('prints the augmented infrastructure, which reads back as one', () => {
    const run = ok([
      'augment-infra',
      '-i',
      `${T}/infrastructure.nix`,
      '-a',
      `${T}/augment.nix`,
      '--output-file',
      join(tmp, 'augmented.nix'),
    ]);
    expect(run.stdout).toBe('');
    const back = JSON.parse(ok(['convert', '-i', join(tmp, 'augmented.nix'), '--json']).stdout);
    expect(back.testtarget1.properties).toMatchObject({ augment: 'augment', mem: 524288 });
    expect(back.testtarget2.properties.augment).toBe('augment');
  });

  itNix('a Nix augmentation of a JSON infrastructure; errors name the augmentation', () => {
    const run = ok(['augment-infra', '-i', `${J}/infrastructure.json`, '-a', `${T}/augment.nix`, '--json']);
    expect(JSON.parse(run.stdout).testtarget2.properties.augment).toBe('augment');
    const broken = write('broken-augment.nix', '{infrastructure, lib}:\ninfrastructure.nowhere\n');
    oneLineFailure(
      ['augment-infra', '-i', `${T}/infrastructure.nix`, '-a', broken],
      1,
      `${broken}:2:1: Nix evaluation failed: attribute 'nowhere' missing`,
    );
  });

  it('a JavaScript augmentation', () => {
    const run = ok(['augment-infra', '-i', `${J}/infrastructure.json`, '-a', `${T}/augment.mjs`, '--json']);
    expect(JSON.parse(run.stdout).testtarget1.properties.augment).toBe('augment');
  });
});

describe('filter-buildable (docs/compatibility.md §5.7)', () => {
  const include = ['-I', `nixpkgs=${NIXPKGS}`];

  itNix('keeps the targets a package instantiates for; gendist --filter-buildable starts from them', () => {
    const all = ok([
      'filter-buildable',
      '-s',
      `${T}/services.nix`,
      '-i',
      `${T}/infrastructure.nix`,
      '-d',
      `${T}/distribution.nix`,
      ...include,
      '--json',
    ]);
    expect(JSON.parse(all.stdout)).toEqual({
      testService1: ['testtarget1'],
      testService2: ['testtarget2'],
      testService3: ['testtarget2'],
    });
    const cwd = mkdtempSync(join(tmp, 'buildable-cwd-'));
    const run = ok(
      [
        'gendist',
        '--filter-buildable',
        '-s',
        `${T}/services-error.nix`,
        '-i',
        `${T}/infrastructure.nix`,
        ...include,
        '--json',
      ],
      { cwd },
    );
    expect(JSON.parse(run.stdout)).toEqual({
      testService1B: [],
      testService2: ['testtarget1', 'testtarget2'],
      testService3: ['testtarget1', 'testtarget2'],
    });
    expect(run.stderr).toContain('filter-buildable: 4 of 6 candidate targets instantiate');
    // No stray `result` link (bug 23).
    expect(readdirSync(cwd)).toEqual([]);
  });

  itNix('--extra-params reach the packages (bug 23)', () => {
    const services = write(
      'services-extra.nix',
      '{system, pkgs, distribution, invDistribution, broken ? false}:\n{ s = { name = "s"; type = "echo"; pkg = assert !broken; pkgs.stdenv.mkDerivation { name = "s"; }; }; }\n',
    );
    const args = [
      'gendist',
      '--filter-buildable',
      '-s',
      services,
      '-i',
      `${T}/infrastructure.nix`,
      ...include,
      '--json',
    ];
    expect(JSON.parse(ok(args).stdout).s).toEqual(['testtarget1', 'testtarget2']);
    expect(JSON.parse(ok([...args, '--extra-params', '{ broken = true; }']).stdout).s).toEqual([]);
  });

  itNix(
    '--target-property addresses the targets (bug 21); --xml reads the distribution only (bug 38)',
    () => {
      const infrastructure = write(
        'infrastructure-ip.nix',
        '{ a = { properties = { hostname = "same"; ip = "10.0.0.1"; }; }; b = { properties = { hostname = "same"; ip = "10.0.0.2"; }; }; }\n',
      );
      const distribution = write(
        'distribution-ip.nix',
        '{infrastructure}:\n{ testService1 = [ infrastructure.b ]; testService2 = [ infrastructure.a infrastructure.b ]; }\n',
      );
      const run = ok([
        'filter-buildable',
        '-s',
        `${T}/services.nix`,
        '-i',
        infrastructure,
        '-d',
        distribution,
        '--target-property',
        'ip',
        ...include,
        '--json',
      ]);
      expect(JSON.parse(run.stdout)).toEqual({ testService1: ['b'], testService2: ['a', 'b'] });
      const xml = write(
        'distribution.xml',
        '<distribution><service name="testService3"><mapping><target>testtarget2</target></mapping></service></distribution>',
      );
      const fromXml = ok([
        'filter-buildable',
        '--xml',
        '-s',
        `${T}/services.nix`,
        '-i',
        `${T}/infrastructure.nix`,
        '-d',
        xml,
        ...include,
        '--json',
      ]);
      expect(JSON.parse(fromXml.stdout)).toEqual({ testService3: ['testtarget2'] });
    },
  );

  itNix('without nixpkgs: one line saying so', () => {
    oneLineFailure(
      [
        'filter-buildable',
        '-s',
        `${T}/services.nix`,
        '-i',
        `${T}/infrastructure.nix`,
        '-d',
        `${T}/distribution.nix`,
        '-I',
        'nixpkgs=/nonexistent',
      ],
      1,
      'filter-buildable needs nixpkgs',
    );
  });
});
