/**
 * Evaluates the Nix models of one command in a single `nix-instantiate --eval --strict --json` process,
 * as Disnix evaluates them:
 *
 * - in read-write mode, so that a local checkout a model imports by path interpolation
 *   (`import "${nix-processmgmt}/nixproc/..."`) is copied into the store as Disnix would copy it; nothing
 *   is built (`allow-import-from-derivation` is off, `pkg` attributes are removed before anything can
 *   force them);
 * - each model function is called with the arguments it declares only (`system`, a stub `pkgs`,
 *   `distribution`, `invDistribution`, `--extra-params` intersected with its formal arguments); the
 *   services model gets the real distribution and inverse distribution when one is loaded (Disnix),
 *   else empty ones (dydisnix); a nix-processmgmt processes model gets nixproc-id-assign's arguments;
 * - `dependsOn`/`connectsTo` become lists of service names and distribution targets are mapped back
 *   to target names (the target a mapping was taken from, else through `properties.<targetProperty>`).
 *
 * The process runner (`runNix`) and the translation of Nix's messages (`describeNixFailure`) are
 * exported for other Nix evaluations (QoS policies): a time limit, the process group killed on
 * timeout and on interruption, one-line messages that say what to do.
 */
import { spawn, type ChildProcessByStdio } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';
import { existsSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ModelError, formatPath } from './errors.js';
import { inexactInteger, pathOfNumber } from './limits.js';
import { onInterrupt } from './interrupt.js';
import { MODEL_KINDS, type ModelKind } from './kinds.js';

/** What a services model file holds: `auto` recognises a nix-processmgmt processes model by its arguments. */
export type ServicesKind = 'auto' | 'services' | 'processes';

export interface NixEvalRequest {
  /** Absolute paths of the Nix model files to evaluate, by kind. */
  files: Partial<Record<ModelKind, string>>;
  /** Names to report in errors, by kind (what the user typed). */
  displayNames: Partial<Record<ModelKind, string>>;
  /** A JSON file holding the evaluated infrastructure, when it came from a non-Nix file but a Nix model needs it. */
  infrastructureJSONFile?: string;
  /** A JSON file holding a distribution read from JSON/YAML/XML, for a Nix services model. */
  distributionJSONFile?: string;
  /** A Nix attribute set expression (dydisnix `--extra-params`). */
  extraParams?: string;
  /** Default name of the target property that addresses a machine. */
  targetProperty: string;
  servicesKind?: ServicesKind;
  showTrace?: boolean;
  includePaths?: string[];
  /** Seconds before the evaluation is given up (default 60; 0 = no limit). */
  timeoutSeconds?: number;
  /** Receives Nix's own output under `--show-trace`: this layer prints nothing itself. */
  onDiagnostics?: (text: string) => void;
}

/** The Nix side: a function of the model paths that returns one JSON-able attribute set. */
export const EVALUATOR = [
  fileURLToPath(new URL('./nix/evaluate-models.nix', import.meta.url)),
  // Compiled to dist/models/: the .nix file stays in the source tree.
  fileURLToPath(new URL('../../models/nix/evaluate-models.nix', import.meta.url)),
].find((path) => existsSync(path)) as string;

/** The folder of dyplan's own Nix files for models (evaluate-models.nix, lib.nix). */
export const MODELS_NIX_DIR = dirname(EVALUATOR);

/** dyplan's own Nix files: never blamed for an error, left out of the trace shown to the user. */
export const INTERNAL_NIX_FILES: readonly string[] = [EVALUATOR, join(MODELS_NIX_DIR, 'lib.nix')];

export const DEFAULT_EVAL_TIMEOUT_SECONDS = 60;

/**
 * Options every evaluation gets: read-write mode so local sources can be copied into the store as
 * Disnix copies them, never a build during evaluation, and always a trace (printed only under
 * `--show-trace`) because the trace is what names the model at fault in a single run.
 */
export const NIX_EVAL_OPTIONS: readonly string[] = [
  '--read-write-mode',
  '--option',
  'allow-import-from-derivation',
  'false',
  '--show-trace',
];

