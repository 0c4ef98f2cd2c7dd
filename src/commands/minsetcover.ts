/**
 * `dyplan minsetcover`: the cheapest set of targets that can host every service, each service
 * placed on one of them (src/plans/set-cover.ts).
 */
import { Option, type Command } from 'commander';
import type { SetCoverAlgorithm } from '../plans/set-cover.js';
import {
  emitPlan,
  loadPlanningModels,
  planningCommand,
  requireInfrastructure,
  sourcesOf,
  type PlanningOptions,
} from './planning.js';
import { appliesOnlyWith, timeLimitOption, type ActionRunner } from './options.js';
import { PhaseClock } from '../report.js';

interface MinSetCoverOptions extends PlanningOptions {
  distribution: string;
  targetProperty: string;
  algorithm: SetCoverAlgorithm;
  exact?: boolean;
  timeLimit: number;
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
    .addOption(appliesOnlyWith(timeLimitOption('time limit of --exact'), 'exact'))
    .action((options: MinSetCoverOptions) =>
      run(async () => {
        const clock = new PhaseClock();
        const { services, infrastructure, distribution } = await clock.time('load models', () =>
          loadPlanningModels(options),
        );
        const { planSetCover } = await import('../plans/set-cover.js');
        const result = await clock.time('plan', () =>
          planSetCover(
            { services, infrastructure: requireInfrastructure(infrastructure), distribution },
            {
              costProperty: options.targetProperty,
              algorithm: options.algorithm,
              exact: options.exact,
              timeLimit: options.timeLimit,
              sources: sourcesOf(options),
            },
          ),
        );
        await emitPlan('minsetcover', result, options, clock);
      }),
    );
}
