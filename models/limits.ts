/**
 * What every model must be before validation, whatever format it came from: a tree (no cycles, as a
 * YAML self-alias makes), at most MAX_DEPTH levels deep and MAX_NODES nodes once aliases are
 * expanded, with numbers that JSON and Nix both hold: finite (any double otherwise: the Nix writer
 * prints an integer beyond Nix's 64 bits as a float of the same value). Integers beyond 2^53 are
 * exact only when their digits name the double they became (`integerLiteralHolds`):
 * `inexactInteger` checks the text they were read from. One walk with an explicit stack, so deep input cannot overflow the call
 * stack; errors name the field. Strings are not limited here: what a writer cannot represent (a NUL
 * in Nix, control characters in XML) is its error.
 */
import { ModelError, formatPath } from './errors.js';

/** Models are shallow; a property value may nest a little. */
export const MAX_DEPTH = 200;
/** Nodes (values, keys counted with their values) after alias expansion: ~10x the 100,000-service benchmark. */
export const MAX_NODES = 20_000_000;
/** Bytes of one model file. */
export const MAX_FILE_BYTES = 512 * 1024 * 1024;

function numberProblem(n: number): string | undefined {
  if (!Number.isFinite(n)) return `${String(n)} (JSON and Nix have no such number)`;
  return undefined;
}

/**
 * Whether the integer literal `digits` survives being read as a double: it is the double's exact
 * value, or the double's own shortest spelling (what JSON.stringify and dyplan's writers print, so
 * a written model reads back as it was). `9007199254740993` does not: it reads as ...992.
 */
export function integerLiteralHolds(digits: string): boolean {
  const n = Number(digits);
  if (!Number.isFinite(n)) return false;
  return String(n) === digits.replace(/^(-?)0+(?=\d)/, '$1') || BigInt(digits) === BigInt(n);
}

/** What `digits` reads as, for the message that rejects it. */
export function integerReadAs(digits: string): string {
  return String(Number(digits));
}

/**
 * The first integer literal in JSON-like text (JSON, the JSON Nix prints, YAML flow and plain
 * scalars) whose digits a double cannot hold exactly (`9007199254740993` reads as ...992), with its
 * offset; undefined when there is none. Quoted strings and YAML comments are skipped.
 */
export function inexactInteger(text: string): { literal: string; offset: number } | undefined {
  // Only 16 or more digits can be inexact: skip the scan for the usual model.
  if (!/\d{16}/.test(text)) return undefined;
  const literal = /-?\d{16,}/y;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"' || c === "'") {
      // Skip the string (JSON escapes with \\, YAML single quotes double themselves).
      for (i++; i < text.length && text[i] !== c; i++) if (c === '"' && text[i] === '\\') i++;
      continue;
    }
    if (c === '#') {
      // A YAML comment runs to the end of the line; JSON has no '#'.
      while (i < text.length && text[i] !== '\n') i++;
      continue;
    }
    if ((c >= '0' && c <= '9') || c === '-') {
      if (i > 0 && /[\w.]/.test(text[i - 1])) continue;
      literal.lastIndex = i;
      const m = literal.exec(text);
      if (!m) {
        while (i + 1 < text.length && /\d/.test(text[i + 1])) i++;
        continue;
      }
      const end = i + m[0].length;
      i = end - 1;
      // Part of a float (`...e5`, `....5`) or a word: not an integer literal.
      if (end < text.length && /[\w.]/.test(text[end])) continue;
      if (!integerLiteralHolds(m[0])) return { literal: m[0], offset: end - m[0].length };
    }
  }
  return undefined;
}

/** The path of the first number in `value` equal to `n` (document order), for naming a field. */
export function pathOfNumber(value: unknown, n: number): PropertyKey[] | undefined {
  const stack: { value: unknown; path: PropertyKey[] }[] = [{ value, path: [] }];
  while (stack.length > 0) {
    const { value: v, path } = stack.pop() as { value: unknown; path: PropertyKey[] };
    if (v === n) return path;
    if (v !== null && typeof v === 'object' && path.length <= MAX_DEPTH) {
      const keys = Object.keys(v);
      for (let i = keys.length - 1; i >= 0; i--)
        stack.push({ value: (v as Record<string, unknown>)[keys[i]], path: [...path, Array.isArray(v) ? i : keys[i]] });
    }
  }
  return undefined;
}

