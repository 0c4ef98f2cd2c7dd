/**
 * What the planning commands (multiwaycut, graphcol, minsetcover, divide) share: loading their
 * models, printing the resulting distribution, and the one summary line on standard error.
 */
import type { Command } from 'commander';
import { ModelError, formatPath } from '../../models/errors.js';
import { loadModels, UsageError, type Models } from '../../models/load.js';
import { distributionToValue } from '../../models/to-value.js';
import type { DistributionModel, Value } from '../../models/types.js';
import { distributionToXml } from '../../models/write-xml.js';
import { outputFormatOf, render } from '../formats.js';
import { emit } from '../output.js';
import {
  loadOptionsOf,
  withInputOptions,
  withOutputOptions,
  type InputOptions,
  type OutputOptions,
} from './options.js';

export interface PlanningOptions extends InputOptions, OutputOptions {
  services: string;
  infrastructure?: string;
  distribution?: string;
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
  return withOutputOptions(withInputOptions(command));
}

export async function loadPlanningModels(
  options: PlanningOptions,
  infrastructureRequired = true,
): Promise<Models> {
  if (infrastructureRequired && !options.infrastructure && !options.xml) {
    throw new UsageError('an infrastructure model is required (-i)');
  }
  return loadModels(
    {
      services: options.services,
      infrastructure: options.infrastructure,
      distribution: options.distribution,
    },
    loadOptionsOf(options),
  );
}

export async function emitDistribution(
  distribution: DistributionModel,
  options: OutputOptions,
): Promise<void> {
  await emit(
    render(distributionToValue(distribution), outputFormatOf(options), () => distributionToXml(distribution)),
    options.outputFile,
  );
}

/** `lower bound 1139 (gap 1.6 %)`, `(optimal)` when the bound is met; `kind` says where it comes from. */
export function boundText(value: number, bound: number, optimal = false, kind = ''): string {
  const gap =
    optimal || value <= bound
      ? 'optimal'
      : bound > 0
        ? `gap ${((100 * (value - bound)) / bound).toFixed(1)} %`
        : 'gap unknown';
  return `lower bound ${formatNumber(bound)} (${kind ? `${kind}; ` : ''}${gap})`;
}

export function formatNumber(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(2);
}

export function summary(line: string): void {
  process.stderr.write(`${line}\n`);
}

/**
 * A numeric property (demand, capacity, cost): numbers as they are, numeric strings parsed (dydisnix
 * kept numbers as strings), no value for a missing, list or attribute-set property (the original
 * skipped those), and an error naming the file and field for anything else.
 */
export function numericValue(
  value: Value | undefined,
  file: string,
  path: PropertyKey[],
): number | undefined {
  if (value === undefined || value === null || typeof value === 'object') return undefined;
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value)))
    return Number(value);
  throw new ModelError(file, formatPath(path), `expected a number, got ${JSON.stringify(value)}`);
}
