/** Options shared by the commands (docs/compatibility.md §2.1 and docs/cli.md). */
import { InvalidArgumentError, Option, type Command } from 'commander';
import { DEFAULT_EVAL_TIMEOUT_SECONDS } from '../../models/nix-eval.js';
import { formatOf, loadModels, type LoadOptions, type ModelFiles } from '../../models/load.js';
import { diagnostics } from '../diagnostics.js';
import { UsageError } from '../errors.js';

export interface InputOptions {
  inputFormat?: LoadOptions['inputFormat'];
  xml?: boolean;
  extraParams?: string;
  showTrace?: boolean;
  include?: string[];
  evalTimeout?: number;
}

export interface OutputOptions {
  json?: boolean;
  outputXml?: boolean;
  outputFile?: string;
}

/** Runs a command body and turns its known failures into one stderr line and an exit code. */
export type ActionRunner = (action: () => Promise<void>) => Promise<void>;

const collect = (value: string, previous: string[] = []) => [...previous, value];

function parseSeconds(value: string): number {
  const seconds = Number(value);
  if (value.trim() === '' || !Number.isFinite(seconds) || seconds < 0)
    throw new InvalidArgumentError('expected a number of seconds (0 for no limit)');
  return seconds;
}

/** `--input-format`, `--xml`, `--extra-params`, `--show-trace`, `-I`. */
export function withInputOptions(command: Command): Command {
  return command
    .addOption(
      new Option(
        '--input-format <format>',
        'read every model file in this format instead of by extension',
      ).choices(['nix', 'json', 'yaml', 'xml']),
    )
    .option('--xml', 'every model file is in the dydisnix XML interchange format')
    .option(
      '--extra-params <expr>',
      'Nix attribute set passed to Nix models that declare those arguments',
      '{}',
    )
    .option('--show-trace', 'pass --show-trace to nix-instantiate and show its full trace on errors')
    .option('-I, --include <path>', 'add a path to the Nix search path (repeatable)', collect)
    .option(
      '--eval-timeout <seconds>',
      'stop a Nix evaluation that takes longer than this (0: no limit)',
      parseSeconds,
      DEFAULT_EVAL_TIMEOUT_SECONDS,
    );
}

/** `--json`, `--output-xml`, `--output-file`. */
export function withOutputOptions(command: Command): Command {
  return command
    .addOption(new Option('--json', 'print JSON instead of a Nix expression').conflicts('outputXml'))
    .option('--output-xml', 'print the dydisnix XML format instead of a Nix expression')
    .option('--output-file <file>', 'write the result to this file (atomically) instead of standard output');
}

/*
 * Parse-time usage checks declared per option. commander covers unknown options (with a
 * did-you-mean), choices, conflicts() and argument parsers; what it lacks is "this option means
 * nothing without that one", declared here with `appliesOnlyWith` and checked by the program
 * (src/program.ts) for whichever command runs, before its action.
 */
const prerequisites = new WeakMap<Option, readonly string[]>();

/**
 * `option` means something only together with one of `others` (attribute names, e.g. `exact`
 * for `--exact`): given without any of them it is refused (exit 2) instead of being ignored.
 */
export function appliesOnlyWith<T extends Option>(option: T, ...others: string[]): T {
  prerequisites.set(option, others);
  return option;
}

/** The first usage mistake `appliesOnlyWith` declarations find in a parsed command, as a message. */
export function inapplicableOption(command: Command): string | undefined {
  const given = (name: string) => {
    const source = command.getOptionValueSource(name);
    return source !== undefined && source !== 'default' && command.getOptionValue(name) !== undefined;
  };
  const flag = (name: string) => command.options.find((o) => o.attributeName() === name)?.long ?? name;
  for (const option of command.options) {
    const others = prerequisites.get(option);
    if (!others || !given(option.attributeName()) || others.some(given)) continue;
    return `option '${option.long}' applies only with ${others.map((o) => `'${flag(o)}'`).join(' or ')}`;
  }
  return undefined;
}

/** An argument parser for numeric options: rejects what is not a number in range (exit 2). */
export function numberArgument(
  expected: { integer?: boolean; min?: number; positive?: boolean } = {},
): (value: string) => number {
  const what = `${expected.positive ? 'a positive' : expected.min === 0 ? 'a non-negative' : 'a'} ${
    expected.integer ? 'integer' : 'number'
  }${expected.min !== undefined && expected.min !== 0 ? ` of at least ${expected.min}` : ''}`;
  return (value) => {
    const n = value.trim() === '' ? NaN : Number(value);
    if (
      !Number.isFinite(n) ||
      (expected.integer && !Number.isInteger(n)) ||
      (expected.positive && n <= 0) ||
      (expected.min !== undefined && n < expected.min)
    )
      throw new InvalidArgumentError(`Expected ${what}.`);
    return n;
  };
}

/** `--time-limit <seconds>`: a positive number of seconds, 30 by default. */
export function timeLimitOption(description: string): Option {
  return new Option('--time-limit <seconds>', description)
    .argParser(numberArgument({ positive: true }))
    .default(30);
}

/** What the models layer needs from the command line and the environment (it reads neither). */
export function loadOptionsOf(options: InputOptions): LoadOptions {
  return {
    inputFormat: options.inputFormat,
    xml: options.xml,
    extraParams: options.extraParams,
    showTrace: options.showTrace,
    includePaths: options.include,
    targetProperty: process.env.DISNIX_TARGET_PROPERTY,
    evalTimeout: options.evalTimeout,
    onDiagnostics: (text) => diagnostics.trace(text),
    onPhase: (name) => diagnostics.phase(name),
    onWarning: (line) => diagnostics.warning(line),
  };
}

/** `loadModels` with the usage check the models layer cannot make: a Nix `-d` needs `-i`. */
export function loadCommandModels<F extends ModelFiles>(files: F, options: InputOptions) {
  const loadOptions = loadOptionsOf(options);
  for (const file of [files.distribution, files.previousDistribution]) {
    if (file && !files.infrastructure && formatOf(file, loadOptions) === 'nix')
      throw new UsageError('a Nix distribution model needs the infrastructure model too (-i)');
  }
  return loadModels(files, loadOptions);
}
