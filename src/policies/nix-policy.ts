/**
 * Nix QoS policies (docs/compatibility.md §1.4, §6): `qos.nix` files written for dydisnix, evaluated
 * by nix-instantiate without nixpkgs and without building anything. The filters are dyplan's own
 * Nix (nix/filters.nix); an algorithm filter asks this module, which reads the evaluation's
 * standard error as it runs, plans the call and writes back where its answer is (nix/gendist.nix
 * explains the protocol). So the whole policy is one evaluation, and each distinct call is planned
 * once. The models are read once: evaluated in the same process when they are Nix files
 * (nixPolicyWithModels), else handed to Nix as the JSON of what dyplan read and validated.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DyplanError, ModelError } from '../../models/errors.js';
import type { ModelKind } from '../../models/kinds.js';
import { sameValue } from '../../models/compare.js';
import {
  EvaluationTimeoutError,
  evaluateNixModels,
  evaluationSubject,
  MODELS_NIX_DIR,
  NIX_EVAL_OPTIONS,
  nixModelArguments,
  readEvaluatedModels,
  runNixInstantiate,
  type NixModelsEvaluator,
  type RunResult,
} from '../../models/nix-eval.js';
import { policyResult, type PolicyInput, type PolicyOutput } from './policy.js';
import type { StepOutcome } from './steps.js';
import {
  infrastructureToValue,
  policyValues,
  previousDistributionValue,
  servicesValue,
  toCandidates,
} from './values.js';
import { isPlainServices } from '../../models/assemble.js';

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
  filter: string;
  args: Record<string, unknown>;
  same: { services: boolean; infrastructure: boolean };
  position: { file: string; line: number; column: number } | null;
}

interface FilterFailure {
  kind: 'input' | 'infeasible';
  filter: string;
  message: string;
  position: Request['position'];
}

const REQUEST = 'trace: dyplan-request:';
const FAILURE = 'trace: dyplan-error:';

/** Lets the policy's evaluation call builtins.exec, the channel of its questions (nix/gendist.nix). */
const EXEC_OPTION = ['--option', 'allow-unsafe-native-code-during-evaluation', 'true'];

