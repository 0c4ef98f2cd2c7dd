/**
 * The model kinds dyplan reads and writes, in one table: per kind its model type, the Nix
 * evaluator's argument, its normalisation (schema + cross-model checks), its writers and its XML
 * reader. Adding a model kind is one entry here (and its schema in schemas.ts).
 *
 * Normalisation and XML reading are loaded on use: zod and the XML parser are the largest modules
 * dyplan loads, and most commands need neither the XML reader nor zod (a well-formed services,
 * infrastructure or distribution model is checked by hand, see assemble.ts).
 */
import {
  distributionToValue,
  docsToValue,
  idResourcesToValue,
  idsToValue,
  infrastructureToValue,
  servicesToValue,
} from './to-value.js';
import type {
  DistributionModel,
  DocsConfig,
  IdResourcesModel,
  IdsModel,
  InfrastructureModel,
  ServicesModel,
  Value,
} from './types.js';
import {
  distributionToXml,
  docsToXml,
  idResourcesToXml,
  idsToXml,
  infrastructureToXml,
  servicesToXml,
} from './write-xml.js';

/** The type of each kind's model. */
export interface ModelTypes {
  services: ServicesModel;
  infrastructure: InfrastructureModel;
  distribution: DistributionModel;
  /** Where services ran before (a distribution model or a Disnix manifest): read by replanning and ID assignment. */
  previousDistribution: DistributionModel;
  idResources: IdResourcesModel;
  ids: IdsModel;
  docs: DocsConfig;
}

export type ModelKind = keyof ModelTypes;

/** Models already normalised, with the files they came from: what a later kind may check against. */
export type NormalisedSoFar = { [K in ModelKind]?: { model: ModelTypes[K]; file: string } };

export interface ModelKindSpec<K extends ModelKind> {
  /** What users call it, for messages: "services model". */
  description: string;
  /** Argument of models/nix/evaluate-models.nix that receives the file. */
  nixArgument: string;
  /** Validates the evaluated/parsed structure and builds the typed model (errors name file and field). */
  normalise(raw: unknown, file: string, earlier: NormalisedSoFar): Promise<ModelTypes[K]>;
  /** Reads the dydisnix XML format into the evaluated structure. */
  readXml(text: string, file: string): Promise<unknown>;
  /** The evaluated structure the Nix and JSON writers print. */
  toValue(model: ModelTypes[K]): Value;
  /** The dydisnix XML rendering. */
  toXml(model: ModelTypes[K]): string;
  /**
   * Whether the evaluated structure has this kind's tell-tale shape (a cheap check, no schema):
   * used to name the kind of a model passed under the wrong option (see `misplacedKind`).
   */
  looksLike(raw: unknown): boolean;
}

type Attrs = Record<string, unknown>;
const isAttrs = (v: unknown): v is Attrs => typeof v === 'object' && v !== null && !Array.isArray(v);
const entries = (raw: unknown): unknown[] => (isAttrs(raw) ? Object.values(raw) : []);
const someEntry = (raw: unknown, test: (v: Attrs) => boolean) =>
  entries(raw).some((v) => isAttrs(v) && test(v));
const everyEntry = (raw: unknown, test: (v: unknown) => boolean) => {
  const values = entries(raw);
  return values.length > 0 && values.every(test);
};
/** Top-level attributes all among `allowed`, at least one of them present. */
const onlyKeys = (raw: unknown, allowed: readonly string[]) =>
  isAttrs(raw) && Object.keys(raw).length > 0 && Object.keys(raw).every((k) => allowed.includes(k));
const isMappingList = (v: unknown) =>
  Array.isArray(v) && v.every((m) => typeof m === 'string' || (isAttrs(m) && typeof m.target === 'string'));

const looksLikeServices = (raw: unknown) =>
  someEntry(
    raw,
    (s) =>
      typeof s.name === 'string' ||
      Array.isArray(s.dependsOn) ||
      Array.isArray(s.connectsTo),
  );
const looksLikeInfrastructure = (raw: unknown) =>
  someEntry(raw, (t) => isAttrs(t.properties) || isAttrs(t.containers));
const targetsOf = (v: unknown) => (isAttrs(v) ? v.targets : v);
// At least one target named: `{columns: []}` (a docs model with a typo) is no distribution.
const looksLikeDistribution = (raw: unknown) =>
  everyEntry(raw, (v) => isMappingList(targetsOf(v))) &&
  entries(raw).some((v) => (targetsOf(v) as unknown[]).length > 0);
const looksLikeIdResources = (raw: unknown) =>
  everyEntry(
    raw,
    (v) => isAttrs(v) && typeof v.max === 'number' && onlyKeys(v, ['min', 'max', 'scope', 'step']),
  );
const looksLikeIds = (raw: unknown) => onlyKeys(raw, ['ids', 'lastAssignments', 'lastAssignmentsPerTarget']);
const looksLikeDocs = (raw: unknown) => onlyKeys(raw, ['groups', 'fields', 'descriptions']);

