/**
 * The one benchmark run (`npm run bench`): every planner of dyplan side by side with its references,
 * on bench/data (inputs with proven optima) and on generated systems, measured in one run on one
 * machine. Writes bench/README.md (tables, headline ratios), bench/plots/*.svg (log-log time
 * against size, a fitted slope per tool) and bench/results.json (the raw figures), then compares
 * the quality figures (colours, cuts, costs) with bench/baseline.json: exit 1 when one got worse,
 * never because of a time.
 *
 *   npm run bench [-- --quick] [-- --update-baseline]
 *
 * Each measurement runs in its own child process (so its peak memory is its own): a warm-up, then
 * `runs` timed runs (median, min-max). `--quick`: 1 run, no 1,000,000-node graph, no exact runs of
 * the hard graphs (for trying it out; the README is written from full runs).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { colourGraph } from '../algorithms/colouring/index.js';
import { lpLowerBound, multiwayCut } from '../algorithms/multiway-cut/index.js';
import { greedySetCover, setCover, setCoverExact } from '../algorithms/set-cover/index.js';
import { mulberry32 } from '../algorithms/support/index.js';
import { normalizeDistribution, normalizeIdResources, normalizeServices } from '../models/normalize.js';
import { distributionToValue, infrastructureToValue, servicesToValue } from '../models/to-value.js';
import { toNix } from '../models/write-nix.js';
import { gapPercent } from '../src/plans/index.js';
import { planIds } from '../src/plans/ids.js';
import { benchData } from './data-dir.js';
import type { DeployInstance } from './deploy-models.js';
import { readDimacsCol } from './dimacs.js';
import { readOrLibrary } from './orlib.js';
import { logLogFit, logLogSvg, type Series } from './plot.js';
import { syntheticSystem } from './synthetic-system.js';

/** Largest of a list, without spreading it into a call (the list may be long). */
const maxOf = (xs: readonly number[]): number => xs.reduce((m, x) => Math.max(m, x), -Infinity);

const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
const PYTHON = '/usr/bin/python3'; // Debian's, with python3-networkx
const args = process.argv.slice(2);
const quick = args.includes('--quick');
const RUNS = quick ? 1 : 5;

// ---------------------------------------------------------------------------------------------
// Child side: one measurement, printed as JSON.

interface Task {
  kind: 'colour' | 'mwc' | 'mwc-lp' | 'setcover' | 'ids';
  /** DIMACS file, deploy instance, OR-Library file, or `random:N` / `system:N`. */
  input: string;
  mode?: string;
  runs: number;
  /** Run once untimed first (default true; off for the long HiGHS runs). */
  warmUp?: boolean;
}

interface Measured {
  /** The tool's result (colours, cut, cost); none for a whole command, which is timed only. */
  value?: number;
  bound?: number;
  optimal?: boolean;
  times: number[];
  peakKb: number;
}

function randomGraph(n: number): { nodeCount: number; edges: [number, number][] } {
  const random = mulberry32(1);
  const edges: [number, number][] = [];
  for (let e = 0; e < 3 * n; e++) {
    const u = Math.floor(random() * n);
    edges.push([u, (u + 1 + Math.floor(random() * (n - 1))) % n]);
  }
  return { nodeCount: n, edges };
}

function deployInstance(name: string) {
  const d = JSON.parse(readFileSync(benchData('deploy', `${name}.json`), 'utf8')) as DeployInstance;
  return { itemCount: d.services, labelCount: d.hosts, edges: d.edges, candidates: d.candidates };
}

function idModels(n: number) {
  const system = syntheticSystem(n);
  const services: Record<string, unknown> = {};
  for (const [name, s] of Object.entries(system.services))
    services[name] = { name, dependsOn: s.dependsOn, requiresUniqueIdsFor: ['uids', 'gids', 'ports'] };
  const distribution = Object.fromEntries(
    Object.entries(system.distribution).map(([s, ms]) => [s, ms.map((m) => m.target)]),
  );
  return {
    services: normalizeServices(services, 'services.json'),
    distribution: normalizeDistribution(distribution, 'distribution.json'),
    idResources: normalizeIdResources(
      {
        uids: { min: 2000, max: 2_000_000, scope: 'global' },
        gids: { min: 2000, max: 2_000_000, scope: 'global' },
        ports: { min: 3000, max: 60_000, scope: 'machine' },
      },
      'idresources.json',
    ),
  };
}