export interface NixRunResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface NixRunOptions {
  /** Seconds before the process group is killed (default 60; 0 = no limit). */
  timeoutSeconds?: number;
  /** Names the input in the errors of this layer (`services.nix`, `qos.nix, infrastructure.nix`). */
  subject: string;
  /**
   * For an evaluation that asks questions (a QoS policy's algorithm filters, through
   * `builtins.exec` of a program that reads one line of the standard input it inherits): each line
   * of standard error as it arrives, one at a time and in order. What the handler gives back is
   * written to the process's standard input; null writes nothing. The time limit is held while a
   * handler runs (planning is not evaluation); a handler that throws stops the evaluation (its
   * process group is killed) and runNix rejects with that error.
   */
  onStderrLine?: (line: string) => string | null | Promise<string | null>;
  /** Stops the evaluation (its process group is killed; runNix then rejects). */
  signal?: AbortSignal;
}

/**
 * Runs a Nix command in its own process group, killed as a whole when the time limit passes or
 * dyplan is interrupted. Resolves with the exit code and output (a failed evaluation is a result,
 * for `describeNixFailure`); rejects with a ModelError when the command cannot start or times out.
 */
export function runNix(
  command: string,
  args: readonly string[],
  options: NixRunOptions,
): Promise<NixRunResult> {
  const timeout = options.timeoutSeconds ?? DEFAULT_EVAL_TIMEOUT_SECONDS;
  const onLine = options.onStderrLine;
  return new Promise((resolve, reject) => {
    // detached: a process group of its own, so that killing it kills whatever it started too.
    const child = spawn(command, args, {
      stdio: [onLine ? 'pipe' : 'ignore', 'pipe', 'pipe'] as ('pipe' | 'ignore')[],
      detached: true,
    }) as ChildProcessByStdio<Writable | null, Readable, Readable>;
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let timedOut = false;
    let failure: { error: unknown } | undefined;
    const killGroup = () => {
      if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    };
    const forgetInterrupt = onInterrupt(killGroup);
    const onAbort = () => {
      failure ??= { error: new ModelError(options.subject, '', 'the evaluation was stopped') };
      killGroup();
    };
    options.signal?.addEventListener('abort', onAbort, { once: true });
    const forget = () => {
      forgetInterrupt();
      options.signal?.removeEventListener('abort', onAbort);
    };
    // The limit counts evaluation time: it is held while a line handler runs.
    let left = timeout * 1000;
    let since = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const hold = () => {
      if (timer === undefined) return;
      clearTimeout(timer);
      timer = undefined;
      left -= Date.now() - since;
    };
    const go = () => {
      if (timeout <= 0 || timer !== undefined || failure) return;
      since = Date.now();
      timer = setTimeout(
        () => {
          timedOut = true;
          killGroup();
        },
        Math.max(0, left),
      );
    };
    go();
    const done = () => {
      forget();
      hold();
    };
    // Lines of standard error for the handler, one at a time; `handled` settles after the last.
    let handled: Promise<void> = Promise.resolve();
    let partial: Buffer[] = [];
    const handle = async (line: string) => {
      if (failure || !onLine) return;
      hold();
      try {
        const answer = await onLine(line);
        if (answer !== null && !failure) child.stdin?.write(answer);
      } catch (error) {
        failure = { error };
        killGroup();
      }
      go();
    };
    const lineOf = (parts: Buffer[]) => Buffer.concat(parts).toString('utf8');
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => {
      err.push(chunk);
      if (!onLine) return;
      let from = 0;
      for (let nl = chunk.indexOf(10); nl >= 0; nl = chunk.indexOf(10, from)) {
        partial.push(chunk.subarray(from, nl));
        const line = lineOf(partial);
        partial = [];
        handled = handled.then(() => handle(line));
        from = nl + 1;
      }
      if (from < chunk.length) partial.push(chunk.subarray(from));
    });
    // The answers go to the standard input the asking program inherits, which may be gone.
    child.stdin?.on('error', () => undefined);
    child.on('error', (error: NodeJS.ErrnoException) => {
      done();
      const reason =
        error.code === 'ENOENT'
          ? `${command} is not installed (Debian package nix-bin)`
          : `${command} cannot be started (${error.code ?? error.message})`;
      reject(new ModelError(options.subject, '', `cannot evaluate a Nix model: ${reason}`, { cause: error }));
    });
    child.on('close', (code, signal) => {
      if (partial.length > 0) {
        const line = lineOf(partial);
        handled = handled.then(() => handle(line));
      }
      void handled.then(() => {
        done();
        if (failure) {
          reject(failure.error);
          return;
        }
        if (timedOut) {
          reject(
            new EvaluationTimeoutError(
              options.subject,
              '',
              `Nix evaluation did not finish within ${timeout} s and was stopped (an endless evaluation?` +
                ' raise --eval-timeout if the model is only large)',
            ),
          );
          return;
        }
        child.stdin?.end();
        resolve({
          code: code ?? (signal ? 128 : 1),
          stdout: Buffer.concat(out).toString('utf8'),
          stderr: Buffer.concat(err).toString('utf8'),
        });
      });
    });
  });
}

