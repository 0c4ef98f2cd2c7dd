/**
 * Two id-assign runs on one output file take turns (src/lock.ts), and a run killed at any moment
 * leaves the old or the new file, never a torn one, and no lock that blocks the next run.
 * Real processes of the built CLI on tiny JSON models; bounded, seeded, no time asserted.
 */
import { spawn } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { mulberry32 } from '../../algorithms/support/index.js';
import { runCli } from '../../src/program.js';
import { CLI } from '../helpers/cli.js';

const tmp = mkdtempSync(join(tmpdir(), 'dyplan-lock-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

let quiet: ReturnType<typeof vi.spyOn> | undefined;
beforeAll(() => {
  quiet = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
});
afterAll(() => quiet?.mockRestore());

const RESOURCES = { ports: { min: 3000, max: 3999 }, uids: { min: 2000, max: 2999, noReuse: true } };

function services(names: string[]) {
  return Object.fromEntries(names.map((n) => [n, { name: n, requiresUniqueIdsFor: ['ports', 'uids'] }]));
}

function write(path: string, value: unknown): string {
  writeFileSync(path, JSON.stringify(value));
  return path;
}

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
  ms: number;
}

/** Starts the CLI; `killAfter` ms later it is sent SIGKILL (if still running). */
function start(args: string[], cwd: string, killAfter?: number): Promise<Run> {
  return new Promise((resolve, reject) => {
    const began = performance.now();
    const child = spawn(process.execPath, [CLI, ...args], { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
    const err: Buffer[] = [];
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', reject);
    const timer = killAfter === undefined ? undefined : setTimeout(() => child.kill('SIGKILL'), killAfter);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stderr: Buffer.concat(err).toString(), ms: performance.now() - began });
    });
  });
}

/** The command; paths relative to the run's folder, or under `dir` for an in-process run. */
const assignArgs = (servicesFile: string, out: string, dir = '') => [
  'id-assign',
  '-s',
  join(dir, servicesFile),
  '--id-resources',
  join(dir, 'resources.json'),
  '--ids',
  join(dir, out),
  '--output-file',
  join(dir, out),
  '--lock-timeout',
  '60',
];

/** In-process run (for the expected results): the same command, the same lock. */
async function runHere(dir: string, servicesFile: string, out: string): Promise<void> {
  const args = assignArgs(servicesFile, out, dir);
  // The first run has no ids file to read yet.
  if (!existsSync(join(dir, out))) args.splice(args.indexOf('--ids'), 2);
  const code = await runCli(args);
  expect(code).toBe(0);
}

describe('id-assign on one output file from several processes', () => {
  it(
    'two runs started at once both succeed, one after the other (50 pairs)',
    { timeout: 900_000 },
    async () => {
      let waited = 0;
      for (let pair = 0; pair < 50; pair++) {
        const dir = mkdtempSync(join(tmp, 'pair-'));
        write(join(dir, 'resources.json'), RESOURCES);
        const base = [`s${pair}`, 'common'];
        write(join(dir, 'base.json'), services(base));
        write(join(dir, 'a.json'), services([...base, 'a']));
        write(join(dir, 'b.json'), services([...base.slice(1), 'b'])); // b also removes a service
        await runHere(dir, 'base.json', 'ids.nix');
        // The two results a serialised pair can give: a then b, or b then a.
        copyFileSync(join(dir, 'ids.nix'), join(dir, 'ab.nix'));
        copyFileSync(join(dir, 'ids.nix'), join(dir, 'ba.nix'));
        await runHere(dir, 'a.json', 'ab.nix');
        await runHere(dir, 'b.json', 'ab.nix');
        await runHere(dir, 'b.json', 'ba.nix');
        await runHere(dir, 'a.json', 'ba.nix');
        const valid = [readFileSync(join(dir, 'ab.nix'), 'utf8'), readFileSync(join(dir, 'ba.nix'), 'utf8')];
        expect(valid[0]).not.toBe(valid[1]);

        const [a, b] = await Promise.all([
          start(assignArgs('a.json', 'ids.nix'), dir),
          start(assignArgs('b.json', 'ids.nix'), dir),
        ]);
        expect([a.code, a.stderr]).toEqual([0, expect.not.stringContaining('dyplan:')]);
        expect([b.code, b.stderr]).toEqual([0, expect.not.stringContaining('dyplan:')]);
        if (/waiting for .*ids\.nix\.lock \(held by pid \d+\)/.test(a.stderr + b.stderr)) waited++;
        expect(valid).toContain(readFileSync(join(dir, 'ids.nix'), 'utf8'));
        expect(readdirSync(dir).filter((f) => f.includes('.lock'))).toEqual([]);
      }
      // The pairs really met at the lock (each run loads for a while before taking it).
      expect(waited).toBeGreaterThan(0);
      console.info(`lock test: ${waited} of 50 pairs waited for each other`);
    },
  );

  it(
    'a run killed at a random moment leaves the old or the new file, and the next run goes on (50 kills)',
    { timeout: 900_000 },
    async () => {
      const random = mulberry32(11);
      const dir = mkdtempSync(join(tmp, 'kill-'));
      write(join(dir, 'resources.json'), RESOURCES);
      let names = ['s0', 's1'];
      write(join(dir, 'services.json'), services(names));
      await runHere(dir, 'services.json', 'ids.nix');
      // How long a whole run takes here and now, to spread the kills over it.
      const durations: number[] = [];
      const typical = () => [...durations].sort((x, y) => x - y)[Math.floor(durations.length / 2)] ?? 500;
      let killedHoldingLock = 0;
      let killedAfterWrite = 0;
      for (let kill = 0; kill < 50; kill++) {
        // Every run changes the file: a service comes, an old one goes.
        names = [...names.slice(names.length > 4 ? 1 : 0), `s${kill + 2}`];
        write(join(dir, 'services.json'), services(names));
        const old = readFileSync(join(dir, 'ids.nix'), 'utf8');
        const killed = await start(assignArgs('services.json', 'ids.nix'), dir, random() * 1.2 * typical());
        const after = readFileSync(join(dir, 'ids.nix'), 'utf8');
        if (killed.signal === 'SIGKILL' && existsSync(join(dir, 'ids.nix.lock'))) killedHoldingLock++;
        if (killed.signal === 'SIGKILL' && after !== old) killedAfterWrite++;
        // The next run is not blocked: it does not wait, breaks a stale lock, and succeeds.
        const next = await start(assignArgs('services.json', 'ids.nix'), dir);
        durations.push(next.ms);
        expect([next.code, next.stderr]).toEqual([0, '']);
        const fresh = readFileSync(join(dir, 'ids.nix'), 'utf8');
        // Never torn: what the killed run left is the old file or the new one (which the next run
        // reproduces, since a rerun on a run's own output changes nothing).
        expect([old, fresh]).toContain(after);
        expect(readdirSync(dir).filter((f) => f.startsWith('ids.nix.lock'))).toEqual([]);
      }
      console.info(
        `kill test: ${killedHoldingLock} of 50 killed while holding the lock, ${killedAfterWrite} after replacing the file`,
      );
      expect(killedHoldingLock).toBeGreaterThan(0);
    },
  );
});
