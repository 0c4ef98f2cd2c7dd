/**
 * `dyplan divide`: one-dimensional division of services over their candidate targets by a numeric
 * demand and capacity, with the greedy, highest-bidder and lowest-bidder strategies
 * (src/plans/divide.ts).
 */
import { Option, type Command } from 'commander';
import { DIVIDE_STRATEGIES, type DivideStrategy } from '../plans/divide.js';
import {
  emitPlan,
  loadPlanningModels,
  planningCommand,
  requireInfrastructure,
  sourcesOf,
  type PlanningOptions,
} from './planning.js';
import type { ActionRunner } from './options.js';
import { PhaseClock } from '../report.js';

interface DivideOptions extends PlanningOptions {
  distribution: string;
  strategy: DivideStrategy;
  serviceProperty: string;
  targetProperty: string;
}

export function registerDivide(program: Command, run: ActionRunner): void {
  planningCommand(program, 'divide', 'divide services over their candidate targets by demand and capacity', {
    distribution: true,
  })
    .addOption(
      new Option('--strategy <name>', 'division strategy').choices(DIVIDE_STRATEGIES).makeOptionMandatory(),
    )
    .requiredOption('--service-property <name>', 'numeric service property: the demand')
    .requiredOption('--target-property <name>', 'numeric target property: the capacity')
    .action((options: DivideOptions) =>
      run(async () => {
        const clock = new PhaseClock();
        const { services, infrastructure, distribution } = await clock.time('load models', () =>
          loadPlanningModels(options),
        );
        const { planDivide } = await import('../plans/divide.js');
        const result = await clock.time('plan', () =>
          planDivide(
            { services, infrastructure: requireInfrastructure(infrastructure), distribution },
            {
              strategy: options.strategy,
              demandProperty: options.serviceProperty,
              capacityProperty: options.targetProperty,
              sources: sourcesOf(options),
            },
          ),
        );
        await emitPlan('divide', result, options, clock);
      }),
    );
}