interface Frame {
  value: unknown;
  parent?: Frame;
  key?: PropertyKey;
  depth: number;
  /** Set once the children are pushed: popping it again leaves the node. */
  leaving?: boolean;
}

function pathOf(frame: Frame): PropertyKey[] {
  const path: PropertyKey[] = [];
  for (let f: Frame | undefined = frame; f?.parent !== undefined; f = f.parent) path.push(f.key as PropertyKey);
  return path.reverse();
}

/** Throws a ModelError naming `file` and the field when `value` breaks one of the limits above. */
export function checkModelValue(value: unknown, file: string): void {
  // The quick walk proves the usual model within the limits; the careful one names the problem.
  if (withinLimits(value)) return;
  explainLimits(value, file);
}

/**
 * Whether `value` keeps every limit: a recursive walk without bookkeeping (at most MAX_DEPTH deep,
 * so the call stack holds). A value that contains itself goes past MAX_DEPTH and so is refused
 * here; `explainLimits` then says which of the two it is.
 */
function withinLimits(value: unknown): boolean {
  let nodes = 0;
  const walk = (v: unknown, depth: number): boolean => {
    if (++nodes > MAX_NODES) return false;
    switch (typeof v) {
      case 'string':
      case 'boolean':
      case 'undefined':
        return true;
      case 'number':
        return Number.isFinite(v);
      case 'object': {
        if (v === null) return true;
        if (depth >= MAX_DEPTH) return false;
        if (Array.isArray(v)) {
          for (let i = 0; i < v.length; i++) if (!walk(v[i], depth + 1)) return false;
          return true;
        }
        const prototype: unknown = Object.getPrototypeOf(v);
        if (prototype !== Object.prototype && prototype !== null) return false;
        for (const key of Object.keys(v)) if (!walk((v as Record<string, unknown>)[key], depth + 1)) return false;
        return true;
      }
      default:
        return false;
    }
  };
  return walk(value, 0);
}

/** Throws the ModelError about the first limit `value` breaks, with the path of the field. */
function explainLimits(value: unknown, file: string): void {
  const onPath = new Set<object>();
  const stack: Frame[] = [{ value, depth: 0 }];
  let nodes = 0;
  const fail = (frame: Frame, detail: string): never => {
    throw new ModelError(file, formatPath(pathOf(frame)), detail);
  };
  while (stack.length > 0) {
    const frame = stack.pop() as Frame;
    const v = frame.value;
    if (frame.leaving) {
      onPath.delete(v as object);
      continue;
    }
    if (++nodes > MAX_NODES)
      fail({ value, depth: 0 }, `more than ${MAX_NODES} values (after expanding aliases): too large to be a model`);
    if (typeof v === 'number') {
      const problem = numberProblem(v);
      if (problem) fail(frame, `expected a number JSON and Nix hold exactly, got ${problem}`);
    } else if (typeof v === 'string' || typeof v === 'boolean' || v === null || v === undefined) {
      // Any string: each writer rejects what its format cannot hold.
    } else if (typeof v === 'bigint') {
      fail(frame, `expected a number JSON and Nix hold exactly, got the integer ${String(v)}`);
    } else if (v !== null && typeof v === 'object') {
      if (onPath.has(v)) fail(frame, 'the value contains itself (a self-referencing alias?)');
      if (frame.depth >= MAX_DEPTH) fail(frame, `nested more than ${MAX_DEPTH} levels deep`);
      const prototype: unknown = Object.getPrototypeOf(v);
      if (!Array.isArray(v) && prototype !== Object.prototype && prototype !== null)
        fail(frame, 'unexpected value (not a list or an attribute set)');
      onPath.add(v);
      stack.push({ ...frame, leaving: true });
      const depth = frame.depth + 1;
      if (Array.isArray(v)) {
        for (let i = v.length - 1; i >= 0; i--) stack.push({ value: v[i], parent: frame, key: i, depth });
      } else {
        const keys = Object.keys(v);
        for (let i = keys.length - 1; i >= 0; i--) {
          const key = keys[i];
          stack.push({ value: (v as Record<string, unknown>)[key], parent: frame, key, depth });
        }
      }
    } else {
      fail(frame, `unexpected ${typeof v} value`);
    }
  }
}
