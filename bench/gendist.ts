/**
 * Benchmark of gendist: the whole command on a 5,000-service Nix model with a three-step Nix QoS
 * policy (a type filter in Nix, divide, multiwaycut), goal at most 1 s; and the same policy as
 * YAML. Figures are also given as ratios to a reference measured in the same run (node and
 * nix-instantiate start-up), with the number of policy evaluations (k + 1 for k algorithm steps).
 *
 *   npm run build && node dist/bench/gendist.js
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { syntheticSystem } from './synthetic-system.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const TYPES = ['process', 'tomcat-webapplication', 'mysql-database', 'postgresql-database', 'systemd-unit'];

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function time(fn: () => void, repeat = 5): number {
  const times: number[] = [];
  for (let i = 0; i < repeat; i++) {
    const start = process.hrtime.bigint();
    fn();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return median(times);
}

const lines: string[] = [];
const report = (line = '') => {
  lines.push(line);
  console.log(line);
};

const n = 5000;
const targetCount = 50;
const dir = mkdtempSync(join(tmpdir(), 'dyplan-bench-gendist-'));
const { services } = syntheticSystem(n);
const quote = (s: string) => JSON.stringify(s);
const servicesNix = ['{ system, pkgs, distribution, invDistribution }:', 'rec {'];
for (const [name, service] of Object.entries(services)) {
  const deps = service.dependsOn.map((d) => `inherit ${quote(d)};`.replace(/"/g, '')).join(' ');
  servicesNix.push(
    `  ${quote(name)} = { name = ${quote(name)}; pkg = pkgs.stdenv.mkDerivation { name = ${quote(name)}; }; type = ${quote(service.type ?? 'process')}; requireMem = ${64 + (name.length % 7) * 16}; dependsOn = { ${deps} }; };`,
  );
}
servicesNix.push('}');
writeFileSync(join(dir, 'services.nix'), servicesNix.join('\n'));
// Each target supports three of the five types; memory is ample, so every service fits.
const targets = ['{'];
for (let t = 0; t < targetCount; t++) {
  const types = [0, 1, 2].map((k) => quote(TYPES[(t + k) % TYPES.length])).join(' ');
  targets.push(
    `  target${t} = { properties = { hostname = "target${t}.example.org"; mem = 100000; supportedTypes = [ ${types} ]; }; };`,
  );
}
targets.push('}');
writeFileSync(join(dir, 'infrastructure.nix'), targets.join('\n'));
writeFileSync(
  join(dir, 'qos.nix'),
  `{services, infrastructure, initialDistribution, previousDistribution, filters, lib}:
let
  supported = filters.mapAttrOnList {
    inherit services infrastructure;
    distribution = initialDistribution;
    serviceProperty = "type";
    targetPropertyList = "supportedTypes";
  };
  divided = filters.divide {
    strategy = "greedy";
    inherit services infrastructure;
    distribution = supported;
    serviceProperty = "requireMem";
    targetProperty = "mem";
  };
in
filters.multiwaycut { inherit services infrastructure; distribution = divided; }
`,
);
writeFileSync(
  join(dir, 'qos.yaml'),
  `steps:
  - { filter: mapAttrOnList, serviceProperty: type, targetPropertyList: supportedTypes }
  - { filter: divide, strategy: greedy, serviceProperty: requireMem, targetProperty: mem }
  - { filter: multiwaycut }
`,
);

const cli = join(ROOT, 'dist/src/cli.js');
const run = (command: string, argv: string[]) => () => {
  const result = spawnSync(command, argv, { cwd: dir, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${command} ${argv.join(' ')} failed: ${result.stderr}`);
};
const gendist = (policy: string) => [
  cli,
  'gendist',
  '-s',
  'services.nix',
  '-i',
  'infrastructure.nix',
  '-q',
  policy,
  '--output-file',
  'distribution.nix',
  '--report',
  'report.json',
];
const load = loadavg()[0];
const nodeMs = time(run(process.execPath, ['-e', '']));
const nixMs = time(run('nix-instantiate', ['--eval', '-E', '1']));
const reference = nodeMs + nixMs;
const nixPolicyMs = time(run(process.execPath, gendist('qos.nix')));
const nixReport = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as {
  counts: Record<string, number>;
  phases: { name: string; seconds: number }[];
};
const yamlPolicyMs = time(run(process.execPath, gendist('qos.yaml')));
const noPolicyMs = time(run(process.execPath, gendist('').filter((a, i, all) => a !== '-q' && all[i - 1] !== '-q')));

report(
  `## gendist: the whole command, 5,000 services, ${targetCount} targets, policy: type filter, divide, multiwaycut`,
);
report();
report(`Load average at the start: ${load.toFixed(1)} (2 cores).`);
report();
report('| case | time (ms) | ratio to node + nix-instantiate start-up |');
report('|---|---|---|');
report(`| reference: \`node -e ''\` + \`nix-instantiate --eval -E 1\` | ${reference.toFixed(0)} | 1.00 |`);
report(`| no policy (models + cartesian distribution) | ${noPolicyMs.toFixed(0)} | ${(noPolicyMs / reference).toFixed(2)} |`);
report(
  `| Nix policy (${nixReport.counts.evaluations} policy evaluations, goal ≤ 1000 ms) | ${nixPolicyMs.toFixed(0)} | ${(nixPolicyMs / reference).toFixed(2)} |`,
);
report(`| the same policy in YAML | ${yamlPolicyMs.toFixed(0)} | ${(yamlPolicyMs / reference).toFixed(2)} |`);
report();
report(
  'Phases of the last Nix-policy run (s): ' +
    nixReport.phases.map((p) => `${p.name} ${p.seconds.toFixed(3)}`).join(', '),
);

mkdirSync(join(ROOT, 'bench/out'), { recursive: true });
writeFileSync(join(ROOT, 'bench/out/gendist.md'), lines.join('\n') + '\n');