async function runTask(task: Task): Promise<Measured> {
  let once: () => Promise<{ value: number; bound?: number; optimal?: boolean }>;
  if (task.kind === 'colour') {
    const graph = task.input.startsWith('random:')
      ? randomGraph(Number(task.input.slice(7)))
      : readDimacsCol(benchData('dimacs', `${task.input}.col`));
    const problem = { nodeCount: graph.nodeCount, edges: graph.edges };
    once = async () => {
      const r = colourGraph(problem, { exact: task.mode === 'exact' });
      return { value: r.colours, bound: r.lowerBound, optimal: r.optimal };
    };
  } else if (task.kind === 'mwc' || task.kind === 'mwc-lp') {
    const instance = deployInstance(task.input);
    once =
      task.kind === 'mwc'
        ? async () => {
            const r = multiwayCut(instance, task.mode === 'no-dual' ? { dualSweeps: 0 } : {});
            return { value: r.cost, bound: r.lowerBound, optimal: r.optimal };
          }
        : async () => {
            const lp = await lpLowerBound(instance, { timeLimit: 300 });
            return { value: lp.integerLowerBound, bound: lp.lowerBound, optimal: lp.solved };
          };
  } else if (task.kind === 'setcover') {
    const problem = readOrLibrary(benchData('setcover', task.input));
    once = async () => {
      const r =
        task.mode === 'exact'
          ? await setCoverExact(problem, { timeLimitSeconds: 300 })
          : task.mode === 'greedy'
            ? greedySetCover(problem)
            : setCover(problem);
      return { value: r.cost, bound: r.lowerBound, optimal: r.optimal };
    };
  } else {
    const models = idModels(Number(task.input.slice(7)));
    once = async () => {
      const r = planIds(models, { sources: { services: 'services.json', idResources: 'idresources.json' } });
      return { value: r.counts.added };
    };
  }
  const times: number[] = [];
  let last = task.warmUp === false ? undefined : await once();
  for (let r = 0; r < task.runs; r++) {
    const start = performance.now();
    last = await once();
    times.push(performance.now() - start);
  }
  if (last === undefined) throw new Error('no run');
  return { ...last, times, peakKb: process.resourceUsage().maxRSS };
}

// ---------------------------------------------------------------------------------------------
// Parent side.

interface Row {
  suite: string;
  instance: string;
  size: number;
  tool: string;
  value?: number;
  bound?: number;
  /** Proven optimum or best known value, where the data set records one. */
  reference?: number;
  median?: number;
  min?: number;
  max?: number;
  peakMb?: number;
  note?: string;
}

const rows: Row[] = [];

function stats(times: number[]): Pick<Row, 'median' | 'min' | 'max'> {
  const s = [...times].sort((a, b) => a - b);
  return { median: s[Math.floor(s.length / 2)], min: s[0], max: s[s.length - 1] };
}

function child(task: Task): Measured | undefined {
  const out = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--task', JSON.stringify(task)], {
    encoding: 'utf8',
    maxBuffer: 1 << 26,
  });
  if (out.status !== 0) {
    process.stderr.write(
      `bench: ${task.kind} ${task.input} failed: ${out.stderr.split('\n').slice(-3).join(' ')}\n`,
    );
    return undefined;
  }
  return JSON.parse(out.stdout.trim().split('\n').pop() as string) as Measured;
}

function add(base: Omit<Row, 'median' | 'min' | 'max'>, m: Measured | undefined): void {
  if (m === undefined) {
    rows.push({ ...base, note: 'failed' });
    return;
  }
  rows.push({
    ...base,
    ...(m.value !== undefined ? { value: m.value } : {}),
    ...(m.bound !== undefined ? { bound: m.bound } : {}),
    ...stats(m.times),
    peakMb: m.peakKb / 1024,
  });
  process.stderr.write(
    `bench: ${base.suite} ${base.instance} ${base.tool}: ${m.value ?? 'done'} in ${stats(m.times).median?.toFixed(1)} ms\n`,
  );
}

