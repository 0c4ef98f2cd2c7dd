/**
 * Loads the models of one command: picks each file's format (extension, `--input-format`, `--xml`),
 * evaluates all Nix models in one nix-instantiate process, parses the rest, then validates and
 * normalises them in the order of models/kinds.ts. Data flows one way: file -> raw structure ->
 * typed model. `loadModels({ services: a, infrastructure: b })` returns exactly those kinds, typed
 * as present when the file is a string and as optional when it may be undefined.
 */
import { readFile, writeFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { extname, join, resolve } from 'node:path';
import { ModelError } from './errors.js';
import {
  MODEL_KINDS,
  NORMALISATION_ORDER,
  misplacedKind,
  type ModelKind,
  type ModelTypes,
  type NormalisedSoFar,
} from './kinds.js';
import { evaluateNixModels } from './nix-eval.js';

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
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EACCES'
          ? 'permission denied'
          : code === 'EISDIR'
            ? 'is a directory, expected a file'
            : `cannot read (${String(code ?? error)})`;
    throw new ModelError(file, '', reason, { cause: error });
  }
}

async function parseText(
  text: string,
  file: string,
  format: Exclude<InputFormat, 'nix'>,
  kind: ModelKind,
): Promise<unknown> {
  if (format === 'xml') return MODEL_KINDS[kind].readXml(text, file);
  if (format === 'json') {
    try {
      return JSON.parse(text);
    } catch (error) {
      throw new ModelError(file, '', `invalid JSON: ${(error as Error).message}`, { cause: error });
    }
  }
  // The YAML parser is loaded only when a file needs it: start-up time counts.
  const { parse: parseYaml, YAMLParseError } = await import('yaml');
  try {
    return parseYaml(text);
  } catch (error) {
    if (error instanceof YAMLParseError) {
      const pos = error.linePos?.[0];
      const where = pos ? `${file}:${pos.line}:${pos.col}` : file;
      // The first line of yaml's message ends in "at line L, column C:", which `where` already says.
      const detail = error.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
      throw new ModelError(where, '', `invalid YAML: ${detail}`, { cause: error });
    }
    throw error;
  }
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
  // Validation needs zod, the largest module dyplan loads: load it while Nix evaluates.
  import('./normalize.js').catch(() => undefined);
  const kinds = NORMALISATION_ORDER.filter((kind) => files[kind] !== undefined);
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
    } else raw[kind] = await parseText(await readModelText(file), file, format, kind);
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
    let infrastructureJSONFile: string | undefined;
    try {
      // A Nix distribution refers to the infrastructure's targets: hand Nix the parsed one.
      if (nixDistribution && raw.infrastructure !== undefined) {
        tempDir = await mkdtemp(join(tmpdir(), 'dyplan-'));
        infrastructureJSONFile = join(tempDir, 'infrastructure.json');
        await writeFile(infrastructureJSONFile, JSON.stringify(raw.infrastructure));
      }
      const endPhase = options.onPhase?.('evaluate Nix models');
      const evaluated = await evaluateNixModels({
        files: nixFiles,
        displayNames,
        infrastructureJSONFile,
        extraParams: options.extraParams,
        targetProperty: options.targetProperty ?? 'hostname',
        showTrace: options.showTrace,
        includePaths: options.includePaths,
        onDiagnostics: options.onDiagnostics,
      }).finally(endPhase);
      Object.assign(raw, evaluated);
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

const article = (noun: string) => `${/^[aeiouAEIOU]/.test(noun) ? 'an' : 'a'} ${noun}`;
