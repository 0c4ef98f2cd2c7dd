#!/usr/bin/env node
/** The `dyplan` executable; see program.ts. */
import { isClosedPipe } from './output.js';
import { runCli, STDOUT_CLOSED_STATUS } from './program.js';

// A reader that goes away (`dyplan ... | head`, quitting `less`) makes the next write fail with
// EPIPE, also for writes outside a command (help, progress, stderr into the same pipe): end
// quietly with the status of a program killed by SIGPIPE, never with a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (!isClosedPipe(error)) throw error;
    process.exitCode = STDOUT_CLOSED_STATUS;
  });
}

const code = await runCli(process.argv.slice(2));
process.exitCode ||= code;
