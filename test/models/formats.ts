/**
 * The four model formats as the round-trip properties use them: how a model is written, and what
 * the format can carry today (the limits the generators respect). Every limit below is a value
 * that does NOT come back as it went in; each names why. They are the input of issue 8 ("any
 * string is a name", numbers that cannot be represented) and of upstream bugs.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { stringify as toYaml } from 'yaml';
import { MODEL_KINDS, type ModelKind, type ModelTypes, type NormalisedSoFar } from '../../models/kinds.js';
import { loadModels, type ModelFiles } from '../../models/load.js';
import { toNix } from '../../models/write-nix.js';
import { anyNumber, safeInteger, type FormatLimits } from './arbitraries.js';

export type Models = { [K in ModelKind]?: ModelTypes[K] };

export interface Format {
  extension: string;
  write<K extends ModelKind>(kind: K, model: ModelTypes[K]): string;
  limits: FormatLimits;
}

/**
 * JSON (`JSON.stringify(toValue(x))`) carries everything the models hold (any name, `__proto__`
 * and every other `Object.prototype` member included: user data is keyed by prototype-free
 * records) except:
 * - `-0` (JSON has no negative zero), NaN and the infinities (JSON has no such numbers): the
 *   generators never produce them, for any format.
 * - integer fields (numOfCores, min, max, step, ids) beyond 2^53: the schemas reject them
 *   (`z.number().int()` is a safe integer). Property values may be any double.
 * Lone surrogates do round-trip: JSON.stringify writes them as `\ud800` escapes (and so does the
 * yaml package).
 */
const JSON_LIMITS: FormatLimits = {
  char: () => true,
  name: () => true,
  number: anyNumber,
  integer: safeInteger,
  null: true,
  emptyTargetScalars: true,
};

/** eemeli/yaml#692/#695: `stringify` writes such a string as a `|+` block that reads back without its blanks. */
const yamlBlankFirstLine = (s: string) => s.includes('\n') && /^\n*[\t ]+(\n|$)/.test(s);

/**
 * YAML (`stringify(toValue(x))` of the `yaml` package, read with its `parse`): as JSON, and also
 * - no name that starts with U+FEFF: at the start of the file (the first key) the parser takes
 *   it for a byte order mark and drops it, and `stringify` does not quote it.
 * - no string or name with a line break whose first non-empty line holds only spaces and tabs
 *   (`" \n"`, `"\n \n"`, `" \t\n"`): `stringify` writes a block scalar without an indentation
 *   indicator, so the blanks read back as indentation (`" \n"` comes back as `"\n"`); a bug of
 *   the yaml package (eemeli/yaml#692, #695), not of dyplan's reader.
 */
const YAML_LIMITS: FormatLimits = {
  ...JSON_LIMITS,
  name: (n) => JSON_LIMITS.name(n) && !n.startsWith('\ufeff') && !yamlBlankFirstLine(n),
  string: (s) => !yamlBlankFirstLine(s),
};

/** XML 1.0's `Char`: tab, line feed, carriage return, and U+0020 to U+10FFFF without surrogates, U+FFFE, U+FFFF. */
function isXmlChar(c: string): boolean {
  const cp = c.codePointAt(0) as number;
  return (
    cp === 0x9 ||
    cp === 0xa ||
    cp === 0xd ||
    (cp >= 0x20 && cp <= 0xd7ff) ||
    (cp >= 0xe000 && cp <= 0xfffd) ||
    cp >= 0x10000
  );
}

/**
 * XML (`toXml(x)`, the dydisnix interchange formats, docs/compatibility.md §3): as JSON, and also
 * - no `null` property value: libnixxml has no type for it; the writer leaves out the `type`
 *   attribute and the reader gets the empty string (dydisnix's stylesheet had no type for it either).
 * - no characters that XML 1.0 cannot hold, raw or as references: C0 controls other than tab,
 *   line feed and carriage return, lone surrogates, U+FFFE and U+FFFF (the writer writes them
 *   raw, so the file is not well-formed XML; issue 8).
 * - no empty `system`, `clientInterface` or `targetProperty` on a target: the format writes an
 *   unset field as an empty element (docs/compatibility.md §3.2), so empty and unset are one.
 * - documentation field names (keys of `descriptions`) must be XML names: they are element
 *   names in `<descriptions>` (docs/compatibility.md §3.6). `[A-Za-z_][A-Za-z0-9_.-]*` is generated.
 */
const XML_LIMITS: FormatLimits = {
  ...JSON_LIMITS,
  char: isXmlChar,
  null: false,
  number: anyNumber,
  emptyTargetScalars: false,
  docsFieldName: fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_.-]{0,8}$/),
};

