/** `dyplan completion bash|zsh|fish`: prints a shell completion script (src/completion.ts). */
import { Argument, type Command } from 'commander';
import { programSpec } from '../cli-spec.js';
import { COMPLETION_SHELLS, completionScript, type CompletionShell } from '../completion.js';
import { writeStdout } from '../output.js';
import type { ActionRunner } from './options.js';

export function registerCompletion(program: Command, run: ActionRunner): void {
  program
    .command('completion')
    .description('print a shell completion script: source <(dyplan completion bash)')
    .addArgument(new Argument('<shell>', 'the shell').choices(COMPLETION_SHELLS))
    .action((shell: CompletionShell) =>
      // Read the program when the script is asked for, so every command registered is in it.
      run(() => writeStdout(completionScript(programSpec(program), shell))),
    );
}
