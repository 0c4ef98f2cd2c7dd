import { describe, expect, it } from 'vitest';
import { readDimacsCol } from '../../../bench/dimacs.js';
import { colourGraph } from '../../../algorithms/colouring/index.js';
import { isProper } from './helpers.js';
import { benchData } from '../../../bench/data-dir.js';

const dir = benchData('dimacs') + '/';
// name, n, m, chi, igraph DSATUR colours (bench/data/dimacs/README.md)
const graphs: [string, number, number, number, number][] = [
  ['myciel3', 11, 20, 4, 4],
  ['myciel4', 23, 71, 5, 5],
  ['queen5_5', 25, 160, 5, 5],
  ['myciel5', 47, 236, 6, 6],
  ['jean', 80, 254, 10, 10],
  ['queen6_6', 36, 290, 7, 9],
  ['huck', 74, 301, 11, 11],
  ['david', 87, 406, 11, 11],
  ['queen7_7', 49, 476, 7, 9],
  ['anna', 138, 493, 11, 11],
  ['games120', 120, 638, 9, 9],
  ['queen8_8', 64, 728, 9, 11],
  ['myciel6', 95, 755, 7, 7],
  ['DSJC125.1', 125, 736, 5, 6],
  ['myciel7', 191, 2360, 8, 8],
  ['DSJC125.5', 125, 3891, 17, 21],
  ['le450_15a', 450, 8168, 15, 17],
  ['school1', 385, 19095, 14, 17],
];
const hard = new Set(['myciel6', 'myciel7', 'DSJC125.5', 'le450_15a', 'queen8_8', 'myciel5']);

describe('DIMACS colouring benchmarks', () => {
  for (const [name, n, m, chi, igraph] of graphs) {
    it(`${name}: no more colours than igraph's DSATUR (${igraph})`, () => {
      const g = readDimacsCol(dir + name + '.col');
      expect([g.nodeCount, g.edges.length]).toEqual([n, m]);
      const r = colourGraph({ nodeCount: n, edges: g.edges });
      expect(isProper({ n, edges: g.edges }, r.colouring)).toBe(true);
      expect(r.colours).toBeLessThanOrEqual(igraph);
      expect(r.colours).toBeGreaterThanOrEqual(chi);
      expect(r.lowerBound).toBeLessThanOrEqual(chi);
    });
    // The slower proofs (myciel5 ~0.2 s, queen8_8 ~1 s) are measured in bench/colouring.ts instead.
    if (!hard.has(name)) {
      it(`${name}: exact mode proves chi = ${chi}`, () => {
        const g = readDimacsCol(dir + name + '.col');
        const r = colourGraph({ nodeCount: n, edges: g.edges }, { exact: true });
        expect(r.optimal).toBe(true);
        expect(r.colours).toBe(chi);
        expect(isProper({ n, edges: g.edges }, r.colouring)).toBe(true);
      });
    }
  }
});
