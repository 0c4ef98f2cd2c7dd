/**
 * Loads the models of one command: picks each file's format (extension, `--input-format`, `--xml`),
 * evaluates all Nix models in one nix-instantiate process, parses the rest, then validates and
 * normalises them in the order of models/kinds.ts. Data flows one way: file -> raw structure ->
 * typed model. `loadModels({ services: a, infrastructure: b })` returns exactly those kinds, typed
 * as present when the file is a string and as optional when it may be undefined.
 */
import { readFile, writeFile, mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { extname, join, resolve } from 'node:path';
import { ModelError } from './errors.js';
import { MAX_DEPTH, MAX_FILE_BYTES, checkModelValue, inexactInteger, integerReadAs } from './limits.js';
import {
  MODEL_KINDS,
  NORMALISATION_ORDER,
  misplacedKind,
  type ModelKind,
  type ModelTypes,
  type NormalisedSoFar,
} from './kinds.js';
import { evaluateNixModels, type NixModelsEvaluator, type ServicesKind } from './nix-eval.js';

export type { ModelKind, ModelTypes } from './kinds.js';

export type InputFormat = 'nix' | 'json' | 'yaml' | 'xml';

export type ModelFiles = { [K in ModelKind]?: string | undefined };

/** The models of `F`: required where `F` surely names a file, optional where it may not. */
export type LoadedModels<F extends ModelFiles> = {
  [K in keyof F & ModelKind as F[K] extends string ? K : never]: ModelTypes[K];
} & {
  [K in keyof F & ModelKind as F[K] extends string ? never : K]?: ModelTypes[K];
};

export interface LoadOptions {
  /** Forces one format for every model file (`--input-format`). */
  inputFormat?: InputFormat;
  /** dydisnix `--xml`: every model file is XML. */
  xml?: boolean;
  extraParams?: string;
  showTrace?: boolean;
  includePaths?: string[];
  /** Property that addresses a target in a Nix distribution (the CLI passes `$DISNIX_TARGET_PROPERTY`). */
  targetProperty?: string;
  /** Receives what the Nix evaluator printed under `--show-trace` (the models layer prints nothing). */
  onDiagnostics?: (text: string) => void;
  /** Told when a phase starts (`evaluate Nix models`, `validate models`); returns its end (progress display). */
  onPhase?: (name: string) => () => void;
  /**
   * What the services file holds: a Disnix services model, a nix-processmgmt processes model (called
   * as nixproc-id-assign calls it: `processManager = "disnix"`, each process named after its key and
   * of type `process`), or `auto` (default): a Nix function that declares `processManager` but
   * neither `distribution` nor `invDistribution` is a processes model.
   */
  servicesKind?: ServicesKind;
  /** Seconds a Nix evaluation may take before it is stopped (default 60; 0 = no limit). */
  evalTimeout?: number;
  /** Receives one line per thing worth knowing that does not stop loading (shared target addresses). */
  onWarning?: (line: string) => void;
  /**
   * Evaluates the Nix models (default: evaluateNixModels, a process of their own). A QoS policy
   * passes one that evaluates them in the policy's process, which goes on while they are checked.
   */
  evaluateNix?: NixModelsEvaluator;
}

export function formatOf(file: string, options: LoadOptions): InputFormat {
  if (options.xml) return 'xml';
  if (options.inputFormat) return options.inputFormat;
  switch (extname(file).toLowerCase()) {
    case '.json':
      return 'json';
    case '.yaml':
    case '.yml':
      return 'yaml';
    case '.xml':
      return 'xml';
    default:
      return 'nix';
  }
}

/** A model file's text, or a ModelError saying why it cannot be read. */
export async function readModelText(file: string): Promise<string> {
  let bytes: Buffer;
  try {
    const info = await stat(file);
    if (info.isFile() && info.size > MAX_FILE_BYTES)
      throw new ModelError(
        file,
        '',
        `larger than ${MAX_FILE_BYTES / 1024 / 1024} MiB: too large to be a model`,
      );
    bytes = await readFile(file);
  } catch (error) {
    if (error instanceof ModelError) throw error;
    throw new ModelError(file, '', fileProblem(error), { cause: error });
  }
  if (bytes.length > MAX_FILE_BYTES)
    throw new ModelError(
      file,
      '',
      `larger than ${MAX_FILE_BYTES / 1024 / 1024} MiB: too large to be a model`,
    );
  // A byte order mark is no part of the model (editors on Windows write one).
  const text = bytes.toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** One line about a file that cannot be read. */
export function fileProblem(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ENOENT':
      return 'no such file';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a directory, expected a file';
    case 'ENOTDIR':
      return 'a component of the path is not a directory';
    case 'ENAMETOOLONG':
      return 'the file name is too long';
    case 'ELOOP':
      return 'too many symbolic links';
    default:
      return `cannot read (${String(code ?? (error as Error).message ?? error)})`;
  }
}

/** `file:line:col` of a character offset. */
function positionOf(text: string, file: string, offset: number): string {
  let line = 1;
  let column = 1;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      column = 1;
    } else column++;
  }
  return `${file}:${line}:${column}`;
}