function python(file: string, strategy: string, runs: number): Measured | undefined {
  const out = spawnSync(
    PYTHON,
    [join(ROOT, 'bench/reference/networkx_colouring.py'), file, strategy, String(runs)],
    {
      encoding: 'utf8',
    },
  );
  if (out.status !== 0) return undefined;
  const r = JSON.parse(out.stdout) as { colours: number; times_ms: number[]; peak_kb: number };
  return { value: r.colours, times: r.times_ms, peakKb: r.peak_kb };
}

/** Wall-clock times and peak memory of a command, `runs` times (GNU time for the memory). */
function command(argv: string[], runs: number, cwd: string): Measured | undefined {
  const times: number[] = [];
  let peakKb = 0;
  for (let r = 0; r < runs; r++) {
    const start = performance.now();
    const out = spawnSync('/usr/bin/time', ['-f', '%M', ...argv], {
      cwd,
      encoding: 'utf8',
      maxBuffer: 1 << 28,
    });
    times.push(performance.now() - start);
    if (out.status !== 0) {
      process.stderr.write(`bench: ${argv.join(' ')} failed: ${out.stderr.slice(-300)}\n`);
      return undefined;
    }
    peakKb = Math.max(peakKb, Number(out.stderr.trim().split('\n').pop()));
  }
  return { times, peakKb };
}

/** `| name | ... |` rows of a README table whose column `col` is a number: name -> cells. */
function readmeTable(file: string): Map<string, string[]> {
  const table = new Map<string, string[]>();
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const cells = line.split('|').map((c) => c.trim());
    if (cells.length > 3 && cells[1] && !cells[1].startsWith('-') && /\d/.test(cells[2] ?? ''))
      table.set(cells[1], cells);
  }
  return table;
}

const DIMACS: [string, number][] = [
  ['myciel3', 4],
  ['myciel4', 5],
  ['queen5_5', 5],
  ['myciel5', 6],
  ['jean', 10],
  ['queen6_6', 7],
  ['huck', 11],
  ['david', 11],
  ['queen7_7', 7],
  ['anna', 11],
  ['games120', 9],
  ['queen8_8', 9],
  ['myciel6', 7],
  ['DSJC125.1', 5],
  ['myciel7', 8],
  ['DSJC125.5', 17],
  ['le450_15a', 15],
  ['school1', 14],
];
const EXACT_HARD = new Set(['myciel6', 'myciel7', 'DSJC125.5']);

function colouringSuites(tmp: string): void {
  const igraph = readmeTable(benchData('dimacs', 'README.md'));
  for (const [name, chi] of DIMACS) {
    const file = benchData('dimacs', `${name}.col`);
    const size = readDimacsCol(file).nodeCount;
    const base = { suite: 'colouring DIMACS', instance: name, size, reference: chi };
    add({ ...base, tool: 'dyplan' }, child({ kind: 'colour', input: name, runs: RUNS }));
    if (!(quick && EXACT_HARD.has(name)))
      add(
        { ...base, tool: 'dyplan --exact' },
        child({ kind: 'colour', input: name, mode: 'exact', runs: RUNS }),
      );
    add({ ...base, tool: 'networkx DSATUR' }, python(file, 'DSATUR', RUNS));
    add({ ...base, tool: 'networkx greedy' }, python(file, 'largest_first', RUNS));
    const recorded = igraph.get(name);
    if (recorded)
      rows.push({
        ...base,
        tool: 'igraph DSATUR (recorded)',
        value: Number(recorded[2]),
        note: 'from bench/data/dimacs/README.md',
      });
  }
  for (const n of quick ? [100, 1000, 10_000, 100_000] : [100, 1000, 10_000, 100_000, 1_000_000]) {
    const input = `random:${n}`;
    const base = { suite: 'colouring random (m = 3n)', instance: `n=${n}`, size: n };
    add(
      { ...base, tool: 'dyplan' },
      child({ kind: 'colour', input, runs: n >= 1_000_000 ? Math.min(RUNS, 3) : RUNS }),
    );
    if (n <= 100_000) {
      const file = join(tmp, `random-${n}.col`);
      const g = randomGraph(n);
      writeFileSync(
        file,
        `p edge ${n} ${g.edges.length}\n${g.edges.map(([u, v]) => `e ${u + 1} ${v + 1}`).join('\n')}\n`,
      );
      add({ ...base, tool: 'networkx greedy' }, python(file, 'largest_first', RUNS));
      if (n <= 1000) add({ ...base, tool: 'networkx DSATUR' }, python(file, 'DSATUR', RUNS));
      else rows.push({ ...base, tool: 'networkx DSATUR', note: 'not run (quadratic: 1.1 s at 1,000 nodes)' });
    }
  }
}

