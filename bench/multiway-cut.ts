/**
 * Benchmark of the multiway-cut solvers on bench/data/deploy (instances with proven
 * optima, see its README). Prints a markdown table and writes it to bench/out/multiway-cut.md.
 *
 *   npx tsc -p tsconfig.json && node dist/bench/multiway-cut.js [--data DIR] [--exact] [--no-lp]
 *
 * Columns: default solver (time = median of 3 runs after a warm-up, includes validation), plain
 * greedy + alpha-expansion + polish (`{ exactNodeBudget: 0, restarts: 0 }`), the isolating-cut
 * approximation, the CKR LP bound (HiGHS, 120 s limit) and, with --exact, the exact solver.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  exactMultiwayCut,
  isolatingCuts,
  lpLowerBound,
  multiwayCut,
  type MultiwayCutInstance,
  type MultiwayCutOptions,
} from '../algorithms/multiway-cut/index.js';
import { benchData } from './data-dir.js';

interface InstanceFile {
  name: string;
  services: number;
  hosts: number;
  edges: [number, number][];
  candidates: number[][];
}

const args = process.argv.slice(2);
const dataDir = resolve(args.includes('--data') ? args[args.indexOf('--data') + 1] : benchData('deploy'));
const runExact = args.includes('--exact');
const runLp = !args.includes('--no-lp');
const here = dirname(fileURLToPath(import.meta.url));
// Compiled to dist/bench/ or run from bench/: either way the output goes to <project>/bench/out.
const projectRoot = basename(dirname(here)) === 'dist' ? resolve(here, '..', '..') : resolve(here, '..');
const outDir = join(projectRoot, 'bench', 'out');

/** Proven optima from the README table: `| name | services | edges | hosts | optimum | LP | dydisnix |`. */
function readOptima(): Map<string, { optimum: number; dydisnix: number }> {
  const optima = new Map<string, { optimum: number; dydisnix: number }>();
  for (const line of readFileSync(join(dataDir, 'README.md'), 'utf8').split('\n')) {
    const cells = line.split('|').map((c) => c.trim());
    if (cells.length < 8 || !/^\d+$/.test(cells[5] ?? '')) continue;
    optima.set(cells[1], { optimum: Number(cells[5]), dydisnix: Number(cells[7]) });
  }
  return optima;
}

