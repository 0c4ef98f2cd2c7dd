/**
 * A lock next to an output file (`FILE.lock`), so that two runs that read, change and replace the
 * same file (id-assign with `--ids F --output-file F`) take turns instead of the last writer
 * silently winning.
 *
 * - Taking the lock is atomic: the lock file is written in full under a temporary name, then
 *   hard-linked to `FILE.lock`, which fails if it exists. A lock file is never empty or torn.
 * - It names its holder: `pid`, host, the process start time (Linux) and a random token. A
 *   waiter that finds the holder dead (no such pid on this host, or a pid reused by a process
 *   that started later) breaks the lock: it renames it away, checks that what it renamed is the
 *   dead holder's file (the token), and puts it back if another run took the lock meanwhile.
 *   A run killed at any moment (SIGKILL) therefore never blocks the next one.
 * - A holder re-checks its token just before replacing the output, so a lock broken by mistake
 *   (a holder on another host is never considered dead) fails loudly instead of losing an update.
 * - Waiting is bounded (`timeoutMs`); the error names the holder's pid.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { link, readdir, readFile, realpath, rename, unlink, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { OutputError } from './errors.js';

export interface LockOptions {
  /** How long to wait for another holder, in milliseconds. */
  timeoutMs: number;
  /** Called once when the lock is held by another live process and this run starts waiting. */
  onWait?: (holder: LockHolder, lockFile: string) => void;
}

export interface LockHolder {
  pid: number;
  host: string;
  /** Process start time in clock ticks since boot (Linux), or -1 when unknown. */
  start: number;
  token: string;
}

export interface HeldLock {
  readonly file: string;
  /** Throws an OutputError if the lock is no longer ours (broken by another run). */
  assertHeld(): Promise<void>;
  release(): Promise<void>;
}

/** Start time of a process in clock ticks since boot (field 22 of /proc/PID/stat), or -1. */
function startTimeOf(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) is in parentheses and may contain spaces: count after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const start = Number(fields[19]);
    return Number.isFinite(start) ? start : -1;
  } catch {
    return -1;
  }
}

function describeHolder(holder: LockHolder): string {
  return `pid ${holder.pid}${holder.host === hostname() ? '' : ` on ${holder.host}`}`;
}

function parseHolder(text: string): LockHolder | undefined {
  const fields = new Map<string, string>();
  for (const part of text.trim().split(/\s+/)) {
    const eq = part.indexOf('=');
    if (eq > 0) fields.set(part.slice(0, eq), part.slice(eq + 1));
  }
  const pid = Number(fields.get('pid'));
  const token = fields.get('token');
  if (!Number.isSafeInteger(pid) || pid <= 0 || !token) return undefined;
  return {
    pid,
    host: fields.get('host') ?? '',
    start: Number(fields.get('start') ?? -1),
    token,
  };
}

function formatHolder(holder: LockHolder): string {
  // The host name goes last and without spaces: one line, easy to read by people and by parseHolder.
  return `pid=${holder.pid} start=${holder.start} token=${holder.token} host=${holder.host.replace(/\s/g, '_')}\n`;
}

/** Whether the holder is certainly gone. A holder on another host is never known to be gone. */
export function holderIsDead(holder: LockHolder): boolean {
  if (holder.host !== hostname().replace(/\s/g, '_')) return false;
  try {
    process.kill(holder.pid, 0);
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
  // The pid exists; if it started at another time, it is another process that reused the pid.
  if (holder.start >= 0) {
    const start = startTimeOf(holder.pid);
    if (start >= 0 && start !== holder.start) return true;
  }
  return false;
}

/** The holder named in a lock file; undefined if there is no such file, null if it is not a dyplan lock. */
async function readHolder(file: string): Promise<LockHolder | null | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  return parseHolder(text) ?? null;
}

