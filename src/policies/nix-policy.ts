/**
 * Nix QoS policies (docs/compatibility.md §1.4, §6): `qos.nix` files written for dydisnix, evaluated
 * by nix-instantiate without nixpkgs and without building anything. The filters are dyplan's own
 * Nix (nix/filters.nix); the algorithm filters are requests that this module answers by running
 * the plans, then evaluates the policy again with the answers (nix/gendist.nix explains the
 * protocol). Each distinct call is planned once, so k algorithm steps take at most k + 1
 * evaluations; the models are read once, before, and handed to Nix as JSON.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DyplanError, ModelError } from '../../models/errors.js';
import { MODELS_NIX_DIR, runNixInstantiate } from '../../models/nix-eval.js';
import type { Value } from '../../models/types.js';
import { policyResult, type PolicyInput, type PolicyOutput } from './policy.js';
import { REFERENCE_FILTERS } from './filters.js';
import { isAlgorithmFilter, runAlgorithmStep, type StepOutcome } from './steps.js';
import { policyValues, toCandidates } from './values.js';

const NIX_DIR = [
  fileURLToPath(new URL('./nix/', import.meta.url)),
  // Compiled to dist/src/policies/: the .nix files stay in the source tree.
  fileURLToPath(new URL('../../../src/policies/nix/', import.meta.url)),
].find((path) => existsSync(join(path, 'gendist.nix'))) as string;

export const GENDIST_NIX = join(NIX_DIR, 'gendist.nix');
const FILTERS_NIX = join(NIX_DIR, 'filters.nix');

/** Distinct algorithm calls one gendist run may make: a guard against a policy that never settles. */
export const MAX_REQUESTS = 10_000;

interface Request {
  /** The hash of the request's text: the placeholder that stands for its answer. */
  id: string;
  /** The hash of the call without its distribution (computed by Nix). */
  restKey: string;
  filter: string;
  args: Record<string, unknown>;
  same: { services: boolean; infrastructure: boolean };
  position: { file: string; line: number; column: number } | null;
}

const PLACEHOLDER = '__dyplanPending';

/** The id in a placeholder distribution `{ __dyplanPending = id; }`, if it is exactly that. */
function pendingId(distribution: unknown): string | undefined {
  if (distribution === null || typeof distribution !== 'object') return undefined;
  const keys = Object.keys(distribution);
  const id = (distribution as Record<string, unknown>)[PLACEHOLDER];
  return keys.length === 1 && typeof id === 'string' ? id : undefined;
}

interface FilterFailure {
  kind: 'input' | 'infeasible';
  filter: string;
  message: string;
  position: Request['position'];
}

const REQUEST = 'trace: dyplan-request:';
const FAILURE = 'trace: dyplan-error:';

