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

interface Timing {
  wall: number;
  cpu?: number;
  walls: number[];
  cpus: number[];
}

/** One run's wall-clock and CPU milliseconds (CPU of the children waited for, from /proc). */
function timeOnce(fn: () => void, into: Timing): void {
  const start = process.hrtime.bigint();
  const cpuStart = childrenCpuMs();
  fn();
  into.walls.push(Number(process.hrtime.bigint() - start) / 1e6);
  const cpuEnd = childrenCpuMs();
  if (cpuStart !== undefined && cpuEnd !== undefined) into.cpus.push(cpuEnd - cpuStart);
}

/**
 * Medians of `rounds` rounds, each running every case once in turn, so that the reference and the
 * commands meet the same load.
 */
function timeInRounds(cases: Record<string, () => void>, rounds: number): Record<string, Timing> {
  const out: Record<string, Timing> = {};
  for (const name of Object.keys(cases)) out[name] = { wall: NaN, walls: [], cpus: [] };
  for (let r = 0; r < rounds; r++) for (const [name, fn] of Object.entries(cases)) timeOnce(fn, out[name]);
  for (const t of Object.values(out)) {
    t.wall = median(t.walls);
    t.cpu = t.cpus.length > 0 ? median(t.cpus) : undefined;
  }
  return out;
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
const gendist = (policy: string, report: string) => [
  cli,
  'gendist',
  '-s',
  'services.nix',
  '-i',
  'infrastructure.nix',
  ...(policy ? ['-q', policy] : []),
  '--output-file',
  'distribution.nix',
  '--report',
  report,
];
const rounds = Number(process.env.DYPLAN_BENCH_ROUNDS ?? 5);
const load = loadavg()[0];
const timings = timeInRounds(
  {
    node: run(process.execPath, ['-e', '']),
    nix: run('nix-instantiate', ['--eval', '-E', '1']),
    noPolicy: run(process.execPath, gendist('', 'report-none.json')),
    nixPolicy: run(process.execPath, gendist('qos.nix', 'report-nix.json')),
    yamlPolicy: run(process.execPath, gendist('qos.yaml', 'report-yaml.json')),
  },
  rounds,
);
const { node, nix, noPolicy, nixPolicy, yamlPolicy } = timings;
// Per round: node's start-up plus nix-instantiate's.
const reference: Timing = {
  wall: node.wall + nix.wall,
  cpu: (node.cpu ?? NaN) + (nix.cpu ?? NaN),
  walls: node.walls.map((w, i) => w + nix.walls[i]),
  cpus: node.cpus.map((c, i) => c + (nix.cpus[i] ?? NaN)),
};
const nixReport = JSON.parse(readFileSync(join(dir, 'report-nix.json'), 'utf8')) as {
  counts: Record<string, number>;
  phases: { name: string; seconds: number }[];
};
const endLoad = loadavg()[0];

const ms = (t: number | undefined) => (t === undefined || Number.isNaN(t) ? 'n/a' : t.toFixed(0));
const ratio = (t: number | undefined, r: number | undefined) =>
  t === undefined || Number.isNaN(t) || r === undefined || Number.isNaN(r) ? 'n/a' : (t / r).toFixed(2);
const range = (values: number[]) =>
  values.length > 0
    ? `${values.reduce((a, b) => Math.min(a, b)).toFixed(0)}-${values.reduce((a, b) => Math.max(a, b)).toFixed(0)}`
    : 'n/a';
const row = (name: string, t: Timing) =>
  report(
    `| ${name} | ${ms(t.wall)} (${range(t.walls)}) | ${ratio(t.wall, reference.wall)} | ${ms(t.cpu)} (${range(t.cpus)}) | ${ratio(t.cpu, reference.cpu)} |`,
  );

report(
  `## gendist: the whole command, 5,000 services, ${targetCount} targets, policy: type filter, divide, multiwaycut`,
);
report();
report(
  `Load average: ${load.toFixed(1)} at the start, ${endLoad.toFixed(1)} at the end (2 cores). Medians (min-max) of ${rounds} rounds, each running every case once in turn.`,
);
report('CPU = user + system time of the command and its nix-instantiate processes (less sensitive to load).');
report();
report('| case | wall (ms) | wall ratio | CPU (ms) | CPU ratio |');
report('|---|---|---|---|---|');
row("reference: `node -e ''` + `nix-instantiate --eval -E 1`", reference);
row('no policy (models + cartesian distribution)', noPolicy);
row(
  `Nix policy (${nixReport.counts.evaluations} policy evaluation${nixReport.counts.evaluations === 1 ? '' : 's'}; goal ≤ 1000 ms)`,
  nixPolicy,
);
row('the same policy in YAML', yamlPolicy);
report();
report(
  'Phases of the last Nix-policy run (s): ' +
    nixReport.phases.map((p) => `${p.name} ${p.seconds.toFixed(3)}`).join(', '),
);

mkdirSync(join(ROOT, 'bench/out'), { recursive: true });
writeFileSync(join(ROOT, 'bench/out/gendist.md'), lines.join('\n') + '\n');
