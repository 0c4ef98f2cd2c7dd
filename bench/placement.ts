/**
 * Benchmark of `dyplan place` against the alternatives, side by side on the same generated
 * instances (bench/placement-instances.ts: layered, scale-free and clustered dependency graphs,
 * 100 x 5 to 10,000 x 100, utilisation 80-95 %, one or two resources, with and without spread
 * groups and candidate lists):
 *
 * - greedy: Kubernetes-style, services in name order, each on the feasible target (capacity,
 *   spread, candidates) with the most already-placed neighbours, ties to the least allocated;
 * - divide->cut: the original's pipeline, `divide --strategy greedy` per resource (each on the
 *   previous one's result), then `multiwaycut` within what divide left (one target each);
 * - cut->divide: `multiwaycut` on the candidates, then `divide --strategy greedy` with the cut's
 *   target as first candidate (the capacity repair a QoS policy can express);
 * - METIS: `gpmetis` (multi-constraint, the capacities as target weights, imbalance from the
 *   utilisation), its partition repaired to feasibility (instances without candidate lists);
 * - place: `dyplan place` (src/plans/place.ts) with its lower bound;
 * - the MIP (HiGHS) on the small instances: the optimum, or its best bound at the time limit.
 *
 * Every plan is checked by src/plans/place-check.ts (an independent checker). Replanning: on the
 * instances at 80 %, 10 % of the targets leave and each planner replans; `place` with
 * `--migration-cost` 1 and 100 against the previous plan.
 *
 *   npm run build && node dist/bench/placement.js [--quick] [--min-services N] [--mip-time S] [--no-metis]
 *
 * Writes bench/out/placement.md (markdown tables). `placementBenchmark(options)` returns the rows
 * for the combined benchmark run.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { exactPlacement, repairPlacement, type PlacementInstance } from '../algorithms/placement/index.js';
import { mulberry32 } from '../algorithms/support/index.js';
import type { DistributionModel, InfrastructureModel } from '../models/types.js';
import { planDivide } from '../src/plans/divide.js';
import { planMultiwayCut } from '../src/plans/multiway-cut.js';
import { checkPlacement } from '../src/plans/place-check.js';
import { placeProblem, planPlace, type PlaceModels, type PlacePlanOptions } from '../src/plans/place.js';
import { PlanningError } from '../src/errors.js';
import { toDistribution } from '../src/plans/placement.js';
import { parseResourcePairs } from '../src/plans/resources.js';
import { generateInstance, type GeneratedInstance, type InstanceSpec } from './placement-instances.js';

export interface PlacementBenchmarkOptions {
  /** Only the instances up to 1,000 services. */
  quick?: boolean;
  /** Only the instances with at least this many services. */
  minServices?: number;
  /** Seconds for the MIP on the small instances (default 60; 0 skips it). */
  mipTimeLimit?: number;
  /** Skip METIS even when gpmetis is installed. */
  noMetis?: boolean;
  /** Progress lines (default: to stderr). */
  log?: (line: string) => void;
}

export interface PlannerOutcome {
  /** Crossing links, or undefined when the planner gave no feasible plan. */
  cut?: number;
  feasible: boolean;
  ms: number;
  note?: string;
}

export interface PlacementRow {
  instance: string;
  services: number;
  targets: number;
  links: number;
  resources: number;
  utilisation: number;
  spread: boolean;
  candidates: number;
  greedy: PlannerOutcome;
  divideCut: PlannerOutcome;
  cutDivide: PlannerOutcome;
  metis?: PlannerOutcome;
  place: PlannerOutcome & { bound: number; boundKind: string; boundMs: number; work: number };
  /** MIP optimum (or best bound, `optimal` false) when run. */
  mip?: { cut?: number; bound: number; optimal: boolean; seconds: number };
  /** The search alone (no exact solve of small programmes), where the MIP was run. */
  searchAlone?: number;
  /** CPU time of the place run (less disturbed by other processes than the wall clock). */
  placeCpuMs: number;
  /** A second run gave the same plan (undefined: not checked). */
  deterministic?: boolean;
  /** Reference time of the run (sorting 10^6 floats), for ratios. */
  referenceMs: number;
}

