/**
 * `dyplan minsetcover`: the cheapest set of targets that can host every service, each service
 * placed on one of them (reference sections 5.3 and 7.4, without the endless loop on a service
 * that cannot be covered). `--algorithm greedy` reproduces the original's plain greedy answer.
 */
import { Option, type Command } from 'commander';
import { compareNames } from '../../models/compare.js';
import { ModelError, formatPath } from '../../models/errors.js';
import type { DistributionModel, InfrastructureModel } from '../../models/types.js';
import {
  boundText,
  emitDistribution,
  formatNumber,
  loadPlanningModels,
  numericValue,
  planningCommand,
  summary,
  type PlanningOptions,
} from './planning.js';
import type { ActionRunner } from './options.js';

interface MinSetCoverOptions extends PlanningOptions {
  distribution: string;
  targetProperty: string;
  algorithm: 'default' | 'greedy';
  exact?: boolean;
  timeLimit: string;
}

export function registerMinSetCover(program: Command, run: ActionRunner): void {
  planningCommand(program, 'minsetcover', 'choose the cheapest set of targets that can host every service', {
    distribution: true,
  })
    .requiredOption(
      '--target-property <name>',
      'numeric target property holding the cost of using the target',
    )
    .addOption(
      new Option(
        '--algorithm <name>',
        'default: greedy + redundancy removal + Lagrangian improvement; greedy: the original algorithm',
      )
        .choices(['default', 'greedy'])
        .default('default'),
    )
    .option('--exact', 'solve the integer programme (HiGHS) within --time-limit')
    .option('--time-limit <seconds>', 'time limit of --exact', '30')
    .action((options: MinSetCoverOptions) =>
      run(async () => {
        const models = await loadPlanningModels(options);
        const distribution = models.distribution as DistributionModel;
        const infrastructure = models.infrastructure as InfrastructureModel;
        const services = Object.keys(distribution);
        const targets = [...new Set(services.flatMap((s) => distribution[s].map((m) => m.target)))].sort(
          compareNames,
        );
        const targetIndex = new Map(targets.map((t, i) => [t, i]));
        const members: number[][] = targets.map(() => []);
        services.forEach((s, i) =>
          distribution[s].forEach((m) => members[targetIndex.get(m.target) as number].push(i)),
        );
        // A target without the cost property costs nothing (the intent of the original's code).
        const sets = targets.map((t, j) => ({
          members: members[j],
          cost:
            numericValue(
              infrastructure[t]?.properties[options.targetProperty],
              options.infrastructure ?? 'infrastructure',
              [t, 'properties', options.targetProperty],
            ) ?? 0,
        }));
        const problem = { elementCount: services.length, elementNames: services, sets };
        const cover = await import('../../algorithms/set-cover.js');
        let result;
        try {
          if (options.exact) {
            const { setCoverExact } = await import('../../algorithms/set-cover-exact.js');
            result = await setCoverExact(problem, { timeLimitSeconds: Number(options.timeLimit) });
          } else
            result = options.algorithm === 'greedy' ? cover.greedySetCover(problem) : cover.setCover(problem);
        } catch (error) {
          if (error instanceof cover.UncoverableElementError) {
            throw new ModelError(
              options.distribution,
              formatPath([error.elementName]),
              'the service has no candidate target, so no set of targets can host it',
            );
          }
          throw error;
        }
        const placed: DistributionModel = {};
        services.forEach((s, i) => {
          const target = targets[result.assignment[i]];
          placed[s] = [distribution[s].find((m) => m.target === target) as { target: string }];
        });
        const bound = result.lowerBound;
        summary(
          `minsetcover: total ${options.targetProperty} ${formatNumber(result.cost)} on ${result.chosen.length} of ${targets.length} targets; ` +
            (bound > 0 || result.optimal
              ? boundText(result.cost, bound, result.optimal)
              : 'no lower bound computed'),
        );
        await emitDistribution(placed, options);
      }),
    );
}
