/**
 * Benchmark of id-assign: the assignment itself on 100,000 services x 3 resources in distribution
 * mode, and the whole command on a 5,000-service Nix model. Figures are also given as ratios to
 * references measured in the same run (parsing the input JSON; node and nix-instantiate start-up).
 *
 *   npm run build && node dist/bench/id-assign.js
 *
 * `--against DIR` also runs the assignment cases on another build of dyplan (DIR is its `dist`
 * folder, e.g. a worktree of main built to a temporary folder), alternating the two builds round by
 * round in this one process, and reports medians and the ratio of this build to that one.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mulberry32 } from '../algorithms/support/index.js';
import { planIds } from '../src/plans/ids.js';
import { normalizeDistribution, normalizeIdResources, normalizeServices } from '../models/normalize.js';
import type { IdsModel } from '../models/types.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function time(fn: () => void, repeat = 5): number {
  const times: number[] = [];
  for (let i = 0; i < repeat; i++) {
    const start = process.hrtime.bigint();
    fn();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return median(times);
}

function generate(n: number, targets: number) {
  const random = mulberry32(42);
  const services: Record<string, unknown> = {};
  const distribution: Record<string, string[]> = {};
  for (let i = 0; i < n; i++) {
    const name = `service${i}`;
    services[name] = { name, type: 'process', requiresUniqueIdsFor: ['ports', 'uids', 'httpPorts'] };
    distribution[name] = [`target${Math.floor(random() * targets)}`];
  }
  const resources = {
    ports: { min: 10000, max: 200000, scope: 'global' },
    uids: { min: 100000, max: 300000, scope: 'global' },
    httpPorts: { min: 8000, max: 9999, scope: 'machine' },
  };
  return { services, distribution, resources };
}

const lines: string[] = [];
const report = (line = '') => {
  lines.push(line);
  console.log(line);
};

// 1. The assignment itself: 100,000 services, 3 resources, distribution mode.
{
  const n = 100_000;
  const { services, distribution, resources } = generate(n, 1000);
  const servicesText = JSON.stringify(services);
  const parseMs = time(() => JSON.parse(servicesText));
  const models = {
    services: normalizeServices(services, 'services.json'),
    distribution: normalizeDistribution(distribution, 'distribution.json'),
    idResources: normalizeIdResources(resources, 'idresources.json'),
  };
  const files = { services: 'services.json', idResources: 'idresources.json' };
  let ids: IdsModel | undefined;
  const firstMs = time(() => (ids = planIds(models, { sources: files }).ids));
  const rerunMs = time(() => planIds({ ...models, ids }, { sources: files }));
  // A redeploy where 10 % of the services are new: the rest keep their IDs.
  const grown = generate(Math.round(n * 1.1), 1000);
  const grownModels = {
    services: normalizeServices(grown.services, 'services.json'),
    distribution: normalizeDistribution(grown.distribution, 'distribution.json'),
    idResources: models.idResources,
  };
  const growMs = time(() => planIds({ ...grownModels, ids }, { sources: files }));
  report(
    '## id-assign: the assignment itself (100,000 services, 3 resources, 1,000 targets, distribution mode)',
  );
  report();
  report('| case | time (ms) | ratio to JSON.parse of the services model |');
  report('|---|---|---|');
  report(
    `| reference: JSON.parse of the services model (${(servicesText.length / 1e6).toFixed(1)} MB) | ${parseMs.toFixed(1)} | 1.00 |`,
  );
  report(`| first run (no previous ids) | ${firstMs.toFixed(1)} | ${(firstMs / parseMs).toFixed(2)} |`);
  report(
    `| rerun with --ids (everything kept) | ${rerunMs.toFixed(1)} | ${(rerunMs / parseMs).toFixed(2)} |`,
  );
  report(`| 10 % new services, rest kept | ${growMs.toFixed(1)} | ${(growMs / parseMs).toFixed(2)} |`);
  report();
}

// 1b. The same cases against another build, alternating, in this process.
const againstIndex = process.argv.indexOf('--against');
if (againstIndex > 0) {
  const dir = process.argv[againstIndex + 1];
  type Build = {
    name: string;
    planIds: typeof planIds;
    normalizeServices: typeof normalizeServices;
    normalizeDistribution: typeof normalizeDistribution;
    normalizeIdResources: typeof normalizeIdResources;
  };
  const reference = {
    name: 'reference',
    ...((await import(join(dir, 'src/plans/ids.js'))) as { planIds: typeof planIds }),
    ...((await import(join(dir, 'models/normalize.js'))) as {
      normalizeServices: typeof normalizeServices;
      normalizeDistribution: typeof normalizeDistribution;
      normalizeIdResources: typeof normalizeIdResources;
    }),
  } as Build;
  const current: Build = {
    name: 'this build',
    planIds,
    normalizeServices,
    normalizeDistribution,
    normalizeIdResources,
  };
  const n = 100_000;
  const raw = generate(n, 1000);
  const grownRaw = generate(Math.round(n * 1.1), 1000);
  const files = { services: 'services.json', idResources: 'idresources.json' };
  const prepare = (b: Build) => {
    const models = {
      services: b.normalizeServices(raw.services, 'services.json'),
      distribution: b.normalizeDistribution(raw.distribution, 'distribution.json'),
      idResources: b.normalizeIdResources(raw.resources, 'idresources.json'),
    };
    const grown = {
      services: b.normalizeServices(grownRaw.services, 'services.json'),
      distribution: b.normalizeDistribution(grownRaw.distribution, 'distribution.json'),
      idResources: models.idResources,
    };
    const ids = b.planIds(models, { sources: files }).ids;
    return { models, grown, ids };
  };
  const builds = [reference, current].map((b) => ({ b, ...prepare(b) }));
  const cases = ['first run', 'rerun with --ids', '10 % new services'] as const;
  const samples = new Map<string, number[]>();
  const rounds = 9;
  for (let round = 0; round < rounds; round++) {
    const order = round % 2 === 0 ? builds : [...builds].reverse();
    for (const { b, models, grown, ids } of order) {
      const work = [
        () => b.planIds(models, { sources: files }),
        () => b.planIds({ ...models, ids }, { sources: files }),
        () => b.planIds({ ...grown, ids }, { sources: files }),
      ];
      work.forEach((fn, i) => {
        const key = `${b.name}/${cases[i]}`;
        const start = process.hrtime.bigint();
        fn();
        (samples.get(key) ?? samples.set(key, []).get(key)!).push(
          Number(process.hrtime.bigint() - start) / 1e6,
        );
      });
    }
  }
  report(
    `## id-assign: this build against ${dir} (100,000 services, medians of ${rounds} alternating rounds)`,
  );
  report();
  report('| case | reference (ms) | this build (ms) | ratio |');
  report('|---|---|---|---|');
  for (const c of cases) {
    const ref = median(samples.get(`reference/${c}`)!);
    const cur = median(samples.get(`this build/${c}`)!);
    report(`| ${c} | ${ref.toFixed(1)} | ${cur.toFixed(1)} | ${(cur / ref).toFixed(3)} |`);
  }
  report();
}

// 2. The whole command on a 5,000-service Nix model.
if (!process.argv.includes('--assignment-only')) {
  const n = 5000;
  const dir = mkdtempSync(join(tmpdir(), 'dyplan-bench-'));
  mkdirSync(dir, { recursive: true });
  const services = ['{ system, pkgs, distribution, invDistribution }:', 'rec {'];
  for (let i = 0; i < n; i++) {
    const dep = i > 0 ? ` dependsOn = { inherit service${i - 1}; };` : '';
    services.push(
      `  service${i} = { name = "service${i}"; pkg = pkgs.stdenv.mkDerivation { name = "s${i}"; }; type = "process";${dep} requiresUniqueIdsFor = [ "ports" "uids" "gids" ]; };`,
    );
  }
  services.push('}');
  writeFileSync(join(dir, 'services.nix'), services.join('\n'));
  const targets = Array.from(
    { length: 50 },
    (_, i) => `  target${i} = { properties = { hostname = "target${i}.example.org"; }; };`,
  );
  writeFileSync(join(dir, 'infrastructure.nix'), ['{', ...targets, '}'].join('\n'));
  const dist = ['{ infrastructure }:', '{'];
  for (let i = 0; i < n; i++) dist.push(`  service${i} = [ infrastructure.target${i % 50} ];`);
  dist.push('}');
  writeFileSync(join(dir, 'distribution.nix'), dist.join('\n'));
  writeFileSync(
    join(dir, 'idresources.nix'),
    'rec { ports = { min = 10000; max = 60000; }; uids = { min = 2000; max = 30000; }; gids = uids; }',
  );
  const cli = join(ROOT, 'dist/src/cli.js');
  const args = [
    'id-assign',
    '-s',
    'services.nix',
    '-i',
    'infrastructure.nix',
    '-d',
    'distribution.nix',
    '--id-resources',
    'idresources.nix',
    '--output-file',
    'ids.nix',
  ];
  const run = (command: string, argv: string[]) => () => {
    const result = spawnSync(command, argv, { cwd: dir, encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`${command} failed: ${result.stderr}`);
  };
  const nodeMs = time(run(process.execPath, ['-e', '']));
  const nixMs = time(run('nix-instantiate', ['--eval', '-E', '1']));
  const commandMs = time(run(process.execPath, [cli, ...args]));
  const rerunMs = time(run(process.execPath, [cli, ...args, '--ids', 'ids.nix']));
  report('## id-assign: the whole command on a 5,000-service Nix model (50 targets, 3 resources)');
  report();
  report('| case | time (ms) | ratio to node + nix-instantiate start-up |');
  report('|---|---|---|');
  report(
    `| reference: \`node -e ''\` + \`nix-instantiate --eval -E 1\` | ${(nodeMs + nixMs).toFixed(0)} | 1.00 |`,
  );
  report(
    `| dyplan id-assign (first run) | ${commandMs.toFixed(0)} | ${(commandMs / (nodeMs + nixMs)).toFixed(2)} |`,
  );
  report(
    `| dyplan id-assign --ids (rerun) | ${rerunMs.toFixed(0)} | ${(rerunMs / (nodeMs + nixMs)).toFixed(2)} |`,
  );
}

mkdirSync(join(ROOT, 'bench/out'), { recursive: true });
writeFileSync(join(ROOT, 'bench/out/id-assign.md'), lines.join('\n') + '\n');
