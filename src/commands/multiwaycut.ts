/**
 * `dyplan multiwaycut`: places each service on one of its candidate targets so that as few
 * dependency links as possible cross targets (reference sections 5.4 and 7.5, done properly:
 * alpha-expansion by default, the isolating-cut approximation or an exact integer programme on
 * request), and reports how far the answer can be from the optimum.
 */
import { Option, type Command } from 'commander';
import { ModelError, formatPath } from '../../models/errors.js';
import type { DistributionModel } from '../../models/types.js';
import { emit } from '../output.js';
import {
  boundText,
  emitDistribution,
  loadPlanningModels,
  planningCommand,
  summary,
  type PlanningOptions,
} from './planning.js';
import type { ActionRunner } from './options.js';

interface MultiwayCutCommandOptions extends PlanningOptions {
  distribution: string;
  algorithm: 'alpha-expansion' | 'isolating-cuts';
  exact?: boolean;
  timeLimit: string;
  bound: 'auto' | 'lp' | 'free';
  outputGraph?: boolean;
  outputResolvedGraph?: boolean;
}

/** Above this many links the LP bound is skipped by default (it takes seconds at 100,000 services). */
const LP_BOUND_MAX_LINKS = 50_000;

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
    .option('--time-limit <seconds>', 'time limit of --exact and of the LP bound', '30')
    .addOption(
      new Option(
        '--bound <kind>',
        'lower bound to report: LP relaxation, or links between services with no common candidate',
      )
        .choices(['auto', 'lp', 'free'])
        .default('auto'),
    )
    .option('--output-graph', 'print the application-host graph (DOT) instead of a distribution')
    .option('--output-resolved-graph', 'print the application-host graph after solving (DOT)')
    .action((options: MultiwayCutCommandOptions) =>
      run(async () => {
        const models = await loadPlanningModels(options);
        const distribution = models.distribution as DistributionModel;
        // Graph and DOT modules are loaded on use: start-up time counts for every command.
        const { applicationHostGraph, labellingView } = await import('../graphs/application-host-graph.js');
        const { applicationHostDot } = await import('../dot/problem-graphs.js');
        const graph = applicationHostGraph(models.services!, distribution);
        if (options.outputGraph && !options.outputResolvedGraph) {
          await emit(applicationHostDot(graph), options.outputFile);
          return;
        }
        const view = labellingView(graph);
        view.candidates.forEach((c, i) => {
          if (c.length === 0)
            throw new ModelError(
              options.distribution,
              formatPath([view.services[i]]),
              'the service has no candidate target',
            );
        });
        const instance = {
          itemCount: view.services.length,
          labelCount: view.targets.length,
          edges: view.edges,
          candidates: view.candidates,
        };
        const timeLimit = Number(options.timeLimit);
        const mwc = await import('../../algorithms/multiway-cut.js');
        const exactModule = await import('../../algorithms/multiway-cut-exact.js');

        let result: {
          labels: Int32Array;
          cost: number;
          lowerBound?: number;
          optimal?: boolean;
          timedOut?: boolean;
        };
        let note = '';
        if (options.exact) {
          result = await exactModule.exactMultiwayCut(instance, { timeLimit });
          if (result.timedOut)
            note = `; the exact search ran out of time after ${timeLimit} s, the best answer found is printed`;
        } else if (options.algorithm === 'isolating-cuts') {
          result = mwc.isolatingCuts(instance);
        } else {
          result = mwc.multiwayCut(instance);
        }

        let bound = Math.max(result.lowerBound ?? 0, mwc.freeLowerBound(instance));
        let boundKind = 'links between services with no common candidate';
        const wantLp =
          options.bound === 'lp' || (options.bound === 'auto' && view.edges.length <= LP_BOUND_MAX_LINKS);
        if (!result.optimal && wantLp && result.cost > bound) {
          const lp = await exactModule.lpLowerBound(instance, { timeLimit });
          if (lp.solved && lp.integerLowerBound >= bound) {
            bound = lp.integerLowerBound;
            boundKind = 'LP relaxation';
          }
        }

        const chosen = new Map<string, string>();
        const placed: DistributionModel = {};
        view.services.forEach((service, i) => {
          const target = view.targets[result.labels[i]];
          chosen.set(service, target);
          placed[service] = [distribution[service].find((m) => m.target === target) ?? { target }];
        });
        for (const service of Object.keys(distribution)) placed[service] ??= [];

        const kind = result.optimal || bound === 0 ? '' : boundKind;
        summary(
          `multiwaycut: ${result.cost} of ${view.edges.length} links cross targets; ${boundText(result.cost, bound, result.optimal, kind)}${note}`,
        );
        if (options.outputResolvedGraph) await emit(applicationHostDot(graph, chosen), options.outputFile);
        else await emitDistribution(placed, options);
      }),
    );
}