/** gpmetis on the instance's simple graph (parallel links merged into weights): it ignores candidates. */
function metis(name: string, tmp: string): Measured | undefined {
  const d = deployInstance(name);
  const weight = new Map<number, number>();
  const n = d.itemCount;
  for (const [u, v] of d.edges) {
    if (u === v) continue;
    const key = Math.min(u, v) * n + Math.max(u, v);
    weight.set(key, (weight.get(key) ?? 0) + 1);
  }
  const adjacency: [number, number][][] = Array.from({ length: n }, () => []);
  for (const [key, w] of weight) {
    const u = Math.floor(key / n);
    const v = key % n;
    adjacency[u].push([v, w]);
    adjacency[v].push([u, w]);
  }
  const file = join(tmp, `${name}.metis`);
  writeFileSync(
    file,
    `${n} ${weight.size} 001\n${adjacency.map((a) => a.map(([v, w]) => `${v + 1} ${w}`).join(' ')).join('\n')}\n`,
  );
  const m = command(['gpmetis', file, String(d.labelCount)], RUNS, tmp);
  if (m === undefined) return undefined;
  const parts = readFileSync(`${file}.part.${d.labelCount}`, 'utf8').trim().split('\n').map(Number);
  let cut = 0;
  for (const [u, v] of d.edges) if (u !== v && parts[u] !== parts[v]) cut++;
  return { ...m, value: cut };
}

function multiwayCutSuite(tmp: string): void {
  const recorded = readmeTable(benchData('deploy', 'README.md'));
  const names = readdirSync(benchData('deploy'))
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.slice(0, -5));
  const sizeOf = (name: string) => Number(/-n(\d+)-/.exec(name)?.[1] ?? 0);
  names.sort((a, b) => sizeOf(a) - sizeOf(b) || (a < b ? -1 : 1));
  for (const name of names) {
    const cells = recorded.get(name);
    const base = {
      suite: 'multiway cut',
      instance: name,
      size: sizeOf(name),
      ...(cells ? { reference: Number(cells[5]) } : {}),
    };
    add({ ...base, tool: 'dyplan' }, child({ kind: 'mwc', input: name, runs: RUNS }));
    // The same without its dual bound (stage 6): the difference is what the bound costs.
    if (sizeOf(name) >= 10_000)
      add(
        { ...base, tool: 'dyplan, no dual bound' },
        child({ kind: 'mwc', input: name, mode: 'no-dual', runs: RUNS }),
      );
    if (sizeOf(name) <= 10_000)
      add(
        { ...base, tool: 'HiGHS LP bound' },
        child({ kind: 'mwc-lp', input: name, runs: 1, warmUp: false }),
      );
    else if (cells)
      rows.push({
        ...base,
        tool: 'HiGHS LP bound',
        value: Math.ceil(Number(cells[6]) - 1e-6),
        bound: Number(cells[6]),
        note: 'recorded (9-77 s)',
      });
    add({ ...base, tool: 'METIS (no candidates)' }, metis(name, tmp));
    if (cells)
      rows.push({
        ...base,
        tool: 'dydisnix (recorded)',
        value: Number(cells[7]),
        note: 'from bench/data/deploy/README.md',
      });
  }
}

function setCoverSuite(): void {
  const recorded = readmeTable(benchData('setcover', 'README.md'));
  for (const file of ['scp51.txt', 'scp54.txt', 'scpa1.txt', 'scpa2.txt', 'scpb1.txt', 'rail582.txt']) {
    const problem = readOrLibrary(benchData('setcover', file));
    const base = {
      suite: 'set cover',
      instance: file.replace('.txt', ''),
      size: problem.sets.length,
      reference: Number(recorded.get(file)?.[3]),
    };
    add({ ...base, tool: 'dyplan' }, child({ kind: 'setcover', input: file, runs: RUNS }));
    add(
      { ...base, tool: 'greedy (dydisnix)' },
      child({ kind: 'setcover', input: file, mode: 'greedy', runs: RUNS }),
    );
    if (!(quick && file === 'rail582.txt'))
      add(
        { ...base, tool: 'HiGHS MIP' },
        child({ kind: 'setcover', input: file, mode: 'exact', runs: 1, warmUp: false }),
      );
  }
}

