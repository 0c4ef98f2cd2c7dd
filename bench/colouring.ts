/**
 * Graph-colouring benchmark: algorithms/colouring/ (`colourGraph`) on the 18 DIMACS graphs of
 * bench/data/dimacs (against igraph's DSATUR colour counts from its README), the
 * exact branch and bound on them, and DSATUR on a seeded random graph with 100,000 nodes and
 * 1,000,000 edges (goal: at most 0.5 s).
 *
 *   npx tsc -p tsconfig.json && node dist/bench/colouring.js [--quick]
 *
 * `--quick` skips the exact runs on the four graphs nobody proves quickly. Prints markdown and
 * writes it to bench/out/colouring.md.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  buildAdjacency,
  colourGraph,
  dsaturHeuristic,
  isProperColouring,
  nameRanks,
  type ColouringResult,
} from '../algorithms/colouring/index.js';
import { mulberry32 } from '../algorithms/support/index.js';
import { readDimacsCol } from './dimacs.js';
import { benchData } from './data-dir.js';

const DATA = benchData('dimacs');
const quick = process.argv.includes('--quick');
/** Search-node budget of the exact runs (the library default). */
const EXACT_NODE_LIMIT = 5_000_000;

// name, chi, igraph DSATUR colours (README of the data set)
const GRAPHS: [string, number, number][] = [
  ['myciel3', 4, 4],
  ['myciel4', 5, 5],
  ['queen5_5', 5, 5],
  ['myciel5', 6, 6],
  ['jean', 10, 10],
  ['queen6_6', 7, 9],
  ['huck', 11, 11],
  ['david', 11, 11],
  ['queen7_7', 7, 9],
  ['anna', 11, 11],
  ['games120', 9, 9],
  ['queen8_8', 9, 11],
  ['myciel6', 7, 7],
  ['DSJC125.1', 5, 6],
  ['myciel7', 8, 8],
  ['DSJC125.5', 17, 21],
  ['le450_15a', 15, 17],
  ['school1', 14, 17],
];
const NOT_PROVED_BY_IGRAPH = new Set(['myciel6', 'myciel7', 'DSJC125.5', 'le450_15a']);

