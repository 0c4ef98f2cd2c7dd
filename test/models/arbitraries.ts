/**
 * Random raw models (what a JSON file or an evaluated Nix file holds) for the round-trip
 * properties, restricted per format by a `FormatLimits`: names and strings from a broad alphabet
 * (quotes, backslashes, spaces, `${`, XML metacharacters, control characters, unicode from every
 * plane), numbers of every size, property values of every JSON type nested a few levels. What a
 * format cannot carry today is taken out by its limits (formats.ts, one comment per format),
 * never by narrowing the alphabet here.
 */
import fc from 'fast-check';
import type { Value } from '../../models/types.js';

export interface FormatLimits {
  /** May this character (one code point) appear in names and string values? */
  char(c: string): boolean;
  /** May this name key user data (services, targets, pools, properties, ...)? */
  name(n: string): boolean;
  /** Number leaves of property values. */
  number: fc.Arbitrary<number>;
  /** Integer fields (numOfCores, min, max, step, ids). */
  integer: fc.Arbitrary<number>;
  /** May property values be `null`? */
  null: boolean;
  /** Names of documentation fields (keys of `descriptions`). */
  docsFieldName?: fc.Arbitrary<string>;
  /** May the infrastructure's scalar strings (system, clientInterface, targetProperty) be empty? */
  emptyTargetScalars: boolean;
  /** May this string be a property value (not a name)? */
  string?(s: string): boolean;
}

/** Characters that have a meaning in one of the formats, or that writers and parsers mangle. */
const AWKWARD = [
  '"',
  "'",
  '\\',
  ' ',
  '-',
  '.',
  '_',
  '$',
  '{',
  '}',
  '${',
  '$${',
  '\\${',
  '<',
  '>',
  '&',
  '&amp;',
  ']]>',
  ';',
  '=',
  '/',
  ':',
  '#',
  '*',
  '\n',
  '\t',
  '\r',
  '\r\n',
  '\u00a0',
  '\u200b',
  '\u2028',
  'é',
  'ß',
  '中',
  '😀',
  '\u0000',
  '\u0001',
  '\u001b',
  '\u007f',
  '\u0085',
  '\ufeff',
  '\ufffe',
  '\uffff',
  '\ud800',
  '\udfff',
];

/** One "character": an awkward one, a plain letter or digit, or any code point at all. */
const rawChar = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...AWKWARD) },
  { weight: 3, arbitrary: fc.constantFrom(...'abcxyzABCXYZ0189') },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
);

/** Code points of `s` (a lone surrogate counts as one). */
export function codePoints(s: string): string[] {
  return Array.from(s);
}

/** The names of `Object.prototype`'s own members: `__proto__`, `toString`, `constructor`, ... */
const OBJECT_PROTOTYPE_NAMES: readonly string[] = Object.getOwnPropertyNames(Object.prototype);

const specialNames = fc.constantFrom(
  '',
  ' ',
  ' a ',
  'a b',
  '-',
  '.',
  '..',
  '0',
  '1',
  '-1',
  'true',
  'null',
  'name',
  'type',
  '"',
  '\\',
  '${x}',
  'é',
  '😀',
  'a'.repeat(300),
  ...OBJECT_PROTOTYPE_NAMES,
);

export interface Arbitraries {
  name: fc.Arbitrary<string>;
  string: fc.Arbitrary<string>;
  value: fc.Arbitrary<Value>;
  services: fc.Arbitrary<Record<string, Record<string, unknown>>>;
  infrastructure: fc.Arbitrary<Record<string, Record<string, unknown>>>;
  /** Services, infrastructure and a distribution of those services over those targets. */
  system: fc.Arbitrary<{
    services: Record<string, unknown>;
    infrastructure: Record<string, unknown>;
    distribution: Record<string, unknown>;
  }>;
  /** A distribution of any services over any targets (it is not checked against the others). */
  previousDistribution: fc.Arbitrary<Record<string, unknown>>;
  idResources: fc.Arbitrary<Record<string, unknown>>;
  ids: fc.Arbitrary<Record<string, unknown>>;
  docs: fc.Arbitrary<Record<string, unknown>>;
}

/** Attributes of a service that the schema types or normalisation treats specially. */
const SERVICE_ATTRIBUTES = new Set([
  'name',
  'type',
  'dependsOn',
  'connectsTo',
  'group',
  'description',
  'providesContainer',
  'providesContainers',
]);

function record<T>(
  keys: fc.Arbitrary<string>,
  value: fc.Arbitrary<T>,
  maxKeys = 3,
): fc.Arbitrary<Record<string, T>> {
  return fc.dictionary(keys, value, { maxKeys, noNullPrototype: true });
}

function optional<T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> {
  return fc.option(arb, { nil: undefined });
}

/** `{ ...fields }` without the fields that came out undefined. */
function defined(fields: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
}

