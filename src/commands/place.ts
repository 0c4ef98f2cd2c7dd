/**
 * `dyplan place`: capacity-, spread- and migration-aware placement minimising the links that
 * cross targets (src/plans/place.ts).
 */
import { Option, type Command } from 'commander';
import { UsageError } from '../errors.js';
import { PhaseClock } from '../report.js';
import {
  emitPlan,
  planningCommand,
  requireInfrastructure,
  sourcesOf,
  type PlanningOptions,
} from './planning.js';
import { loadCommandModels, type ActionRunner } from './options.js';

interface PlaceCommandOptions extends PlanningOptions {
  resource: string[];
  missingDemand: 'error' | 'zero';
  spreadProperty?: string;
  previousDistribution?: string;
  migrationCost: string;
  linkWeightProperty?: string;
  exact?: boolean;
  timeLimit: string;
  bound: 'auto' | 'lp' | 'combinatorial';
  workBudget?: string;
  seed: string;
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

function positiveNumber(text: string, option: string, integer = false): number {
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || value < 0 || (integer && !Number.isInteger(value)))
    throw new UsageError(
      `${option} ${JSON.stringify(text)}: expected a ${integer ? 'whole ' : ''}number >= 0`,
    );
  return value;
}

export function registerPlace(program: Command, run: ActionRunner): void {
  planningCommand(
    program,
    'place',
    'place services within target capacities and spread groups, minimising crossing links and migrations',
    { distribution: false },
  )
    .requiredOption(
      '--resource <SERVICEPROP:TARGETPROP>',
      'a demand/capacity pair, e.g. requireMem:mem (repeatable)',
      collect,
    )
    .addOption(
      new Option('--missing-demand <mode>', 'a service or target without the property: error, or 0')
        .choices(['error', 'zero'])
        .default('error'),
    )
    .option(
      '--spread-property <name>',
      'services with the same value of this property go to different targets',
    )
    .option('--previous-distribution <file>', 'where the services run now (for --migration-cost)')
    .option(
      '--migration-cost <n|property>',
      'cost of a service leaving its previous targets: a number, or a numeric service property',
      '1',
    )
    .option('--link-weight-property <name>', 'service property { dependency = weight; } weighting its links')
    .option(
      '--exact',
      'solve the integer programme (HiGHS) within --time-limit, else keep the heuristic answer',
    )
    .option('--time-limit <seconds>', 'time limit of --exact and of the LP bound', '30')
    .addOption(
      new Option(
        '--bound <kind>',
        'lower bound: LP relaxation when candidates make it useful, or combinatorial only',
      )
        .choices(['auto', 'lp', 'combinatorial'])
        .default('auto'),
    )
    .addOption(
      new Option('--work-budget <units>', 'work units of the search (default from the size)').hideHelp(),
    )
    .option('--seed <n>', 'seed of the search (the same seed gives the same plan)', '1')
    .action((options: PlaceCommandOptions) =>
      run(async () => {
        const { parseResourcePairs } = await import('../plans/resources.js');
        const resources = parseResourcePairs(options.resource);
        const migrationCost = /^\s*[0-9.eE+-]+\s*$/.test(options.migrationCost)
          ? positiveNumber(options.migrationCost, '--migration-cost')
          : { property: options.migrationCost };
        const timeLimit = positiveNumber(options.timeLimit, '--time-limit');
        const seed = positiveNumber(options.seed, '--seed', true);
        const workBudget =
          options.workBudget === undefined
            ? undefined
            : positiveNumber(options.workBudget, '--work-budget', true);
        if (!options.infrastructure && !options.xml)
          throw new UsageError('an infrastructure model is required (-i)');
        const clock = new PhaseClock();
        const models = await clock.time('load models', () =>
          loadCommandModels(
            {
              services: options.services,
              infrastructure: options.infrastructure,
              distribution: options.distribution,
              previousDistribution: options.previousDistribution,
            },
            options,
          ),
        );
        const { planPlace } = await import('../plans/place.js');
        const result = await clock.time('plan', () =>
          planPlace(
            {
              services: models.services,
              infrastructure: requireInfrastructure(models.infrastructure),
              distribution: models.distribution,
              previousDistribution: models.previousDistribution,
            },
            {
              resources,
              missingDemand: options.missingDemand,
              spreadProperty: options.spreadProperty,
              migrationCost,
              linkWeightProperty: options.linkWeightProperty,
              exact: options.exact,
              timeLimit,
              bound: options.bound,
              workBudget,
              seed,
              sources: { ...sourcesOf(options), previousDistribution: options.previousDistribution },
            },
          ),
        );
        await emitPlan('place', result, options, clock);
      }),
    );
}