export type RunResult = NixRunResult;

/** An evaluation stopped at its time limit (runNix). */
export class EvaluationTimeoutError extends ModelError {}

/**
 * Runs `nix-instantiate` with these arguments: the one place dyplan starts it, so every evaluation
 * (models, QoS policies, augmentation, buildability checks) gets the same guarantees (time limit,
 * process group killed on timeout and interruption). Evaluations should pass NIX_EVAL_OPTIONS too.
 * `name` is the file reported when nix-instantiate cannot be started or times out.
 */
export function runNixInstantiate(
  args: readonly string[],
  name: string,
  options: Omit<NixRunOptions, 'subject'> = {},
): Promise<RunResult> {
  return runNix('nix-instantiate', args, { ...options, subject: name });
}

function nixArgs(request: NixEvalRequest): string[] {
  return ['--eval', '--strict', '--json', ...NIX_EVAL_OPTIONS, EVALUATOR, ...nixModelArguments(request)];
}

/** The kinds a request evaluates in Nix. */
export function requestedKinds(request: NixEvalRequest): ModelKind[] {
  return (Object.keys(request.files) as ModelKind[]).filter((k) => request.files[k]);
}

/**
 * The arguments of models/nix/evaluate-models.nix for a request (`--argstr servicesFile ...`, `-I`
 * paths), for an evaluation that calls the evaluator itself (a QoS policy evaluated in the same
 * process as its models: src/policies/nix-policy.ts).
 */
export function nixModelArguments(request: NixEvalRequest): string[] {
  const kinds = requestedKinds(request);
  const args: string[] = [];
  for (const kind of kinds)
    args.push('--argstr', MODEL_KINDS[kind].nixArgument, request.files[kind] as string);
  if (request.infrastructureJSONFile && !request.files.infrastructure)
    args.push('--argstr', 'infrastructureJSONFile', request.infrastructureJSONFile);
  if (kinds.includes('services')) {
    // The services model sees the real distribution (Disnix semantics); a Nix one is already passed.
    if (request.distributionJSONFile && !request.files.distribution)
      args.push('--argstr', 'distributionJSONFile', request.distributionJSONFile);
    args.push('--argstr', 'servicesKind', request.servicesKind ?? 'auto');
  }
  args.push('--arg', 'extraParams', request.extraParams ?? '{}');
  args.push('--argstr', 'targetProperty', request.targetProperty);
  for (const path of request.includePaths ?? []) args.push('-I', path);
  return args;
}

/** A position in Nix's output. */
interface NixPosition {
  file: string;
  line: string;
  column: string;
}

/** One part of Nix's error output: the error itself or one `… while ...` frame. */
interface TraceBlock {
  lines: string[];
  position?: NixPosition;
}

/** Nix's stderr split into the error message, its trace frames and the lines around them. */
export interface ParsedNixError {
  /** The error message on one line (Nix may spread it over several). */
  message: string;
  /** The error block first, then the `… while ...` frames, in Nix's order (innermost first). */
  blocks: TraceBlock[];
}

const POSITION_LINE = /^\s*at (.+):(\d+):(\d+):?\s*$/;

