/**
 * Runs the CLI in this process (`runCli` of src/program.ts), capturing what it writes on standard
 * output and standard error: what the property and fuzz tests use to run thousands of commands
 * without spawning Node each time.
 */
import { runCli } from '../../src/program.js';

export interface InProcessResult {
  code: number;
  stdout: string;
  stderr: string;
  /** Set when the run did not end within the time limit. */
  hung?: boolean;
}

type Write = typeof process.stdout.write;

/** `runCli(argv)` with stdout and stderr captured; `timeoutMs` bounds asynchronous waiting only. */
export async function runInProcess(
  argv: readonly string[],
  options: { timeoutMs?: number; cli?: (argv: readonly string[]) => Promise<number> } = {},
): Promise<InProcessResult> {
  const out: string[] = [];
  const err: string[] = [];
  const capture =
    (sink: string[]): Write =>
    ((chunk: string | Uint8Array, encodingOrCallback?: unknown, callback?: unknown) => {
      sink.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
      const done = typeof encodingOrCallback === 'function' ? encodingOrCallback : callback;
      if (typeof done === 'function') queueMicrotask(() => (done as (e?: Error | null) => void)(null));
      return true;
    }) as Write;
  const stdoutWrite = process.stdout.write;
  const stderrWrite = process.stderr.write;
  process.stdout.write = capture(out);
  process.stderr.write = capture(err);
  let timer: NodeJS.Timeout | undefined;
  try {
    const run = (options.cli ?? runCli)(argv);
    const limit = new Promise<'hung'>((resolve) => {
      timer = setTimeout(() => resolve('hung'), options.timeoutMs ?? 30_000);
    });
    const code = await Promise.race([run, limit]);
    if (code === 'hung') return { code: -1, stdout: out.join(''), stderr: err.join(''), hung: true };
    return { code, stdout: out.join(''), stderr: err.join('') };
  } catch (error) {
    // runCli itself must never throw: report it the way a crash would look.
    return { code: -2, stdout: out.join(''), stderr: err.join('') + `THROWN: ${(error as Error)?.stack ?? String(error)}\n` };
  } finally {
    if (timer) clearTimeout(timer);
    process.stdout.write = stdoutWrite;
    process.stderr.write = stderrWrite;
  }
}
