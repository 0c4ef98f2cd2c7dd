/**
 * The Nix printer of dydisnix's libnixxml (docs/compatibility.md §4.1): every key double-quoted,
 * two-space indentation, one attribute or element per line, no trailing newline. Attribute sets
 * are printed in insertion order; `to-value.ts` builds them in the order each model wants (sorted).
 */
import type { Value } from './types.js';

function quote(text: string): string {
  // `${` would start an antiquotation inside a Nix string.
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t').replace(/\$\{/g, '\\${')}"`;
}

function printNumber(n: number): string {
  if (Number.isInteger(n)) return String(n);
  // Nix float literals need digits on both sides of the dot and no `e+` form.
  const text = String(n);
  return /e/i.test(text) ? n.toFixed(20).replace(/0+$/, '').replace(/\.$/, '.0') : text;
}

function print(value: Value, indent: string, out: string[]): void {
  if (value === null) out.push('null');
  else if (typeof value === 'string') out.push(quote(value));
  else if (typeof value === 'number') out.push(printNumber(value));
  else if (typeof value === 'boolean') out.push(value ? 'true' : 'false');
  else if (Array.isArray(value)) {
    const inner = indent + '  ';
    out.push('[\n');
    for (const element of value) {
      out.push(inner);
      // `[ -1 ]` is a syntax error: a list element cannot start with a unary minus.
      if (typeof element === 'number' && element < 0) out.push('(', printNumber(element), ')');
      else print(element, inner, out);
      out.push('\n');
    }
    out.push(indent, ']');
  } else {
    const inner = indent + '  ';
    out.push('{\n');
    for (const key of Object.keys(value)) {
      out.push(inner, quote(key), ' = ');
      print(value[key], inner, out);
      out.push(';\n');
    }
    out.push(indent, '}');
  }
}

export function toNix(value: Value): string {
  const out: string[] = [];
  print(value, '', out);
  return out.join('');
}
