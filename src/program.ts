/**
 * The `dyplan` command line as a function: `runCli(argv)` parses, runs and returns the exit code
 * (docs/cli.md): 0 success; 1 bad input, infeasible plan or exhausted pool (one line on
 * stderr naming the file and field); 2 bad usage. It never calls process.exit, so output is never
 * cut short and tests can run it in-process.
 */
import { Command, CommanderError } from 'commander';
import { registerCommands } from './commands/index.js';
import { EXIT_CODES, exitCodeOf } from './errors.js';

/**
 * A message on one line: control characters (a newline in a file name, a model string or Nix's
 * message) are written as escapes, so an error is always exactly one line.
 */
export function oneLine(text: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are what is escaped
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (c) =>
    c === '\n' ? '\\n' : c === '\r' ? '\\r' : c === '\t' ? '\\t' : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
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

export function buildProgram(setExitCode: (code: number) => void): Command {
  const run = async (action: () => Promise<void>): Promise<void> => {
    try {
      await action();
    } catch (error) {
      process.stderr.write(errorLine(error));
      setExitCode(exitCodeOf(error));
    }
  };
  const program = new Command('dyplan')
    .description(
      'deployment planner and ID assigner for service-oriented systems (Dynamic Disnix in TypeScript)',
    )
    .version('0.1.0');
  registerCommands(program, run);
  for (const command of [program, ...program.commands])
    command.exitOverride().showHelpAfterError('(run with --help for usage)');
  return program;
}

export async function runCli(argv: readonly string[]): Promise<number> {
  let code = 0;
  const program = buildProgram((c) => (code = c));
  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version are successes; anything else commander rejects is bad usage.
      return error.exitCode === 0 ||
        error.code === 'commander.helpDisplayed' ||
        error.code === 'commander.version'
        ? 0
        : 2;
    }
    // Nothing else may escape: a bug outside a command's action still ends in one line.
    process.stderr.write(errorLine(error));
    return exitCodeOf(error);
  }
  return code;
}