/** The lock file of `path`: next to the file it stands for, symbolic links resolved. */
export async function lockFileOf(path: string): Promise<string> {
  try {
    return `${await realpath(path)}.lock`;
  } catch {
    try {
      return join(await realpath(dirname(path)), `${basename(path)}.lock`);
    } catch {
      return `${path}.lock`;
    }
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Takes the lock of `path`, waiting for a live holder up to `timeoutMs`. */
export async function acquireLock(path: string, options: LockOptions): Promise<HeldLock> {
  const file = await lockFileOf(path);
  const me: LockHolder = {
    pid: process.pid,
    host: hostname().replace(/\s/g, '_'),
    start: startTimeOf(process.pid),
    token: randomBytes(12).toString('hex'),
  };
  const mine = formatHolder(me);
  const staging = `${file}.${me.pid}.${me.token}`;
  const fail = (what: string, error: unknown) => {
    const { code, message } = error as NodeJS.ErrnoException;
    return new OutputError(`${file}: cannot ${what} the lock (${code ?? message})`, { cause: error });
  };
  try {
    await writeFile(staging, mine, { mode: 0o644 });
  } catch (error) {
    throw fail('create', error);
  }
  const deadline = Date.now() + options.timeoutMs;
  let delay = 5;
  let told = false;
  try {
    for (;;) {
      try {
        await link(staging, file);
        break;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw fail('take', error);
      }
      const holder = await readHolder(file).catch((error: unknown) => {
        throw fail('read', error);
      });
      if (holder === undefined) continue; // released meanwhile: try again at once
      if (holder !== null && holderIsDead(holder)) {
        await breakStaleLock(file, holder, me).catch((error: unknown) => {
          throw fail('break', error);
        });
        continue;
      }
      if (Date.now() >= deadline) {
        throw new OutputError(
          holder === null
            ? `${file}: the file exists and is not a dyplan lock; remove it if no other run writes ${basename(path)}`
            : `${file}: locked by ${describeHolder(holder)} (another dyplan run writing ${basename(path)}); gave up after ${options.timeoutMs / 1000} s (--lock-timeout)`,
        );
      }
      if (!told && holder !== null) {
        told = true;
        options.onWait?.(holder, file);
      }
      await sleep(Math.min(delay, Math.max(1, deadline - Date.now())));
      delay = Math.min(delay * 2, 100);
    }
  } finally {
    await unlink(staging).catch(() => undefined);
  }

  await removeLeftovers(file);
  let released = false;
  return {
    file,
    async assertHeld() {
      const holder = await readHolder(file);
      if (holder?.token !== me.token) {
        throw new OutputError(
          `${file}: the lock was taken over by ${holder ? describeHolder(holder) : 'another run'}; nothing written`,
        );
      }
    },
    async release() {
      if (released) return;
      released = true;
      const holder = await readHolder(file).catch(() => undefined);
      if (holder?.token === me.token) await unlink(file).catch(() => undefined);
    },
  };
}

/**
 * Removes the lock file of a dead holder. Renaming is atomic, so of several waiters only one
 * moves a given file away; if what it moved is not the dead holder's (a live run took the lock
 * in between), it is put back.
 */
async function breakStaleLock(file: string, dead: LockHolder, me: LockHolder): Promise<void> {
  const aside = `${file}.stale.${me.pid}.${me.token}`;
  try {
    await rename(file, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  const moved = await readHolder(aside);
  if (moved && moved.token !== dead.token) {
    // A live lock: put it back unless yet another run has taken the free slot (then the live
    // holder finds out at assertHeld and writes nothing).
    await link(aside, file).catch(() => undefined);
  }
  await unlink(aside).catch(() => undefined);
}

/**
 * Removes what killed runs left next to the lock: staging copies (`FILE.lock.PID.TOKEN`) and
 * locks moved aside while being broken (`FILE.lock.stale.PID.TOKEN`) of processes that are gone.
 */
async function removeLeftovers(file: string): Promise<void> {
  const prefix = `${basename(file)}.`;
  let names: string[];
  try {
    names = await readdir(dirname(file));
  } catch {
    return;
  }
  for (const name of names) {
    if (!name.startsWith(prefix)) continue;
    const match = /^(?:stale\.)?(\d+)\.[0-9a-f]+$/.exec(name.slice(prefix.length));
    if (!match) continue;
    const pid = Number(match[1]);
    if (pid === process.pid) continue;
    try {
      process.kill(pid, 0);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ESRCH')
        await unlink(join(dirname(file), name)).catch(() => undefined);
    }
  }
}

/** Runs `work` holding the lock of `path`; the lock is released whatever happens. */
export async function withLock<T>(
  path: string,
  options: LockOptions,
  work: (lock: HeldLock) => Promise<T>,
): Promise<T> {
  const lock = await acquireLock(path, options);
  try {
    return await work(lock);
  } finally {
    await lock.release();
  }
}
