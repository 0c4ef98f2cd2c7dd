/** Renders a model in the output format a command was asked for (Nix by default, JSON, dydisnix XML). */
import type { Value } from '../models/types.js';
import { toNix } from '../models/write-nix.js';

export type OutputFormat = 'nix' | 'json' | 'xml';

export function outputFormatOf(options: { json?: boolean; outputXml?: boolean }): OutputFormat {
  return options.outputXml ? 'xml' : options.json ? 'json' : 'nix';
}

/** Nix and XML are printed exactly as dydisnix prints them (no trailing newline); JSON ends with one. */
export function render(value: Value, format: OutputFormat, toXml: () => string): string {
  switch (format) {
    case 'json':
      return JSON.stringify(value, null, 2) + '\n';
    case 'xml':
      return toXml();
    default:
      return toNix(value);
  }
}