/** Splits Nix 2.x error output (the part from the last top-level `error:` line on). */
export function parseNixError(stderr: string): ParsedNixError {
  const lines = stderr.replace(/\r/g, '').split('\n');
  let start = -1;
  for (let i = lines.length - 1; i >= 0; i--) {
    if (lines[i].startsWith('error:')) {
      start = i;
      break;
    }
  }
  if (start < 0) {
    const text = stderr.trim();
    return { message: text.split('\n').filter((l) => l.trim() !== '')[0] ?? 'unknown error', blocks: [] };
  }
  const blocks: TraceBlock[] = [{ lines: [] }];
  const messageLines: string[] = [];
  let inMessage = true;
  for (let i = start; i < lines.length; i++) {
    const line = lines[i];
    if (line.startsWith("(use '--show-trace'")) continue;
    const trimmed = line.trim();
    if (trimmed.startsWith('… ') || trimmed.startsWith('... ')) {
      blocks.push({ lines: [] });
      inMessage = false;
    }
    const block = blocks[blocks.length - 1];
    block.lines.push(line);
    const position = POSITION_LINE.exec(line);
    if (position) {
      inMessage = false;
      block.position ??= { file: position[1], line: position[2], column: position[3] };
    } else if (inMessage) {
      if (trimmed === '' && messageLines.length > 0) inMessage = false;
      else if (trimmed !== '') messageLines.push(i === start ? line.slice('error:'.length).trim() : trimmed);
    }
  }
  // Old-style "error: --- EvalError --- nix-instantiate" headers carry no message of their own.
  const message = messageLines
    .filter((l) => !/^-+ \w+Error -+/.test(l))
    .join(' ')
    .replace(/\s+/g, ' ')
    .trim();
  return { message: message || 'unknown error', blocks };
}

/** Context for naming the file at fault: the files the user gave, and Nix files that are dyplan's own. */
export interface FailureContext {
  /** Absolute path -> the name the user gave (model files). */
  displayNames: ReadonlyMap<string, string>;
  /** The evaluator's context name ("services model") -> the file the user gave for it. */
  models?: ReadonlyMap<string, string>;
  /** dyplan's own Nix files, never blamed. */
  internalFiles: readonly string[];
  /** What to blame when Nix names no file of the user's and no model. */
  fallback: string;
}

function displayPath(file: string, context: FailureContext): string {
  const known = context.displayNames.get(file);
  if (known !== undefined) return known;
  // A file a model imports: shown relative to the model the user named, when it sits beside it.
  for (const [abs, shown] of context.displayNames) {
    const rel = relative(dirname(abs), file);
    if (!rel.startsWith('..') || rel.split('/').filter((p) => p === '..').length <= 2)
      return normalize(join(dirname(shown), rel));
  }
  return file;
}

/** What Nix said, with the fix for the failures users meet most. */
function withHint(message: string): string {
  let m: RegExpExecArray | null;
  if ((m = /called without required argument '([^']+)'/.exec(message)))
    return `${message} (give it with --extra-params '{ ${m[1]} = ...; }')`;
  if ((m = /file '([^']+)' was not found in the Nix search path/.exec(message))) {
    const name = m[1].split('/')[0];
    return `${message.replace(/ \(add it using \$NIX_PATH or -I\)/, '')} (add it with -I ${name}=PATH or NIX_PATH)`;
  }
  if ((m = /(?:getting status of|opening file) '([^']+)': No such file or directory/.exec(message)))
    return `file not found: ${m[1]}`;
  if ((m = /path '(\/nix\/store\/[^']+)' is not valid/.exec(message)))
    return `${m[1]} is not in the Nix store (dyplan copies local sources into the store but builds nothing: build or fetch it first)`;
  if (/allow-import-from-derivation' is disabled/.test(message))
    return `${message} (the model imports a build result; dyplan never builds during evaluation)`;
  if (
    /cannot open connection to remote store|Permission denied.*\/nix\/|\/nix\/var\/nix.*Permission denied/.test(
      message,
    )
  )
    return `${message} (dyplan needs the Nix store to copy local sources into; run as a user that can use it)`;
  return message;
}

/**
 * One line for a failed evaluation: `file:line:col: Nix evaluation failed: message (fix)`, naming
 * the innermost position in a file of the user's (the model or a file it imports), else the model
 * whose evaluation failed, as dyplan's trace context says.
 */
export function describeNixFailure(stderr: string, context: FailureContext): ModelError {
  const parsed = parseNixError(stderr);
  const isUsers = (file: string) => file.startsWith('/') && !context.internalFiles.includes(file);
  const candidates: NixPosition[] = [];
  for (const m of parsed.message.matchAll(/ at (\/[^\s:]+):(\d+):(\d+)/g))
    candidates.push({ file: m[1], line: m[2], column: m[3] });
  for (const block of parsed.blocks) if (block.position) candidates.push(block.position);
  const blamed = candidates.find((p) => isUsers(p.file));
  // dyplan's evaluator wraps each model in "while evaluating the <model> (dyplan)".
  const model = parsed.blocks
    .map((b) => /while evaluating the (.+) \(dyplan\)/.exec(b.lines.join(' '))?.[1])
    .find((m) => m !== undefined);
  let message = withHint(parsed.message);
  for (const [abs, shown] of context.displayNames) message = message.split(abs).join(shown);
  if (blamed) {
    const where = `${displayPath(blamed.file, context)}:${blamed.line}:${blamed.column}`;
    return new ModelError(where, '', `Nix evaluation failed: ${message}`);
  }
  const name = (model !== undefined ? context.models?.get(model) : undefined) ?? context.fallback;
  return new ModelError(name, '', `Nix evaluation failed: ${message}`);
}

