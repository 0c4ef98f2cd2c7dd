import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { componentCosts, freeComponents } from '../../../algorithms/multiway-cut/components.js';
import { dualComponentBounds } from '../../../algorithms/multiway-cut/dual-bound.js';
import { multiwayCut } from '../../../algorithms/multiway-cut/index.js';
import { compactInstance, reducedAdjacency } from '../../../algorithms/multiway-cut/instance.js';
import { benchData } from '../../../bench/data-dir.js';
import type { DeployInstance } from '../../../bench/deploy-models.js';
import { bruteForce, instanceArbitrary, type PlainInstance } from './helpers.js';

/** The dual bound of every component plus the free bound, with no branch and bound. */
function dualOnly(instance: PlainInstance, maxSweeps = 200) {
  const ci = compactInstance(instance);
  const adj = reducedAdjacency(ci);
  const comps = freeComponents(ci, adj);
  const all = Array.from({ length: comps.count }, (_, c) => c);
  const out = dualComponentBounds(ci, adj, comps, all, all.map(() => Infinity), { maxSweeps });
  return { bound: adj.constant + out.bounds.reduce((a, b) => a + b, 0), out, ci, adj, comps };
}

function deploy(name: string): PlainInstance {
  const d = JSON.parse(readFileSync(benchData('deploy', `${name}.json`), 'utf8')) as DeployInstance;
  return { itemCount: d.services, labelCount: d.hosts, edges: d.edges, candidates: d.candidates };
}

describe('dualComponentBounds (MPLP dual ascent on the LP relaxation)', () => {
  it('never exceeds the optimum, per component and in total, and is an integer', () => {
    fc.assert(
      fc.property(instanceArbitrary(8, 4, 18), (instance) => {
        const { bound, out, adj, comps } = dualOnly(instance);
        const best = bruteForce(instance);
        expect(bound).toBeLessThanOrEqual(best.cost);
        const optimumCosts = componentCosts(adj, comps, Int32Array.from(best.labels));
        out.bounds.forEach((b, c) => {
          expect(Number.isInteger(b)).toBe(true);
          expect(b).toBeLessThanOrEqual(optimumCosts[c]);
        });
      }),
      { numRuns: 400, seed: 21 },
    );
  });

  it('proves the optimum of a tree-shaped instance (the LP is tight there)', () => {
    // A path of 6 items, labels {0,1} each, ends pinned to different labels: one link must be cut.
    const instance: PlainInstance = {
      itemCount: 6,
      labelCount: 2,
      edges: [
        [0, 1],
        [1, 2],
        [2, 3],
        [3, 4],
        [4, 5],
      ],
      candidates: [[0], [0, 1], [0, 1], [0, 1], [0, 1], [1]],
    };
    expect(dualOnly(instance).bound).toBe(1);
  });

  it('stops a component once its bound meets the given cost, and counts its work reproducibly', () => {
    const instance = deploy('clustered-n1000-k40-s1');
    const ci = compactInstance(instance);
    const adj = reducedAdjacency(ci);
    const comps = freeComponents(ci, adj);
    const all = Array.from({ length: comps.count }, (_, c) => c);
    const free = dualComponentBounds(ci, adj, comps, all, all.map(() => Infinity));
    const again = dualComponentBounds(ci, adj, comps, all, all.map(() => Infinity));
    expect(again).toEqual(free);
    const capped = dualComponentBounds(ci, adj, comps, all, all.map(() => 0));
    expect(capped.updates).toBe(0);
    expect(capped.bounds.every((b) => b >= 0)).toBe(true);
  });

  it('on clustered-n1000-k40-s1 and clustered-n10000-k400-s1, alone, it is within 0.1 % of the LP bound', () => {
    // LP bounds and optima of bench/data/deploy/README.md.
    for (const [name, lp, optimum] of [
      ['clustered-n1000-k40-s1', 1169.5, 1171],
      ['clustered-n10000-k400-s1', 11738.5, 11750],
    ] as const) {
      const { bound } = dualOnly(deploy(name));
      expect(bound).toBeLessThanOrEqual(optimum);
      expect(bound).toBeGreaterThanOrEqual(Math.floor(lp * 0.999));
    }
  });
});

describe('multiwayCut with the dual bound (stage 6)', () => {
  it('its bound is at least the one without it and never above the optimum', () => {
    fc.assert(
      fc.property(instanceArbitrary(7, 4, 16), (instance) => {
        const withDual = multiwayCut(instance, { exactNodeBudget: 0 });
        const without = multiwayCut(instance, { exactNodeBudget: 0, dualSweeps: 0 });
        expect(withDual.lowerBound).toBeGreaterThanOrEqual(without.lowerBound);
        expect(withDual.lowerBound).toBeLessThanOrEqual(bruteForce(instance).cost);
        expect(withDual.dualGain).toBe(withDual.lowerBound - without.lowerBound);
        expect(withDual.optimal).toBe(withDual.cost === withDual.lowerBound);
      }),
      { numRuns: 300, seed: 22 },
    );
  });
});
