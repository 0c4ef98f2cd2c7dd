/** Runs the built CLI (dist/src/cli.js) as a user would, capturing its output and exit code. */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { it } from 'vitest';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const CLI = `${ROOT}dist/src/cli.js`;
export const EXAMPLES = `${ROOT}examples`;

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function dyplan(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): CliResult {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run "npm run build" first`);
  const result = spawnSync(process.execPath, [CLI, ...args], {
    cwd: options.cwd ?? ROOT,
    env: options.env ?? process.env,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

function hasCommand(command: string): boolean {
  return spawnSync(command, ['--version'], { stdio: 'ignore' }).status === 0;
}

export const HAS_NIX = hasCommand('nix-instantiate');

/**
 * Tests that need nix-instantiate: skipped on a developer machine without Nix, but run (and so
 * fail) in CI, where Nix must be installed.
 */
export const itNix = HAS_NIX || process.env.CI === 'true' ? it : it.skip;

export function nixEval(file: string): CliResult {
  const result = spawnSync('nix-instantiate', ['--eval', '--strict', '--json', file], { encoding: 'utf8' });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}