/**
 * Nix's trace for `--show-trace`, with the frames of dyplan's own evaluator left out: what is left
 * are the user's files, innermost first.
 */
export function userTrace(stderr: string, internalFiles: readonly string[]): string {
  const parsed = parseNixError(stderr);
  if (parsed.blocks.length === 0) return stderr;
  const kept = parsed.blocks.filter(
    (block, i) => i === 0 || !block.position || !internalFiles.includes(block.position.file),
  );
  return (
    kept
      .map((b) => b.lines.join('\n'))
      .join('\n')
      .replace(/\n{3,}/g, '\n\n')
      .trimEnd() + '\n'
  );
}

/** Evaluates every requested model in one process (also when it fails: Nix's trace names the model). */
export async function evaluateNixModels(
  request: NixEvalRequest,
): Promise<Partial<Record<ModelKind, unknown>>> {
  const kinds = requestedKinds(request);
  if (kinds.length === 0) return {};
  const subject = evaluationSubject(request);
  const result = await runNixInstantiate(nixArgs(request), subject, {
    timeoutSeconds: request.timeoutSeconds,
  });
  if (result.code === 0) return readEvaluatedModels(result.stdout, request);
  const internalFiles = INTERNAL_NIX_FILES;
  const displayNames = displayNamesOf(request);
  if (request.showTrace) request.onDiagnostics?.(userTrace(result.stderr, internalFiles));
  const models = new Map<string, string>();
  for (const kind of kinds)
    models.set(MODEL_KINDS[kind].description, request.displayNames[kind] ?? (request.files[kind] as string));
  const fallback = request.displayNames[kinds[0]] ?? (request.files[kinds[0]] as string);
  throw describeNixFailure(result.stderr, { displayNames, models, internalFiles, fallback });
}

/** Evaluates the Nix models of a request: evaluateNixModels, or an evaluation that also does more. */
export type NixModelsEvaluator = (request: NixEvalRequest) => Promise<Partial<Record<ModelKind, unknown>>>;

function displayNamesOf(request: NixEvalRequest): Map<string, string> {
  const displayNames = new Map<string, string>();
  for (const kind of requestedKinds(request)) {
    const file = request.files[kind] as string;
    displayNames.set(file, request.displayNames[kind] ?? file);
  }
  return displayNames;
}

/** The model files of a request as errors name them (`services.nix, infrastructure.nix`). */
export function evaluationSubject(request: NixEvalRequest): string {
  return [...new Set(displayNamesOf(request).values())].join(', ');
}

/** The models of the evaluator's JSON output, with the checks JSON.parse alone does not make. */
export function readEvaluatedModels(
  text: string,
  request: NixEvalRequest,
): Partial<Record<ModelKind, unknown>> {
  const subject = evaluationSubject(request);
  let value: Partial<Record<ModelKind, unknown>>;
  try {
    value = JSON.parse(text) as Partial<Record<ModelKind, unknown>>;
  } catch (error) {
    // Nix 2.8 prints an infinite or NaN float as `inf`/`nan`, which is no JSON.
    const detail = /[:,[]-?(?:inf|nan)[,}\]]/.test(text)
      ? 'a float is infinite or not a number (JSON and Nix models have no such number)'
      : 'Nix printed something that is not JSON';
    throw new ModelError(subject, '', detail, { cause: error });
  }
  const inexact = inexactInteger(text);
  if (inexact) {
    const path = pathOfNumber(value, Number(inexact.literal)) ?? [];
    const kind = path[0] as ModelKind | undefined;
    const name = kind !== undefined ? (request.displayNames[kind] ?? subject) : subject;
    throw new ModelError(
      name,
      formatPath(path.slice(1)),
      `expected a number JSON and Nix hold exactly, got the integer ${inexact.literal} (beyond 2^53 a double cannot hold it)`,
    );
  }
  return value;
}
