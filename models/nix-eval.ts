/**
 * Evaluates the Nix models of one command in a single `nix-instantiate --eval --strict --json` process.
 *
 * Each model function is called with the arguments it declares only (`system`, a stub `pkgs`,
 * `distribution = {}`, `invDistribution = {}`, plus `--extra-params` intersected with its formal
 * arguments), as dydisnix does. `pkg` attributes are removed before anything forces them, so no
 * package is ever evaluated or built; `dependsOn`/`connectsTo` become lists of service names and
 * distribution targets are mapped back to target names through `properties.<targetProperty>`.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ModelError } from './errors.js';
import { MODEL_KINDS, type ModelKind } from './kinds.js';

export interface NixEvalRequest {
  /** Absolute paths of the Nix model files to evaluate, by kind. */
  files: Partial<Record<ModelKind, string>>;
  /** Names to report in errors, by kind (what the user typed). */
  displayNames: Partial<Record<ModelKind, string>>;
  /** A JSON file holding the evaluated infrastructure, when it came from a non-Nix file but a Nix distribution needs it. */
  infrastructureJSONFile?: string;
  /** A Nix attribute set expression (dydisnix `--extra-params`). */
  extraParams?: string;
  /** Default name of the target property that addresses a machine. */
  targetProperty: string;
  showTrace?: boolean;
  includePaths?: string[];
  /** Receives Nix's own output under `--show-trace`: this layer prints nothing itself. */
  onDiagnostics?: (text: string) => void;
}

/** The Nix side: a function of the model paths that returns one JSON-able attribute set. */
const EVALUATOR = [
  fileURLToPath(new URL('./nix/evaluate-models.nix', import.meta.url)),
  // Compiled to dist/models/: the .nix file stays in the source tree.
  fileURLToPath(new URL('../../models/nix/evaluate-models.nix', import.meta.url)),
].find((path) => existsSync(path)) as string;

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** The folder of dyplan's own Nix files for models (evaluate-models.nix, lib.nix). */
export const MODELS_NIX_DIR = dirname(EVALUATOR);

function run(command: string, args: string[]): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', reject);
    child.on('close', (code) =>
      resolve({
        code: code ?? 1,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
      }),
    );
  });
}

/**
 * Runs `nix-instantiate` with these arguments: the one place dyplan starts it, so every evaluation
 * (models, QoS policies, augmentation, buildability checks) gets the same guarantees. `name` is the
 * file reported when nix-instantiate itself cannot be started.
 */
export async function runNixInstantiate(args: string[], name: string): Promise<RunResult> {
  try {
    return await run('nix-instantiate', args);
  } catch (error) {
    const reason =
      (error as NodeJS.ErrnoException).code === 'ENOENT'
        ? 'nix-instantiate is not installed (Debian package nix-bin)'
        : String(error);
    throw new ModelError(name, '', `cannot evaluate a Nix model: ${reason}`, { cause: error });
  }
}

function nixArgs(request: NixEvalRequest, kinds: ModelKind[]): string[] {
  const args = ['--eval', '--strict', '--json', EVALUATOR];
  for (const kind of kinds)
    args.push('--argstr', MODEL_KINDS[kind].nixArgument, request.files[kind] as string);
  if (request.infrastructureJSONFile && !request.files.infrastructure) {
    args.push('--argstr', 'infrastructureJSONFile', request.infrastructureJSONFile);
  }
  // The infrastructure is needed to resolve a distribution's targets even when it is not printed.
  const needsTargets = kinds.includes('distribution') || kinds.includes('previousDistribution');
  if (needsTargets && request.files.infrastructure && !kinds.includes('infrastructure')) {
    args.push('--argstr', 'infrastructureFile', request.files.infrastructure);
  }
  args.push('--arg', 'extraParams', request.extraParams ?? '{}');
  args.push('--argstr', 'targetProperty', request.targetProperty);
  if (request.showTrace) args.push('--show-trace');
  for (const path of request.includePaths ?? []) args.push('-I', path);
  return args;
}

/** Turns nix-instantiate's stderr into `file:line:col: message`, naming the model file at fault. */
function describeFailure(stderr: string, request: NixEvalRequest, suspects: ModelKind[]): ModelError {
  const lines = stderr.split('\n');
  const errorIndex = lines.findIndex((line) => line.startsWith('error:'));
  let message = errorIndex >= 0 ? lines[errorIndex].slice('error:'.length).trim() : stderr.trim();
  // Nix sometimes puts the real message on the following indented lines.
  if (message === '' && errorIndex >= 0) message = (lines[errorIndex + 1] ?? '').trim();
  if (request.showTrace) {
    // Under --show-trace the deepest error is the last 'error:' line.
    const last = lines
      .map((l) => l.trim())
      .filter((l) => l.startsWith('error:'))
      .pop();
    if (last) message = last.slice('error:'.length).trim();
  }
  const files = suspects.map((kind) => request.files[kind] as string);
  for (const match of stderr.matchAll(/at (\/[^\s:]+):(\d+):(\d+)/g)) {
    const index = files.indexOf(match[1]);
    if (index >= 0) {
      const name = request.displayNames[suspects[index]] ?? match[1];
      return new ModelError(`${name}:${match[2]}:${match[3]}`, '', `Nix evaluation failed: ${message}`);
    }
  }
  const name = request.displayNames[suspects[0]] ?? files[0];
  return new ModelError(name, '', `Nix evaluation failed: ${message}`);
}

/**
 * Evaluates every requested model in one process. On failure the models are evaluated one by one
 * (failure path only) to name the file that is at fault.
 */
export async function evaluateNixModels(
  request: NixEvalRequest,
): Promise<Partial<Record<ModelKind, unknown>>> {
  const kinds = (Object.keys(request.files) as ModelKind[]).filter((k) => request.files[k]);
  if (kinds.length === 0) return {};
  const name = request.displayNames[kinds[0]] ?? request.files[kinds[0]] ?? '';
  const result = await runNixInstantiate(nixArgs(request, kinds), name);
  if (result.code === 0) {
    if (request.showTrace && result.stderr.trim()) request.onDiagnostics?.(result.stderr);
    return JSON.parse(result.stdout) as Partial<Record<ModelKind, unknown>>;
  }
  if (request.showTrace) request.onDiagnostics?.(result.stderr);
  // Order matters: a distribution failure may come from its infrastructure, so that goes first.
  const order: ModelKind[] = [
    'infrastructure',
    'services',
    'distribution',
    'previousDistribution',
    'idResources',
    'ids',
    'docs',
  ];
  for (const kind of order.filter((k) => kinds.includes(k))) {
    const single = await runNixInstantiate(nixArgs(request, [kind]), name);
    if (single.code !== 0) {
      const suspects: ModelKind[] =
        (kind === 'distribution' || kind === 'previousDistribution') && request.files.infrastructure
          ? [kind, 'infrastructure']
          : [kind];
      throw describeFailure(single.stderr, request, suspects);
    }
  }
  throw describeFailure(result.stderr, request, kinds);
}
