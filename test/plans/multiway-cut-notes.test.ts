/**
 * Honest summaries: when the preferred (LP) bound is skipped or runs out of time, the summary and
 * the notes say which bound was used and why, so a large gap is not mistaken for a poor plan.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { deployModels, type DeployInstance } from '../../bench/deploy-models.js';
import { normalizeDistribution, normalizeServices } from '../../models/normalize.js';
import { LP_BOUND_MAX_LINKS, planMultiwayCut } from '../../src/plans/multiway-cut.js';
import { ROOT } from '../helpers/cli.js';
import { testModels } from './helpers.js';

function models(name: string) {
  const instance = JSON.parse(
    readFileSync(`${ROOT}bench/data/deploy/${name}.json`, 'utf8'),
  ) as DeployInstance;
  const m = deployModels(instance);
  return {
    services: normalizeServices(m.services, 's'),
    distribution: normalizeDistribution(m.distribution, 'd'),
  };
}

describe('multiway cut: which bound and why', () => {
  // 94 crossing links, optimum 94, LP bound 92.5, links between services with no common candidate 25.
  const scalefree = models('scalefree-n100-k5-s1');

  it('the LP bound is used where the instance is small enough', async () => {
    const result = await planMultiwayCut(scalefree);
    expect(result.boundKind).toBe('LP relaxation');
    expect(result.lowerBound).toBe(93);
    expect(result.notes).toEqual([]);
  });

  it('above the size limit, the note says the LP bound was skipped and how to get it', async () => {
    const result = await planMultiwayCut(scalefree, { lpBoundMaxLinks: 100 });
    expect(result.objective).toBe(94);
    // Without the LP, the dual ascent's bound (issue 13) is what the gap is measured against.
    expect(result.lowerBound).toBe(92);
    expect(result.boundKind).toBe('LP dual ascent');
    expect(result.notes).toEqual(['LP bound skipped above 100 links (--bound lp to compute it)']);
    expect(result.summary).toBe(
      'multiwaycut: 94 of 197 links cross targets; lower bound 92 (LP dual ascent; gap 2.2 %); ' +
        'LP bound skipped above 100 links (--bound lp to compute it)',
    );
    expect(LP_BOUND_MAX_LINKS).toBe(5_000);
  });

  it('--bound free asked for the weak bound: no note', async () => {
    expect((await planMultiwayCut(scalefree, { bound: 'free' })).notes).toEqual([]);
  });

  it('a plan proven optimal needs no note, whatever the size', async () => {
    const result = await planMultiwayCut(await testModels('infrastructure', 'candidates'), {
      lpBoundMaxLinks: 0,
    });
    expect(result.optimal).toBe(true);
    expect(result.notes).toEqual([]);
  });
});