export interface ReplanRow {
  instance: string;
  targetsLeft: number;
  displaced: number;
  placeFromScratch: { cut?: number; moved: number };
  placeCost1: { cut?: number; moved: number; feasible: boolean };
  placeCost100: { cut?: number; moved: number; feasible: boolean };
  greedy: { cut?: number; moved: number };
  metis?: { cut?: number; moved: number };
}

export interface PlacementBenchmarkResult {
  rows: PlacementRow[];
  replans: ReplanRow[];
  markdown: string;
}

const KINDS = ['layered', 'scalefree', 'clustered'] as const;
/** The small tier (40 x 4, 60 x 5) is where HiGHS proves optima: there candidate lists have 2 targets. */
const SIZES: [number, number][] = [
  [40, 4],
  [60, 5],
  [100, 5],
  [1000, 10],
  [10000, 100],
];
/** The variants of every graph and size: resources, utilisation, spread groups, candidates. */
const VARIANTS: Pick<InstanceSpec, 'resources' | 'utilisation' | 'spread' | 'candidates'>[] = [
  { resources: 1, utilisation: 0.8, spread: false, candidates: 0 },
  { resources: 2, utilisation: 0.95, spread: true, candidates: 0 },
  { resources: 1, utilisation: 0.9, spread: true, candidates: 6 },
  { resources: 2, utilisation: 0.85, spread: false, candidates: 6 },
];

function optionsOf(spec: InstanceSpec, extra: Partial<PlacePlanOptions> = {}): PlacePlanOptions {
  return {
    resources: parseResourcePairs(
      spec.resources === 1 ? ['requireMem:mem'] : ['requireMem:mem', 'requireCpu:cpu'],
    ),
    spreadProperty: spec.spread ? 'spreadGroup' : undefined,
    ...extra,
  };
}

function modelsOf(instance: GeneratedInstance): PlaceModels {
  return {
    services: instance.services,
    infrastructure: instance.infrastructure,
    distribution: instance.spec.candidates > 0 ? instance.distribution : undefined,
  };
}

function referenceMs(): number {
  const random = mulberry32(7);
  const values = Float64Array.from({ length: 1_000_000 }, random);
  const start = performance.now();
  values.sort();
  return performance.now() - start;
}

/** Checks a distribution; the cut when it is feasible. */
function judge(
  models: PlaceModels,
  distribution: DistributionModel | undefined,
  options: PlacePlanOptions,
  ms: number,
  note?: string,
): PlannerOutcome {
  if (!distribution) return { feasible: false, ms, note };
  const check = checkPlacement(models, distribution, options);
  return {
    cut: check.violations.length === 0 ? check.crossingWeight : undefined,
    feasible: check.violations.length === 0,
    ms,
    note: check.violations.length > 0 ? `${check.violations.length} violations` : note,
  };
}

/** Kubernetes-style greedy on the numeric instance: bins, or undefined when a service stays pending. */
export function greedyPlacement(instance: PlacementInstance, order: number[]): Int32Array | undefined {
  const n = instance.itemCount;
  const k = instance.binCount;
  const R = instance.demands.length;
  const load = Array.from({ length: R }, () => new Float64Array(k));
  const bins = new Int32Array(n).fill(-1);
  const neighbours: number[][] = Array.from({ length: n }, () => []);
  for (const [a, b] of instance.edges) {
    neighbours[a].push(b);
    neighbours[b].push(a);
  }
  const groupOn = new Set<string>();
  const count = new Float64Array(k);
  for (const v of order) {
    count.fill(0);
    for (const u of neighbours[v]) if (bins[u] >= 0) count[bins[u]]++;
    const allowed = instance.candidates?.[v] ?? Array.from({ length: k }, (_, b) => b);
    const group = instance.groups?.[v] ?? -1;
    let best = -1;
    let bestScore = -Infinity;
    for (const b of allowed) {
      let fits = true;
      let allocated = 0;
      for (let r = 0; r < R; r++) {
        const after = load[r][b] + instance.demands[r][v];
        if (after > instance.capacities[r][b]) fits = false;
        allocated = Math.max(allocated, after / Math.max(instance.capacities[r][b], 1e-12));
      }
      if (!fits || (group >= 0 && groupOn.has(`${group}:${b}`))) continue;
      const score = count[b] - 1e-3 * allocated;
      if (score > bestScore) {
        bestScore = score;
        best = b;
      }
    }
    if (best < 0) return undefined;
    bins[v] = best;
    for (let r = 0; r < R; r++) load[r][best] += instance.demands[r][v];
    if (group >= 0) groupOn.add(`${group}:${best}`);
  }
  return bins;
}

