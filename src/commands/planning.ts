/**
 * What the planning commands (multiwaycut, graphcol, minsetcover, divide) share: their options,
 * loading their models, and printing a plan's distribution with its summary line.
 */
import type { Command } from 'commander';
import type { LoadedModels } from '../../models/load.js';
import type { DistributionModel } from '../../models/types.js';
import { UsageError } from '../errors.js';
import { outputFormatOf, render } from '../formats.js';
import { emit } from '../output.js';
import type { ModelSources, PlacementResult } from '../plans/placement.js';
import { placementReport, withReportOption, writeReport, type PhaseClock } from '../report.js';
import { MODEL_KINDS } from '../../models/kinds.js';
import { diagnostics } from '../diagnostics.js';
import {
  loadCommandModels,
  withInputOptions,
  withOutputOptions,
  type InputOptions,
  type OutputOptions,
} from './options.js';

export interface PlanningOptions extends InputOptions, OutputOptions {
  services: string;
  infrastructure?: string;
  distribution?: string;
  report?: string;
}

/** `-s`, `-i`, `-d` and the shared input/output options. */
export function planningCommand(
  program: Command,
  name: string,
  description: string,
  needs: { distribution: boolean },
): Command {
  const command = program
    .command(name)
    .description(description)
    .requiredOption('-s, --services <file>', 'services model')
    .option('-i, --infrastructure <file>', 'infrastructure model (required unless --xml)');
  if (needs.distribution)
    command.requiredOption(
      '-d, --distribution <file>',
      'candidate distribution: the targets each service may run on',
    );
  else
    command.option(
      '-d, --distribution <file>',
      'candidate distribution restricting the targets of each service',
    );
  return withReportOption(withOutputOptions(withInputOptions(command)));
}

/** Loads `-s`, `-d` (as given) and `-i` (required unless `--xml`, as dydisnix has it). */
export async function loadPlanningModels<O extends PlanningOptions>(
  options: O,
): Promise<LoadedModels<PlanningFiles<O>>> {
  if (!options.infrastructure && !options.xml)
    throw new UsageError('an infrastructure model is required (-i)');
  const files: PlanningFiles<O> = {
    services: options.services,
    infrastructure: options.infrastructure,
    distribution: options.distribution,
  };
  return loadCommandModels(files, options);
}

type PlanningFiles<O extends PlanningOptions> = {
  services: string;
  infrastructure: string | undefined;
  distribution: O['distribution'];
};

/** The infrastructure model a planner cannot do without (with `--xml` it may still be missing). */
export function requireInfrastructure<T>(infrastructure: T | undefined): T {
  if (infrastructure === undefined) throw new UsageError('an infrastructure model is required (-i)');
  return infrastructure;
}

export function sourcesOf(options: PlanningOptions): ModelSources {
  return {
    services: options.services,
    infrastructure: options.infrastructure,
    distribution: options.distribution,
  };
}

export async function emitDistribution(
  distribution: DistributionModel,
  options: OutputOptions,
): Promise<void> {
  const { toValue, toXml } = MODEL_KINDS.distribution;
  await emit(
    render(toValue(distribution), outputFormatOf(options), () => toXml(distribution)),
    options.outputFile,
  );
}

/** The plan's summary line on standard error, then its distribution, then `--report`. */
export async function emitPlan(
  command: string,
  result: PlacementResult,
  options: PlanningOptions,
  clock: PhaseClock,
): Promise<void> {
  diagnostics.summary(result.summary);
  await clock.time('write', () => emitDistribution(result.distribution, options));
  await writeReport(options.report, placementReport(command, result, clock));
}

/** A `--time-limit` value: a positive number of seconds, else a usage error. */
export function secondsOption(value: string, option = '--time-limit'): number {
  const seconds = Number(value);
  if (value.trim() === '' || !Number.isFinite(seconds) || seconds <= 0)
    throw new UsageError(`${option}: expected a positive number of seconds, got ${JSON.stringify(value)}`);
  return seconds;
}
