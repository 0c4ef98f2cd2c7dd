/**
 * Parser for the DIMACS graph-colouring format (`.col`, Trick's COLOR02/03/04 benchmark files):
 * `c` comment lines, one `p edge N M` problem line, then `e u v` edge lines with 1-based nodes.
 * Edges are returned 0-based; both directions and repeats are de-duplicated (some original files
 * list every edge twice). Lives in bench/ because it reads files; the algorithms stay pure.
 */
import { readFileSync } from 'node:fs';

export interface DimacsGraph {
  nodeCount: number;
  /** Distinct undirected edges, 0-based, each with u < v, in first-seen order. */
  edges: [number, number][];
}

export function parseDimacsCol(text: string): DimacsGraph {
  let nodeCount = -1;
  const edges: [number, number][] = [];
  const seen = new Set<number>();
  for (const rawLine of text.split('\n')) {
    const line = rawLine.trim();
    if (line === '' || line.startsWith('c')) continue;
    const parts = line.split(/\s+/);
    if (parts[0] === 'p') {
      nodeCount = Number(parts[2]);
      if (!Number.isInteger(nodeCount) || nodeCount < 0) throw new Error(`bad problem line: ${line}`);
    } else if (parts[0] === 'e') {
      if (nodeCount < 0) throw new Error('edge before the problem line');
      const a = Number(parts[1]) - 1;
      const b = Number(parts[2]) - 1;
      if (!(a >= 0 && b >= 0 && a < nodeCount && b < nodeCount)) throw new Error(`bad edge line: ${line}`);
      const u = Math.min(a, b);
      const v = Math.max(a, b);
      const key = u * nodeCount + v;
      if (u === v || seen.has(key)) continue;
      seen.add(key);
      edges.push([u, v]);
    }
  }
  if (nodeCount < 0) throw new Error('no problem line');
  return { nodeCount, edges };
}

export function readDimacsCol(path: string): DimacsGraph {
  return parseDimacsCol(readFileSync(path, 'utf8'));
}