function idSuite(): void {
  for (const n of [100, 1000, 10_000, 100_000])
    add(
      { suite: 'id-assign', instance: `system n=${n}`, size: n, tool: 'dyplan (plan)' },
      child({ kind: 'ids', input: `system:${n}`, runs: RUNS }),
    );
}

/** Whole commands: Nix models of a generated system to a written file, against node's start-up. */
function commandSuite(tmp: string): void {
  const cli = join(ROOT, 'dist/src/cli.js');
  for (const n of quick ? [100, 1000] : [100, 1000, 10_000]) {
    const dir = join(tmp, `system-${n}`);
    mkdirSync(dir, { recursive: true });
    const system = syntheticSystem(n);
    const services = servicesToValue(system.services) as Record<string, Record<string, unknown>>;
    for (const s of Object.values(services)) {
      s.requiresUniqueIdsFor = ['uids', 'ports'];
      s.requireMem = 1;
    }
    writeFileSync(join(dir, 'services.nix'), toNix(services as never));
    // Room for 60 services a target (25 on average; at 10,000 services 44 have one target as their
    // only candidate): place is feasible at every size.
    const infrastructure = infrastructureToValue(system.infrastructure) as Record<
      string,
      { properties: Record<string, unknown> }
    >;
    for (const t of Object.values(infrastructure)) t.properties.mem = 60;
    writeFileSync(join(dir, 'infrastructure.nix'), toNix(infrastructure as never));
    writeFileSync(join(dir, 'distribution.nix'), toNix(distributionToValue(system.distribution)));
    writeFileSync(
      join(dir, 'idresources.nix'),
      '{ uids = { min = 2000; max = 2000000; scope = "global"; }; ports = { min = 3000; max = 60000; scope = "machine"; }; }\n',
    );
    const base = { suite: 'whole commands (Nix models to a file)', size: n };
    const node = command([process.execPath, '-e', ''], RUNS, dir);
    add({ ...base, instance: `n=${n}`, tool: 'reference: node start-up' }, node);
    const io = ['-s', 'services.nix', '-i', 'infrastructure.nix', '--output-file', 'out.nix'];
    add(
      { ...base, instance: `n=${n}`, tool: 'multiwaycut' },
      command([process.execPath, cli, 'multiwaycut', ...io, '-d', 'distribution.nix'], RUNS, dir),
    );
    add(
      { ...base, instance: `n=${n}`, tool: 'graphcol' },
      command([process.execPath, cli, 'graphcol', ...io], RUNS, dir),
    );
    add(
      { ...base, instance: `n=${n}`, tool: 'place' },
      command(
        [process.execPath, cli, 'place', ...io, '-d', 'distribution.nix', '--resource', 'requireMem:mem'],
        RUNS,
        dir,
      ),
    );
    add(
      { ...base, instance: `n=${n}`, tool: 'id-assign' },
      command(
        [
          process.execPath,
          cli,
          'id-assign',
          '-s',
          'services.nix',
          '-i',
          'infrastructure.nix',
          '-d',
          'distribution.nix',
          '--id-resources',
          'idresources.nix',
          '--output-file',
          'ids.nix',
        ],
        RUNS,
        dir,
      ),
    );
  }
}

// ---------------------------------------------------------------------------------------------
// Output.

const fmtMs = (x: number | undefined): string =>
  x === undefined
    ? ''
    : x >= 1000
      ? `${(x / 1000).toFixed(2)} s`
      : x >= 10
        ? `${x.toFixed(0)} ms`
        : `${x.toFixed(2)} ms`;
const fmtNum = (x: number | undefined): string =>
  x === undefined || Number.isNaN(x) ? '' : Number.isInteger(x) ? String(x) : x.toFixed(2);

