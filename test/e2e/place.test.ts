/**
 * `dyplan place` on Nix models with requireMem/mem (examples/placement and the reference's test
 * services): every plan checked by the independent checker, spread groups, a previous
 * distribution after a machine left, --report, and the one-line errors.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadModels } from '../../models/load.js';
import { emptyRecord, setEntry } from '../../models/records.js';
import type { DistributionModel } from '../../models/types.js';
import { checkPlacement } from '../../src/plans/place-check.js';
import { parseResourcePairs } from '../../src/plans/resources.js';
import { EXAMPLES, dyplan, itNix } from '../helpers/cli.js';

const P = `${EXAMPLES}/placement`;
const T = `${EXAMPLES}/testservices`;
const tmp = mkdtempSync(join(tmpdir(), 'dyplan-place-'));
const RESOURCES = ['--resource', 'requireMem:mem', '--resource', 'requireCpu:cpu'];
const WEB = ['--spread-property', 'spreadGroup', '--link-weight-property', 'linkWeights'];

function place(args: string[]) {
  const result = dyplan(['place', ...args, '--json']);
  expect(result.code, result.stderr).toBe(0);
  return { distribution: JSON.parse(result.stdout) as Record<string, string[]>, stderr: result.stderr };
}

/** Loads the models again and checks the plan independently of the planner. */
async function checked(
  files: { services: string; infrastructure: string; distribution?: string; previousDistribution?: string },
  plan: Record<string, string[]>,
  options: {
    resources: string[];
    spreadProperty?: string;
    linkWeightProperty?: string;
    migrationCost?: number;
  },
) {
  const models = await loadModels(files);
  const placed: DistributionModel = emptyRecord();
  for (const [service, targets] of Object.entries(plan))
    setEntry(placed, service, targets.map((target) => ({ target })));
  const check = checkPlacement(
    {
      services: models.services,
      infrastructure: models.infrastructure,
      distribution: models.distribution,
      previousDistribution: models.previousDistribution,
    },
    placed,
    { ...options, resources: parseResourcePairs(options.resources) },
  );
  expect(check.violations).toEqual([]);
  return check;
}

function oneLineFailure(args: string[], code: number, ...fragments: string[]) {
  const result = dyplan(['place', ...args]);
  expect(result.code, result.stderr).toBe(code);
  expect(result.stdout).toBe('');
  const lines = result.stderr.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  for (const f of fragments) expect(lines[0]).toContain(f);
}