/** Numbers of at most six significant digits, from 1e-300 to 1e300 in magnitude. */
const sixDigitFloat = fc
  .tuple(fc.integer({ min: -999_999, max: 999_999 }), fc.integer({ min: -300, max: 294 }))
  .map(([mantissa, exponent]) => Number(`${mantissa}e${exponent}`))
  .filter((x) => x === 0 || (Math.abs(x) >= 1e-300 && !Object.is(x, -0)));

/**
 * Nix (`toNix(toValue(x))`, read by nix-instantiate 2.8 through the evaluator): as JSON, and also
 * - no NUL character: Nix strings are C strings; the writer refuses one (an output error).
 * - no lone surrogate: the file is UTF-8 and Nix has no escape for code points; the writer refuses one.
 * - floats with more than six significant digits: nix-instantiate 2.8 prints floats in its JSON
 *   output with `%g` (0.123456789 comes back as 0.123457); a limit of Nix, not of the writer.
 *   (1e-30 and 1e+21 round-trip: the writer prints them as the floats `1.0e-30` and `1.0e+21`; an
 *   integer-valued double beyond Nix's 64-bit integers is written as a float of the same value.)
 *   Below 2^63 every integer a double holds round-trips, also beyond 2^53.
 * - the attribute names `pkg` and `activatesAfter` of a service (the evaluator drops `pkg` and
 *   turns `activatesAfter` into service names, as dydisnix does), and any attribute set with
 *   `type = "derivation"` (a derivation to Nix: the evaluator drops derivations from every
 *   model). The generators leave out those two names and the string "derivation" everywhere.
 */
const NIX_LIMITS: FormatLimits = {
  ...JSON_LIMITS,
  char: (c) => c !== '\u0000' && !/^[\ud800-\udfff]$/.test(c),
  name: (n) => JSON_LIMITS.name(n) && n !== 'pkg' && n !== 'activatesAfter',
  string: (s) => s !== 'derivation',
  number: fc.oneof(
    sixDigitFloat,
    safeInteger,
    fc
      .bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n })
      .map(Number)
      .filter((x) => Math.abs(x) < 2 ** 63),
  ),
};

export const FORMATS = {
  json: {
    extension: 'json',
    write: (kind, model) => JSON.stringify(MODEL_KINDS[kind].toValue(model)),
    limits: JSON_LIMITS,
  },
  yaml: {
    extension: 'yaml',
    write: (kind, model) => toYaml(MODEL_KINDS[kind].toValue(model)),
    limits: YAML_LIMITS,
  },
  xml: { extension: 'xml', write: (kind, model) => MODEL_KINDS[kind].toXml(model), limits: XML_LIMITS },
  nix: {
    extension: 'nix',
    write: (kind, model) => toNix(MODEL_KINDS[kind].toValue(model)),
    limits: NIX_LIMITS,
  },
} satisfies Record<string, Format>;

/** Normalises raw models in the loader's order (the distribution is checked against the others). */
export async function normalise(raw: { [K in ModelKind]?: unknown }): Promise<Models> {
  const earlier: Record<string, { model: unknown; file: string }> = {};
  const models: Record<string, unknown> = {};
  for (const kind of Object.keys(raw) as ModelKind[]) {
    const model = await MODEL_KINDS[kind].normalise(raw[kind], 'generated', earlier as NormalisedSoFar);
    earlier[kind] = { model, file: 'generated' };
    models[kind] = model;
  }
  return models as Models;
}

/**
 * A scratch folder for written models, removed by `done()`: in memory (/dev/shm) where there is
 * one, since a property writes thousands of small files and a loaded disk makes that the bulk of
 * the run.
 */
export function scratch(prefix: string) {
  const dir = mkdtempSync(join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), prefix));
  let count = 0;
  return {
    /** Writes `models` in `format`, loads them back with `loadModels` and asserts equality. */
    async roundTrip(format: Format, models: Models): Promise<void> {
      count++;
      const files: ModelFiles = {};
      for (const kind of Object.keys(models) as ModelKind[]) {
        const path = join(dir, `${kind}-${count}.${format.extension}`);
        writeFileSync(path, format.write(kind, models[kind] as never));
        files[kind] = path;
      }
      try {
        // node's deep equality, not vitest's toStrictEqual, which takes an own `constructor` key for the class.
        assert.deepStrictEqual(await loadModels(files), models);
      } finally {
        for (const path of Object.values(files)) rmSync(path);
      }
    },
    done: () => rmSync(dir, { recursive: true, force: true }),
  };
}
