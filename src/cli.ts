#!/usr/bin/env node
/**
 * The `dyplan` executable. Exit codes (../shared/docs/cli.md): 0 success; 1 bad input, infeasible
 * plan or exhausted pool (one line on stderr naming the file and field); 2 bad usage.
 */
import { Command, CommanderError } from 'commander';
import { ModelError } from '../models/errors.js';
import { UsageError } from '../models/load.js';
import { OutputError } from './output.js';
import { registerCommands } from './commands/index.js';

/** Runs a command body, turning known failures into one stderr line and an exit code. */
export async function runAction(action: () => Promise<void>): Promise<void> {
  try {
    await action();
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`dyplan: ${error.message}\n`);
      process.exitCode = 2;
    } else if (error instanceof ModelError || error instanceof OutputError || (error instanceof Error && 'exitCode' in error && error.exitCode === 1)) {
      process.stderr.write(`dyplan: ${error.message}\n`);
      process.exitCode = 1;
    } else {
      // A bug in dyplan: say so plainly, with the stack for the report.
      process.stderr.write(`dyplan: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = 70;
    }
  }
}

export function buildProgram(): Command {
  const program = new Command('dyplan')
    .description('deployment planner and ID assigner for service-oriented systems (Dynamic Disnix in TypeScript)')
    .version('0.1.0')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  registerCommands(program, runAction);
  for (const command of program.commands) command.exitOverride().showHelpAfterError('(run with --help for usage)');
  return program;
}

async function main(): Promise<void> {
  const program = buildProgram();
  try {
    await program.parseAsync(process.argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version are successes; anything else commander rejects is bad usage.
      process.exitCode = error.exitCode === 0 || error.code === 'commander.helpDisplayed' || error.code === 'commander.version' ? 0 : 2;
      return;
    }
    throw error;
  }
}

await main();