describe('dyplan place on the web stack (examples/placement)', () => {
  const files = { services: `${P}/services.nix`, infrastructure: `${P}/infrastructure.nix` };
  const options = {
    resources: ['requireMem:mem', 'requireCpu:cpu'],
    spreadProperty: 'spreadGroup',
    linkWeightProperty: 'linkWeights',
  };

  itNix('memory, CPU and spread groups respected; the weighted cut is the optimum 18', async () => {
    const { distribution, stderr } = place([
      '-s',
      files.services,
      '-i',
      files.infrastructure,
      ...RESOURCES,
      ...WEB,
    ]);
    const check = await checked(files, distribution, options);
    expect(check.crossingWeight).toBe(18);
    expect(stderr).toMatch(/^place: 5 of 9 links cross targets \(weight 18\); objective 18; lower bound \d+/);
    expect(stderr.trimEnd().split('\n')).toHaveLength(1);
  });

  itNix(
    'with candidates: the databases on the data machines, queue and frontends on the web machines',
    async () => {
      const withCandidates = { ...files, distribution: `${P}/candidates.nix` };
      const { distribution } = place([
        '-s',
        files.services,
        '-i',
        files.infrastructure,
        '-d',
        withCandidates.distribution,
        ...RESOURCES,
        ...WEB,
      ]);
      await checked(withCandidates, distribution, options);
      expect(distribution['db-primary'][0]).toMatch(/^data/);
      expect(distribution.queue[0]).toMatch(/^web/);
    },
  );

  itNix('after web3 left, --migration-cost 1000 moves only the services of web3', async () => {
    const shrunk = {
      services: files.services,
      infrastructure: `${P}/infrastructure-shrunk.nix`,
      previousDistribution: `${P}/previous-distribution.nix`,
    };
    const args = [
      '-s',
      shrunk.services,
      '-i',
      shrunk.infrastructure,
      '--previous-distribution',
      shrunk.previousDistribution,
      ...RESOURCES,
      ...WEB,
    ];
    const high = place([...args, '--migration-cost', '1000']);
    const check = await checked(shrunk, high.distribution, { ...options, migrationCost: 1000 });
    expect(check.moved).toBe(2);
    const previous = (await loadModels(shrunk)).previousDistribution;
    const moved = Object.keys(high.distribution).filter(
      (s) => high.distribution[s][0] !== previous?.[s][0].target,
    );
    expect(moved.sort()).toEqual(['api-b', 'frontend-b']);
    expect(high.stderr).toContain('2 services moved (cost 2000)');

    // --exact proves the plan with migration cost 1 optimal.
    const exact = place([...args, '--migration-cost', '1', '--exact']);
    await checked(shrunk, exact.distribution, { ...options, migrationCost: 1 });
    expect(exact.stderr).toMatch(/objective 21; lower bound 21 \(optimal\)/);
  });

  itNix('--report: objective, bound, bound kind, gap, method and counts', () => {
    const file = join(tmp, 'report.json');
    const result = dyplan([
      'place',
      '-s',
      files.services,
      '-i',
      files.infrastructure,
      ...RESOURCES,
      ...WEB,
      '--report',
      file,
      '--output-file',
      join(tmp, 'plan.nix'),
    ]);
    expect(result.code, result.stderr).toBe(0);
    const report = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    expect(report).toMatchObject({
      schema: 'dyplan-report',
      command: 'place',
      objective: 18,
      method: 'multilevel search',
      counts: {
        services: 9,
        targets: 5,
        links: 9,
        crossingLinks: 5,
        crossingWeight: 18,
        resources: 2,
        spreadGroups: 3,
      },
    });
    expect(report.lowerBound as number).toBeLessThanOrEqual(18);
    expect(typeof report.boundKind).toBe('string');
    // The gap is relative to the bound, as for the other planners.
    expect(report.gap).toBeCloseTo((18 - (report.lowerBound as number)) / (report.lowerBound as number), 9);
    expect(readFileSync(join(tmp, 'plan.nix'), 'utf8')).toContain('"db-primary" = [');
  });
});

