/**
 * Visualisation benchmark: which WebAssembly Graphviz to use, where the hierarchical `dot`
 * layout stops being practical (the LARGE_DIAGRAM_THRESHOLD of src/render/render-graph.ts),
 * and how long 1,000- and 10,000-service systems take to render to SVG.
 *
 *   npm run build && node dist/bench/render.js [--quick] [--only=compare,threshold,pinned,end-to-end]
 *
 * Prints a report and writes it to bench/out/render.md (takes about 5 minutes on 2 cores).
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { countNodes, distributionGraph, printDot, servicesGraph } from '../src/dot/index.js';
import {
  LARGE_DIAGRAM_THRESHOLD,
  pinnedGraph,
  renderDot,
  renderGraph,
  type WasmBuild,
} from '../src/render/index.js';
import { wasmGraphviz, wasmSvg } from '../src/render/render-dot.js';
import { syntheticSystem } from './synthetic-system.js';

const quick = process.argv.includes('--quick');
const lines: string[] = [];
function report(line = ''): void {
  console.log(line);
  lines.push(line);
}

async function timed<T>(fn: () => Promise<T> | T): Promise<[number, T]> {
  const t0 = performance.now();
  const value = await fn();
  return [performance.now() - t0, value];
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

const fmt = (ms: number): string => (ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`);

function servicesDiagramDot(n: number): string {
  return printDot(servicesGraph(syntheticSystem(n).services));
}

function distributionDiagramDot(n: number): string {
  const s = syntheticSystem(n);
  return printDot(distributionGraph(s.services, s.infrastructure, s.distribution));
}

/** CPU time (user + system) of this process while `fn` runs: robust against other load on the machine. */
async function cpuTimed<T>(fn: () => Promise<T> | T): Promise<number> {
  const before = process.cpuUsage();
  await fn();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000;
}

async function compareBuilds(): Promise<void> {
  report('## WebAssembly Graphviz: @hpcc-js/wasm-graphviz vs @viz-js/viz');
  report();
  report(
    'Hierarchical `dot` layout to SVG of a services diagram (no clusters, cross-group links) and a distribution diagram (target/container clusters). ' +
      'Both builds embed Graphviz 16.1. Figures are the median **CPU time** of 5 runs after a warm-up, runs of the two builds interleaved ' +
      '(CPU time rather than wall time because the 2-core machine is shared; wall times vary by ±30% between runs). Load = first `load()`/`instance()` call (wall).',
  );
  report();
  report(
    '| build | load | services 300 (medium) | services 800 (large) | distribution 300 (medium) | distribution 1,000 (large) |',
  );
  report('|---|---|---|---|---|---|');
  const inputs = [
    servicesDiagramDot(300),
    servicesDiagramDot(800),
    distributionDiagramDot(300),
    distributionDiagramDot(1000),
  ];
  const builds = ['hpcc', 'viz'] as const;
  const loads: Record<WasmBuild, number> = { hpcc: 0, viz: 0 };
  for (const build of builds) loads[build] = (await timed(() => wasmGraphviz(build)))[0];
  const results: Record<WasmBuild, number[]> = { hpcc: [], viz: [] };
  for (const dot of inputs) {
    for (const build of builds) await wasmSvg(dot, { wasm: build });
    const runs: Record<WasmBuild, number[]> = { hpcc: [], viz: [] };
    for (let i = 0; i < 5; i++)
      for (const build of builds) runs[build].push(await cpuTimed(() => wasmSvg(dot, { wasm: build })));
    for (const build of builds) results[build].push(median(runs[build]));
  }
  for (const build of builds)
    report(`| ${build} | ${fmt(loads[build])} | ${results[build].map(fmt).join(' | ')} |`);
  const cells: string[] = ['n/a'];
  for (const dot of inputs) cells.push(fmt((await timed(() => renderDot(dot, 'svg', 'dot')))[0]));
  report(`| system dot 2.43 (reference, wall, 1 run) | ${cells.join(' | ')} |`);
  report();
  const ratios = results.viz.map((v, i) => (v / results.hpcc[i]).toFixed(2));
  report(`viz/hpcc CPU-time ratios: ${ratios.join(', ')} (> 1 means hpcc is faster).`);
  report();
}