/** A file name as the Nix string that dyplan writes back (one line). */
function nixString(text: string): string {
  return JSON.stringify(text).replace(/\$\{/g, '\\${');
}

/** Policy and catalogue as the user named them and as absolute paths, with `where` for positions. */
interface PolicyFiles {
  policyFile: string;
  filtersFile?: string;
  policy: string;
  filters?: string;
  where(position: Request['position']): string;
}

function policyFiles(policyFile: string, filtersFile: string | undefined): PolicyFiles {
  const policy = resolve(policyFile);
  const filters = filtersFile ? resolve(filtersFile) : undefined;
  return {
    policyFile,
    filtersFile,
    policy,
    filters,
    where(position) {
      if (!position) return policyFile;
      const file =
        position.file === policy
          ? policyFile
          : position.file === filters
            ? (filtersFile as string)
            : position.file;
      return `${file}:${position.line}:${position.column}`;
    },
  };
}

/**
 * What the evaluations of one policy share: the answer file of each distinct algorithm call (by
 * the hash of the call's text), so that a second evaluation (the policy's own error, or the
 * policy evaluated again from JSON) asks for nothing twice; the steps taken; the lines shown.
 */
interface Answers {
  dir: string;
  files: Map<string, string>;
  steps: StepOutcome[];
  seenOutput: Set<string>;
  /** The previous distribution's JSON file, for a policy evaluated with its models (askPrevious). */
  previousFile?: string;
}

async function newAnswers(): Promise<Answers> {
  const dir = await mkdtemp(join(tmpdir(), 'dyplan-gendist-'));
  return { dir, files: new Map(), steps: [], seenOutput: new Set() };
}

/** The handler of the policy evaluation's standard error lines: answers its questions. */
function answering(
  input: PolicyInput,
  files: PolicyFiles,
  answers: Answers,
): (line: string) => Promise<string | null> {
  const base = { services: input.services, infrastructure: input.infrastructure, sources: input.sources };
  return async (line) => {
    if (line.startsWith(REQUEST)) {
      const text = line.slice(REQUEST.length);
      if (text === PREVIOUS_REQUEST && answers.previousFile) return nixString(answers.previousFile) + '\n';
      const id = createHash('sha256').update(text, 'utf8').digest('hex');
      let file = answers.files.get(id);
      if (file === undefined) {
        if (answers.files.size >= MAX_REQUESTS)
          throw new ModelError(
            input.policyFile,
            '',
            `the policy made more than ${MAX_REQUESTS} distinct algorithm calls`,
          );
        const request = JSON.parse(text) as Request;
        // The steps (and the plans behind them) load while Nix evaluates: not before its start.
        const { isAlgorithmFilter, runAlgorithmStep } = await import('./steps.js');
        if (!isAlgorithmFilter(request.filter))
          throw new ModelError(
            files.where(request.position),
            '',
            `unknown algorithm filter ${request.filter}`,
          );
        const outcome = await runAlgorithmStep(
          {
            filter: request.filter,
            where: files.where(request.position),
            args: request.args,
            same: request.same,
          },
          base,
        );
        answers.steps.push(outcome);
        input.onStep?.(outcome);
        file = join(answers.dir, `answer-${answers.files.size}.json`);
        await writeFile(file, JSON.stringify(outcome.distribution));
        answers.files.set(id, file);
      }
      return nixString(file) + '\n';
    }
    if (line.startsWith('trace: ') && !line.startsWith(FAILURE) && !answers.seenOutput.has(line)) {
      answers.seenOutput.add(line);
      input.onNixOutput?.(line + '\n');
    }
    return null;
  };
}

/** The arguments of nix/gendist.nix every evaluation of the policy gets. */
function policyArguments(nix: PolicyInput['nix'], files: PolicyFiles): string[] {
  const args = [...EXEC_OPTION, GENDIST_NIX, '--argstr', 'modelsDir', MODELS_NIX_DIR];
  args.push('--argstr', 'qosFile', files.policy);
  if (files.filters) args.push('--argstr', 'filtersFile', files.filters);
  if (nix?.showTrace) args.push('--show-trace');
  return args;
}

/** The policy's result once its evaluation ended well; else the error to report. */
async function settle(
  run: RunResult,
  input: PolicyInput,
  files: PolicyFiles,
  answers: Answers,
  again: () => Promise<RunResult>,
): Promise<PolicyOutput> {
  if (run.code !== 0) throw await nixFailure(run.stderr, input, files.policy, files.filters);
  const output = JSON.parse(run.stdout) as { success: boolean; result: unknown };
  if (output.success)
    return { distribution: await policyResult(output.result, input), steps: answers.steps, evaluations: 1 };
  const failure = failuresOf(run.stderr).at(-1);
  if (failure)
    throw new DyplanError(
      failure.kind,
      `${files.where(failure.position)}: filters.${failure.filter}: ${failure.message}`,
    );
  // The policy threw on its own: evaluate once more without catching, for Nix's message (the
  // calls it makes on the way are answered from the first run's answers).
  const uncaught = await again();
  throw await nixFailure(uncaught.stderr, input, files.policy, files.filters);
}

export async function runNixPolicy(input: PolicyInput, shared?: Answers): Promise<PolicyOutput> {
  const files = policyFiles(input.policyFile, input.filtersFile);
  const answers = shared ?? (await newAnswers());
  const { dir } = answers;
  try {
    const values = policyValues(input);
    const paths = {
      services: join(dir, 'services.json'),
      infrastructure: join(dir, 'infrastructure.json'),
      initial: join(dir, 'initial.json'),
      previous: join(dir, 'previous.json'),
    };
    await writeFile(paths.services, JSON.stringify(values.services));
    await writeFile(paths.infrastructure, JSON.stringify(values.infrastructure));
    const args = ['--eval', '--strict', '--json', ...policyArguments(input.nix, files)];
    args.push('--argstr', 'policyServicesJSONFile', paths.services);
    args.push('--argstr', 'policyInfrastructureJSONFile', paths.infrastructure);
    if (input.initialDistribution) {
      await writeFile(paths.initial, JSON.stringify(toCandidates(input.initialDistribution)));
      args.push('--argstr', 'initialDistributionJSONFile', paths.initial);
    }
    if (values.previousDistribution !== null) {
      await writeFile(paths.previous, JSON.stringify(values.previousDistribution));
      args.push('--argstr', 'previousDistributionJSONFile', paths.previous);
    }
    for (const path of input.nix?.includePaths ?? []) args.push('-I', path);

    const onStderrLine = answering(input, files, answers);
    const running = runNixInstantiate(args, input.policyFile, { onStderrLine });
    if (!shared) preload(files);
    const outcome = await settle(await running, input, files, answers, () =>
      runNixInstantiate([...args, '--arg', 'catchErrors', 'false'], input.policyFile, { onStderrLine }),
    );
    return { ...outcome, evaluations: shared ? 2 : 1 };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
/**
 * A Nix policy evaluated in the process that evaluates its Nix models: `evaluateModels` (for
 * loadModels) starts nix/gendist.nix with the models' arguments and gives back the models as soon
 * as Nix prints them, while Nix goes on with the policy; `run` (with the validated models) lets the
 * policy's first question through. That saves a second nix-instantiate, the models' round trip
 * through JSON files and the wait for validation, about a third of a gendist run on large models.
 *
 * The policy must see what a separate evaluation would hand it: `run` checks that the values
 * gendist.nix derived from the evaluated models equal policyValues of the validated ones, and
 * evaluates the policy again from JSON files (runNixPolicy) when they differ, when the combined
 * evaluation failed (so the messages are the usual ones) or when there are no Nix models to share.
 * `abort` stops it (the models were rejected, or gendist failed before the policy).
 */
export interface NixPolicyWithModels {
  evaluateModels: NixModelsEvaluator;
  run(input: PolicyInput): Promise<PolicyOutput>;
  abort(): void;
}

interface SharedEvaluation {
  answers: Answers;
  raw: Partial<Record<ModelKind, unknown>>;
  running: Promise<RunResult>;
  /** Resolved with the validated models (the policy may ask), or undefined to give up. */
  release(input: PolicyInput | undefined): void;
  stop: AbortController;
}

const MODELS_LINE = 'trace: dyplan-models:';
const PREVIOUS_REQUEST = JSON.stringify({ previousDistribution: true });

export function nixPolicyWithModels(options: {
  policyFile: string;
  filtersFile?: string;
  nix?: PolicyInput['nix'];
  /** A previous distribution will be loaded: the policy asks for it when it uses it. */
  askPrevious: boolean;
}): NixPolicyWithModels {
  const files = policyFiles(options.policyFile, options.filtersFile);
  let shared: SharedEvaluation | undefined;
  let done = false;

  const evaluateModels: NixModelsEvaluator = async (request) => {
    if (done || !request.files.services || !request.files.infrastructure || request.files.distribution)
      return evaluateNixModels(request);
    const answers = await newAnswers();
    const stop = new AbortController();
    let release!: (input: PolicyInput | undefined) => void;
    const released = new Promise<PolicyInput | undefined>((resolve) => (release = resolve));
    let gotModels!: (text: string) => void;
    const modelsLine = new Promise<string>((resolve) => (gotModels = resolve));
    let seen = false;
    let handler: ((line: string) => Promise<string | null>) | undefined;
    const onStderrLine = async (line: string): Promise<string | null> => {
      if (!seen) {
        // Before the models: the models' own traces, which a separate evaluation does not show either.
        if (line.startsWith(MODELS_LINE)) {
          seen = true;
          gotModels(line.slice(MODELS_LINE.length));
        }
        return null;
      }
      if (!handler) {
        const input = await released;
        // Given up (abort): the process is being stopped; nothing to answer.
        if (!input) return null;
        handler = answering(input, files, answers);
      }
      return handler(line);
    };
    const args = [
      '--eval',
      '--strict',
      '--json',
      ...NIX_EVAL_OPTIONS,
      ...policyArguments(options.nix, files),
      '--arg',
      'askPrevious',
      options.askPrevious ? 'true' : 'false',
      ...nixModelArguments(request),
    ];
    // What a time limit names: the models and the policy, which this one evaluation evaluates.
    const running = runNixInstantiate(args, `${evaluationSubject(request)}, ${options.policyFile}`, {
      onStderrLine,
      timeoutSeconds: request.timeoutSeconds,
      signal: stop.signal,
    });
    preload(files);
    const first = await Promise.race([
      modelsLine,
      running.then(
        () => undefined,
        (error: unknown) => {
          // Stopped at the time limit: another evaluation of the models would take as long again.
          if (error instanceof EvaluationTimeoutError) throw error;
          return undefined;
        },
      ),
    ]).catch(async (error: unknown) => {
      await rm(answers.dir, { recursive: true, force: true });
      throw error;
    });
    if (first === undefined) {
      // No models: the evaluation failed before them; on their own, Nix says why in the usual words.
      await rm(answers.dir, { recursive: true, force: true });
      return evaluateNixModels(request);
    }
    running.catch(() => undefined);
    try {
      const raw = readEvaluatedModels(first, request);
      shared = { answers, raw, running, release, stop };
      return raw;
    } catch (error) {
      stop.abort();
      await rm(answers.dir, { recursive: true, force: true });
      throw error;
    }
  };

  const abort = () => {
    done = true;
    if (!shared) return;
    const { answers, release, stop } = shared;
    shared = undefined;
    release(undefined);
    stop.abort();
    void rm(answers.dir, { recursive: true, force: true });
  };

  const run = async (input: PolicyInput): Promise<PolicyOutput> => {
    const evaluation = shared;
    if (!evaluation || input.initialDistribution) {
      abort();
      return runNixPolicy(input);
    }
    if (!seesValidatedModels(evaluation.raw, input)) {
      abort();
      return runNixPolicy(input);
    }
    const previous = previousDistributionValue(input.previousDistribution);
    shared = undefined;
    done = true;
    const { answers } = evaluation;
    let handedOver = false;
    try {
      if (previous !== null) {
        answers.previousFile = join(answers.dir, 'previous.json');
        await writeFile(answers.previousFile, JSON.stringify(previous));
      }
      evaluation.release(input);
      const result = await evaluation.running;
      if (result.code === 0) {
        const output = JSON.parse(result.stdout) as { success: boolean; result: unknown };
        if (output.success)
          return {
            distribution: await policyResult(output.result, input),
            steps: answers.steps,
            evaluations: 1,
            withModels: true,
          };
      }
      // The policy failed: evaluated again on its own, for the usual message (its answers kept).
      handedOver = true;
      return await runNixPolicy(input, answers);
    } finally {
      if (!handedOver) await rm(answers.dir, { recursive: true, force: true });
    }
  };

  return { evaluateModels, run, abort };
}

/**
 * Whether the policy evaluated with its models sees what policyValues gives a separate evaluation.
 * A services model the loader assembled without its schema (isPlainServices) is seen exactly so by
 * construction: its properties are the evaluated attributes, named after its key, with both
 * dependency lists (test/src/policies/nix-policy.test.ts checks this on generated models); other
 * models are compared value by value, as is the infrastructure.
 */
export function seesValidatedModels(
  raw: Partial<Record<ModelKind, unknown>>,
  models: Pick<PolicyInput, 'services' | 'infrastructure'>,
): boolean {
  const seen = valuesSeenByNix(raw);
  if (!seen || !sameValue(seen.infrastructure, infrastructureToValue(models.infrastructure))) return false;
  return isPlainServices(raw.services) || sameValue(seen.services, servicesValue(models.services));
}

/**
 * The services and infrastructure nix/gendist.nix hands the policy when it evaluated the models
 * itself, from the evaluated models (the same derivation as there).
 */
export function valuesSeenByNix(
  raw: Partial<Record<ModelKind, unknown>>,
): { services: Record<string, unknown>; infrastructure: Record<string, unknown> } | undefined {
  const attrs = (v: unknown): Record<string, unknown> | undefined =>
    v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  const services = attrs(raw.services);
  const infrastructure = attrs(raw.infrastructure);
  if (!services || !infrastructure) return undefined;
  const or = (record: Record<string, unknown>, key: string, fallback: unknown) =>
    Object.hasOwn(record, key) ? record[key] : fallback;
  const seenServices = Object.create(null) as Record<string, unknown>;
  for (const name of Object.keys(services)) {
    const s = attrs(services[name]);
    if (!s) return undefined;
    seenServices[name] = {
      ...s,
      name,
      dependsOn: or(s, 'dependsOn', []),
      connectsTo: or(s, 'connectsTo', []),
    };
  }
  const seenTargets = Object.create(null) as Record<string, unknown>;
  for (const name of Object.keys(infrastructure)) {
    const t = attrs(infrastructure[name]);
    if (!t) return undefined;
    const target: Record<string, unknown> = {
      properties: or(t, 'properties', {}),
      containers: or(t, 'containers', {}),
    };
    for (const key of ['targetProperty', 'system', 'numOfCores', 'clientInterface'])
      if (Object.hasOwn(t, key)) target[key] = t[key];
    seenTargets[name] = target;
  }
  return { services: seenServices, infrastructure: seenTargets };
}

/** Loads the steps, and the plans of the algorithm filters the policy names, while Nix evaluates. */
function preload(files: PolicyFiles): void {
  const texts = [files.policy, files.filters].flatMap((file) => (file ? readTextOrNothing(file) : []));
  import('./steps.js').then(
    ({ preloadSteps }) => preloadSteps(texts),
    () => undefined,
  );
}

/** A file's text, or nothing when it cannot be read (Nix then says why). */
function readTextOrNothing(file: string): string[] {
  try {
    return [readFileSync(file, 'utf8')];
  } catch {
    return [];
  }
}

function failuresOf(stderr: string): FilterFailure[] {
  const failures: FilterFailure[] = [];
  for (const line of stderr.split('\n'))
    if (line.startsWith(FAILURE)) failures.push(JSON.parse(line.slice(FAILURE.length)) as FilterFailure);
  return failures;
}

async function nixFailure(
  stderr: string,
  input: PolicyInput,
  policy: string,
  filters: string | undefined,
): Promise<DyplanError> {
  if (input.nix?.showTrace) input.onNixOutput?.(stderr);
  const files = new Map([[policy, input.policyFile]]);
  if (filters) files.set(filters, input.filtersFile as string);
  const { REFERENCE_FILTERS } = await import('./filters.js');
  return describeNixFailure(
    stderr,
    files,
    input.policyFile,
    input.nix?.showTrace,
    input.filtersFile,
    REFERENCE_FILTERS,
  );
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
  /** The filters a policy without a catalogue has (filters.ts), for a call of one it has not. */
  referenceFilters?: readonly string[],
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
    message = unknownFilterMessage(missing[1], positionFile, line, catalogue, referenceFilters) ?? message;
  return new ModelError(position ?? fallback, '', `Nix evaluation failed: ${message}`);
}

/** `filters.foo` where there is no filter foo: say so, with the filters there are. */
function unknownFilterMessage(
  name: string,
  file: string,
  line: number,
  catalogue: string | undefined,
  referenceFilters: readonly string[] | undefined,
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
  if (catalogue)
    return `unknown filter ${JSON.stringify(name)}: the catalogue ${catalogue} has no such filter`;
  return referenceFilters
    ? `unknown filter ${JSON.stringify(name)}: the reference filters are ${referenceFilters.join(', ')}`
    : `unknown filter ${JSON.stringify(name)}`;
}
