/**
 * Set-cover benchmark: algorithms/set-cover/ on Beasley's OR-Library instances of
 * bench/data/setcover (proven optima in its README): the original greedy, greedy +
 * redundancy removal, our default heuristic (Lagrangian), and the exact HiGHS MIP under a time
 * limit.
 *
 *   npx tsc -p tsconfig.json && node dist/bench/set-cover.js [--no-exact] [--exact-limit=SECONDS]
 *
 * Prints markdown and writes it to bench/out/set-cover.md.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  buildCoverInstance,
  coverCost,
  greedyCover,
  greedySetCover,
  isCover,
  removeRedundant,
  setCover,
  setCoverExact,
  type SetCoverResult,
} from '../algorithms/set-cover/index.js';
import { gapPercent } from '../src/plans/index.js';
import { readOrLibrary } from './orlib.js';
import { benchData } from './data-dir.js';

const DATA = benchData('setcover');
const INSTANCES: [string, number][] = [
  ['scp51', 253],
  ['scp54', 242],
  ['scpa1', 253],
  ['scpa2', 252],
  ['scpb1', 69],
  ['rail582', 211],
];
const runExact = !process.argv.includes('--no-exact');
const limitArg = process.argv.find((a) => a.startsWith('--exact-limit='));
const exactLimit = limitArg !== undefined ? Number(limitArg.split('=')[1]) : 60;

const lines: string[] = [];
function report(line = ''): void {
  console.log(line);
  lines.push(line);
}
const ms = (x: number): string => (x >= 1000 ? `${(x / 1000).toFixed(2)} s` : `${x.toFixed(0)} ms`);
/** The plans layer's gap (the one the summary lines print), to the proven optimum. */
const gap = (cost: number, opt: number): string => `${gapPercent(cost, opt).toFixed(1)} %`;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

report('# Set cover benchmark');
report();
report(`Node ${process.version}, ${new Date().toISOString().slice(0, 10)}.`);
report();
report(
  'Greedy = the original algorithm (cost per newly covered element); +red = then redundant sets removed (most expensive first); ' +
    'ours = `setCover()` default (greedy + redundancy removal + Lagrangian heuristic), median of 3 runs after a warm-up, ' +
    `parse time excluded; LB = its Lagrangian lower bound. Exact = \`setCoverExact()\` (HiGHS MIP, heuristic cover as start, time limit ${exactLimit} s).`,
);
report();
report(
  '| instance | rows x sets | optimum | greedy | gap | +red | gap | ours | gap | time | LB | exact | exact time |',
);
report('|---|---|---|---|---|---|---|---|---|---|---|---|---|');
let worst = 0;
for (const [name, opt] of INSTANCES) {
  const problem = readOrLibrary(join(DATA, `${name}.txt`));
  const inst = buildCoverInstance(problem);
  const greedy = greedySetCover(problem);
  const red = removeRedundant(inst, greedyCover(inst, null));
  const redCost = coverCost(inst, red);
  setCover(problem); // warm-up
  const times: number[] = [];
  let r: SetCoverResult | undefined;
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    r = setCover(problem);
    times.push(performance.now() - t0);
  }
  const ours = r as SetCoverResult;
  if (!isCover(inst, ours.chosen)) throw new Error(`${name}: not a cover`);
  worst = Math.max(worst, (ours.cost - opt) / opt);
  let exactCell = 'skipped';
  let exactTime = '';
  if (runExact) {
    const t0 = performance.now();
    const e = await setCoverExact(problem, { timeLimitSeconds: exactLimit });
    exactTime = ms(performance.now() - t0);
    if (!isCover(inst, e.chosen)) throw new Error(`${name}: exact result not a cover`);
    exactCell = e.optimal ? `${e.cost} opt` : `${e.cost} (${e.solverStatus}, bound ${e.lowerBound})`;
  }
  report(
    `| ${name} | ${problem.elementCount} x ${problem.sets.length} | ${opt} | ${greedy.cost} | ${gap(greedy.cost, opt)} | ${redCost} | ${gap(redCost, opt)} | ${ours.cost} | ${gap(ours.cost, opt)} | ${ms(median(times))} | ${ours.lowerBound} | ${exactCell} | ${exactTime} |`,
  );
}
report();
report(`Worst gap of ours: **${(worst * 100).toFixed(1)} %** (goal: at most 8 %).`);

const here = dirname(fileURLToPath(import.meta.url));
const outFile = join(here, '..', '..', 'bench', 'out', 'set-cover.md');
mkdirSync(dirname(outFile), { recursive: true });
writeFileSync(outFile, lines.join('\n') + '\n');
console.log(`written to ${outFile}`);