const lines: string[] = [];
function report(line = ''): void {
  console.log(line);
  lines.push(line);
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function timed<T>(fn: () => T): [number, T] {
  const t0 = performance.now();
  const value = fn();
  return [performance.now() - t0, value];
}

const ms = (x: number): string =>
  x >= 1000 ? `${(x / 1000).toFixed(2)} s` : x >= 10 ? `${x.toFixed(0)} ms` : `${x.toFixed(2)} ms`;

function dimacsTable(): boolean {
  report('## DIMACS graphs');
  report();
  report(
    'Heuristic = `colourGraph(problem)` (graph build + clique bound + bipartite test + DSATUR + iterated greedy), median of 5 runs after a warm-up. ' +
      '"plain" = DSATUR alone (`improveIterations: 0`, no shortcut). Exact = `colourGraph(problem, { exact: true })`, ' +
      `search budget ${EXACT_NODE_LIMIT.toLocaleString('en-US')} nodes; "opt" marks a proof.`,
  );
  report();
  report(
    '| instance | n | m | χ | igraph DSATUR | ours | plain DSATUR | time | clique bound | exact | exact time | search nodes |',
  );
  report('|---|---|---|---|---|---|---|---|---|---|---|---|');
  let allOk = true;
  let proved = 0;
  for (const [name, chi, igraph] of GRAPHS) {
    const g = readDimacsCol(join(DATA, `${name}.col`));
    const problem = { nodeCount: g.nodeCount, edges: g.edges };
    colourGraph(problem); // warm-up
    const times: number[] = [];
    let r: ColouringResult | undefined;
    for (let i = 0; i < 5; i++) {
      const [t, res] = timed(() => colourGraph(problem));
      times.push(t);
      r = res;
    }
    const h = r as ColouringResult;
    const plain = colourGraph(problem, { improveIterations: 0, bipartiteShortcut: false });
    const adj = buildAdjacency(g.nodeCount, g.edges);
    if (!isProperColouring(adj, h.colouring)) throw new Error(`${name}: improper colouring`);
    if (h.colours > igraph) allOk = false;
    let exactCell = 'skipped';
    let exactTime = '';
    let nodes = '';
    if (!(quick && NOT_PROVED_BY_IGRAPH.has(name))) {
      const [t, e] = timed(() => colourGraph(problem, { exact: true, nodeLimit: EXACT_NODE_LIMIT }));
      if (!isProperColouring(adj, e.colouring)) throw new Error(`${name}: improper exact colouring`);
      exactCell = e.optimal ? `${e.colours} opt` : `${e.colours} (bound ${e.lowerBound})`;
      if (e.optimal && e.colours !== chi) throw new Error(`${name}: exact ${e.colours} != chi ${chi}`);
      if (e.optimal) proved++;
      exactTime = ms(t);
      nodes = (e.searchNodes ?? 0).toLocaleString('en-US');
    }
    report(
      `| ${name} | ${g.nodeCount} | ${g.edges.length} | ${chi} | ${igraph} | ${h.colours} | ${plain.colours} | ${ms(median(times))} | ${h.lowerBound} | ${exactCell} | ${exactTime} | ${nodes} |`,
    );
  }
  report();
  report(
    `Ours <= igraph on every graph: **${allOk ? 'yes' : 'NO'}**. Exact proofs: **${proved}** of ${GRAPHS.length}.`,
  );
  report();
  return allOk;
}

function randomGraph(n: number, m: number, seed: number): [number, number][] {
  const rnd = mulberry32(seed);
  const edges: [number, number][] = [];
  while (edges.length < m) {
    const u = Math.floor(rnd() * n);
    const v = Math.floor(rnd() * n);
    if (u !== v) edges.push([u, v]);
  }
  return edges;
}

function bigGraph(): void {
  const n = 100_000;
  const m = 1_000_000;
  report(`## Random graph: ${n.toLocaleString('en-US')} nodes, ${m.toLocaleString('en-US')} edges`);
  report();
  report(
    'Uniform random endpoint pairs from mulberry32(42) (self-pairs redrawn; the few repeated pairs are merged). ' +
      'Node names `n0`..`n99999` for the tie-break. 5 runs after a warm-up; min and median.',
  );
  report();
  const edges = randomGraph(n, m, 42);
  const names = Array.from({ length: n }, (_, i) => `n${i}`);
  const problem = { nodeCount: n, names, edges };
  const rows: [string, () => { colours: number }][] = [
    [
      '`colourGraph()` default (build + clique + bipartite test unless a triangle was found + DSATUR + iterated greedy)',
      () => colourGraph(problem),
    ],
    [
      '`colourGraph()` with `improveIterations: 0` (same without iterated greedy)',
      () => colourGraph(problem, { improveIterations: 0 }),
    ],
  ];
  const adj = buildAdjacency(n, edges, names);
  const rank = nameRanks(n, names);
  rows.push([
    'DSATUR core only (prebuilt graph: heap + saturation updates)',
    () => dsaturHeuristic(adj, rank, null, Infinity),
  ]);
  rows.push([
    'graph build only (de-duplication, CSR)',
    () => ({ colours: buildAdjacency(n, edges, names).edgeCount }),
  ]);
  report('| what | min | median | colours |');
  report('|---|---|---|---|');
  for (const [label, fn] of rows) {
    fn(); // warm-up
    const times: number[] = [];
    let colours = 0;
    for (let i = 0; i < 5; i++) {
      const [t, r] = timed(fn);
      times.push(t);
      colours = r.colours;
    }
    const col = label.startsWith('graph build')
      ? `(${colours.toLocaleString('en-US')} distinct edges)`
      : String(colours);
    report(`| ${label} | ${ms(times.reduce((a, b) => Math.min(a, b)))} | ${ms(median(times))} | ${col} |`);
  }
  const r = colourGraph(problem);
  report();
  report(
    `Clique lower bound ${r.lowerBound}; method ${r.method}; proper: ${isProperColouring(adj, Int32Array.from(r.colouring))}.`,
  );
  report();
}

const here = dirname(fileURLToPath(import.meta.url));
const outFile = join(here, '..', '..', 'bench', 'out', 'colouring.md');
report('# Graph colouring benchmark');
report();
report(`Node ${process.version}, ${new Date().toISOString().slice(0, 10)}.`);
report();
dimacsTable();
bigGraph();
mkdirSync(dirname(outFile), { recursive: true });
writeFileSync(outFile, lines.join('\n') + '\n');
console.log(`written to ${outFile}`);
