/**
 * The Nix printer of dydisnix's libnixxml (docs/compatibility.md §4.1): every key double-quoted,
 * two-space indentation, one attribute or element per line, no trailing newline. Attribute sets
 * are printed in insertion order; `to-value.ts` builds them in the order each model wants (sorted).
 *
 * Iterative (an explicit stack), so a deep value cannot overflow the call stack. Numbers come out as
 * Nix literals: floats always with a dot (`1.0e-30`, not `1e-30`), negative numbers in lists in
 * parentheses (`[ -1 ]` is a syntax error). A string Nix cannot hold (a NUL ends a Nix string; a
 * lone surrogate has no UTF-8 form) is an output error naming the string, not a silent change.
 */
import { DyplanError } from './errors.js';
import type { Value } from './types.js';

// eslint-disable-next-line no-control-regex -- the characters the format cannot hold
const NOT_NIX = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

// eslint-disable-next-line no-control-regex -- the characters quote() escapes or refuses
const PLAIN = /^[^\u0000\\"\n\r\t$\ud800-\udfff]*$/;

function quote(text: string): string {
  // Most strings (names, hosts) need no escape: no regular-expression pass over them each.
  if (PLAIN.test(text)) return `"${text}"`;
  const bad = NOT_NIX.exec(text);
  if (bad) {
    const code = bad[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
    const shown = JSON.stringify(text.length > 40 ? text.slice(0, 37) + '...' : text);
    throw new DyplanError(
      'output',
      `cannot write ${shown} as Nix: a Nix string cannot hold the character U+${code} (use the JSON output)`,
    );
  }
  // `${` would start an antiquotation inside a Nix string.
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t').replace(/\$\{/g, '\\${')}"`;
}

/** Nix's integers are 64 bits: an integer-valued double beyond them is written as a float. */
const TWO_TO_63 = 2 ** 63;

/**
 * A Nix literal for a finite number: integers (up to Nix's 64 bits) in their shortest digits, which
 * read back as the same double; other numbers as floats with a dot before any exponent (`1.0e-30`,
 * `1.0e+21`), which Nix's lexer requires.
 */
export function nixNumber(n: number): string {
  if (!Number.isFinite(n)) throw new RangeError(`${n} has no Nix literal`);
  if (Number.isInteger(n) && Math.abs(n) < TWO_TO_63) return String(n === 0 ? 0 : n);
  const text = String(n);
  const [mantissa, exponent] = text.split('e');
  const withDot = mantissa.includes('.') ? mantissa : `${mantissa}.0`;
  return exponent === undefined ? withDot : `${withDot}e${exponent}`;
}

type Step = { value: Value; indent: string; inList: boolean } | string;

export function toNix(value: Value): string {
  const out: string[] = [];
  // Strings on the stack are text to emit; values are printed when popped.
  const stack: Step[] = [{ value, indent: '', inList: false }];
  while (stack.length > 0) {
    const step = stack.pop() as Step;
    if (typeof step === 'string') {
      out.push(step);
      continue;
    }
    const { value: v, indent, inList } = step;
    if (v === null) out.push('null');
    else if (typeof v === 'string') out.push(quote(v));
    else if (typeof v === 'number') {
      const text = nixNumber(v);
      out.push(inList && text.startsWith('-') ? `(${text})` : text);
    } else if (typeof v === 'boolean') out.push(v ? 'true' : 'false');
    else if (Array.isArray(v)) {
      const inner = indent + '  ';
      out.push('[\n');
      stack.push(`${indent}]`);
      for (let i = v.length - 1; i >= 0; i--) {
        stack.push('\n');
        stack.push({ value: v[i], indent: inner, inList: true });
        stack.push(inner);
      }
    } else {
      const inner = indent + '  ';
      out.push('{\n');
      stack.push(`${indent}}`);
      const keys = Object.keys(v);
      for (let i = keys.length - 1; i >= 0; i--) {
        stack.push(';\n');
        stack.push({ value: v[keys[i]], indent: inner, inList: false });
        stack.push(`${inner}${quote(keys[i])} = `);
      }
    }
  }
  return out.join('');
}
