/** Options shared by the commands (docs/compatibility.md §2.1 and docs/cli.md). */
import { Command, InvalidArgumentError, Option } from 'commander';
import { DEFAULT_EVAL_TIMEOUT_SECONDS } from '../../models/nix-eval.js';
import { formatOf, loadModels, type LoadOptions, type ModelFiles } from '../../models/load.js';
import { UsageError } from '../errors.js';
import { diagnostics } from '../diagnostics.js';

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
    .option('--json', 'print JSON instead of a Nix expression')
    .option('--output-xml', 'print the dydisnix XML format instead of a Nix expression')
    .option('--output-file <file>', 'write the result to this file (atomically) instead of standard output');
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
    onDiagnostics: (text) => process.stderr.write(text),
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
