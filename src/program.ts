/**
 * The `dyplan` command line as a function: `runCli(argv)` parses, runs and returns the exit code
 * (docs/cli.md): 0 success; 1 bad input, infeasible plan or exhausted pool (one line on
 * stderr naming the file and field); 2 bad usage (one line, found at parse time where the
 * options alone show it); 141 when standard output was closed under it (as a program killed by
 * SIGPIPE). It never calls process.exit, so output is never cut short and tests can run it
 * in-process.
 */
import { readFileSync } from 'node:fs';
import { Command, CommanderError, Option } from 'commander';
import { registerCommands } from './commands/index.js';
import { inapplicableOption } from './commands/options.js';
import { configureDiagnostics, stopProgress } from './diagnostics.js';
import { EXIT_CODES, exitCodeOf } from './errors.js';
import { StdoutClosedError } from './output.js';

/** The status of a program whose standard output was closed (128 + SIGPIPE), as the shell reports it. */
export const STDOUT_CLOSED_STATUS = 141;

/** The version in package.json, the one place it is written (from dist/src/ or, in tests, src/). */
export function packageVersion(): string {
  for (const path of ['../../package.json', '../package.json']) {
    try {
      const pkg = JSON.parse(readFileSync(new URL(path, import.meta.url), 'utf8')) as Record<string, unknown>;
      if (pkg.name === 'dyplan' && typeof pkg.version === 'string') return pkg.version;
    } catch {
      // not this one
    }
  }
  return 'unknown';
}

/**
 * commander checks required options before unknown ones, so `--sevices x` would be reported as
 * a missing `--services`. This command defers the missing-option error to just before the action
 * (after unknown options, conflicts and excess arguments), so the first mistake is the one named.
 */
class DyplanCommand extends Command {
  private missing?: Option;

  override createCommand(name?: string): Command {
    return new DyplanCommand(name);
  }

  /** Called by commander's parser for a required option without a value (see above). */
  missingMandatoryOptionValue(option: Option): void {
    this.missing ??= option;
  }

  /** The usage checks that need the whole parsed command line; run before the action. */
  checkUsage(): void {
    if (this.missing) {
      this.error(`error: required option '${this.missing.flags}' not specified`, {
        code: 'commander.missingMandatoryOptionValue',
        exitCode: EXIT_CODES.usage,
      });
    }
    const inapplicable = inapplicableOption(this);
    if (inapplicable)
      this.error(`error: ${inapplicable}`, { code: 'dyplan.inapplicableOption', exitCode: EXIT_CODES.usage });
  }
}

/** `dyplan multiwaycut` for a sub-command, `dyplan` for the program. */
function commandPath(command: Command): string {
  const names: string[] = [];
  for (let c: Command | null = command; c; c = c.parent) names.unshift(c.name());
  return names.join(' ');
}

/** commander's message (`error: ...`, a suggestion on its own line) as one `dyplan: ...` line. */
function usageLine(command: Command, message: string): string {
  const text = message
    .replace(/^error: /, '')
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .join(' ');
  return `dyplan: ${text} (see '${commandPath(command)} --help')\n`;
}

/**
 * A message on one line: control characters (a newline in a file name, a model string or Nix's
 * message) are written as escapes, so an error is always exactly one line.
 */
export function oneLine(text: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are what is escaped
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (c) =>
    c === '\n'
      ? '\\n'
      : c === '\r'
        ? '\\r'
        : c === '\t'
          ? '\\t'
          : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/**
 * The one line dyplan prints for an error that ended a command. A bug (anything that is not a
 * DyplanError) says so, with its message only; `DYPLAN_DEBUG=1` adds the stack and causes.
 */
export function errorLine(error: unknown, debug = process.env.DYPLAN_DEBUG): string {
  const code = exitCodeOf(error);
  const message = error instanceof Error ? error.message : String(error);
  const internal = code === EXIT_CODES.internal;
  // An error that is a list of problems (`id-assign --check`) says each on its own line.
  const lines = (error as { lines?: unknown } | null)?.lines;
  const listed = !internal && Array.isArray(lines) && lines.every((l) => typeof l === 'string');
  const line = internal
    ? `dyplan: internal error (a bug in dyplan, exit ${code}): ${oneLine(message)} (run with DYPLAN_DEBUG=1 for the trace)`
    : listed
      ? (lines as string[]).map((l) => `dyplan: ${oneLine(l)}`).join('\n')
      : `dyplan: ${oneLine(message)}`;
  if (!debug || debug === '0') return `${line}\n`;
  const trace: string[] = [];
  for (let e: unknown = error, depth = 0; e !== undefined && depth < 10; depth++) {
    trace.push(e instanceof Error ? (e.stack ?? e.message) : String(e));
    e = e instanceof Error ? e.cause : undefined;
  }
  return `${line}\n${trace.join('\ncaused by: ')}\n`;
}

/**
 * The program with its commands: only `command` (the first word of the command line) when it
 * names one, else all of them (see commands/index.ts).
 */
export async function buildProgram(setExitCode: (code: number) => void, command?: string): Promise<Command> {
  const run = async (action: () => Promise<void>): Promise<void> => {
    try {
      await action();
    } catch (error) {
      // The reader went away (`| head`): stop quietly, as a program killed by SIGPIPE would.
      if (error instanceof StdoutClosedError) return setExitCode(STDOUT_CLOSED_STATUS);
      stopProgress();
      process.stderr.write(errorLine(error));
      setExitCode(exitCodeOf(error));
    }
  };
  const program = new DyplanCommand('dyplan')
    .description(
      'deployment planner and ID assigner for service-oriented systems (Dynamic Disnix in TypeScript)',
    )
    .version(packageVersion());
  await registerCommands(program, run, command);
  for (const command of program.commands) {
    command
      .addOption(new Option('--quiet', 'print nothing on standard error but errors').conflicts('verbose'))
      .addOption(new Option('--verbose', 'print every phase with its elapsed time on standard error'));
  }
  for (const command of [program, ...program.commands]) {
    command
      .exitOverride()
      .showSuggestionAfterError()
      .configureOutput({ outputError: (message, write) => write(usageLine(command, message)) });
  }
  program.hook('preAction', (_program, action) => {
    if (action instanceof DyplanCommand) action.checkUsage();
    const { quiet, verbose } = action.opts<{ quiet?: boolean; verbose?: boolean }>();
    configureDiagnostics(quiet ? 'quiet' : verbose ? 'verbose' : 'normal');
  });
  return program;
}

export async function runCli(argv: readonly string[]): Promise<number> {
  let code = 0;
  const program = await buildProgram((c) => (code = c), argv[0]);
  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version are successes; anything else commander rejects is bad usage.
      return error.exitCode === 0 ||
        error.code === 'commander.helpDisplayed' ||
        error.code === 'commander.version'
        ? 0
        : EXIT_CODES.usage;
    }
    // Nothing else may escape: a bug outside a command's action still ends in one line.
    process.stderr.write(errorLine(error));
    return exitCodeOf(error);
  }
  return code;
}