function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    // V8's messages quote the input around the problem: keep the message, drop the quote.
    const message = (error as Error).message;
    const offset = /at position (\d+)/.exec(message);
    const where = offset ? positionOf(text, file, Number(offset[1])) : file;
    const reason = message
      .replace(/, "(?:[^"\\]|\\.)*" is not valid JSON$/s, '')
      .replace(/ in JSON at position \d+.*$/s, '')
      .replace(/^Unexpected token '?(.)'?,?.*$/s, 'unexpected character $1')
      .split('\n')[0];
    throw new ModelError(where, '', `invalid JSON: ${reason}`, { cause: error });
  }
}

async function parseYamlText(text: string, file: string): Promise<unknown> {
  // The YAML parser is loaded only when a file needs it: start-up time counts.
  const { parseAllDocuments } = await import('yaml');
  const fail = (where: string, reason: string, cause?: unknown): never => {
    throw new ModelError(where, '', `invalid YAML: ${reason}`, { cause });
  };
  const at = (error: { linePos?: [{ line: number; col: number }, ...unknown[]] }) => {
    const pos = error.linePos?.[0];
    return pos ? `${file}:${pos.line}:${pos.col}` : file;
  };
  let documents: ReturnType<typeof parseAllDocuments>;
  try {
    // logLevel silent: warnings (an unknown tag) become errors below instead of Node warnings on stderr.
    documents = parseAllDocuments(text, { logLevel: 'silent', uniqueKeys: true });
  } catch (error) {
    return fail(
      file,
      error instanceof RangeError
        ? `nested more than ${MAX_DEPTH} levels deep`
        : (error as Error).message.split('\n')[0],
      error,
    );
  }
  if (!Array.isArray(documents)) return fail(file, 'not a YAML stream');
  if (documents.length === 0) return null;
  if (documents.length > 1) return fail(file, 'more than one document (a model is one YAML document)');
  const [document] = documents;
  const problem = document.errors[0] ?? document.warnings[0];
  if (problem) {
    const reason = /Maximum call stack/.test(problem.message)
      ? `nested more than ${MAX_DEPTH} levels deep`
      : problem.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
    return fail(at(problem as Parameters<typeof at>[0]), reason, problem);
  }
  try {
    return document.toJS({ maxAliasCount: 1000 });
  } catch (error) {
    const message = (error as Error).message;
    if (/Excessive alias count/.test(message))
      return fail(file, 'aliases expand to too many values (an alias bomb?)', error);
    if (error instanceof RangeError) return fail(file, `nested more than ${MAX_DEPTH} levels deep`, error);
    return fail(file, message.split('\n')[0], error);
  }
}

async function parseText(
  text: string,
  file: string,
  format: Exclude<InputFormat, 'nix'>,
  kind: ModelKind,
): Promise<unknown> {
  if (format === 'xml') return MODEL_KINDS[kind].readXml(text, file);
  const value = format === 'json' ? parseJson(text, file) : await parseYamlText(text, file);
  const inexact = inexactInteger(text);
  if (inexact) {
    throw new ModelError(
      positionOf(text, file, inexact.offset),
      '',
      `the integer ${inexact.literal} cannot be held exactly (it would read as ${integerReadAs(inexact.literal)}); write it as a string`,
    );
  }
  return value;
}

/** An XML declaration, or a first element that is closed later (no Nix expression reads like that). */
function looksLikeXml(text: string): boolean {
  const start = text.replace(/^\uFEFF/, '').trimStart();
  return start.startsWith('<?xml') || (/^<[A-Za-z_][\w.:-]*[\s/>]/.test(start) && /<\/[A-Za-z_]/.test(start));
}