/** The reference tool of each suite: ratios are to its median time in the same run. */
const REFERENCE_TOOL: Record<string, string> = {
  'colouring DIMACS': 'networkx DSATUR',
  'colouring random (m = 3n)': 'networkx greedy',
  'multiway cut': 'METIS (no candidates)',
  'set cover': 'greedy (dydisnix)',
  'whole commands (Nix models to a file)': 'reference: node start-up',
};

function table(suite: string): string[] {
  const inSuite = rows.filter((r) => r.suite === suite);
  const refTool = REFERENCE_TOOL[suite];
  const lines = [
    '| instance | size | tool | value | bound | gap to bound | optimum | gap to optimum | median | min-max | peak MB | time ratio |',
    '|---|---:|---|---:|---:|---:|---:|---:|---:|---|---:|---:|',
  ];
  for (const r of inSuite) {
    const ref = inSuite.find((x) => x.instance === r.instance && x.tool === refTool)?.median;
    const gapBound =
      r.value !== undefined && r.bound !== undefined && r.tool.startsWith('dyplan')
        ? `${gapPercent(r.value, r.bound).toFixed(2)} %`
        : '';
    const gapOpt =
      r.value !== undefined &&
      r.reference !== undefined &&
      Number.isFinite(r.reference) &&
      !r.tool.startsWith('METIS')
        ? `${gapPercent(r.value, r.reference).toFixed(2)} %`
        : '';
    lines.push(
      `| ${r.instance} | ${r.size} | ${r.tool} | ${r.note && r.value === undefined ? r.note : fmtNum(r.value)} | ${fmtNum(r.bound)} | ${gapBound} | ${fmtNum(r.reference)} | ${gapOpt} | ${fmtMs(r.median)} | ${r.min !== undefined ? `${fmtMs(r.min)}-${fmtMs(r.max)}` : (r.note ?? '')} | ${r.peakMb !== undefined ? r.peakMb.toFixed(0) : ''} | ${ref && r.median !== undefined ? (r.median / ref).toFixed(2) : ''} |`,
    );
  }
  return lines;
}

function plot(suite: string, file: string, xLabel: string, tools?: string[]): string {
  const inSuite = rows.filter((r) => r.suite === suite && r.median !== undefined);
  const names = tools ?? [...new Set(inSuite.map((r) => r.tool))];
  const series: Series[] = names.map((tool) => {
    // One point per size: the median over the instances of that size.
    const bySize = new Map<number, number[]>();
    for (const r of inSuite.filter((x) => x.tool === tool))
      bySize.set(r.size, [...(bySize.get(r.size) ?? []), r.median as number]);
    return {
      tool,
      points: [...bySize].map(
        ([size, ms]) => [size, ms.sort((a, b) => a - b)[Math.floor(ms.length / 2)]] as [number, number],
      ),
    };
  });
  mkdirSync(join(ROOT, 'bench/plots'), { recursive: true });
  writeFileSync(join(ROOT, 'bench/plots', file), logLogSvg(suite, xLabel, series));
  return series.map((s) => `${s.tool}: slope ${fmtNum(logLogFit(s.points).slope)}`).join('; ');
}

function baselineKey(r: Row): string {
  return `${r.suite} | ${r.instance} | ${r.tool}`;
}

/** Quality figures of dyplan's own tools (lower is better everywhere): colours, cuts, costs. */
function quality(): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of rows)
    if (r.tool.startsWith('dyplan') && r.value !== undefined && !r.suite.startsWith('id-assign'))
      out[baselineKey(r)] = r.value;
  return out;
}