const hasMetis = () =>
  spawnSync('gpmetis', ['-help'], { stdio: 'ignore' }).status !== null &&
  spawnSync('which', ['gpmetis']).status === 0;

/** gpmetis on the instance (no candidates): a partition, capacity-weighted targets. */
export function metisPartition(instance: PlacementInstance, utilisation: number, dir: string): Int32Array {
  const n = instance.itemCount;
  const k = instance.binCount;
  const R = instance.demands.length;
  const adjacency: Map<number, number>[] = Array.from({ length: n }, () => new Map());
  instance.edges.forEach(([a, b], e) => {
    if (a === b) return;
    const w = instance.edgeWeights?.[e] ?? 1;
    adjacency[a].set(b, (adjacency[a].get(b) ?? 0) + w);
    adjacency[b].set(a, (adjacency[b].get(a) ?? 0) + w);
  });
  let m = 0;
  for (const row of adjacency) m += row.size;
  const lines = [`${n} ${m / 2} 011 ${R}`];
  for (let v = 0; v < n; v++) {
    const weights = instance.demands.map((d) => Math.max(1, Math.round(d[v])));
    lines.push(
      [...weights, ...[...adjacency[v]].flatMap(([u, w]) => [u + 1, Math.max(1, Math.round(w))])].join(' '),
    );
  }
  const graphFile = join(dir, 'graph');
  writeFileSync(graphFile, lines.join('\n') + '\n');
  const fractions: string[] = [];
  for (let r = 0; r < R; r++) {
    let total = 0;
    for (let b = 0; b < k; b++) total += instance.capacities[r][b];
    // Fractions must sum to 1 per constraint: the last target takes the rounding.
    let sum = 0;
    for (let b = 0; b < k; b++) {
      const f = b === k - 1 ? Math.max(0, 1 - sum) : Number((instance.capacities[r][b] / total).toFixed(6));
      sum += f;
      fractions.push(`${b}:${r} = ${f.toFixed(6)}`);
    }
  }
  const tpwgts = join(dir, 'tpwgts');
  writeFileSync(tpwgts, fractions.join('\n') + '\n');
  const ufactor = Math.max(1, Math.floor((1 / utilisation - 1) * 1000));
  execFileSync(
    'gpmetis',
    ['-ptype=kway', `-ufactor=${ufactor}`, `-tpwgts=${tpwgts}`, '-seed=1', graphFile, String(k)],
    {
      stdio: 'ignore',
    },
  );
  return Int32Array.from(readFileSync(`${graphFile}.part.${k}`, 'utf8').trim().split('\n'), Number);
}