export async function loadModels<F extends ModelFiles>(
  files: F,
  options: LoadOptions = {},
): Promise<LoadedModels<F>> {
  const kinds = NORMALISATION_ORDER.filter((kind) => files[kind] !== undefined);
  // Load the model checks while Nix evaluates; zod (the largest module) only for the kinds that
  // have no quick check (see kinds.ts).
  import('./assemble.js').catch(() => undefined);
  if (kinds.some((kind) => !QUICK_CHECKED.has(kind))) import('./normalize.js').catch(() => undefined);
  const fileOf = (kind: ModelKind) => files[kind] as string;
  const raw: Partial<Record<ModelKind, unknown>> = {};
  const nixFiles: Partial<Record<ModelKind, string>> = {};
  const displayNames: Partial<Record<ModelKind, string>> = {};

  for (const kind of kinds) {
    const file = fileOf(kind);
    let format = formatOf(file, options);
    if (format === 'nix') {
      // Make sure the file exists before nix-instantiate gets to complain in its own words.
      const text = await readModelText(file);
      // A file without an extension may be XML (a Disnix manifest in a coordinator profile).
      if (!options.inputFormat && extname(file) === '' && looksLikeXml(text)) format = 'xml';
    }
    if (format === 'nix') {
      nixFiles[kind] = resolve(file);
      displayNames[kind] = file;
    } else {
      raw[kind] = await parseText(await readModelText(file), file, format, kind);
      checkModelValue(raw[kind], file);
    }
  }

  const nixDistribution = nixFiles.distribution
    ? 'distribution'
    : nixFiles.previousDistribution
      ? 'previousDistribution'
      : undefined;
  if (nixDistribution && !files.infrastructure) {
    throw new ModelError(
      fileOf(nixDistribution),
      '',
      'a Nix distribution model refers to the targets of the infrastructure model: load that too',
    );
  }
  if (Object.keys(nixFiles).length > 0) {
    let tempDir: string | undefined;
    const temporary = async (name: string, value: unknown) => {
      tempDir ??= await mkdtemp(join(tmpdir(), 'dyplan-'));
      const path = join(tempDir, name);
      await writeFile(path, JSON.stringify(value));
      return path;
    };
    try {
      // A Nix services model sees the real distribution (Disnix semantics), here one read from JSON/YAML/XML.
      const distributionJSONFile =
        nixFiles.services && raw.distribution !== undefined
          ? await temporary('distribution.json', raw.distribution)
          : undefined;
      // A Nix distribution, or a Nix services model given a distribution, refers to the targets: hand Nix the parsed ones.
      const needsTargets =
        nixDistribution !== undefined || (nixFiles.services && files.distribution !== undefined);
      const infrastructureJSONFile =
        needsTargets && raw.infrastructure !== undefined
          ? await temporary('infrastructure.json', raw.infrastructure)
          : undefined;
      const endPhase = options.onPhase?.('evaluate Nix models');
      const evaluated = await (options.evaluateNix ?? evaluateNixModels)({
        files: nixFiles,
        displayNames,
        infrastructureJSONFile,
        distributionJSONFile,
        extraParams: options.extraParams,
        targetProperty: options.targetProperty ?? 'hostname',
        servicesKind: options.servicesKind,
        showTrace: options.showTrace,
        includePaths: options.includePaths,
        timeoutSeconds: options.evalTimeout,
        onDiagnostics: options.onDiagnostics,
      }).finally(endPhase);
      for (const kind of Object.keys(nixFiles) as ModelKind[]) {
        checkModelValue(evaluated[kind], displayNames[kind] ?? fileOf(kind));
        raw[kind] = evaluated[kind];
      }
    } finally {
      if (tempDir) await rm(tempDir, { recursive: true, force: true });
    }
  }

  const normalised: NormalisedSoFar = {};
  const models: Partial<ModelTypes> = {};
  const endPhase = options.onPhase?.('validate models');
  try {
    for (const kind of kinds) await normaliseInto(kind, raw[kind], fileOf(kind), normalised, models);
  } finally {
    endPhase?.();
  }
  if (models.infrastructure && options.onWarning) {
    const { sharedAddresses } = await import('./assemble.js');
    for (const line of sharedAddresses(models.infrastructure, options.targetProperty ?? 'hostname'))
      options.onWarning(`${fileOf('infrastructure')}: ${line}`);
  }
  return models as LoadedModels<F>;
}

async function normaliseInto<K extends ModelKind>(
  kind: K,
  raw: unknown,
  file: string,
  normalised: NormalisedSoFar,
  models: Partial<ModelTypes>,
): Promise<void> {
  const seems = misplacedKind(kind, raw);
  if (seems) {
    throw new ModelError(
      file,
      '',
      `looks like ${article(MODEL_KINDS[seems].description)}, not ${article(MODEL_KINDS[kind].description)}`,
    );
  }
  const model = await MODEL_KINDS[kind].normalise(raw, file, normalised);
  (normalised as { [P in K]?: { model: ModelTypes[P]; file: string } })[kind] = { model, file };
  models[kind] = model;
}

const QUICK_CHECKED: ReadonlySet<ModelKind> = new Set(['services', 'infrastructure', 'distribution', 'previousDistribution']);

const article = (noun: string) => `${/^[aeiouAEIOU]/.test(noun) ? 'an' : 'a'} ${noun}`;
