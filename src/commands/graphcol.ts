/**
 * `dyplan graphcol`: places services so that every dependency becomes a network link, on as few
 * targets as possible (src/plans/colouring.ts).
 */
import type { Command } from 'commander';
import { emit } from '../output.js';
import {
  emitPlan,
  loadPlanningModels,
  planningCommand,
  secondsOption,
  sourcesOf,
  type PlanningOptions,
} from './planning.js';
import type { ActionRunner } from './options.js';
import { PhaseClock, placementReport, writeReport } from '../report.js';
import { diagnostics } from '../diagnostics.js';

interface GraphColOptions extends PlanningOptions {
  exact?: boolean;
  timeLimit?: string;
  outputGraph?: boolean;
  outputResolvedGraph?: boolean;
}

export function registerGraphCol(program: Command, run: ActionRunner): void {
  planningCommand(
    program,
    'graphcol',
    'place services so that every dependency is a network link, on as few targets as possible',
    { distribution: false },
  )
    .option('--exact', 'prove the minimum number of targets by branch and bound (small systems)')
    .option(
      '--time-limit <seconds>',
      'let --exact search this long instead of its budget of 5,000,000 search nodes',
    )
    .option('--output-graph', 'print the dependency graph (DOT) instead of a distribution')
    .option('--output-resolved-graph', 'print the coloured dependency graph (DOT)')
    .action((options: GraphColOptions) =>
      run(async () => {
        const timeLimit = options.timeLimit !== undefined ? secondsOption(options.timeLimit) : undefined;
        const clock = new PhaseClock();
        const models = await clock.time('load models', () => loadPlanningModels(options));
        const { colouringGraph, planColouring } = await import('../plans/colouring.js');
        const { conflictGraphDot } = await import('../dot/index.js');
        if (options.outputGraph && !options.outputResolvedGraph) {
          await emit(conflictGraphDot(colouringGraph(models)), options.outputFile);
          return;
        }
        const result = await clock.time('plan', () =>
          planColouring(models, {
            exact: options.exact,
            ...(timeLimit !== undefined ? { timeLimit } : {}),
            sources: sourcesOf(options),
          }),
        );
        if (!options.outputResolvedGraph) return emitPlan('graphcol', result, options, clock);
        diagnostics.summary(result.summary);
        await emit(conflictGraphDot(result.graph, result.colours), options.outputFile);
        await writeReport(options.report, placementReport('graphcol', result, clock));
      }),
    );
}
