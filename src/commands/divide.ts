/**
 * `dyplan divide`: one-dimensional division of services over their candidate targets by a numeric
 * demand (service property) and capacity (target property), with the greedy, highest-bidder and
 * lowest-bidder strategies of reference section 7.1. On failure nothing is printed (bug 4).
 */
import { Option, type Command } from 'commander';
import { ModelError, formatPath } from '../../models/errors.js';
import type { DistributionModel, InfrastructureModel, ServicesModel } from '../../models/types.js';
import { PlanningError } from '../errors.js';
import {
  emitDistribution,
  formatNumber,
  loadPlanningModels,
  numericValue,
  planningCommand,
  summary,
  type PlanningOptions,
} from './planning.js';
import type { ActionRunner } from './options.js';

interface DivideOptions extends PlanningOptions {
  distribution: string;
  strategy: 'greedy' | 'highest-bidder' | 'lowest-bidder';
  serviceProperty: string;
  targetProperty: string;
}

export function registerDivide(program: Command, run: ActionRunner): void {
  planningCommand(program, 'divide', 'divide services over their candidate targets by demand and capacity', {
    distribution: true,
  })
    .addOption(
      new Option('--strategy <name>', 'division strategy')
        .choices(['greedy', 'highest-bidder', 'lowest-bidder'])
        .makeOptionMandatory(),
    )
    .requiredOption('--service-property <name>', 'numeric service property: the demand')
    .requiredOption('--target-property <name>', 'numeric target property: the capacity')
    .action((options: DivideOptions) =>
      run(async () => {
        const models = await loadPlanningModels(options);
        const services = models.services as ServicesModel;
        const infrastructure = models.infrastructure as InfrastructureModel;
        const distribution = models.distribution as DistributionModel;
        const infraFile = options.infrastructure ?? 'infrastructure';
        const targets = Object.keys(infrastructure);
        const targetIndex = new Map(targets.map((t, i) => [t, i]));
        const names = Object.keys(distribution);
        const items = names.map((name) => {
          const demand = numericValue(services[name].properties[options.serviceProperty], options.services, [
            name,
            options.serviceProperty,
          ]);
          if (demand === undefined) {
            throw new ModelError(
              options.services,
              formatPath([name, options.serviceProperty]),
              'missing; divide needs it as the demand of the service',
            );
          }
          return {
            name,
            demand,
            candidates: distribution[name].map((m) => targetIndex.get(m.target) as number),
          };
        });
        const capacities = targets.map((t) =>
          numericValue(infrastructure[t].properties[options.targetProperty], infraFile, [
            t,
            'properties',
            options.targetProperty,
          ]),
        );
        const { divide, InsufficientCapacityError } = await import('../../algorithms/divide.js');
        let result;
        try {
          result = divide(options.strategy, items, capacities);
        } catch (error) {
          if (error instanceof InsufficientCapacityError) {
            const left =
              error.bestRemaining === undefined
                ? `no candidate target has a ${options.targetProperty} property`
                : `the most ${options.targetProperty} left on a candidate is ${formatNumber(error.bestRemaining)}`;
            throw new PlanningError(
              `divide: no candidate target has enough ${options.targetProperty} left for service ${JSON.stringify(error.item)}: it needs ${formatNumber(error.demand)}, ${left}`,
            );
          }
          throw error;
        }
        const placed: DistributionModel = {};
        names.forEach((name, k) => {
          const target = targets[result.assignment[k]];
          placed[name] = [distribution[name].find((m) => m.target === target) as { target: string }];
        });
        const left = targets
          .filter((_, j) => result.remaining[j] !== undefined)
          .map((t) => `${t} ${formatNumber(result.remaining[targets.indexOf(t)] as number)}`);
        summary(
          `divide (${options.strategy}): ${names.length} services placed; ${options.targetProperty} left: ${left.join(', ') || 'none'}`,
        );
        await emitDistribution(placed, options);
      }),
    );
}
