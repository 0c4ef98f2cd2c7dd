/**
 * Writing results: to a file atomically (temporary file in the same folder, then rename, so a
 * failed or interrupted run never leaves a partial file and an existing file is never lost), or
 * to standard output, waiting for the pipe to drain instead of exiting under it.
 */
import { open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { OutputError } from './errors.js';

export async function writeFileAtomic(path: string, contents: string | Uint8Array): Promise<void> {
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now()}.tmp`);
  try {
    const handle = await open(temporary, 'w', 0o644);
    try {
      await handle.writeFile(contents);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    const { code, message } = error as NodeJS.ErrnoException;
    throw new OutputError(`${path}: cannot write the output file (${code ?? message})`, { cause: error });
  }
}

/** Standard output was closed by its reader (`dyplan ... | head`): the run ends quietly (exit 141). */
export class StdoutClosedError extends Error {
  constructor(options?: ErrorOptions) {
    super('standard output was closed', options);
  }
}

export function isClosedPipe(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code === 'EPIPE' || code === 'ERR_STREAM_DESTROYED';
}

export function writeStdout(contents: string | Uint8Array): Promise<void> {
  return new Promise((resolve, reject) => {
    process.stdout.write(contents, (error) =>
      error ? reject(isClosedPipe(error) ? new StdoutClosedError({ cause: error }) : error) : resolve(),
    );
  });
}

/** The result goes to `outputFile` when given, else to standard output. */
export async function emit(contents: string | Uint8Array, outputFile?: string): Promise<void> {
  if (outputFile) await writeFileAtomic(outputFile, contents);
  else await writeStdout(contents);
}