export async function runNixPolicy(input: PolicyInput): Promise<PolicyOutput> {
  const policy = resolve(input.policyFile);
  const filters = input.filtersFile ? resolve(input.filtersFile) : undefined;
  const where = (position: Request['position']): string => {
    if (!position) return input.policyFile;
    const file =
      position.file === policy
        ? input.policyFile
        : position.file === filters
          ? (input.filtersFile as string)
          : position.file;
    return `${file}:${position.line}:${position.column}`;
  };

  const dir = await mkdtemp(join(tmpdir(), 'dyplan-gendist-'));
  try {
    const values = policyValues(input);
    const files = {
      services: join(dir, 'services.json'),
      infrastructure: join(dir, 'infrastructure.json'),
      initial: join(dir, 'initial.json'),
      previous: join(dir, 'previous.json'),
      results: join(dir, 'results.json'),
    };
    await writeFile(files.services, JSON.stringify(values.services));
    await writeFile(files.infrastructure, JSON.stringify(values.infrastructure));
    const args = [
      '--eval',
      '--strict',
      '--json',
      GENDIST_NIX,
      '--argstr',
      'modelsDir',
      MODELS_NIX_DIR,
      '--argstr',
      'qosFile',
      policy,
      '--argstr',
      'servicesJSONFile',
      files.services,
      '--argstr',
      'infrastructureJSONFile',
      files.infrastructure,
      '--argstr',
      'resultsFile',
      files.results,
    ];
    if (filters) args.push('--argstr', 'filtersFile', filters);
    if (input.initialDistribution) {
      await writeFile(files.initial, JSON.stringify(toCandidates(input.initialDistribution)));
      args.push('--argstr', 'initialDistributionJSONFile', files.initial);
    }
    if (values.previousDistribution !== null) {
      await writeFile(files.previous, JSON.stringify(values.previousDistribution));
      args.push('--argstr', 'previousDistributionJSONFile', files.previous);
    }
    if (input.nix?.showTrace) args.push('--show-trace');
    for (const path of input.nix?.includePaths ?? []) args.push('-I', path);

    // Answers by the hash of a call without its distribution, then by the distribution.
    const results: Record<string, { distribution: unknown; result: Value }[]> = {};
    let answered = 0;
    const steps: StepOutcome[] = [];
    const seenOutput = new Set<string>();
    const base = { services: input.services, infrastructure: input.infrastructure, sources: input.sources };
    const plan = async (request: Request, distribution: unknown) => {
      if (answered >= MAX_REQUESTS)
        throw new ModelError(
          input.policyFile,
          '',
          `the policy made more than ${MAX_REQUESTS} distinct algorithm calls without settling`,
        );
      if (!isAlgorithmFilter(request.filter))
        throw new ModelError(where(request.position), '', `unknown algorithm filter ${request.filter}`);
      const outcome = await runAlgorithmStep(
        {
          filter: request.filter,
          where: where(request.position),
          args: { ...request.args, distribution },
          same: request.same,
        },
        base,
      );
      (results[request.restKey] ??= []).push({
        distribution: distribution ?? null,
        result: outcome.distribution as unknown as Value,
      });
      answered++;
      steps.push(outcome);
      input.onStep?.(outcome);
      return outcome.distribution;
    };
    let evaluations = 0;
    for (;;) {
      await writeFile(files.results, JSON.stringify(results));
      evaluations++;
      const run = await runNixInstantiate(args, input.policyFile);
      const { requests, failures, other } = parseStderr(run.stderr);
      // The policy's own traces come back every evaluation: show each once.
      const fresh = other.filter((line) => !seenOutput.has(line));
      fresh.forEach((line) => seenOutput.add(line));
      if (fresh.length > 0) input.onNixOutput?.(fresh.join('\n') + '\n');

      if (requests.length > 0) {
        // The first call met came before any placeholder, so it is the policy's own: plan it
        // (its errors are the policy's). After it, only calls whose distribution is the
        // placeholder of an answered call are planned now, speculatively (an error just leaves
        // the call for the next evaluation); the rest may have been computed from placeholders.
        const [first, ...later] = requests;
        const answers = new Map<string, unknown>([[first.id, await plan(first, first.args.distribution)]]);
        for (const request of later) {
          const pending = pendingId(request.args.distribution);
          const { distribution: _d, ...rest } = request.args;
          if (pending === undefined || !answers.has(pending) || JSON.stringify(rest).includes(PLACEHOLDER))
            continue;
          try {
            answers.set(request.id, await plan(request, answers.get(pending)));
          } catch (error) {
            if (!(error instanceof DyplanError)) throw error;
          }
        }
        continue;
      }
      if (run.code !== 0) throw nixFailure(run.stderr, input, policy, filters);
      const output = JSON.parse(run.stdout) as { success: boolean; result: unknown };
      if (output.success) return { distribution: policyResult(output.result, input), steps, evaluations };
      const failure = failures.at(-1);
      if (failure)
        throw new DyplanError(
          failure.kind,
          `${where(failure.position)}: filters.${failure.filter}: ${failure.message}`,
        );
      // The policy threw on its own: evaluate once more without catching, for Nix's message.
      evaluations++;
      const uncaught = await runNixInstantiate([...args, '--arg', 'catchErrors', 'false'], input.policyFile);
      throw nixFailure(uncaught.stderr, input, policy, filters);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function parseStderr(stderr: string): { requests: Request[]; failures: FilterFailure[]; other: string[] } {
  const requests: Request[] = [];
  const failures: FilterFailure[] = [];
  const other: string[] = [];
  for (const line of stderr.split('\n')) {
    if (line.startsWith(REQUEST)) {
      const text = line.slice(REQUEST.length);
      const id = createHash('sha256').update(text, 'utf8').digest('hex');
      requests.push({ ...(JSON.parse(text) as Omit<Request, 'id'>), id });
    } else if (line.startsWith(FAILURE))
      failures.push(JSON.parse(line.slice(FAILURE.length)) as FilterFailure);
    else if (line.startsWith('trace: ')) other.push(line);
  }
  return { requests, failures, other };
}

function nixFailure(
  stderr: string,
  input: PolicyInput,
  policy: string,
  filters: string | undefined,
): DyplanError {
  if (input.nix?.showTrace) input.onNixOutput?.(stderr);
  const files = new Map([[policy, input.policyFile]]);
  if (filters) files.set(filters, input.filtersFile as string);
  return describeNixFailure(stderr, files, input.policyFile, input.nix?.showTrace, input.filtersFile);
}

/**
 * nix-instantiate's error as one line at the first position in one of `files` (absolute path ->
 * name to show), with dyplan's own Nix files left out: `'divide' at .../filters.nix:80:12 called
 * without ...` reads `filters.divide called without ...`, and a missing filter says so.
 */
export function describeNixFailure(
  stderr: string,
  files: ReadonlyMap<string, string>,
  fallback: string,
  showTrace?: boolean,
  catalogue?: string,
): DyplanError {
  const lines = stderr.split('\n');
  const errorLines = lines.filter((l) => l.trim().startsWith('error:'));
  const chosen = showTrace ? errorLines.at(-1) : errorLines[0];
  let message = chosen ? chosen.trim().slice('error:'.length).trim() : stderr.trim() || 'evaluation failed';
  const ownFile = (path: string) =>
    path === FILTERS_NIX || path.startsWith(NIX_DIR) || path.startsWith(MODELS_NIX_DIR);
  message = message.replace(/'([^']+)' at (\/[^\s:]+):\d+:\d+/g, (whole, name: string, path: string) =>
    path === FILTERS_NIX ? `filters.${name}` : ownFile(path) ? `'${name}'` : whole,
  );
  let position: string | undefined;
  let line: number | undefined;
  let positionFile: string | undefined;
  for (const match of stderr.matchAll(/at (\/[^\s:]+):(\d+):(\d+)/g)) {
    const name = files.get(match[1]);
    if (name) {
      position = `${name}:${match[2]}:${match[3]}`;
      positionFile = match[1];
      line = Number(match[2]);
      break;
    }
  }
  const missing = /^attribute '([^']+)' missing$/.exec(message);
  if (missing && positionFile && line !== undefined)
    message = unknownFilterMessage(missing[1], positionFile, line, catalogue) ?? message;
  return new ModelError(position ?? fallback, '', `Nix evaluation failed: ${message}`);
}

/** `filters.foo` where there is no filter foo: say so, with the filters there are. */
function unknownFilterMessage(
  name: string,
  file: string,
  line: number,
  catalogue: string | undefined,
): string | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  const source = text.split('\n')[line - 1] ?? '';
  if (!new RegExp(`\\bfilters\\.${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`).test(source))
    return undefined;
  return catalogue
    ? `unknown filter ${JSON.stringify(name)}: the catalogue ${catalogue} has no such filter`
    : `unknown filter ${JSON.stringify(name)}: the reference filters are ${REFERENCE_FILTERS.join(', ')}`;
}
