/**
 * The CLI's outputs on the example models and the benchmark inputs stay byte-identical unless a
 * change means them to differ (test/golden/cases.ts). After an intended change:
 *   npm run golden:update
 * rewrites test/golden/outputs.json; the diff of that file is part of the change.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { goldenCases, type GoldenCase } from '../golden/cases.js';
import { CLI, EXAMPLES, HAS_NIX, ROOT } from '../helpers/cli.js';

const GOLDEN = join(ROOT, 'test/golden/outputs.json');
const update = process.env.DYPLAN_GOLDEN_UPDATE === '1';
const runIt = HAS_NIX || process.env.CI === 'true' ? it : it.skip;

const sha = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');

/** Every file under `path` (or the file itself), with its contents' hash, in sorted order. */
function hashTree(path: string, prefix: string, into: Record<string, string>): void {
  if (!existsSync(path)) {
    into[prefix] = 'missing';
    return;
  }
  if (statSync(path).isDirectory()) {
    for (const entry of readdirSync(path).sort()) hashTree(join(path, entry), `${prefix}/${entry}`, into);
  } else into[prefix] = sha(readFileSync(path));
}

function run(dir: string, c: GoldenCase): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...c.args], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', reject);
    child.on('close', (code) => {
      const files: Record<string, string> = {};
      for (const output of c.outputs ?? []) hashTree(join(dir, output), output, files);
      const digest = sha(
        JSON.stringify({ code, stdout: sha(Buffer.concat(out)), stderr: sha(Buffer.concat(err)), files }),
      );
      // The exit code stays readable, so a review of outputs.json sees a success turn into a failure.
      resolve(`exit ${code} ${digest.slice(0, 32)}`);
    });
  });
}

describe('CLI outputs stay byte-identical (test/golden/outputs.json)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dyplan-golden-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  runIt('on the example models and bench/data', { timeout: 1_800_000 }, async () => {
    symlinkSync(EXAMPLES, join(dir, 'examples'));
    const cases = goldenCases(dir);
    const names = cases.map((c) => c.name);
    expect(new Set(names).size).toBe(names.length);
    const actual: Record<string, string> = {};
    for (const c of cases.filter((c) => c.setup)) actual[c.name] = await run(dir, c);
    const rest = cases.filter((c) => !c.setup);
    let next = 0;
    const worker = async () => {
      while (next < rest.length) {
        const c = rest[next++];
        actual[c.name] = await run(dir, c);
      }
    };
    await Promise.all([worker(), worker()]);
    const ordered = Object.fromEntries(names.map((n) => [n, actual[n]]));
    if (update) writeFileSync(GOLDEN, JSON.stringify(ordered, null, 2) + '\n');
    const expected = JSON.parse(readFileSync(GOLDEN, 'utf8')) as Record<string, string>;
    const changed = names.filter((n) => expected[n] !== ordered[n]);
    expect(changed, 'cases whose output changed (npm run golden:update after an intended change)').toEqual(
      [],
    );
    expect(Object.keys(expected).sort()).toEqual([...names].sort());
  });
});
