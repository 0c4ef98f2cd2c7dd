/**
 * Where batch artifacts of a group go (docs/compatibility.md §8.2: `<dir>/<group>/diagram.dot`,
 * `<group>/index.html`), as paths relative to the output directory, and how pages link to each
 * other. Group names are user text: a component such as `..`, `.` or `""` must not escape or
 * collapse the output tree, so components are encoded injectively (identity for ordinary names).
 */
import { createHash } from 'node:crypto';
import { compareNames } from '../../models/compare.js';
import { splitGroup } from '../groups/index.js';

/** Bytes of a directory name: file systems allow 255; the rest is left for `.tmp` suffixes. */
const MAX_NAME_BYTES = 200;

/**
 * A group path component as a directory name: `%` and a leading `.` are %-encoded, `""` becomes
 * `%`; a name too long for the file system keeps its first characters and ends in `%~` and a hash
 * of the whole name, so distinct groups stay in distinct directories.
 */
export function directoryName(component: string): string {
  if (component === '') return '%';
  const encoded = component.replace(/%/g, '%25').replace(/\0/g, '%00').replace(/^\./, '%2E');
  if (Buffer.byteLength(encoded) <= MAX_NAME_BYTES) return encoded;
  const hash = createHash('sha256').update(component).digest('hex').slice(0, 16);
  let prefix = '';
  for (const c of encoded) {
    if (Buffer.byteLength(prefix + c) > MAX_NAME_BYTES - 20) break;
    prefix += c;
  }
  return `${prefix}%~${hash}`;
}

/** The directory of a group relative to the output directory (`""` for the root). */
export function groupDirectory(group: string): string {
  return splitGroup(group).map(directoryName).join('/');
}

/** `file` inside the directory of `group` (the root's files sit at the top, without `//`). */
export function groupFile(group: string, file: string): string {
  const dir = groupDirectory(group);
  return dir === '' ? file : `${dir}/${file}`;
}

/** The relative URL from a page of `from` to the output directory (`.`, `..`, `../..`). */
export function rootHref(from: string): string {
  const depth = splitGroup(from).length;
  return depth === 0 ? '.' : Array.from({ length: depth }, () => '..').join('/');
}

/** A relative URL (percent-encoded) from a page of group `from` to `file` of group `to`. */
export function groupHref(from: string, to: string, file: string): string {
  const fromParts = splitGroup(from);
  const toParts = splitGroup(to);
  let common = 0;
  while (common < fromParts.length && common < toParts.length && fromParts[common] === toParts[common])
    common++;
  const up = Array.from({ length: fromParts.length - common }, () => '..');
  const down = toParts.slice(common).map((c) => encodeURIComponent(directoryName(c)));
  return [...up, ...down, encodeURIComponent(file)].join('/');
}

/** Relative path -> file contents, in sorted path order; the CLI writes them (atomically). */
export type FileMap = Map<string, string | Uint8Array>;

/** The same map with its keys in plain code-unit order (deterministic iteration). */
export function sortedFiles(files: FileMap): FileMap {
  return new Map([...files.entries()].sort(([a], [b]) => compareNames(a, b)));
}
