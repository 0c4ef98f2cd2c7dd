import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ModelError } from '../../models/errors.js';
import {
  boundText,
  gapPercent,
  gapText,
  numericProperty,
  placementLinks,
  placementProblem,
  toDistribution,
} from '../../src/plans/placement.js';
import type { ServicesModel } from '../../models/types.js';

describe('placementProblem', () => {
  it('indexes candidates by target, dropping repeats and targets outside the problem, keeping order', () => {
    const problem = placementProblem(['a', 'b', 'c'], ['t1', 't2', 't3'], {
      a: [{ target: 't3' }, { target: 't1', container: 'x' }, { target: 't3' }],
      b: [{ target: 'gone' }, { target: 't2' }],
    });
    expect(problem.candidates).toEqual([[2, 0], [1], [0, 1, 2]]);
    expect(problem.targetIndex.get('t2')).toBe(1);
  });

  it('turns an assignment back into a distribution that keeps the chosen candidate container', () => {
    const problem = placementProblem(['a', 'b'], ['t1', 't2'], {
      a: [
        { target: 't1', container: 'mysql' },
        { target: 't2', container: 'pg' },
      ],
    });
    expect(toDistribution(problem, [1, 0])).toEqual({
      a: [{ target: 't2', container: 'pg' }],
      b: [{ target: 't1' }],
    });
  });

  it('every service lands on one of its candidates, whatever candidate index is chosen', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 1, maxLength: 6 }), {
          minLength: 1,
          maxLength: 8,
        }),
        fc.nat(),
        (lists, seed) => {
          const targets = ['t0', 't1', 't2', 't3', 't4'];
          const services = lists.map((_, i) => `s${i}`);
          const distribution = Object.fromEntries(
            lists.map((l, i) => [services[i], l.map((t) => ({ target: targets[t], container: `c${t}` }))]),
          );
          const problem = placementProblem(services, targets, distribution);
          const assignment = problem.candidates.map((c, i) => c[(seed + i) % c.length]);
          const placed = toDistribution(problem, assignment);
          for (const [i, s] of services.entries()) {
            expect(placed[s]).toHaveLength(1);
            expect(distribution[s]).toContainEqual(placed[s][0]);
            expect(new Set(problem.candidates[i]).size).toBe(problem.candidates[i].length);
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('links follow dependsOn then connectsTo, one per entry, only inside the problem', () => {
    const service = (name: string, dependsOn: string[], connectsTo: string[] = []) => ({
      name,
      dependsOn,
      connectsTo,
      group: '',
      properties: { name },
    });
    const services: ServicesModel = {
      a: service('a', ['b', 'c'], ['b']),
      b: service('b', []),
      c: service('c', ['a']),
    };
    const problem = placementProblem(['a', 'b'], ['t'], undefined);
    expect(placementLinks(problem, services)).toEqual([
      [0, 1],
      [0, 1],
    ]);
  });
});

describe('bounds and numbers', () => {
  it('writes the gap relative to the bound, or optimal', () => {
    expect(gapText(1157, 1139)).toBe('gap 1.6 %');
    expect(gapText(5, 5)).toBe('optimal');
    expect(gapText(7, 5, true)).toBe('optimal');
    expect(gapText(3, 0)).toBe('gap unknown');
    expect([gapPercent(10, 8), gapPercent(8, 10), gapPercent(5, 5), gapPercent(3, 0)]).toEqual([25, 0, 0, Infinity]);
    expect(boundText(10, 8.5, false, 'LP relaxation')).toBe('lower bound 8.50 (LP relaxation; gap 17.6 %)');
  });

  it('reads numeric properties as dydisnix kept them, and names the field of anything else', () => {
    expect(numericProperty(5, 'f', ['x'])).toBe(5);
    expect(numericProperty('262144', 'f', ['x'])).toBe(262144);
    expect(numericProperty(undefined, 'f', ['x'])).toBeUndefined();
    expect(numericProperty([1], 'f', ['x'])).toBeUndefined();
    expect(() => numericProperty('lots', 'infra.nix', ['t1', 'properties', 'mem'])).toThrow(
      new ModelError('infra.nix', 't1.properties.mem', 'expected a number, got "lots"'),
    );
  });
});
