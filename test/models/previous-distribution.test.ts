/**
 * The previous distribution is a model kind of its own: loaded beside the current distribution,
 * resolved through the same infrastructure, and not checked against today's services and targets
 * (a service or machine may have gone since).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadModels } from '../../models/load.js';
import { EXAMPLES, itNix } from '../helpers/cli.js';

const T = `${EXAMPLES}/testservices`;
const tmp = mkdtempSync(join(tmpdir(), 'dyplan-previous-'));

describe('previousDistribution', () => {
  itNix('loads with the current distribution in one evaluation, targets resolved by hostname', async () => {
    const models = await loadModels({
      services: `${T}/services.nix`,
      infrastructure: `${T}/infrastructure.nix`,
      distribution: `${T}/distribution3.nix`,
      previousDistribution: `${T}/distribution.nix`,
    });
    expect(models.previousDistribution).toEqual({
      testService1: [{ target: 'testtarget1' }],
      testService2: [{ target: 'testtarget2' }],
      testService3: [{ target: 'testtarget2' }],
    });
    expect(models.distribution.testService2).toEqual([{ target: 'testtarget1' }]);
  });

  it('keeps services and targets that are gone', async () => {
    const file = join(tmp, 'previous.json');
    writeFileSync(
      file,
      JSON.stringify({ retired: ['oldbox'], testService1: [{ target: 'testtarget1', container: 'c' }] }),
    );
    const models = await loadModels({
      services: `${T}/json/services.json`,
      infrastructure: `${T}/json/infrastructure.json`,
      previousDistribution: file,
    });
    expect(models.previousDistribution).toEqual({
      retired: [{ target: 'oldbox' }],
      testService1: [{ target: 'testtarget1', container: 'c' }],
    });
  });
});
