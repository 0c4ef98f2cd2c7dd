/**
 * Loads the models of one command: picks each file's format (extension, `--input-format`, `--xml`),
 * evaluates all Nix models in one nix-instantiate process, parses the rest, then validates and
 * normalises. Data flows one way: file -> raw structure -> typed model.
 */
import { readFile, writeFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { extname, join, resolve } from 'node:path';
import { ModelError } from './errors.js';
import { evaluateNixModels, type NixModelKind } from './nix-eval.js';
import type {
  DistributionModel,
  DocsConfig,
  IdResourcesModel,
  IdsModel,
  InfrastructureModel,
  ServicesModel,
} from './types.js';

export type InputFormat = 'nix' | 'json' | 'yaml' | 'xml';
export type ModelKind = NixModelKind;

export type ModelFiles = Partial<Record<ModelKind, string>>;

export interface LoadOptions {
  /** Forces one format for every model file (`--input-format`). */
  inputFormat?: InputFormat;
  /** dydisnix `--xml`: every model file is XML. */
  xml?: boolean;
  extraParams?: string;
  showTrace?: boolean;
  includePaths?: string[];
  /** Property that addresses a target (default: `$DISNIX_TARGET_PROPERTY` or `hostname`). */
  targetProperty?: string;
}

export interface Models {
  services?: ServicesModel;
  infrastructure?: InfrastructureModel;
  distribution?: DistributionModel;
  idResources?: IdResourcesModel;
  ids?: IdsModel;
  docs?: DocsConfig;
}

/** Raised when the combination of model options makes no sense (exit 2, not 1). */
export class UsageError extends Error {
  override name = 'UsageError';
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

/** The XML and YAML parsers are loaded only when a file needs them: start-up time counts. */
async function readXml(kind: ModelKind, text: string, file: string): Promise<unknown> {
  const xml = await import('./xml-read.js');
  const readers: Record<ModelKind, (text: string, file: string) => unknown> = {
    services: xml.readServicesXml,
    infrastructure: xml.readInfrastructureXml,
    distribution: xml.readDistributionXml,
    idResources: xml.readIdResourcesXml,
    ids: xml.readIdsXml,
    docs: xml.readDocsXml,
  };
  return readers[kind](text, file);
}

async function readText(file: string): Promise<string> {
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
    throw new ModelError(file, '', reason);
  }
}

async function parseText(
  text: string,
  file: string,
  format: Exclude<InputFormat, 'nix'>,
  kind: ModelKind,
): Promise<unknown> {
  if (format === 'xml') return readXml(kind, text, file);
  if (format === 'json') {
    try {
      return JSON.parse(text);
    } catch (error) {
      throw new ModelError(file, '', `invalid JSON: ${(error as Error).message}`);
    }
  }
  const { parse: parseYaml, YAMLParseError } = await import('yaml');
  try {
    return parseYaml(text);
  } catch (error) {
    if (error instanceof YAMLParseError) {
      const pos = error.linePos?.[0];
      const where = pos ? `${file}:${pos.line}:${pos.col}` : file;
      throw new ModelError(where, '', `invalid YAML: ${error.message.split('\n')[0]}`);
    }
    throw error;
  }
}

/** Makes sure a Nix model file exists before nix-instantiate gets to complain in its own words. */
async function assertReadable(file: string): Promise<void> {
  await readText(file);
}

export async function loadModels(files: ModelFiles, options: LoadOptions = {}): Promise<Models> {
  // Validation needs zod, the largest module dyplan loads: load it while Nix evaluates.
  const normalizing = import('./normalize.js');
  normalizing.catch(() => undefined);
  const targetProperty = options.targetProperty ?? process.env.DISNIX_TARGET_PROPERTY ?? 'hostname';
  const kinds = (Object.keys(files) as ModelKind[]).filter((k) => files[k] !== undefined);
  const raw: Partial<Record<ModelKind, unknown>> = {};
  const nixFiles: Partial<Record<ModelKind, string>> = {};
  const displayNames: Partial<Record<ModelKind, string>> = {};

  for (const kind of kinds) {
    const file = files[kind] as string;
    const format = formatOf(file, options);
    if (format === 'nix') {
      await assertReadable(file);
      nixFiles[kind] = resolve(file);
      displayNames[kind] = file;
    } else raw[kind] = await parseText(await readText(file), file, format, kind);
  }

  if (nixFiles.distribution && !files.infrastructure) {
    throw new UsageError('a Nix distribution model needs the infrastructure model too (-i)');
  }
  if (Object.keys(nixFiles).length > 0) {
    let tempDir: string | undefined;
    let infrastructureJSONFile: string | undefined;
    try {
      // A Nix distribution refers to the infrastructure's targets: hand Nix the parsed one.
      if (nixFiles.distribution && raw.infrastructure !== undefined) {
        tempDir = await mkdtemp(join(tmpdir(), 'dyplan-'));
        infrastructureJSONFile = join(tempDir, 'infrastructure.json');
        await writeFile(infrastructureJSONFile, JSON.stringify(raw.infrastructure));
      }
      const evaluated = await evaluateNixModels({
        files: nixFiles,
        displayNames,
        infrastructureJSONFile,
        extraParams: options.extraParams,
        targetProperty,
        showTrace: options.showTrace,
        includePaths: options.includePaths,
      });
      Object.assign(raw, evaluated);
    } finally {
      if (tempDir) await rm(tempDir, { recursive: true, force: true });
    }
  }

  const {
    normalizeDistribution,
    normalizeDocs,
    normalizeIdResources,
    normalizeIds,
    normalizeInfrastructure,
    normalizeServices,
  } = await normalizing;
  const models: Models = {};
  const name = (kind: ModelKind) => files[kind] as string;
  if (kinds.includes('services')) models.services = normalizeServices(raw.services, name('services'));
  if (kinds.includes('infrastructure'))
    models.infrastructure = normalizeInfrastructure(raw.infrastructure, name('infrastructure'));
  if (kinds.includes('distribution')) {
    models.distribution = normalizeDistribution(raw.distribution, name('distribution'), {
      services: models.services && { model: models.services, file: name('services') },
      infrastructure: models.infrastructure && { model: models.infrastructure, file: name('infrastructure') },
    });
  }
  if (kinds.includes('idResources'))
    models.idResources = normalizeIdResources(raw.idResources, name('idResources'));
  if (kinds.includes('ids')) models.ids = normalizeIds(raw.ids, name('ids'));
  if (kinds.includes('docs')) models.docs = normalizeDocs(raw.docs, name('docs'));
  return models;
}