export function arbitraries(limits: FormatLimits): Arbitraries {
  const text = fc
    .string({ unit: rawChar, maxLength: 8 })
    .map((s) => codePoints(s).filter(limits.char).join(''));
  const name = fc
    .oneof({ weight: 4, arbitrary: text }, { weight: 1, arbitrary: specialNames })
    .filter((n) => codePoints(n).every(limits.char) && limits.name(n));
  const string = fc
    .oneof({ weight: 4, arbitrary: text }, { weight: 1, arbitrary: specialNames })
    .filter((s) => codePoints(s).every(limits.char) && (limits.string?.(s) ?? true));
  const leaf: fc.Arbitrary<Value> = fc.oneof(
    string,
    limits.number,
    fc.boolean(),
    ...(limits.null ? [fc.constant(null)] : []),
  );
  const { value } = fc.letrec<{ value: Value; list: Value[]; attrs: Record<string, Value> }>((tie) => ({
    value: fc.oneof({ maxDepth: 3, depthIdentifier: 'value' }, leaf, tie('list'), tie('attrs')),
    list: fc.array(tie('value'), { maxLength: 3, depthIdentifier: 'value' }),
    attrs: fc.dictionary(name, tie('value'), { maxKeys: 3, noNullPrototype: true, depthIdentifier: 'value' }),
  }));
  const attrs = record(name, value);
  const keys = (max: number) => fc.uniqueArray(name, { maxLength: max });

  const serviceOf = (key: string, all: string[]) => {
    // `all` holds `key`, so it is never empty.
    const ref = fc.array(fc.constantFrom(...all), { maxLength: 3 });
    return fc
      .record({
        name: optional(fc.constant(key)),
        type: optional(string),
        dependsOn: optional(ref),
        connectsTo: optional(ref),
        group: optional(string),
        description: optional(string),
        providesContainer: optional(string),
        providesContainers: optional(record(name, attrs, 2)),
        extra: record(
          name.filter((n) => !SERVICE_ATTRIBUTES.has(n)),
          value,
        ),
      })
      .map(({ extra, ...known }) => ({ ...extra, ...defined(known) }));
  };
  const services = keys(3).chain((names) =>
    fc
      .tuple(...names.map((n) => serviceOf(n, names)))
      .map((list) => Object.fromEntries(list.map((s, i) => [names[i], s]))),
  );

  const scalarString = limits.emptyTargetScalars ? string : string.filter((s) => s !== '');
  const target = fc
    .record({
      properties: optional(attrs),
      containers: optional(record(name, attrs, 2)),
      targetProperty: optional(scalarString),
      system: optional(scalarString),
      numOfCores: optional(limits.integer),
      clientInterface: optional(scalarString),
    })
    .map(defined);
  const infrastructure = record(name, target, 3);

  const mappings = (target: fc.Arbitrary<string>) => {
    const mapping = fc.oneof(target, fc.record({ target, container: optional(string) }).map(defined));
    return fc.array(mapping, { maxLength: 3 });
  };
  const mappingsOver = (targets: string[]) =>
    targets.length === 0 ? fc.constant([]) : mappings(fc.constantFrom(...targets));
  const system = fc.tuple(services, infrastructure).chain(([s, i]) => {
    const targets = Object.keys(i);
    const entry = fc.oneof(
      mappingsOver(targets),
      mappingsOver(targets).map((list) => ({ targets: list })),
    );
    const serviceNames = Object.keys(s);
    return fc
      .tuple(
        fc.subarray(serviceNames),
        fc.array(entry, { minLength: serviceNames.length, maxLength: serviceNames.length }),
      )
      .map(([chosen, entries]) => ({
        services: s,
        infrastructure: i,
        distribution: Object.fromEntries(chosen.map((n, k) => [n, entries[k]])),
      }));
  });

  const previousDistribution = record(
    name,
    fc.oneof(
      mappings(name),
      mappings(name).map((list) => ({ targets: list })),
    ),
  );

  const idResource = fc
    .tuple(limits.integer, limits.integer)
    .chain(([a, b]) =>
      fc.record({
        min: fc.constantFrom(Math.min(a, b), undefined),
        max: fc.constant(Math.max(a, b)),
        scope: optional(fc.constantFrom('global', 'machine', '')),
        step: optional(limits.integer.filter((n) => n >= 0)),
      }),
    )
    .map(defined)
    // Without `min` the pool starts at 0, so `max` must not be below it.
    .filter((r) => ((r.min as number | undefined) ?? 0) <= (r.max as number));
  const idResources = record(name, idResource, 4);

  const ints = record(name, limits.integer);
  const ids = fc
    .record({
      ids: optional(record(name, ints)),
      lastAssignments: optional(ints),
      lastAssignmentsPerTarget: optional(record(name, ints)),
    })
    .map(defined);

  const fieldName = limits.docsFieldName ?? name;
  const docs = fc
    .record({
      groups: optional(record(name, string)),
      fields: optional(fc.array(string, { maxLength: 4 })),
      descriptions: optional(record(fieldName, string)),
    })
    .map(defined);

  return {
    name,
    string,
    value,
    services,
    infrastructure,
    system,
    previousDistribution,
    idResources,
    ids,
    docs,
  };
}

/** Doubles of every magnitude (no NaN, no infinities: no format has them; no -0: JSON has none). */
export const anyDouble = fc.double({ noNaN: true, noDefaultInfinity: true }).filter((x) => !Object.is(x, -0));

/** The integers the schemas accept in integer fields (zod's `int()` is a safe integer). */
export const safeInteger = fc.oneof(fc.integer({ min: -1000, max: 1000 }), fc.integer(), fc.maxSafeInteger());

/** Property values' numbers: small and safe integers as often as doubles of every magnitude. */
export const anyNumber = fc.oneof(safeInteger, anyDouble);