async function dividePipeline(
  models: PlaceModels,
  infrastructure: InfrastructureModel,
  spec: InstanceSpec,
  first: 'divide' | 'cut',
): Promise<{ distribution?: DistributionModel; note?: string }> {
  const candidates =
    models.distribution ??
    Object.fromEntries(
      Object.keys(models.services).map((s) => [s, Object.keys(infrastructure).map((target) => ({ target }))]),
    );
  const properties = [
    ['requireMem', 'mem'],
    ['requireCpu', 'cpu'],
  ].slice(0, spec.resources);
  try {
    if (first === 'divide') {
      let distribution = candidates;
      for (const [demandProperty, capacityProperty] of properties) {
        const divided = await planDivide(
          { services: models.services, infrastructure, distribution },
          { strategy: 'greedy', demandProperty, capacityProperty },
        );
        distribution = divided.distribution;
      }
      const cut = await planMultiwayCut({ services: models.services, distribution }, { bound: 'free' });
      return { distribution: cut.distribution };
    }
    const cut = await planMultiwayCut(
      { services: models.services, distribution: candidates },
      { bound: 'free' },
    );
    let distribution: DistributionModel = Object.fromEntries(
      Object.entries(candidates).map(([s, list]) => {
        const chosen = cut.distribution[s][0].target;
        return [s, [...list.filter((m) => m.target === chosen), ...list.filter((m) => m.target !== chosen)]];
      }),
    );
    for (const [demandProperty, capacityProperty] of properties) {
      // The second resource divides within what the first left (one target each).
      const divided = await planDivide(
        { services: models.services, infrastructure, distribution },
        { strategy: 'greedy', demandProperty, capacityProperty },
      );
      distribution = divided.distribution;
    }
    return { distribution };
  } catch (error) {
    return {
      note: error instanceof Error ? error.message.replace(/^divide: /, '').slice(0, 60) : String(error),
    };
  }
}

const time = async <T>(work: () => Promise<T> | T): Promise<{ value: T; ms: number }> => {
  const start = performance.now();
  const value = await work();
  return { value, ms: performance.now() - start };
};

function cutOf(instance: PlacementInstance, bins: ArrayLike<number>): number {
  let cut = 0;
  instance.edges.forEach(([a, b], e) => {
    if (bins[a] !== bins[b]) cut += instance.edgeWeights?.[e] ?? 1;
  });
  return cut;
}

