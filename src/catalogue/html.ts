/**
 * HTML text helpers for the services catalogue. The original wrote model text into pages
 * unescaped and printed list/attribute-set values as raw pointers (docs/compatibility.md bug 19).
 */
import type { Value } from '../../models/types.js';
import { sortedKeys } from '../../models/compare.js';

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for element content and double-quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c]);
}

function isScalar(v: Value): v is string | number | boolean | null {
  return v === null || typeof v !== 'object';
}

function scalarText(v: string | number | boolean | null): string {
  return v === null ? '' : escapeHtml(String(v));
}

/**
 * A property value as HTML: scalars as text, a list of scalars comma-separated, other lists as
 * `<ul>`, attribute sets as `<dl>` with sorted keys (so `providesContainers` lists each
 * container with its properties).
 */
export function formatValue(value: Value | undefined): string {
  if (value === undefined) return '';
  if (isScalar(value)) return scalarText(value);
  if (Array.isArray(value)) {
    if (value.every(isScalar))
      return value.map((v) => scalarText(v as string | number | boolean | null)).join(', ');
    return `<ul>${value.map((v) => `<li>${formatValue(v)}</li>`).join('')}</ul>`;
  }
  const keys = sortedKeys(value);
  if (keys.length === 0) return '';
  return `<dl>${keys.map((k) => `<dt>${escapeHtml(k)}</dt><dd>${formatValue(value[k])}</dd>`).join('')}</dl>`;
}
