/**
 * The `dyplan` command line as a function: `runCli(argv)` parses, runs and returns the exit code
 * (docs/cli.md): 0 success; 1 bad input, infeasible plan or exhausted pool (one line on
 * stderr naming the file and field); 2 bad usage. It never calls process.exit, so output is never
 * cut short and tests can run it in-process.
 */
import { Command, CommanderError } from 'commander';
import { registerCommands } from './commands/index.js';
import { EXIT_CODES, exitCodeOf } from './errors.js';

export function buildProgram(setExitCode: (code: number) => void): Command {
  const run = async (action: () => Promise<void>): Promise<void> => {
    try {
      await action();
    } catch (error) {
      const code = exitCodeOf(error);
      const message = error instanceof Error ? error.message : String(error);
      // A bug in dyplan: say so plainly, with the stack for the report.
      process.stderr.write(
        code === EXIT_CODES.internal
          ? `dyplan: internal error: ${error instanceof Error ? error.stack : message}\n`
          : `dyplan: ${message}\n`,
      );
      setExitCode(code);
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
    throw error;
  }
  return code;
}
