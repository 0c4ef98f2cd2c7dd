/**
 * Writing results, transactionally:
 * - a file: a temporary file in the same folder, then a rename, so a failed or interrupted run
 *   never leaves a partial file and an existing file is never lost. A symbolic link is written
 *   through (its target is replaced, the link stays), and an existing file keeps its mode (and its
 *   owner, when dyplan may set it);
 * - a tree (`--batch --output-dir`): every file is written into a temporary folder inside the
 *   output folder first and moved into place only when all of them are written, so a failure
 *   (a full disk, a name the file system refuses) leaves nothing behind;
 * - standard output: waiting for the pipe to drain instead of exiting under it.
 * Temporary files and folders are removed when dyplan is interrupted (SIGINT, SIGTERM, SIGHUP).
 */
import { rmSync } from 'node:fs';
import { chmod, chown, lstat, mkdir, mkdtemp, open, readlink, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';
import { onInterrupt } from '../models/interrupt.js';
import { OutputError } from './errors.js';

/** One line about a file system error. */
export function fileSystemReason(error: unknown): string {
  const { code, message } = error as NodeJS.ErrnoException;
  switch (code) {
    case 'ENOENT':
      return 'no such folder';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EROFS':
      return 'read-only file system';
    case 'ENOSPC':
      return 'no space left on the device';
    case 'EDQUOT':
      return 'disk quota exceeded';
    case 'ENAMETOOLONG':
      return 'the file name is too long';
    case 'ENOTDIR':
      return 'a component of the path is not a folder';
    case 'EISDIR':
      return 'is a folder, expected a file';
    case 'EEXIST':
      return 'a file is in the way';
    case 'ELOOP':
      return 'too many symbolic links';
    default:
      return String(code ?? message);
  }
}

/** Where writing `path` lands: the final target of a chain of symbolic links, else `path`. */
async function throughLinks(path: string): Promise<string> {
  let current = path;
  for (let hops = 0; hops < 40; hops++) {
    let info;
    try {
      info = await lstat(current);
    } catch {
      return current;
    }
    if (!info.isSymbolicLink()) return current;
    const link = await readlink(current);
    current = isAbsolute(link) ? link : resolve(dirname(current), link);
  }
  throw Object.assign(new Error('too many symbolic links'), { code: 'ELOOP' });
}

/**
 * `mkdir -p`, one component at a time: Node's recursive mkdir never returns for some paths under
 * /proc (it retries the parent forever), and the component that fails is the one to name.
 */
export async function makeFolders(dir: string): Promise<void> {
  const missing: string[] = [];
  let current = resolve(dir);
  for (;;) {
    const info = await stat(current).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return undefined;
      throw error;
    });
    if (info) {
      if (!info.isDirectory()) throw Object.assign(new Error('not a folder'), { code: 'ENOTDIR' });
      break;
    }
    missing.push(current);
    const parent = dirname(current);
    if (parent === current) break;
    current = parent;
  }
  for (const folder of missing.reverse()) {
    await mkdir(folder).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'EEXIST') throw error;
    });
  }
}

let counter = 0;
const temporaryName = (path: string) =>
  join(dirname(path), `.${basename(path).slice(0, 120)}.${process.pid}.${Date.now()}.${counter++}.tmp`);

export async function writeFileAtomic(path: string, contents: string | Uint8Array): Promise<void> {
  let temporary: string | undefined;
  const forget = onInterrupt(() => {
    if (temporary) rmSync(temporary, { force: true });
  });
  try {
    const target = await throughLinks(path);
    const existing = await stat(target).catch(() => undefined);
    if (existing?.isDirectory()) throw Object.assign(new Error('is a folder'), { code: 'EISDIR' });
    if (existing && !existing.isFile()) {
      // A device or a pipe (/dev/stdout, /dev/null, a FIFO): written into, never replaced.
      const handle = await open(target, 'w');
      try {
        await handle.writeFile(contents);
      } finally {
        await handle.close();
      }
      return;
    }
    temporary = temporaryName(target);
    const handle = await open(temporary, 'wx', 0o644);
    try {
      await handle.writeFile(contents);
      if (existing) {
        await chmod(temporary, existing.mode & 0o7777);
        // Only the superuser may give a file away; anyone else keeps the file as their own.
        if (process.getuid?.() === 0) await chown(temporary, existing.uid, existing.gid).catch(() => undefined);
      }
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, target);
    temporary = undefined;
  } catch (error) {
    if (temporary) await rm(temporary, { force: true });
    throw new OutputError(`${path}: cannot write the output file (${fileSystemReason(error)})`, { cause: error });
  } finally {
    forget();
  }
}

/**
 * Writes `files` (relative path -> contents) under `dir`, all or nothing: into a temporary folder
 * inside `dir` first, then each file renamed into place. Folders are created as needed.
 */
export async function writeTreeAtomic(dir: string, files: ReadonlyMap<string, string | Uint8Array>): Promise<void> {
  let staging: string | undefined;
  const forget = onInterrupt(() => {
    if (staging) rmSync(staging, { recursive: true, force: true });
  });
  let current = dir;
  try {
    try {
      await makeFolders(dir);
      staging = await mkdtemp(join(dir, `.dyplan-${process.pid}-`));
    } catch (error) {
      throw new OutputError(`${dir}: cannot create the output folder (${fileSystemReason(error)})`, { cause: error });
    }
    for (const [path, contents] of files) {
      current = join(dir, path);
      const staged = join(staging, path);
      await makeFolders(dirname(staged));
      const handle = await open(staged, 'wx', 0o644);
      try {
        await handle.writeFile(contents);
      } finally {
        await handle.close();
      }
    }
    for (const path of files.keys()) {
      current = join(dir, path);
      await makeFolders(dirname(current));
      const existing = await stat(current).catch(() => undefined);
      if (existing?.isDirectory()) throw Object.assign(new Error('is a folder'), { code: 'EISDIR' });
      await rename(join(staging, path), current);
    }
  } catch (error) {
    if (error instanceof OutputError) throw error;
    throw new OutputError(`${current}: cannot write the output file (${fileSystemReason(error)})`, { cause: error });
  } finally {
    if (staging) await rm(staging, { recursive: true, force: true });
    forget();
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
