/**
 * Parsers for Beasley's OR-Library set-covering files (people.brunel.ac.uk/~mastjjb/jeb/orlib/
 * scpinfo.html). Two layouts:
 * - `scp*`: `m n`, then the n column costs, then per row i: the number of columns covering it
 *   followed by those columns (1-based);
 * - `rail*`: `m n`, then per column: cost, number of rows it covers, those rows (1-based).
 * Rows become elements, columns become weighted sets (0-based). Lives in bench/ (reads files).
 */
import { readFileSync } from 'node:fs';
import type { SetCoverProblem } from '../algorithms/set-cover/index.js';

function numbers(text: string): number[] {
  return text
    .split(/\s+/)
    .filter((t) => t !== '')
    .map(Number);
}

export function parseScp(text: string): SetCoverProblem {
  const a = numbers(text);
  let p = 0;
  const m = a[p++];
  const n = a[p++];
  const cost = a.slice(p, p + n);
  p += n;
  const members: number[][] = Array.from({ length: n }, () => []);
  for (let i = 0; i < m; i++) {
    const k = a[p++];
    for (let t = 0; t < k; t++) members[a[p++] - 1].push(i);
  }
  if (p !== a.length) throw new Error(`scp: ${a.length - p} trailing numbers`);
  return { elementCount: m, sets: members.map((mem, j) => ({ members: mem, cost: cost[j] })) };
}

export function parseRail(text: string): SetCoverProblem {
  const a = numbers(text);
  let p = 0;
  const m = a[p++];
  const n = a[p++];
  const sets = [];
  for (let j = 0; j < n; j++) {
    const cost = a[p++];
    const k = a[p++];
    const mem: number[] = [];
    for (let t = 0; t < k; t++) mem.push(a[p++] - 1);
    sets.push({ members: mem, cost });
  }
  if (p !== a.length) throw new Error(`rail: ${a.length - p} trailing numbers`);
  return { elementCount: m, sets };
}

/** Reads a file, choosing the layout by its name (`rail*` or else `scp*`). */
export function readOrLibrary(path: string): SetCoverProblem {
  const text = readFileSync(path, 'utf8');
  return /(^|\/)rail[^/]*$/.test(path) ? parseRail(text) : parseScp(text);
}
