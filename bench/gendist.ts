/**
 * Benchmark of gendist: the whole command on a 5,000-service Nix model with a three-step Nix QoS
 * policy (a type filter in Nix, divide, multiwaycut), goal at most 1 s; and the same policy as
 * YAML. Figures are also given as ratios to a reference measured in the same run (node and
 * nix-instantiate start-up), with the number of policy evaluations.
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

/**
 * CPU time (user + system, ms) of the children this process has waited for, from /proc (Linux);
 * undefined elsewhere. On a loaded machine it moves far less than the wall clock.
 */
function childrenCpuMs(): number | undefined {
  try {
    // Fields after the command name (which may hold spaces): cutime and cstime are fields 16 and 17.
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[13]) + Number(fields[14])) * 1000) / 100;
  } catch {
    return undefined;
  }
}

/** Median wall-clock and CPU milliseconds of `repeat` runs. */
function time(fn: () => void, repeat = 5): { wall: number; cpu?: number } {
  const walls: number[] = [];
  const cpus: number[] = [];
  for (let i = 0; i < repeat; i++) {
    const start = process.hrtime.bigint();
    const cpuStart = childrenCpuMs();
    fn();
    walls.push(Number(process.hrtime.bigint() - start) / 1e6);
    const cpuEnd = childrenCpuMs();
    if (cpuStart !== undefined && cpuEnd !== undefined) cpus.push(cpuEnd - cpuStart);
  }
  return { wall: median(walls), cpu: cpus.length > 0 ? median(cpus) : undefined };
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
const node = time(run(process.execPath, ['-e', '']));
const nix = time(run('nix-instantiate', ['--eval', '-E', '1']));
const reference = { wall: node.wall + nix.wall, cpu: (node.cpu ?? NaN) + (nix.cpu ?? NaN) };
const nixPolicy = time(run(process.execPath, gendist('qos.nix')));
const nixReport = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as {
  counts: Record<string, number>;
  phases: { name: string; seconds: number }[];
};
const yamlPolicy = time(run(process.execPath, gendist('qos.yaml')));
const noPolicy = time(
  run(
    process.execPath,
    gendist('').filter((a, i, all) => a !== '-q' && all[i - 1] !== '-q'),
  ),
);
const endLoad = loadavg()[0];

const ms = (t: number | undefined) => (t === undefined || Number.isNaN(t) ? 'n/a' : t.toFixed(0));
const ratio = (t: number | undefined, r: number) =>
  t === undefined || Number.isNaN(t) || Number.isNaN(r) ? 'n/a' : (t / r).toFixed(2);
const row = (name: string, t: { wall: number; cpu?: number }) =>
  report(
    `| ${name} | ${ms(t.wall)} | ${ratio(t.wall, reference.wall)} | ${ms(t.cpu)} | ${ratio(t.cpu, reference.cpu)} |`,
  );

report(
  `## gendist: the whole command, 5,000 services, ${targetCount} targets, policy: type filter, divide, multiwaycut`,
);
report();
report(
  `Load average: ${load.toFixed(1)} at the start, ${endLoad.toFixed(1)} at the end (2 cores). Medians of 5 runs.`,
);
report('CPU = user + system time of the command and its nix-instantiate processes (less sensitive to load).');
report();
report('| case | wall (ms) | wall ratio | CPU (ms) | CPU ratio |');
report('|---|---|---|---|---|');
row("reference: `node -e ''` + `nix-instantiate --eval -E 1`", reference);
row('no policy (models + cartesian distribution)', noPolicy);
row(`Nix policy (${nixReport.counts.evaluations} policy evaluations; goal ≤ 1000 ms)`, nixPolicy);
row('the same policy in YAML', yamlPolicy);
report();
report(
  'Phases of the last Nix-policy run (s): ' +
    nixReport.phases.map((p) => `${p.name} ${p.seconds.toFixed(3)}`).join(', '),
);

mkdirSync(join(ROOT, 'bench/out'), { recursive: true });
writeFileSync(join(ROOT, 'bench/out/gendist.md'), lines.join('\n') + '\n');
