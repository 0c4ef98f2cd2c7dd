/** Reference implementations for the colouring tests (brute force, simple greedy). */
import fc from 'fast-check';

export interface SmallGraph {
  n: number;
  edges: [number, number][];
}

/** Random simple-ish graph: may contain parallel edges (both orientations), never self-loops. */
export function arbGraph(maxNodes: number, maxEdges: number): fc.Arbitrary<SmallGraph> {
  return fc
    .integer({ min: 1, max: maxNodes })
    .chain((n) =>
      fc
        .array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1)), { maxLength: maxEdges })
        .map((pairs) => ({ n, edges: pairs.filter(([u, v]) => u !== v) as [number, number][] })),
    );
}

export function neighbours(g: SmallGraph): Set<number>[] {
  const adj = Array.from({ length: g.n }, () => new Set<number>());
  for (const [u, v] of g.edges) {
    adj[u].add(v);
    adj[v].add(u);
  }
  return adj;
}

export function isProper(g: SmallGraph, colouring: readonly number[]): boolean {
  return (
    colouring.length === g.n &&
    colouring.every((c) => c >= 0) &&
    g.edges.every(([u, v]) => colouring[u] !== colouring[v])
  );
}

export function distinctColours(colouring: readonly number[]): number {
  return new Set(colouring).size;
}

/** First fit in index order. */
export function firstFitCount(g: SmallGraph): number {
  const adj = neighbours(g);
  const col: number[] = new Array(g.n).fill(-1);
  for (let v = 0; v < g.n; v++) {
    let c = 0;
    while ([...adj[v]].some((w) => col[w] === c)) c++;
    col[v] = c;
  }
  return Math.max(0, ...col.map((c) => c + 1));
}

/**
 * Minimum number of distinct colours over all colourings where node v takes a colour of
 * domain(v) (brute force; tiny graphs only). Infinity when none exists.
 */
export function bruteForceMinColours(g: SmallGraph, domain: (v: number) => readonly number[]): number {
  const adj = neighbours(g);
  const col: number[] = new Array(g.n).fill(-1);
  let best = Infinity;
  const used = new Map<number, number>();
  const rec = (v: number): void => {
    if (used.size >= best) return;
    if (v === g.n) {
      best = used.size;
      return;
    }
    for (const c of domain(v)) {
      if ([...adj[v]].some((w) => col[w] === c)) continue;
      col[v] = c;
      used.set(c, (used.get(c) ?? 0) + 1);
      rec(v + 1);
      const k = used.get(c)! - 1;
      if (k === 0) used.delete(c);
      else used.set(c, k);
      col[v] = -1;
    }
  };
  rec(0);
  return best;
}

/** Chromatic number by plain backtracking with "new colour = max used + 1" symmetry breaking. */
export function bruteForceChromatic(g: SmallGraph): number {
  const adj = neighbours(g);
  const col: number[] = new Array(g.n).fill(-1);
  const colourable = (k: number, v: number, maxUsed: number): boolean => {
    if (v === g.n) return true;
    for (let c = 0; c <= Math.min(maxUsed + 1, k - 1); c++) {
      if ([...adj[v]].some((w) => col[w] === c)) continue;
      col[v] = c;
      if (colourable(k, v + 1, Math.max(maxUsed, c))) {
        col[v] = -1;
        return true;
      }
      col[v] = -1;
    }
    return false;
  };
  for (let k = g.n === 0 ? 0 : 1; ; k++) if (colourable(k, 0, -1)) return k;
}
