/**
 * The id-assign command in-process (runCli), on random JSON models: reruns are byte-identical and
 * an exhausted pool exits 1 without touching the output file.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runCli } from '../../src/program.js';

const tmp = mkdtempSync(join(tmpdir(), 'dyplan-idcmd-'));
const file = (name: string, value: unknown) => {
  const path = join(tmp, name);
  writeFileSync(path, JSON.stringify(value));
  return path;
};

const TARGETS = ['t1', 't2', 't3'];
const modelArb = fc
  .record({
    names: fc.uniqueArray(
      fc.string({ minLength: 1, maxLength: 4, unit: fc.constantFrom('a', 'b', 'c', 'x', '-', '.') }),
      { maxLength: 12 },
    ),
    needs: fc.array(fc.subarray(['ports', 'uids']), { minLength: 12, maxLength: 12 }),
    placements: fc.array(fc.subarray(TARGETS), { minLength: 12, maxLength: 12 }),
    portsSpan: fc.integer({ min: 0, max: 12 }),
    step: fc.integer({ min: 1, max: 3 }),
    machine: fc.boolean(),
    withDistribution: fc.boolean(),
  })
  .map(({ names, needs, placements, portsSpan, step, machine, withDistribution }) => {
    const services = Object.fromEntries(
      names.map((n, i) => [n, { name: n, requiresUniqueIdsFor: needs[i] }]),
    );
    const distribution = Object.fromEntries(names.map((n, i) => [n, placements[i]]));
    const resources = {
      ports: {
        min: 3000,
        max: 3000 + portsSpan,
        step,
        scope: machine && withDistribution ? 'machine' : 'global',
      },
      uids: { min: 2000, max: 2100 },
    };
    return { services, distribution: withDistribution ? distribution : undefined, resources };
  });

let quiet: ReturnType<typeof vi.spyOn> | undefined;
beforeAll(() => {
  quiet = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
});
afterAll(() => quiet?.mockRestore());

describe('id-assign command properties', () => {
  it('a rerun with --ids gives a byte-identical file; failures leave the output file as it was', async () => {
    const infrastructure = file(
      'infra.json',
      Object.fromEntries(TARGETS.map((t) => [t, { properties: { hostname: t } }])),
    );
    let run = 0;
    await fc.assert(
      fc.asyncProperty(modelArb, async ({ services, distribution, resources }) => {
        run++;
        const args = [
          'id-assign',
          '-s',
          file(`s${run}.json`, services),
          '--id-resources',
          file(`r${run}.json`, resources),
        ];
        if (distribution) args.push('-i', infrastructure, '-d', file(`d${run}.json`, distribution));
        const out = join(tmp, `ids${run}.nix`);
        writeFileSync(out, 'sentinel');
        const code = await runCli([...args, '--output-file', out]);
        if (code !== 0) {
          expect(code).toBe(1);
          expect(readFileSync(out, 'utf8')).toBe('sentinel');
          return;
        }
        const first = readFileSync(out, 'utf8');
        expect(await runCli([...args, '--ids', out, '--output-file', out])).toBe(0);
        expect(readFileSync(out, 'utf8')).toBe(first);
      }),
      { numRuns: 1000 },
    );
  });
});
