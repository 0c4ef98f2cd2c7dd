/**
 * The one error hierarchy of dyplan. `DyplanError` carries a kind that the command line maps to
 * an exit code (src/errors.ts holds the table); every translation of a lower-level error keeps it
 * as `cause`. It lives here, in the lowest layer, because the models throw the input errors; the
 * other kinds are defined in src/errors.ts.
 */
export type ErrorKind = 'input' | 'infeasible' | 'usage' | 'output' | 'internal';

export class DyplanError extends Error {
  constructor(
    readonly kind: ErrorKind,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

/**
 * Errors about user input. Every one renders as a single line that names the file, the field path
 * inside it and what was expected, e.g. `services.nix: webapp.dependsOn[0]: no service named "db"`.
 */
export class ModelError extends DyplanError {
  constructor(
    /** The file the problem is in, as the user gave it on the command line. */
    readonly file: string,
    /** Field path inside the model (`webapp.dependsOn[0]`), or `""` for the file as a whole. */
    readonly field: string,
    readonly detail: string,
    options?: ErrorOptions,
  ) {
    super('input', field ? `${file}: ${field}: ${detail}` : `${file}: ${detail}`, options);
  }
}

/** Renders a field path the way users write it: `a.b[0]."key with space"`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else {
      const key = String(part);
      const shown = /^[A-Za-z_][A-Za-z0-9_'-]*$/.test(key) ? key : JSON.stringify(key);
      out += out === '' ? shown : `.${shown}`;
    }
  }
  return out;
}

/** A short description of a value's type, for "expected X, got Y" messages. */
export function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  switch (typeof value) {
    case 'string':
      return `the string ${JSON.stringify(value.length > 40 ? value.slice(0, 37) + '...' : value)}`;
    case 'number':
      return Number.isInteger(value) ? `the integer ${value}` : `the number ${value}`;
    case 'boolean':
      return `the boolean ${value}`;
    case 'object':
      return 'an attribute set';
    default:
      return typeof value;
  }
}