describe('dyplan place on the reference test services (requireMem/mem)', () => {
  const files = { services: `${T}/services.nix`, infrastructure: `${T}/infrastructure.nix` };

  itNix(
    'two of three links cross (all three cannot share a machine), with and without candidates',
    async () => {
      for (const extra of [[], ['-d', `${T}/candidates.nix`]]) {
        const { distribution, stderr } = place([
          '-s',
          files.services,
          '-i',
          files.infrastructure,
          '--resource',
          'requireMem:mem',
          ...extra,
        ]);
        const check = await checked({ ...files, distribution: extra[1] }, distribution, {
          resources: ['requireMem:mem'],
        });
        expect(check.crossingLinks).toBe(2);
        expect(stderr).toMatch(/^place: 2 of 3 links cross targets; objective 2; /);
      }
    },
  );

  itNix('too little memory: exit 1 with the totals', () => {
    oneLineFailure(
      ['-s', files.services, '-i', `${T}/infrastructure-undercapacity.nix`, '--resource', 'requireMem:mem'],
      1,
      'place: infeasible: the services need 786432 requireMem in total, the targets offer 2 mem',
    );
  });

  itNix('a missing property names the file, the service and the property', () => {
    oneLineFailure(
      ['-s', files.services, '-i', files.infrastructure, '--resource', 'requireCpu:cpu'],
      1,
      'services.nix: testService1.requireCpu: missing',
    );
    oneLineFailure(
      ['-s', files.services, '-i', files.infrastructure, '--resource', 'requireMem:cpu'],
      1,
      'infrastructure.nix: testtarget1.properties.cpu: missing',
    );
  });

  itNix('bad usage exits 2', () => {
    oneLineFailure(
      ['-s', files.services, '-i', files.infrastructure, '--resource', 'requireMem'],
      2,
      'SERVICEPROP:TARGETPROP',
    );
    const missing = dyplan(['place', '-s', files.services, '-i', files.infrastructure]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("required option '--resource <SERVICEPROP:TARGETPROP>' not specified");
    oneLineFailure(
      [
        '-s',
        files.services,
        '-i',
        files.infrastructure,
        '--resource',
        'requireMem:mem',
        '--time-limit',
        'soon',
      ],
      2,
      '--time-limit',
    );
  });
});

describe('dyplan place: any string is a name', () => {
  // `__proto__` would be lost (or set a prototype) in a plain object; 300 characters and an
  // Object.prototype member must come out as they went in, as services, targets and groups.
  const LONG = 'x'.repeat(300);
  const NAMES = ['__proto__', 'toString', LONG];
  const dir = mkdtempSync(join(tmpdir(), 'dyplan-place-names-'));
  const record = (entries: [string, unknown][]) => {
    const r = emptyRecord<unknown>();
    for (const [k, v] of entries) setEntry(r, k, v);
    return r;
  };
  const write = (name: string, value: unknown) => {
    const file = join(dir, name);
    writeFileSync(file, JSON.stringify(value));
    return file;
  };
  // A chain __proto__ -> toString -> LONG, one unit of mem each, two per target; __proto__ and
  // toString in the spread group "__proto__"; LONG ran on LONG before, __proto__ may not go there.
  const files = {
    services: write(
      'services.json',
      record(
        NAMES.map((name, i) => [
          name,
          record([
            ['name', name],
            ['type', 'process'],
            ['dependsOn', i > 0 ? [NAMES[i - 1]] : []],
            ['mem', 1],
            ['spreadGroup', i < 2 ? '__proto__' : 'toString'],
          ]),
        ]),
      ),
    ),
    infrastructure: write(
      'infrastructure.json',
      record(NAMES.map((name) => [name, record([['properties', record([['mem', 2]])]])])),
    ),
    distribution: write(
      'distribution.json',
      record(NAMES.map((name) => [name, name === '__proto__' ? ['__proto__', 'toString'] : [...NAMES]])),
    ),
    previousDistribution: write('previous.json', record([[LONG, [LONG]]])),
  };
  const args = [
    '-s',
    files.services,
    '-i',
    files.infrastructure,
    '-d',
    files.distribution,
    '--previous-distribution',
    files.previousDistribution,
    '--resource',
    'mem:mem',
    '--spread-property',
    'spreadGroup',
    '--migration-cost',
    '1000',
  ];

  it('__proto__, toString and a 300-character name as services, targets and spread group', async () => {
    const { distribution, stderr } = place(args);
    expect(Object.keys(distribution).sort()).toEqual([...NAMES].sort());
    const check = await checked(files, distribution, {
      resources: ['mem:mem'],
      spreadProperty: 'spreadGroup',
      migrationCost: 1000,
    });
    // The only plan with one crossing link that keeps LONG where it was.
    expect(check).toMatchObject({ crossingLinks: 1, moved: 0, objective: 1 });
    expect(distribution[LONG]).toEqual([LONG]);
    expect(distribution.toString).toEqual([LONG]);
    expect(Object.getOwnPropertyDescriptor(distribution, '__proto__')?.value).toEqual(['__proto__']);
    expect(stderr).toMatch(/^place: 1 of 2 links cross targets, 0 services moved \(cost 0\); objective 1; /);

    // The Nix and XML writers name every service and target too.
    const nix = dyplan(['place', ...args]);
    expect(nix.code, nix.stderr).toBe(0);
    expect(nix.stdout).toContain('"__proto__" = [\n    "__proto__"\n  ];');
    expect(nix.stdout).toContain(`"toString" = [\n    "${LONG}"\n  ];`);
    const xml = dyplan(['place', ...args, '--output-xml']);
    expect(xml.code, xml.stderr).toBe(0);
    expect(xml.stdout).toContain('<service name="__proto__">\n    <mapping>\n      <target>__proto__</target>');
    expect(xml.stdout).toContain(`<service name="${LONG}">\n    <mapping>\n      <target>${LONG}</target>`);
  });
});