async function threshold(): Promise<void> {
  report('## Hierarchical layout time by size (hpcc, `dot` engine, SVG)');
  report();
  report('| diagram | nodes | edges | time |');
  report('|---|---|---|---|');
  const limit = quick ? 5_000 : 30_000;
  for (const [kind, make, sizes] of [
    ['services', servicesDiagramDot, [200, 400, 600, 800, 1000, 1200, 1500, 2000]],
    ['distribution', distributionDiagramDot, [200, 500, 1000, 1500, 2000, 3000, 4000]],
  ] as const) {
    for (const n of sizes) {
      const dot = make(n);
      const edges = dot.split('\n').filter((l) => l.includes('" -> "')).length;
      const nodes = dot.split('\n').filter((l) => /^"[^"]*" \[ label/.test(l)).length;
      const [ms] = await timed(() => wasmSvg(dot));
      report(`| ${kind} | ${nodes} | ${edges} | ${fmt(ms)} |`);
      if (ms > limit) break;
    }
  }
  report();
  report(`Threshold in use: LARGE_DIAGRAM_THRESHOLD = ${LARGE_DIAGRAM_THRESHOLD} nodes.`);
  report();
}

async function pinned(): Promise<void> {
  report('## Pinned layout (graphology circle packing + ForceAtlas2, then Graphviz no-op layout)');
  report();
  report('| diagram | services | nodes | JS layout | Graphviz nop render (SVG) | SVG size |');
  report('|---|---|---|---|---|---|');
  for (const n of quick ? [1000, 10000] : [1000, 2000, 5000, 10000]) {
    const system = syntheticSystem(n);
    for (const [kind, graph, colourBy] of [
      ['services', servicesGraph(system.services, { clusters: true }), 'innermost'],
      [
        'distribution',
        distributionGraph(system.services, system.infrastructure, system.distribution),
        'outermost',
      ],
    ] as const) {
      const [layoutMs, dot] = await timed(() => printDot(pinnedGraph(graph, { colourBy })));
      const [renderMs, svg] = await timed(() => renderDot(dot, 'svg', 'wasm', { engine: 'nop' }));
      report(
        `| ${kind} | ${n} | ${countNodes(graph)} | ${fmt(layoutMs)} | ${fmt(renderMs)} | ${(svg.length / 1e6).toFixed(1)} MB |`,
      );
    }
  }
  report();
}

async function endToEnd(): Promise<void> {
  report('## End to end: generated systems to SVG (wasm, `renderGraph` with automatic layout choice)');
  report();
  report('| system | diagram | nodes | layout | time | output |');
  report('|---|---|---|---|---|---|');
  for (const n of [1000, 10000]) {
    const system = syntheticSystem(n);
    const diagrams = [
      ['services', servicesGraph(system.services), 'innermost'],
      ['services, groups collapsed', servicesGraph(system.services, { groupSubservices: true }), 'innermost'],
      [
        'distribution',
        distributionGraph(system.services, system.infrastructure, system.distribution),
        'outermost',
      ],
    ] as const;
    for (const [kind, graph, colourBy] of diagrams) {
      const nodes = countNodes(graph);
      const [ms, svg] = await timed(() => renderGraph(graph, 'svg', { colourBy }));
      const layout = nodes > LARGE_DIAGRAM_THRESHOLD ? 'pinned' : 'dot';
      report(
        `| ${n} services | ${kind} | ${nodes} | ${layout} | ${fmt(ms)} | ${(svg.length / 1e6).toFixed(2)} MB SVG |`,
      );
    }
    const graph = servicesGraph(system.services);
    const [ms, png] = await timed(() => renderGraph(graph, 'png', { colourBy: 'innermost' }));
    report(
      `| ${n} services | services (PNG via resvg) | ${countNodes(graph)} | ${countNodes(graph) > LARGE_DIAGRAM_THRESHOLD ? 'pinned' : 'dot'} | ${fmt(ms)} | ${(png.length / 1e6).toFixed(2)} MB PNG |`,
    );
  }
  report();
}

async function main(): Promise<void> {
  report('# Visualisation benchmark');
  report();
  report(
    `Node ${process.version}, ${new Date().toISOString().slice(0, 10)}${quick ? ', --quick' : ''}. Synthetic systems from bench/synthetic-system.ts (seed 42).`,
  );
  report();
  const only = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length);
  const sections: [string, () => Promise<void>][] = [
    ['compare', compareBuilds],
    ['threshold', threshold],
    ['pinned', pinned],
    ['end-to-end', endToEnd],
  ];
  for (const [name, run] of sections) if (only === undefined || only.split(',').includes(name)) await run();
  // Runs compiled (dist/bench/render.js) or from source: the project root holds package.json.
  let root = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(root, 'package.json')) && dirname(root) !== root) root = dirname(root);
  const out = join(root, 'bench', 'out');
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'render.md'), lines.join('\n') + '\n');
  console.log(`\nwritten ${join(out, 'render.md')}`);
}

await main();