function headline(): string[] {
  const lines: string[] = [];
  const pick = (suite: string, tool: string) => rows.filter((r) => r.suite === suite && r.tool === tool);
  const dy = pick('colouring DIMACS', 'dyplan');
  const nx = pick('colouring DIMACS', 'networkx DSATUR');
  const atChi = dy.filter((r) => r.value === r.reference).length;
  const nxChi = nx.filter((r) => r.value === r.reference).length;
  const fewer = dy.reduce(
    (s, r) => s + ((nx.find((x) => x.instance === r.instance)?.value ?? 0) - (r.value ?? 0)),
    0,
  );
  const exact = pick('colouring DIMACS', 'dyplan --exact').filter(
    (r) => r.value === r.reference && r.bound === r.reference,
  );
  lines.push(
    `- Colouring, DIMACS: dyplan reaches χ on **${atChi}/18** (networkx DSATUR: ${nxChi}/18), ${fewer} colours fewer in total than networkx DSATUR; ` +
      `the slowest graph takes ${fmtMs(maxOf(dy.map((r) => r.median ?? 0)))}; \`--exact\` proves χ on **${exact.length}/18** within its default budget.`,
  );
  const mwc = pick('multiway cut', 'dyplan');
  const worst = maxOf(
    mwc.map((r) => (r.reference !== undefined ? gapPercent(r.value ?? 0, r.reference) : 0)),
  );
  const worstBound = maxOf(mwc.map((r) => gapPercent(r.value ?? 0, r.bound ?? 0)));
  const big = mwc.filter((r) => r.size === 100_000);
  const dyd = pick('multiway cut', 'dydisnix (recorded)');
  const better = mwc.filter((r) => {
    const d = dyd.find((x) => x.instance === r.instance)?.value;
    return d !== undefined && (r.value ?? Infinity) <= d;
  }).length;
  lines.push(
    `- Multiway cut: at most **${worst.toFixed(2)} %** above the proven optimum on all ${mwc.length} instances, and at most ${worstBound.toFixed(2)} % above its own bound; ` +
      `at 100,000 services plan and bound take ${big.map((r) => fmtMs(r.median)).join(' and ')} (gaps to the bound ${big.map((r) => `${gapPercent(r.value ?? 0, r.bound ?? 0).toFixed(2)} %`).join(', ')}); never worse than dydisnix (${better}/${dyd.length}).`,
  );
  const sc = pick('set cover', 'dyplan');
  const scWorst = maxOf(sc.map((r) => gapPercent(r.value ?? 0, r.reference ?? 0)));
  const greedy = pick('set cover', 'greedy (dydisnix)');
  const gWorst = maxOf(greedy.map((r) => gapPercent(r.value ?? 0, r.reference ?? 0)));
  lines.push(
    `- Set cover: at most **${scWorst.toFixed(1)} %** above the optimum (the original's greedy: ${gWorst.toFixed(1)} %).`,
  );
  const cmd = rows.filter((r) => r.suite.startsWith('whole') && r.size === 10_000);
  const node = cmd.find((r) => r.tool.startsWith('reference'))?.median;
  if (node)
    lines.push(
      `- Whole commands on 10,000 services (Nix models to a file): ${cmd
        .filter((r) => !r.tool.startsWith('reference'))
        .map((r) => `${r.tool} ${fmtMs(r.median)} (${((r.median ?? 0) / node).toFixed(1)} x node's start-up)`)
        .join(', ')}.`,
    );
  return lines;
}

async function main(): Promise<void> {
  const tmp = mkdtempSync(join(tmpdir(), 'dyplan-bench-'));
  const started = new Date();
  const load = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  colouringSuites(tmp);
  multiwayCutSuite(tmp);
  setCoverSuite();
  idSuite();
  commandSuite(tmp);
  const loadAfter = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');

  const slopes = {
    colouring: plot('colouring random (m = 3n)', 'colouring-random.svg', 'nodes'),
    mwc: plot('multiway cut', 'multiway-cut.svg', 'services', [
      'dyplan',
      'HiGHS LP bound',
      'METIS (no candidates)',
    ]),
    ids: plot('id-assign', 'id-assign.svg', 'services'),
    commands: plot('whole commands (Nix models to a file)', 'commands.svg', 'services'),
  };

  const baselineFile = join(ROOT, 'bench/baseline.json');
  const current = quality();
  const regressions: string[] = [];
  if (quick) {
    // A quick run skips measurements: it neither writes nor checks the baseline.
  } else if (!existsSync(baselineFile) || args.includes('--update-baseline')) {
    writeFileSync(baselineFile, JSON.stringify(current, null, 2) + '\n');
  } else {
    const baseline = JSON.parse(readFileSync(baselineFile, 'utf8')) as Record<string, number>;
    for (const [key, value] of Object.entries(baseline)) {
      if (current[key] !== undefined && current[key] > value + 1e-9)
        regressions.push(`${key}: ${current[key]} (baseline ${value})`);
    }
  }

  const md = [
    '# Benchmarks',
    '',
    `One run of \`npm run bench\` (${quick ? 'QUICK: 1 run each, ' : ''}${started.toISOString().slice(0, 16).replace('T', ' ')} UTC, node ${process.version}, ` +
      `load average ${load} at the start and ${loadAfter} at the end, on a machine shared by several users: absolute times are noisy, ratios within a row are not).`,
    `Every figure is the median of ${RUNS} runs after a warm-up (min-max given), each measurement in its own process (peak memory = its maximum resident set).`,
    'Times of in-process tools exclude reading the input; whole commands are wall-clock times of the CLI, Nix evaluation included.',
    "Gaps use the plans layer's `gapPercent` (the one the summary lines print): (value - bound) / bound.",
    '',
    '## Headlines',
    '',
    ...headline(),
    '',
    '## Colouring: DIMACS graphs (χ proven in the literature)',
    '',
    'dyplan = `colourGraph` default (DSATUR, iterated greedy, tabu search under a move budget); `--exact` = its default search-node budget (no clock). ' +
      "networkx 2.8 (Debian python3-networkx) `greedy_color`; Debian's python3-igraph 0.10.2 has no colouring, so igraph's DSATUR colours are the ones recorded in bench/data/dimacs/README.md. " +
      'Time ratio: to networkx DSATUR in the same run.',
    '',
    ...table('colouring DIMACS'),
    '',
    '## Colouring: random sparse graphs, 100 to 1,000,000 nodes',
    '',
    `![colouring](plots/colouring-random.svg)`,
    '',
    `Fitted log-log slopes: ${slopes.colouring}. Time ratio: to networkx's greedy (largest first).`,
    '',
    ...table('colouring random (m = 3n)'),
    '',
    '## Multiway cut: bench/data/deploy (optima proven by HiGHS)',
    '',
    `![multiway cut](plots/multiway-cut.svg)`,
    '',
    `Fitted log-log slopes: ${slopes.mwc}. dyplan = \`multiwayCut\` (plan and its bound). HiGHS LP bound = the CKR relaxation in one LP (measured up to 10,000 services, recorded above). ` +
      'METIS (gpmetis, k parts) ignores the candidate lists, so its cut is no valid plan: it is there for time. dydisnix = the recorded result of the original. Time ratio: to METIS.',
    '',
    ...table('multiway cut'),
    '',
    '## Set cover: OR-Library (optima from the literature)',
    '',
    "dyplan = greedy, redundancy removal, Lagrangian heuristic (Beasley); greedy = the original's algorithm; HiGHS MIP = `--exact`. Time ratio: to greedy.",
    '',
    ...table('set cover'),
    '',
    '## id-assign: generated systems (3 resources, distribution mode)',
    '',
    `![id-assign](plots/id-assign.svg)`,
    '',
    `Fitted log-log slope: ${slopes.ids}. Value = services given IDs.`,
    '',
    ...table('id-assign'),
    '',
    '## Whole commands: Nix models of generated systems to a written file',
    '',
    `![commands](plots/commands.svg)`,
    '',
    `Fitted log-log slopes: ${slopes.commands}. Time ratio: to node's start-up (\`node -e ''\`).`,
    '',
    ...table('whole commands (Nix models to a file)'),
    '',
    '## Quality baseline',
    '',
    `bench/baseline.json holds the quality figures (colours, cuts, costs) of dyplan's tools; \`npm run bench\` exits 1 when one gets worse (never on a time). ${regressions.length === 0 ? 'This run: no regression.' : `This run: REGRESSIONS: ${regressions.join('; ')}.`}`,
    '',
  ].join('\n');
  if (!quick) writeFileSync(join(ROOT, 'bench/README.md'), md);
  if (quick) mkdirSync(join(ROOT, 'bench/out'), { recursive: true });
  writeFileSync(
    join(ROOT, quick ? 'bench/out/results-quick.json' : 'bench/results.json'),
    JSON.stringify({ started, load, loadAfter, rows }, null, 1) + '\n',
  );
  process.stdout.write(md);
  if (regressions.length > 0) {
    process.stderr.write(`bench: quality regressions:\n${regressions.join('\n')}\n`);
    process.exitCode = 1;
  }
}

if (args[0] === '--task') {
  const measured = await runTask(JSON.parse(args[1]) as Task);
  process.stdout.write(JSON.stringify(measured) + '\n');
} else await main();