const normalisers = () => import('./normalize.js');
// A well-formed model is assembled without its schema (zod is loaded only to explain a bad one).
const assemblers = () => import('./assemble.js');
const xmlReaders = () => import('./xml-read.js');

export const MODEL_KINDS: { [K in ModelKind]: ModelKindSpec<K> } = {
  services: {
    description: 'services model',
    nixArgument: 'servicesFile',
    normalise: async (raw, file) => {
      const a = await assemblers();
      if (a.isPlainServices(raw)) return a.assembleServices(raw, file);
      return (await normalisers()).normalizeServices(raw, file);
    },
    readXml: async (text, file) => (await xmlReaders()).readServicesXml(text, file),
    toValue: servicesToValue,
    toXml: servicesToXml,
    looksLike: looksLikeServices,
  },
  infrastructure: {
    description: 'infrastructure model',
    nixArgument: 'infrastructureFile',
    normalise: async (raw, file) => {
      const a = await assemblers();
      if (a.isPlainInfrastructure(raw)) return a.assembleInfrastructure(raw);
      return (await normalisers()).normalizeInfrastructure(raw, file);
    },
    readXml: async (text, file) => (await xmlReaders()).readInfrastructureXml(text, file),
    toValue: infrastructureToValue,
    toXml: infrastructureToXml,
    looksLike: looksLikeInfrastructure,
  },
  distribution: {
    description: 'distribution model',
    nixArgument: 'distributionFile',
    normalise: async (raw, file, earlier) => {
      const context = { services: earlier.services, infrastructure: earlier.infrastructure };
      const a = await assemblers();
      a.checkUnresolvedTargets(raw, file);
      if (a.isPlainDistribution(raw)) return a.assembleDistribution(raw, file, context);
      return (await normalisers()).normalizeDistribution(raw, file, context);
    },
    readXml: async (text, file) => (await xmlReaders()).readDistributionXml(text, file),
    toValue: distributionToValue,
    toXml: distributionToXml,
    looksLike: looksLikeDistribution,
  },
  previousDistribution: {
    description: 'previous distribution',
    nixArgument: 'previousDistributionFile',
    // Not checked against today's services and targets: services and machines may have gone since.
    normalise: async (raw, file) => {
      const a = await assemblers();
      a.checkUnresolvedTargets(raw, file);
      if (a.isPlainDistribution(raw)) return a.assembleDistribution(raw, file);
      return (await normalisers()).normalizeDistribution(raw, file);
    },
    // Also a Disnix manifest (what a coordinator profile holds).
    readXml: async (text, file) => (await xmlReaders()).readPreviousDistributionXml(text, file),
    toValue: distributionToValue,
    toXml: distributionToXml,
    looksLike: looksLikeDistribution,
  },
  idResources: {
    description: 'ID resources model',
    nixArgument: 'idResourcesFile',
    normalise: async (raw, file) => (await normalisers()).normalizeIdResources(raw, file),
    readXml: async (text, file) => (await xmlReaders()).readIdResourcesXml(text, file),
    toValue: idResourcesToValue,
    toXml: idResourcesToXml,
    looksLike: looksLikeIdResources,
  },
  ids: {
    description: 'ids model',
    nixArgument: 'idsFile',
    normalise: async (raw, file) => (await normalisers()).normalizeIds(raw, file),
    readXml: async (text, file) => (await xmlReaders()).readIdsXml(text, file),
    toValue: idsToValue,
    toXml: idsToXml,
    looksLike: looksLikeIds,
  },
  docs: {
    description: 'documentation configuration',
    nixArgument: 'docsFile',
    normalise: async (raw, file) => (await normalisers()).normalizeDocs(raw, file),
    readXml: async (text, file) => (await xmlReaders()).readDocsXml(text, file),
    toValue: docsToValue,
    toXml: docsToXml,
    looksLike: looksLikeDocs,
  },
};

/**
 * Kinds in the order they are normalised: a distribution is checked against the services and
 * the infrastructure, so those come first.
 */
export const NORMALISATION_ORDER: readonly ModelKind[] = [
  'services',
  'infrastructure',
  'distribution',
  'previousDistribution',
  'idResources',
  'ids',
  'docs',
];

/** Kinds with a distinct shape, most specific first (a previous distribution is a distribution). */
const RECOGNISABLE: readonly ModelKind[] = [
  'ids',
  'docs',
  'idResources',
  'distribution',
  'infrastructure',
  'services',
];

/**
 * The kind a model given as `kind` seems to be instead (`-s idresources.json`), or undefined when
 * it has its own kind's shape or no recognisable one: normalising it as `kind` would succeed with
 * an empty or absurd model rather than fail.
 */
export function misplacedKind(kind: ModelKind, raw: unknown): ModelKind | undefined {
  const sameShape = (k: ModelKind) => MODEL_KINDS[k].looksLike === MODEL_KINDS[kind].looksLike;
  if (MODEL_KINDS[kind].looksLike(raw)) return undefined;
  return RECOGNISABLE.find((other) => !sameShape(other) && MODEL_KINDS[other].looksLike(raw));
}
