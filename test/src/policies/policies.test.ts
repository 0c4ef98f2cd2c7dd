/**
 * The QoS policies of the reference (docs/compatibility.md §1.4, §6, and the policies of
 * dydisnix's own test suite, re-written in examples/testservices/qos/) give the distributions the
 * reference documents: as Nix policies evaluated by nix-instantiate without nixpkgs, as YAML/JSON
 * steps, and (some) as JavaScript and TypeScript modules. In-process, through the pipeline gendist
 * runs (src/policies/).
 */
import { describe, expect, it } from 'vitest';
import { loadModels } from '../../../models/load.js';
import { toCandidates } from '../../../src/policies/values.js';
import { runPolicy, type PolicyOutput } from '../../../src/policies/index.js';
import { EXAMPLES, itNix } from '../../helpers/cli.js';

const T = `${EXAMPLES}/testservices`;
const Q = `${T}/qos`;

type Expected = Record<string, string[]>;
const S = (s1: string[], s2: string[], s3: string[]): Expected => ({
  testService1: s1,
  testService2: s2,
  testService3: s3,
});
const t1 = 'testtarget1';
const t2 = 'testtarget2';
const t3 = 'testtarget3';

/** Policy, infrastructure, previous distribution, expected result (the reference's). */
const CASES: { policy: string; infrastructure?: string; previous?: string; expected: Expected }[] = [
  { policy: 'mapattronattr', expected: S([t1], [t1], [t2]) },
  { policy: 'mapattronlist', expected: S([t1, t2], [t1, t2], [t1, t2]) },
  { policy: 'maplistonattr', expected: S([t1], [t2], [t1, t2]) },
  { policy: 'order', expected: S([t2, t1], [t2, t1], [t2, t1]) },
  { policy: 'greedy', expected: S([t1], [t1], [t2]) },
  { policy: 'highest-bidder', expected: S([t2], [t1], [t2]) },
  { policy: 'lowest-bidder', expected: S([t1], [t1], [t2]) },
  { policy: 'roundrobin', expected: S([t1], [t2], [t1]) },
  { policy: 'minsetcover', expected: S([t1], [t1], [t1]) },
  { policy: 'minsetcover-access', expected: S([t1], [t1], [t2]) },
  { policy: 'multiwaycut', expected: S([t1], [t1], [t1]) },
  { policy: 'multiwaycut', infrastructure: 'infrastructure-3', expected: S([t1], [t1], [t1]) },
  { policy: 'graphcol', infrastructure: 'infrastructure-3', expected: S([t1], [t2], [t3]) },
  { policy: 'mapstatefultoprevious', previous: 'manifest.xml', expected: S([t1], [t1, t2], [t1, t2]) },
  { policy: 'mapstatefultoprevious', expected: S([t1, t2], [t1, t2], [t1, t2]) },
  { policy: 'mapboundservicestoprevious', previous: 'manifest.xml', expected: S([t1], [t1], [t1]) },
  { policy: 'types-roundrobin', expected: S([t1], [t2], [t1]) },
];

async function gendist(
  policy: string,
  options: { json?: boolean; infrastructure?: string; previous?: string; filters?: string } = {},
): Promise<PolicyOutput> {
  const dir = options.json ? `${T}/json` : T;
  const ext = options.json ? 'json' : 'nix';
  const models = await loadModels({
    services: `${dir}/services.${ext}`,
    infrastructure: `${dir}/${options.infrastructure ?? 'infrastructure'}.${ext}`,
    previousDistribution: options.previous && `${T}/${options.previous}`,
  });
  return runPolicy({
    ...models,
    sources: { services: 'services', infrastructure: 'infrastructure' },
    policyFile: policy,
    filtersFile: options.filters,
  });
}

const plain = (output: PolicyOutput) => toCandidates(output.distribution);

describe('the reference QoS policies as Nix (docs/compatibility.md §6)', () => {
  for (const c of CASES) {
    itNix(
      `${c.policy}${c.infrastructure ? ` on ${c.infrastructure}` : ''}${c.previous ? ' after a deployment' : ''}`,
      async () => {
        const output = await gendist(`${Q}/${c.policy}.nix`, c);
        expect(plain(output)).toEqual(c.expected);
        // One evaluation, whatever the number of algorithm steps.
        expect(output.evaluations).toBe(1);
      },
    );
  }

  itNix('a policy of plain Nix and lib (no filter)', async () => {
    expect(plain(await gendist(`${Q}/firsttargets.nix`))).toEqual(S([t1], [t1], [t1]));
  });

  itNix('a filter, an algorithm step, then lib functions and // over its result', async () => {
    const output = await gendist(`${Q}/chain-lib.nix`);
    expect(plain(output)).toEqual(S([t1], [t2], [t2, t1]));
    expect(output.steps.map((s) => s.filter)).toEqual(['divide']);
    expect(output.evaluations).toBe(1);
  });

  itNix(
    'a policy that branches on a step before the next: each step planned once, with the real result',
    async () => {
      const output = await gendist(`${Q}/branch.nix`);
      expect(plain(output)).toEqual(S([t1], [t1], [t2]));
      // Without the real division the policy would take its other branch (isolating cuts).
      expect(output.steps.map((s) => [s.filter, s.result.method])).toEqual([
        ['divide', 'greedy'],
        ['multiwaycut', 'alpha-expansion'],
      ]);
      expect(output.evaluations).toBe(1);
    },
  );

  itNix('a custom catalogue (-F) with the reference filters and its own', async () => {
    const output = await gendist(`${Q}/clear.nix`, { filters: `${Q}/customfilters.nix` });
    expect(plain(output)).toEqual(S([], [], []));
  });
});

describe('the same policies as YAML/JSON steps', () => {
  for (const c of CASES) {
    const file = c.policy === 'types-roundrobin' ? `${Q}/${c.policy}.json` : `${Q}/${c.policy}.yaml`;
    it(`${c.policy}${c.infrastructure ? ` on ${c.infrastructure}` : ''}${c.previous ? ' after a deployment' : ''}`, async () => {
      const output = await gendist(file, { ...c, json: true });
      expect(plain(output)).toEqual(c.expected);
      expect(output.evaluations).toBe(1);
    });
  }

  it('a JavaScript catalogue (-F) for a YAML policy', async () => {
    const output = await gendist(`${Q}/clear.yaml`, { json: true, filters: `${Q}/customfilters.mjs` });
    expect(plain(output)).toEqual(S([], [], []));
  });
});

describe('JavaScript and TypeScript policies', () => {
  for (const ext of ['mjs', 'ts']) {
    it(`chain-lib.${ext}: a filter, an awaited algorithm step, plain code over its result`, async () => {
      const output = await gendist(`${Q}/chain-lib.${ext}`, { json: true });
      expect(plain(output)).toEqual(S([t1], [t2], [t2, t1]));
      // The step is named by its line in the policy (the TypeScript file's own, via source maps).
      expect(output.steps[0].where).toMatch(new RegExp(`chain-lib\\.${ext}:\\d+:\\d+$`));
    });
  }
});
