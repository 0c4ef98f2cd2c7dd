/**
 * A bounded evaluator (issue 8): an evaluation that never ends stops after --eval-timeout with exit
 * 1 and one line, and killing dyplan during an evaluation leaves no nix-instantiate behind. The
 * endless evaluation reads a named pipe nobody writes to: it blocks forever without using CPU or
 * memory, so the test costs only its waiting time.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect } from 'vitest';
import { CLI, dyplan, itNix } from '../helpers/cli.js';

const tmp = mkdtempSync(join(tmpdir(), 'dyplan-bounds-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** A services model whose evaluation blocks on `fifo` forever. */
function blockingModel(name: string): { model: string; fifo: string } {
  const fifo = join(tmp, `${name}.fifo`);
  execFileSync('mkfifo', [fifo]);
  const model = join(tmp, `${name}.nix`);
  writeFileSync(model, `{ ... }: { a = { name = "a"; v = builtins.readFile ${fifo}; }; }\n`);
  return { model, fifo };
}

/** Processes whose command line mentions `text` (read from /proc). */
function processesMentioning(text: string): number[] {
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes(text)) found.push(Number(entry));
    } catch {
      // The process ended meanwhile.
    }
  }
  return found;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('bounded Nix evaluation', () => {
  itNix('an evaluation that never ends exits 1 after --eval-timeout, with one line', () => {
    const { model } = blockingModel('endless');
    const result = dyplan(['convert', '-s', model, '--eval-timeout', '2']);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      `dyplan: ${model}: Nix evaluation did not finish within 2 s and was stopped (an endless evaluation? raise --eval-timeout if the model is only large)\n`,
    );
    expect(processesMentioning(model)).toEqual([]);
  });

  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    itNix(`${signal} during an evaluation leaves no nix-instantiate running`, async () => {
      const { model } = blockingModel(`killed-${signal}`);
      const child = spawn(process.execPath, [CLI, 'convert', '-s', model, '--eval-timeout', '0'], { stdio: 'ignore' });
      const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, s) => resolve(s)));
      // Wait until nix-instantiate runs (it names the model on its command line).
      for (let i = 0; i < 600 && processesMentioning(model).filter((pid) => pid !== child.pid).length === 0; i++) await sleep(50);
      expect(processesMentioning(model).filter((pid) => pid !== child.pid).length).toBeGreaterThan(0);
      child.kill(signal);
      expect(await exited).toBe(signal);
      for (let i = 0; i < 100 && processesMentioning(model).length > 0; i++) await sleep(50);
      expect(processesMentioning(model)).toEqual([]);
    });
  }
});