function timeIt<T>(run: () => T, repeats: number): { value: T; ms: number } {
  let value = run(); // warm-up
  const times: number[] = [];
  for (let r = 0; r < repeats; r++) {
    const start = performance.now();
    value = run();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return { value, ms: times[Math.floor(times.length / 2)] };
}

const pct = (value: number, reference: number): string =>
  reference === 0 ? (value === 0 ? '0.00' : 'inf') : ((100 * (value - reference)) / reference).toFixed(2);
const ms = (value: number): string => (value < 10 ? value.toFixed(2) : value.toFixed(0));

async function main(): Promise<void> {
  const optima = readOptima();
  const files = readdirSync(dataDir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => JSON.parse(readFileSync(join(dataDir, f), 'utf8')) as InstanceFile)
    .sort((a, b) => a.services - b.services || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));

  const header = [
    'instance',
    'n',
    'k',
    'optimum',
    'default cut',
    'gap %',
    'time ms',
    'proven',
    'LP bound',
    'LP ms',
    'gap vs LP %',
    'expansion-only cut',
    'gap %',
    'time ms',
    'isolating cut',
    'gap %',
    'time ms',
    'dydisnix',
    ...(runExact ? ['exact cut', 'exact s', 'exact optimal'] : []),
  ];
  const rows: string[][] = [];
  const plain: MultiwayCutOptions = { exactNodeBudget: 0, restarts: 0 };
  const acceptance: string[] = [];
  let maxGap = 0;
  let maxGap10k = 0;
  for (const file of files) {
    const instance: MultiwayCutInstance = {
      itemCount: file.services,
      labelCount: file.hosts,
      edges: file.edges,
      candidates: file.candidates,
    };
    const reference = optima.get(file.name);
    const optimum = reference?.optimum ?? NaN;
    const def = timeIt(() => multiwayCut(instance), 3);
    const exp = timeIt(() => multiwayCut(instance, plain), 3);
    const iso = timeIt(() => isolatingCuts(instance), 3);
    let lpCell = 'skipped';
    let lpMs = '';
    let lpGap = '';
    if (runLp) {
      const start = performance.now();
      const lp = await lpLowerBound(instance, { timeLimit: 120 });
      lpMs = ms(performance.now() - start);
      if (lp.solved) {
        lpCell = lp.lowerBound.toFixed(2);
        lpGap = pct(def.value.cost, lp.lowerBound);
      } else lpCell = 'time limit';
    }
    const gap = (100 * (def.value.cost - optimum)) / optimum;
    maxGap = Math.max(maxGap, gap);
    if (file.services === 10_000) maxGap10k = Math.max(maxGap10k, gap);
    const row = [
      file.name,
      String(file.services),
      String(file.hosts),
      String(optimum),
      String(def.value.cost),
      pct(def.value.cost, optimum),
      ms(def.ms),
      def.value.optimal ? 'yes' : 'no',
      lpCell,
      lpMs,
      lpGap,
      String(exp.value.cost),
      pct(exp.value.cost, optimum),
      ms(exp.ms),
      String(iso.value.cost),
      pct(iso.value.cost, optimum),
      ms(iso.ms),
      String(reference?.dydisnix ?? ''),
    ];
    if (runExact) {
      const start = performance.now();
      const exact = await exactMultiwayCut(instance, { timeLimit: 300 });
      row.push(
        String(exact.cost),
        ((performance.now() - start) / 1000).toFixed(1),
        exact.optimal ? 'yes' : 'no',
      );
    }
    rows.push(row);
    process.stderr.write(`${file.name}: ${def.value.cost} (optimum ${optimum}) in ${ms(def.ms)} ms\n`);
    const valid = def.value.labels.every((label, i) => file.candidates[i].includes(label));
    if (!valid) acceptance.push(`INVALID labelling on ${file.name}`);
    if (file.services === 10_000 && file.hosts === 100 && def.ms > 300) {
      acceptance.push(`too slow on ${file.name}: ${ms(def.ms)} ms > 300 ms`);
    }
    if (file.services === 100_000 && def.ms > 3000)
      acceptance.push(`too slow on ${file.name}: ${ms(def.ms)} ms > 3000 ms`);
  }
  if (maxGap > 2) acceptance.push(`max gap ${maxGap.toFixed(2)} % > 2 %`);
  if (maxGap10k > 1) acceptance.push(`max gap on 10,000 items ${maxGap10k.toFixed(2)} % > 1 %`);

  const lines = [
    `# Multiway cut benchmark (${new Date().toISOString().slice(0, 10)}, node ${process.version})`,
    '',
    `Data: ${dataDir}. Default solver time: median of 3 runs after a warm-up, including input validation.`,
    runLp
      ? 'LP bound: CKR relaxation via HiGHS (wasm), one LP over the whole instance, 120 s limit.'
      : 'LP bound skipped (--no-lp).',
    '',
    `| ${header.join(' | ')} |`,
    `|${header.map(() => '---').join('|')}|`,
    ...rows.map((row) => `| ${row.join(' | ')} |`),
    '',
    `Max gap of the default solver vs the proven optimum: ${maxGap.toFixed(2)} % (10,000 items: ${maxGap10k.toFixed(2)} %).`,
    acceptance.length === 0
      ? 'Acceptance targets: all met.'
      : `Acceptance targets MISSED: ${acceptance.join('; ')}.`,
    '',
  ];
  const text = lines.join('\n');
  process.stdout.write(text);
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, 'multiway-cut.md'), text);
}

await main();
