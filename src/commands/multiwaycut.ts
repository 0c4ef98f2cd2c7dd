/**
 * `dyplan multiwaycut`: places each service on one of its candidate targets so that as few
 * dependency links as possible cross targets (src/plans/multiway-cut.ts).
 */
import { Option, type Command } from 'commander';
import { emit } from '../output.js';
import type { MultiwayCutAlgorithm, MultiwayCutBound } from '../plans/multiway-cut.js';
import {
  emitPlan,
  loadPlanningModels,
  planningCommand,
  sourcesOf,
  type PlanningOptions,
} from './planning.js';
import { timeLimitOption, type ActionRunner } from './options.js';
import { PhaseClock, placementReport, writeReport } from '../report.js';
import { diagnostics } from '../diagnostics.js';

interface MultiwayCutCommandOptions extends PlanningOptions {
  distribution: string;
  algorithm: MultiwayCutAlgorithm;
  exact?: boolean;
  timeLimit: number;
  bound: MultiwayCutBound;
  outputGraph?: boolean;
  outputResolvedGraph?: boolean;
}

export function registerMultiwayCut(program: Command, run: ActionRunner): void {
  planningCommand(program, 'multiwaycut', 'place services to minimise the links that cross targets', {
    distribution: true,
  })
    .addOption(
      new Option('--algorithm <name>', 'heuristic to use')
        .choices(['alpha-expansion', 'isolating-cuts'])
        .default('alpha-expansion'),
    )
    .option(
      '--exact',
      'solve the integer programme (HiGHS) within --time-limit, else keep the heuristic answer',
    )
    .addOption(timeLimitOption('time limit of --exact and of the LP bound'))
    .addOption(
      new Option(
        '--bound <kind>',
        "lower bound to report: the solver's own (free links, finished components, LP dual ascent) " +
          'plus the LP relaxation up to 5,000 links (auto), always (lp) or never (free)',
      )
        .choices(['auto', 'lp', 'free'])
        .default('auto'),
    )
    .option('--output-graph', 'print the application-host graph (DOT) instead of a distribution')
    .option('--output-resolved-graph', 'print the application-host graph after solving (DOT)')
    .action((options: MultiwayCutCommandOptions) =>
      run(async () => {
        const clock = new PhaseClock();
        const models = await clock.time('load models', () => loadPlanningModels(options));
        // Graph and DOT modules (graphology, ts-graphviz) are loaded only for the graph outputs.
        const graphModules = async () => ({
          ...(await import('../plans/application-host-graph.js')),
          ...(await import('../dot/index.js')),
        });
        if (options.outputGraph && !options.outputResolvedGraph) {
          const { applicationHostDot, applicationHostGraph } = await graphModules();
          await emit(
            applicationHostDot(applicationHostGraph(models.services, models.distribution)),
            options.outputFile,
          );
          return;
        }
        const { planMultiwayCut } = await import('../plans/multiway-cut.js');
        const result = await clock.time('plan', () =>
          planMultiwayCut(models, {
            algorithm: options.algorithm,
            exact: options.exact,
            timeLimit: options.timeLimit,
            bound: options.bound,
            sources: sourcesOf(options),
          }),
        );
        if (!options.outputResolvedGraph) return emitPlan('multiwaycut', result, options, clock);
        diagnostics.summary(result.summary);
        const { applicationHostDot, applicationHostGraph } = await graphModules();
        const chosen = new Map(Object.entries(result.distribution).map(([s, [m]]) => [s, m.target]));
        await emit(
          applicationHostDot(applicationHostGraph(models.services, models.distribution), chosen),
          options.outputFile,
        );
        await writeReport(options.report, placementReport('multiwaycut', result, clock));
      }),
    );
}