export async function placementBenchmark(
  options: PlacementBenchmarkOptions = {},
): Promise<PlacementBenchmarkResult> {
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const mipTime = options.mipTimeLimit ?? 60;
  const metis = !options.noMetis && hasMetis();
  const scratch = mkdtempSync(join(tmpdir(), 'dyplan-placement-'));
  const rows: PlacementRow[] = [];
  const replans: ReplanRow[] = [];
  /** Instances where place gave no plan (infeasibility proven, or none found). */
  const failures: string[] = [];
  try {
    for (const [n, k] of SIZES) {
      if (options.quick && n > 1000) continue;
      if (options.minServices !== undefined && n < options.minServices) continue;
      for (const kind of KINDS)
        for (const variant of VARIANTS) {
          const candidates = n < 100 && variant.candidates > 0 ? 2 : variant.candidates;
          const spec: InstanceSpec = { kind, services: n, targets: k, ...variant, candidates, seed: 1 };
          const generated = generateInstance(spec);
          const models = modelsOf(generated);
          const planOptions = optionsOf(spec);
          const { instance, problem } = placeProblem(models, planOptions);
          const reference = referenceMs();

          const order = problem.services.map((_, i) => i);
          const greedyRun = await time(() => greedyPlacement(instance, order));
          const greedy = judge(
            models,
            greedyRun.value && toDistribution(problem, greedyRun.value),
            planOptions,
            greedyRun.ms,
            greedyRun.value ? undefined : 'a service stays pending',
          );
          const dc = await time(() => dividePipeline(models, generated.infrastructure, spec, 'divide'));
          const divideCut = judge(models, dc.value.distribution, planOptions, dc.ms, dc.value.note);
          const cd = await time(() => dividePipeline(models, generated.infrastructure, spec, 'cut'));
          const cutDivide = judge(models, cd.value.distribution, planOptions, cd.ms, cd.value.note);

          let metisOutcome: PlannerOutcome | undefined;
          if (metis && spec.candidates === 0) {
            const run = await time(() => {
              const partition = metisPartition(instance, spec.utilisation, scratch);
              return { partition, repaired: repairPlacement(instance, partition) };
            });
            const rawCut = cutOf(instance, run.value.partition);
            metisOutcome = judge(
              models,
              run.value.repaired.feasible ? toDistribution(problem, run.value.repaired.bins) : undefined,
              planOptions,
              run.ms,
              `raw ${rawCut}`,
            );
          }

          const cpuStart = process.cpuUsage();
          let placeRun;
          try {
            placeRun = await time(() => planPlace(models, { ...planOptions, bound: 'combinatorial' }));
          } catch (error) {
            if (!(error instanceof PlanningError)) throw error;
            failures.push(`${generated.name} (${error.message})`);
            log(`${generated.name}: place found no plan: ${error.message}`);
            continue;
          }
          const cpu = process.cpuUsage(cpuStart);
          const placeCpuMs = (cpu.user + cpu.system) / 1000;
          const result = placeRun.value;
          const placeOutcome = judge(models, result.distribution, planOptions, placeRun.ms);
          // Determinism: the same models give the same plan (a second run, at every size).
          const deterministic =
            JSON.stringify((await planPlace(models, { ...planOptions, bound: 'combinatorial' })).distribution) ===
            JSON.stringify(result.distribution);
          // The bound as the command computes it by default (the LP with candidates).
          const boundRun = await time(async () => {
            const { placementLowerBound } = await import('../algorithms/placement/index.js');
            return placementLowerBound(instance, { timeLimit: 120 });
          });
          let mip: PlacementRow['mip'];
          let searchAlone: number | undefined;
          if (mipTime > 0 && n <= 100) {
            const alone = await planPlace(models, {
              ...planOptions,
              bound: 'combinatorial',
              autoExact: false,
            });
            searchAlone = judge(models, alone.distribution, planOptions, 0).cut;
            const start = performance.now();
            const exact = await exactPlacement(instance, { timeLimit: mipTime, start: undefined });
            mip = {
              cut: exact.optimal ? Math.round(exact.cost * 1e6) / 1e6 : undefined,
              bound: Math.max(
                boundRun.value.value,
                Number.isFinite(exact.lowerBound) ? Math.ceil(exact.lowerBound - 1e-6) : 0,
              ),
              optimal: exact.optimal,
              seconds: (performance.now() - start) / 1000,
            };
          }
          const row: PlacementRow = {
            instance: generated.name,
            services: n,
            targets: k,
            links: instance.edges.length,
            resources: spec.resources,
            utilisation: spec.utilisation,
            spread: spec.spread,
            candidates: spec.candidates,
            greedy,
            divideCut,
            cutDivide,
            metis: metisOutcome,
            place: {
              ...placeOutcome,
              bound: Math.max(result.lowerBound, boundRun.value.value),
              boundKind: boundRun.value.value > result.lowerBound ? boundRun.value.kind : result.boundKind,
              boundMs: boundRun.ms,
              work: result.counts.work,
            },
            mip,
            searchAlone,
            placeCpuMs,
            deterministic,
            referenceMs: reference,
          };
          rows.push(row);
          log(
            `${row.instance}: place ${fmt(placeOutcome)} greedy ${fmt(greedy)} divide->cut ${fmt(divideCut)} ` +
              `cut->divide ${fmt(cutDivide)}${metisOutcome ? ` metis ${fmt(metisOutcome)}` : ''} bound ${row.place.bound}` +
              (mip ? ` mip ${mip.optimal ? mip.cut : `>= ${mip.bound}`}` : ''),
          );
          if (spec.utilisation === 0.8 && placeOutcome.feasible)
            replans.push(
              await replan(generated, models, planOptions, result.distribution, metis ? scratch : undefined),
            );
        }
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  return { rows, replans, markdown: markdown(rows, replans, failures) };
}

const fmt = (o: PlannerOutcome) =>
  o.feasible ? `${o.cut} (${o.ms.toFixed(0)} ms)` : `infeasible${o.note ? ` [${o.note}]` : ''}`;

/** 10 % of the targets leave; each planner replans on the rest. */
async function replan(
  generated: GeneratedInstance,
  models: PlaceModels,
  planOptions: PlacePlanOptions,
  previous: DistributionModel,
  metisDir: string | undefined,
): Promise<ReplanRow> {
  const targets = Object.keys(generated.infrastructure);
  const leaving = new Set(targets.slice(targets.length - Math.max(1, Math.round(targets.length / 10))));
  const infrastructure = Object.fromEntries(
    Object.entries(generated.infrastructure).filter(([t]) => !leaving.has(t)),
  );
  const distribution = models.distribution
    ? Object.fromEntries(
        Object.entries(models.distribution).map(([s, list]) => {
          const kept = list.filter((m) => !leaving.has(m.target));
          return [s, kept.length > 0 ? kept : list.filter((m) => !leaving.has(m.target))];
        }),
      )
    : undefined;
  const after: PlaceModels = {
    services: models.services,
    infrastructure,
    distribution,
    previousDistribution: previous,
  };
  const displaced = Object.entries(previous).filter(([, [m]]) => leaving.has(m.target)).length;
  const movedOf = (placed: DistributionModel) =>
    Object.entries(placed).filter(([s, [m]]) => previous[s]?.[0]?.target !== m.target).length;
  const attempt = async (extra: Partial<PlacePlanOptions>, withPrevious: boolean) => {
    try {
      const result = await planPlace(withPrevious ? after : { ...after, previousDistribution: undefined }, {
        ...planOptions,
        ...extra,
        bound: 'combinatorial',
      });
      const check = checkPlacement(after, result.distribution, planOptions);
      return {
        cut: check.violations.length === 0 ? check.crossingWeight : undefined,
        moved: movedOf(result.distribution),
        feasible: check.violations.length === 0,
      };
    } catch {
      return { cut: undefined, moved: 0, feasible: false };
    }
  };
  const { instance, problem } = placeProblem({ ...after, previousDistribution: undefined }, planOptions);
  const greedyBins = greedyPlacement(
    instance,
    problem.services.map((_, i) => i),
  );
  const greedy = greedyBins
    ? { cut: cutOf(instance, greedyBins), moved: movedOf(toDistribution(problem, greedyBins)) }
    : { cut: undefined, moved: 0 };
  let metis: ReplanRow['metis'];
  if (metisDir && !distribution) {
    const repaired = repairPlacement(
      instance,
      metisPartition(instance, generated.spec.utilisation / 0.9, metisDir),
    );
    metis = repaired.feasible
      ? { cut: cutOf(instance, repaired.bins), moved: movedOf(toDistribution(problem, repaired.bins)) }
      : { cut: undefined, moved: 0 };
  }
  const scratchRun = await attempt({}, false);
  return {
    instance: generated.name,
    targetsLeft: leaving.size,
    displaced,
    placeFromScratch: { cut: scratchRun.cut, moved: scratchRun.moved },
    placeCost1: await attempt({ migrationCost: 1 }, true),
    placeCost100: await attempt({ migrationCost: 100 }, true),
    greedy,
    metis,
  };
}

const cell = (o: PlannerOutcome | undefined) =>
  o === undefined ? '' : o.feasible ? String(o.cut) : 'infeasible';
const fewer = (place: PlannerOutcome, other: PlannerOutcome | undefined) =>
  other?.feasible && place.feasible && other.cut !== undefined && other.cut > 0
    ? `${((100 * (other.cut - (place.cut as number))) / other.cut).toFixed(1)}`
    : '';

function markdown(rows: PlacementRow[], replans: ReplanRow[], failures: string[]): string {
  const out: string[] = [];
  out.push('# Placement benchmark (`bench/placement.ts`)', '');
  out.push(
    'Crossing links of each planner\'s plan (every plan checked by src/plans/place-check.ts; "infeasible": no plan, or one breaking capacity or spread). ' +
      '"fewer %": how many fewer crossing links `place` has than the planner. Times in ms; "ref" is the run\'s reference (sorting 10^6 floats).',
    '',
  );
  out.push(
    '| instance | links | greedy | divide->cut | cut->divide | METIS (raw) | place | fewer vs greedy % | fewer vs divide->cut % | fewer vs cut->divide % | vs METIS % | bound (kind) | gap % | MIP | search alone | place ms | place CPU ms | greedy ms | METIS ms | bound ms | ref ms |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|',
  );
  for (const r of rows) {
    const gap =
      r.place.feasible && r.place.bound > 0
        ? ((100 * ((r.place.cut as number) - r.place.bound)) / r.place.bound).toFixed(1)
        : '';
    const vsMetis =
      r.metis?.feasible && r.place.feasible
        ? ((100 * ((r.place.cut as number) - (r.metis.cut as number))) / (r.metis.cut as number)).toFixed(1)
        : '';
    const mip = r.mip
      ? r.mip.optimal
        ? `${r.mip.cut} (optimal, ${r.mip.seconds.toFixed(0)} s)`
        : `>= ${r.mip.bound} (${r.mip.seconds.toFixed(0)} s)`
      : '';
    out.push(
      `| ${r.instance} | ${r.links} | ${cell(r.greedy)} | ${cell(r.divideCut)} | ${cell(r.cutDivide)} | ${r.metis ? `${cell(r.metis)} (${r.metis.note?.replace('raw ', '') ?? ''})` : ''} | ${cell(r.place)} | ` +
        `${fewer(r.place, r.greedy)} | ${fewer(r.place, r.divideCut)} | ${fewer(r.place, r.cutDivide)} | ${vsMetis} | ${r.place.bound} (${r.place.boundKind || '-'}) | ${gap} | ${mip} | ${r.searchAlone ?? ''} | ` +
        `${r.place.ms.toFixed(0)} | ${r.placeCpuMs.toFixed(0)} | ${r.greedy.ms.toFixed(0)} | ${r.metis ? r.metis.ms.toFixed(0) : ''} | ${r.place.boundMs.toFixed(0)} | ${r.referenceMs.toFixed(0)} |`,
    );
  }
  out.push('', '## Summary', '');
  if (failures.length) out.push(`- place found no plan on ${failures.length}: ${failures.join('; ')}`);
  const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : NaN);
  const savings = (pick: (r: PlacementRow) => PlannerOutcome | undefined) =>
    rows.map((r) => Number(fewer(r.place, pick(r)))).filter((x) => Number.isFinite(x) && x !== 0);
  const infeasible = (pick: (r: PlacementRow) => PlannerOutcome | undefined) =>
    rows.filter((r) => pick(r) !== undefined && !pick(r)?.feasible).length;
  out.push(
    `- place: feasible on ${rows.filter((r) => r.place.feasible).length} of ${rows.length} instances; ` +
      `the same plan on a second run on ${rows.filter((r) => r.deterministic).length} of ${rows.filter((r) => r.deterministic !== undefined).length} checked.`,
  );
  for (const [name, pick] of [
    ['greedy', (r: PlacementRow) => r.greedy],
    ['divide->cut', (r: PlacementRow) => r.divideCut],
    ['cut->divide', (r: PlacementRow) => r.cutDivide],
  ] as const)
    out.push(
      `- vs ${name}: ${mean(savings(pick)).toFixed(1)} % fewer crossing links on average over the ${savings(pick).length} instances where both are feasible; ${name} infeasible on ${infeasible(pick)}.`,
    );
  const metisRows = rows.filter((r) => r.metis?.feasible && r.place.feasible);
  if (metisRows.length)
    out.push(
      `- vs repaired METIS: place is no worse on ${metisRows.filter((r) => (r.place.cut as number) <= (r.metis?.cut as number)).length} of ${metisRows.length}; mean difference ${mean(metisRows.map((r) => (100 * ((r.place.cut as number) - (r.metis?.cut as number))) / (r.metis?.cut as number))).toFixed(1)} % (negative: place better); METIS infeasible after repair on ${rows.filter((r) => r.metis && !r.metis.feasible).length}.`,
    );
  const optimal = rows.filter((r) => r.mip?.optimal && r.place.feasible);
  const aloneGaps = optimal
    .filter((r) => r.searchAlone !== undefined)
    .map(
      (r) => (100 * ((r.searchAlone as number) - (r.mip?.cut as number))) / Math.max(1, r.mip?.cut as number),
    );
  if (aloneGaps.length)
    out.push(
      `- the search alone (no exact solve of small programmes) vs the MIP optimum (${aloneGaps.length} instances): mean gap ${mean(aloneGaps).toFixed(1)} %, max ${aloneGaps.reduce((a, b) => Math.max(a, b), -Infinity).toFixed(1)} %, within 2 % on ${aloneGaps.filter((g) => g <= 2 + 1e-9).length}.`,
    );
  if (optimal.length)
    out.push(
      `- vs the MIP optimum (${optimal.length} instances): max gap ${optimal
        .map(
          (r) =>
            (100 * ((r.place.cut as number) - (r.mip?.cut as number))) / Math.max(1, r.mip?.cut as number),
        )
        .reduce((a, b) => Math.max(a, b), -Infinity)
        .toFixed(1)} %, equal on ${optimal.filter((r) => r.place.cut === r.mip?.cut).length}.`,
    );
  const big = rows.filter((r) => r.services === 10000);
  if (big.length)
    out.push(
      `- 10,000 x 100: place ${big
        .map((r) => r.place.ms)
        .reduce((a, b) => Math.min(a, b), Infinity)
        .toFixed(0)}-${big
        .map((r) => r.place.ms)
        .reduce((a, b) => Math.max(a, b), -Infinity)
        .toFixed(0)} ms (search and combinatorial bound), ` +
        `${big
          .map((r) => r.place.ms / r.referenceMs)
          .reduce((a, b) => Math.min(a, b), Infinity)
          .toFixed(1)}-${big
          .map((r) => r.place.ms / r.referenceMs)
          .reduce((a, b) => Math.max(a, b), -Infinity)
          .toFixed(1)}x the reference, ${big
          .map((r) => r.placeCpuMs)
          .reduce((a, b) => Math.min(a, b), Infinity)
          .toFixed(0)}-${big
          .map((r) => r.placeCpuMs)
          .reduce((a, b) => Math.max(a, b), -Infinity)
          .toFixed(0)} ms CPU; LP bound (with candidates) ${big
          .filter((r) => r.candidates)
          .map((r) => r.place.boundMs.toFixed(0))
          .join(', ')} ms.`,
    );
  out.push('', '## Replanning: 10 % of the targets leave (instances at 80 %)', '');
  out.push(
    '| instance | targets gone | displaced | place, no previous: cut / moved | place, migration cost 1: cut / moved | place, migration cost 100: cut / moved | greedy: cut / moved | METIS: cut / moved |',
    '|---|---|---|---|---|---|---|---|',
  );
  const pair = (x: { cut?: number; moved: number } | undefined) =>
    x === undefined ? '' : x.cut === undefined ? 'infeasible' : `${x.cut} / ${x.moved}`;
  for (const r of replans)
    out.push(
      `| ${r.instance} | ${r.targetsLeft} | ${r.displaced} | ${pair(r.placeFromScratch)} | ${pair(r.placeCost1)} | ${pair(r.placeCost100)} | ${pair(r.greedy)} | ${pair(r.metis)} |`,
    );
  return out.join('\n') + '\n';
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const mipAt = args.indexOf('--mip-time');
  const result = await placementBenchmark({
    quick: args.includes('--quick'),
    minServices: args.includes('--min-services')
      ? Number(args[args.indexOf('--min-services') + 1])
      : undefined,
    mipTimeLimit: mipAt >= 0 ? Number(args[mipAt + 1]) : undefined,
    noMetis: args.includes('--no-metis'),
  });
  const here = dirname(fileURLToPath(import.meta.url));
  const root = basename(dirname(here)) === 'dist' ? resolve(here, '..', '..') : resolve(here, '..');
  const outDir = join(root, 'bench', 'out');
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, 'placement.md'), result.markdown);
  process.stdout.write(result.markdown);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
