/**
 * The command lines whose outputs must not change by accident: every command on the example
 * models and the planners on the benchmark inputs of bench/data. `test/e2e/golden.test.ts` runs
 * them and compares a hash of each run (exit code, stdout, stderr, files written) with
 * `outputs.json`; `npm run golden:update` rewrites that file after an intended change.
 *
 * Each case runs in a scratch folder that holds a link `examples` to the example models and the
 * generated models of the benchmark inputs, so the paths in messages are the same everywhere.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { benchData } from '../../bench/data-dir.js';
import { deployModels, type DeployInstance } from '../../bench/deploy-models.js';
import { readDimacsCol } from '../../bench/dimacs.js';
import { readOrLibrary } from '../../bench/orlib.js';
import { readFileSync } from 'node:fs';

export interface GoldenCase {
  name: string;
  args: string[];
  /** Files or folders (relative to the scratch folder) whose contents are part of the result. */
  outputs?: string[];
  /** Later cases read what this one writes: it runs first, on its own. */
  setup?: boolean;
}

const E = 'examples/testservices';
const J = `${E}/json`;
const Y = `${E}/yaml`;
const W = 'examples/webapps';
const V = 'examples/visualize';
const SS = 'examples/system-services';

function exampleCases(): GoldenCase[] {
  const cases: GoldenCase[] = [];
  const add = (name: string, args: string[], outputs?: string[]) => cases.push({ name, args, outputs });
  const setup = (name: string, args: string[], outputs: string[]) =>
    cases.push({ name, args, outputs, setup: true });

  // id-assign
  const sIds = `${E}/services-with-ids.nix`;
  add('id-assign services mode', ['id-assign', '-s', sIds, '--id-resources', `${E}/idresources-global.nix`]);
  for (const fmt of [[], ['--json'], ['--output-xml']])
    add(`id-assign distribution global ${fmt.join(' ')}`, [
      'id-assign',
      '-s',
      sIds,
      '-i',
      `${E}/infrastructure.nix`,
      '-d',
      `${E}/distribution.nix`,
      '--id-resources',
      `${E}/idresources-global.nix`,
      ...fmt,
    ]);
  setup(
    'id-assign first run to file',
    [
      'id-assign',
      '-s',
      sIds,
      '-i',
      `${E}/infrastructure.nix`,
      '-d',
      `${E}/distribution.nix`,
      '--id-resources',
      `${E}/idresources-global.nix`,
      '--output-file',
      'ids-global.nix',
    ],
    ['ids-global.nix'],
  );
  add('id-assign rerun with ids', [
    'id-assign',
    '-s',
    sIds,
    '-i',
    `${E}/infrastructure.nix`,
    '-d',
    `${E}/distribution.nix`,
    '--id-resources',
    `${E}/idresources-global.nix`,
    '--ids',
    'ids-global.nix',
  ]);
  add('id-assign drop S1', [
    'id-assign',
    '-s',
    `${E}/services-with-ids2.nix`,
    '-i',
    `${E}/infrastructure.nix`,
    '-d',
    `${E}/distribution2.nix`,
    '--id-resources',
    `${E}/idresources-global.nix`,
    '--ids',
    'ids-global.nix',
  ]);
  add('id-assign different boundaries', [
    'id-assign',
    '-s',
    sIds,
    '-i',
    `${E}/infrastructure.nix`,
    '-d',
    `${E}/distribution.nix`,
    '--id-resources',
    `${E}/idresources-global-different-boundaries.nix`,
    '--ids',
    'ids-global.nix',
  ]);
  add('id-assign different resource', [
    'id-assign',
    '-s',
    sIds,
    '-i',
    `${E}/infrastructure.nix`,
    '-d',
    `${E}/distribution.nix`,
    '--id-resources',
    `${E}/idresources-differentresource.nix`,
    '--ids',
    'ids-global.nix',
  ]);
  add('id-assign small pool exhausted', [
    'id-assign',
    '-s',
    sIds,
    '-i',
    `${E}/infrastructure.nix`,
    '-d',
    `${E}/distribution.nix`,
    '--id-resources',
    `${E}/idresources-global-small.nix`,
  ]);
  for (const d of ['distribution2', 'distribution3'])
    add(`id-assign machine ${d}`, [
      'id-assign',
      '-s',
      sIds,
      '-i',
      `${E}/infrastructure.nix`,
      '-d',
      `${E}/${d}.nix`,
      '--id-resources',
      `${E}/idresources-machine.nix`,
    ]);
  add('id-assign machine json', [
    'id-assign',
    '-s',
    `${J}/services-with-ids.json`,
    '-i',
    `${J}/infrastructure.json`,
    '-d',
    `${J}/distribution3.json`,
    '--id-resources',
    `${J}/idresources-machine.json`,
    '--json',
  ]);
  // id-assign beyond dydisnix (issue 11): placement memory, the migration case, pins, reserved IDs,
  // --check and --diff.
  const machineArgs = (d: string) => [
    'id-assign',
    '-s',
    sIds,
    '-i',
    `${E}/infrastructure.nix`,
    '-d',
    `${E}/${d}.nix`,
    '--id-resources',
    `${E}/idresources-machine.nix`,
  ];
  setup(
    'id-assign remember targets',
    [...machineArgs('distribution3'), '--output-file', 'ids-remembered.nix'],
    ['ids-remembered.nix'],
  );
  setup(
    'id-assign machine without memory',
    [...machineArgs('distribution3'), '--no-remember-targets', '--output-file', 'ids-machine.nix'],
    ['ids-machine.nix'],
  );
  add('id-assign migration with memory', [
    ...machineArgs('distribution3-moved'),
    '--ids',
    'ids-remembered.nix',
  ]);
  add('id-assign migration with previous distribution', [
    ...machineArgs('distribution3-moved'),
    '--ids',
    'ids-machine.nix',
    '--previous-distribution',
    `${E}/distribution3.nix`,
  ]);
  add('id-assign check up to date', [
    ...machineArgs('distribution3'),
    '--ids',
    'ids-remembered.nix',
    '--check',
  ]);
  add('id-assign check after a move', [
    ...machineArgs('distribution3-moved'),
    '--ids',
    'ids-remembered.nix',
    '--check',
  ]);
  add('id-assign diff', [...machineArgs('distribution3-moved'), '--ids', 'ids-remembered.nix', '--diff']);
  add('id-assign diff json', [
    ...machineArgs('distribution3-moved'),
    '--ids',
    'ids-remembered.nix',
    '--diff',
    '--json',
  ]);
  add('id-assign pinned, preferred and reserved', [
    'id-assign',
    '-s',
    `${E}/services-pinned.nix`,
    '--id-resources',
    `${E}/idresources-reserved.nix`,
  ]);
  add('convert reserved ID resources', ['convert', '--id-resources', `${E}/idresources-reserved.nix`]);
  add('id-assign yaml', [
    'id-assign',
    '-s',
    `${Y}/services-with-ids.yaml`,
    '-i',
    `${Y}/infrastructure.yaml`,
    '-d',
    `${Y}/distribution.yaml`,
    '--id-resources',
    `${Y}/idresources-global.yaml`,
  ]);
  setup(
    'id-assign webapps',
    [
      'id-assign',
      '-s',
      `${W}/services.nix`,
      '-i',
      `${W}/infrastructure.nix`,
      '-d',
      `${W}/distribution.nix`,
      '--id-resources',
      `${W}/idresources.nix`,
      '--output-file',
      'ids-webapps.nix',
    ],
    ['ids-webapps.nix'],
  );
  add('id-assign webapps upgraded', [
    'id-assign',
    '-s',
    `${W}/services-upgraded.nix`,
    '-i',
    `${W}/infrastructure.nix`,
    '-d',
    `${W}/distribution-upgraded.nix`,
    '--id-resources',
    `${W}/idresources.nix`,
    '--ids',
    'ids-webapps.nix',
  ]);
  add('id-assign system services', [
    'id-assign',
    '-s',
    `${SS}/processes.nix`,
    '--id-resources',
    `${SS}/idresources.nix`,
  ]);
  add('id-assign missing id resources', ['id-assign', '-s', sIds]);

  // convert
  const models: [string, string][] = [
    ['-s', `${E}/services.nix`],
    ['-s', `${E}/services-with-ids.nix`],
    ['-i', `${E}/infrastructure.nix`],
    ['-i', `${E}/infrastructure-3.nix`],
    ['--id-resources', `${E}/idresources-machine.nix`],
    ['-s', `${V}/services.nix`],
    ['-s', `${V}/services-containers.nix`],
    ['-i', `${V}/infrastructure.nix`],
    ['--docs', `${V}/docs.nix`],
    ['-s', `${J}/services.json`],
    ['-s', `${Y}/services.yaml`],
    ['-i', `${Y}/infrastructure.yaml`],
    ['--id-resources', `${W}/idresources.nix`],
  ];
  for (const [flag, file] of models)
    for (const fmt of [[], ['--json'], ['--output-xml']])
      add(`convert ${flag} ${file} ${fmt.join(' ')}`, ['convert', flag, file, ...fmt]);
  for (const d of [
    'distribution',
    'distribution3',
    'candidates',
    'candidates-access',
    'distribution-cartesian',
  ])
    for (const fmt of [[], ['--json'], ['--output-xml']])
      add(`convert -d ${d} ${fmt.join(' ')}`, [
        'convert',
        '-i',
        `${E}/infrastructure.nix`,
        '-d',
        `${E}/${d}.nix`,
        ...fmt,
      ]);
  add('convert ids file', ['convert', '--ids', 'ids-webapps.nix', '--output-xml']);
  add('convert visualize distribution', [
    'convert',
    '-i',
    `${V}/infrastructure.nix`,
    '-d',
    `${V}/distribution.nix`,
  ]);

  // planners
  const s = `${E}/services.nix`;
  const i = `${E}/infrastructure.nix`;
  for (const d of ['candidates', 'distribution-cartesian', 'candidates-access'])
    for (const extra of [
      [],
      ['--json'],
      ['--output-xml'],
      ['--algorithm', 'isolating-cuts'],
      ['--exact'],
      ['--bound', 'free'],
      ['--output-graph'],
      ['--output-resolved-graph'],
    ])
      add(`multiwaycut ${d} ${extra.join(' ')}`, [
        'multiwaycut',
        '-s',
        s,
        '-i',
        i,
        '-d',
        `${E}/${d}.nix`,
        ...extra,
      ]);
  for (const infra of ['infrastructure', 'infrastructure-3'])
    for (const extra of [
      [],
      ['--exact'],
      ['--output-graph'],
      ['--output-resolved-graph'],
      ['-d', `${E}/candidates.nix`],
    ])
      add(`graphcol ${infra} ${extra.join(' ')}`, ['graphcol', '-s', s, '-i', `${E}/${infra}.nix`, ...extra]);
  add('graphcol visualize bipartite', [
    'graphcol',
    '-s',
    `${V}/services.nix`,
    '-i',
    `${V}/infrastructure.nix`,
  ]);
  for (const d of ['distribution-cartesian', 'candidates-access'])
    for (const extra of [[], ['--algorithm', 'greedy'], ['--exact'], ['--output-xml']])
      add(`minsetcover ${d} ${extra.join(' ')}`, [
        'minsetcover',
        '-s',
        s,
        '-i',
        i,
        '-d',
        `${E}/${d}.nix`,
        '--target-property',
        'cost',
        ...extra,
      ]);
  for (const strategy of ['greedy', 'highest-bidder', 'lowest-bidder'])
    for (const infra of ['infrastructure', 'infrastructure-undercapacity'])
      add(`divide ${strategy} ${infra}`, [
        'divide',
        '-s',
        s,
        '-i',
        `${E}/${infra}.nix`,
        '-d',
        `${E}/distribution-cartesian.nix`,
        '--strategy',
        strategy,
        '--service-property',
        'requireMem',
        '--target-property',
        'mem',
      ]);
  add('divide missing property', [
    'divide',
    '-s',
    s,
    '-i',
    i,
    '-d',
    `${E}/distribution-cartesian.nix`,
    '--strategy',
    'greedy',
    '--service-property',
    'nosuch',
    '--target-property',
    'mem',
  ]);
  // place (examples/placement: memory, CPU, spread groups, link weights, a machine leaving)
  const P = 'examples/placement';
  const web = [
    '--resource',
    'requireMem:mem',
    '--resource',
    'requireCpu:cpu',
    '--spread-property',
    'spreadGroup',
  ];
  const weights = ['--link-weight-property', 'linkWeights'];
  add('place testservices', ['place', '-s', s, '-i', i, '--resource', 'requireMem:mem']);
  add('place testservices undercapacity', [
    'place',
    '-s',
    s,
    '-i',
    `${E}/infrastructure-undercapacity.nix`,
    '--resource',
    'requireMem:mem',
  ]);
  add('place web stack', [
    'place',
    '-s',
    `${P}/services.nix`,
    '-i',
    `${P}/infrastructure.nix`,
    ...web,
    ...weights,
  ]);
  add('place web stack candidates', [
    'place',
    '-s',
    `${P}/services.nix`,
    '-i',
    `${P}/infrastructure.nix`,
    '-d',
    `${P}/candidates.nix`,
    ...web,
  ]);
  add('place web stack after web3 left', [
    'place',
    '-s',
    `${P}/services.nix`,
    '-i',
    `${P}/infrastructure-shrunk.nix`,
    '--previous-distribution',
    `${P}/previous-distribution.nix`,
    '--migration-cost',
    '1000',
    ...web,
    ...weights,
  ]);
  add('multiwaycut json models', [
    'multiwaycut',
    '-s',
    `${J}/services.json`,
    '-i',
    `${J}/infrastructure.json`,
    '-d',
    `${J}/candidates.json`,
  ]);

  // pictures and documents
  for (const extra of [[], ['--group', 'services'], ['--group-subservices'], ['--format', 'svg']])
    add(`visualize-services ${extra.join(' ')}`, ['visualize-services', '-s', `${V}/services.nix`, ...extra]);
  add('visualize-services containers', ['visualize-services', '-s', `${V}/services-containers.nix`]);
  add(
    'visualize-services batch',
    ['visualize-services', '-s', `${V}/services.nix`, '--batch', '--output-dir', 'batch-dot'],
    ['batch-dot'],
  );
  add('visualize-infra', ['visualize-infra', '-i', `${V}/infrastructure.nix`]);
  add('visualize-infra svg', ['visualize-infra', '-i', `${V}/infrastructure.nix`, '--format', 'svg']);
  add('visualize-distribution', [
    'visualize-distribution',
    '-s',
    `${V}/services.nix`,
    '-i',
    `${V}/infrastructure.nix`,
    '-d',
    `${V}/distribution.nix`,
  ]);
  add('view json', [
    'view',
    '-s',
    `${V}/services.nix`,
    '-i',
    `${V}/infrastructure.nix`,
    '-d',
    `${V}/distribution.nix`,
    '--json',
  ]);
  add('visualize-distribution svg', [
    'visualize-distribution',
    '-s',
    `${V}/services.nix`,
    '-i',
    `${V}/infrastructure.nix`,
    '-d',
    `${V}/distribution.nix`,
    '--format',
    'svg',
  ]);
  add('visualize-distribution testservices', [
    'visualize-distribution',
    '-s',
    s,
    '-i',
    i,
    '-d',
    `${E}/distribution.nix`,
  ]);
  add('document-services', ['document-services', '-s', `${V}/services.nix`, '--docs', `${V}/docs.nix`]);
  add('document-services group', ['document-services', '-s', `${V}/services.nix`, '--group', 'services']);
  add(
    'document-services batch',
    [
      'document-services',
      '-s',
      `${V}/services.nix`,
      '--docs',
      `${V}/docs.nix`,
      '--batch',
      '--output-dir',
      'batch-docs',
    ],
    ['batch-docs'],
  );
  add(
    'generate-services-docs',
    [
      'generate-services-docs',
      '-s',
      `${V}/services.nix`,
      '--docs',
      `${V}/docs.nix`,
      '--output-dir',
      'catalogue',
    ],
    ['catalogue'],
  );

  // gendist: QoS policies (Nix, YAML, JavaScript), previous distributions, augmentation
  const Q = `${E}/qos`;
  const gendist = (policy: string, ...rest: string[]) => [
    'gendist',
    '-s',
    `${E}/services.nix`,
    '-i',
    `${E}/infrastructure.nix`,
    '-q',
    `${Q}/${policy}`,
    ...rest,
  ];
  add('gendist greedy', gendist('greedy.nix'));
  add('gendist chain with lib', gendist('chain-lib.nix'));
  add('gendist minsetcover after access filter json', gendist('minsetcover-access.nix', '--json'));
  add(
    'gendist stateful after manifest xml',
    gendist('mapstatefultoprevious.nix', '--previous-distribution', `${E}/manifest.xml`, '--output-xml'),
  );
  add('gendist graphcol three targets', [
    'gendist',
    '-s',
    `${J}/services.json`,
    '-i',
    `${J}/infrastructure-3.json`,
    '-q',
    `${Q}/graphcol.yaml`,
  ]);
  add('gendist javascript policy', [
    'gendist',
    '-s',
    `${J}/services.json`,
    '-i',
    `${J}/infrastructure.json`,
    '-q',
    `${Q}/chain-lib.mjs`,
  ]);
  add('gendist infeasible', [
    'gendist',
    '-s',
    `${E}/services.nix`,
    '-i',
    `${E}/infrastructure-undercapacity.nix`,
    '-q',
    `${Q}/greedy.nix`,
  ]);
  add('previous-distribution manifest', ['previous-distribution', `${E}/manifest.xml`]);
  add('augment-infra', ['augment-infra', '-i', `${E}/infrastructure.nix`, '-a', `${E}/augment.nix`]);

  // bad input and bad usage
  add('missing file', ['multiwaycut', '-s', 'nosuch.nix', '-i', i, '-d', `${E}/candidates.nix`]);
  add('unknown option', ['multiwaycut', '--nosuch']);
  add('missing required option', ['divide', '-s', s]);
  add('nix distribution without infrastructure', ['convert', '-d', `${E}/distribution.nix`]);
  return cases;
}

/** Benchmark inputs as model files in `dir` (the bench-data instances up to 10,000 services). */
function benchCases(dir: string): GoldenCase[] {
  const cases: GoldenCase[] = [];
  const write = (folder: string, models: Record<string, unknown>) => {
    mkdirSync(join(dir, folder), { recursive: true });
    for (const [name, value] of Object.entries(models))
      writeFileSync(join(dir, folder, `${name}.json`), JSON.stringify(value));
  };
  const deploy = [
    'chain-n30-k3-s1',
    'layered-n30-k3-s1',
    'scalefree-n30-k3-s1',
    'chain-n100-k5-s1',
    'clustered-n100-k8-s1',
    'layered-n100-k5-s1',
    'scalefree-n100-k5-s1',
    'chain-n1000-k10-s1',
    'clustered-n1000-k40-s1',
    'layered-n1000-k10-s1',
    'layered-n1000-k10-s1-z1-c6',
    'scalefree-n1000-k10-s1',
    'scalefree-n1000-k10-s1-z1-c6',
    'chain-n10000-k100-s1',
    'clustered-n10000-k400-s1',
    'layered-n10000-k100-s1',
    'layered-n10000-k100-s1-z10-c6',
    'scalefree-n10000-k100-s1',
    'scalefree-n10000-k100-s1-z10-c6',
  ];
  for (const name of deploy) {
    const instance = JSON.parse(readFileSync(benchData('deploy', `${name}.json`), 'utf8')) as DeployInstance;
    const folder = `deploy/${name}`;
    write(folder, deployModels(instance));
    const m = (k: string) => `${folder}/${k}.json`;
    cases.push({
      name: `multiwaycut ${name}`,
      args: ['multiwaycut', '-s', m('services'), '-i', m('infrastructure'), '-d', m('distribution')],
    });
    if (instance.services <= 100)
      cases.push({
        name: `multiwaycut --exact ${name}`,
        args: [
          'multiwaycut',
          '-s',
          m('services'),
          '-i',
          m('infrastructure'),
          '-d',
          m('distribution'),
          '--exact',
        ],
      });
    if (instance.services <= 1000)
      cases.push({
        name: `graphcol ${name}`,
        args: ['graphcol', '-s', m('services'), '-i', m('infrastructure'), '-d', m('distribution')],
      });
  }
  const dimacs = [
    'myciel3',
    'myciel4',
    'queen5_5',
    'myciel5',
    'jean',
    'queen6_6',
    'huck',
    'david',
    'queen7_7',
    'anna',
    'games120',
    'queen8_8',
    'myciel6',
    'DSJC125.1',
    'myciel7',
    'DSJC125.5',
    'le450_15a',
    'school1',
  ];
  for (const name of dimacs) {
    const graph = readDimacsCol(benchData('dimacs', `${name}.col`));
    const dependsOn: string[][] = Array.from({ length: graph.nodeCount }, () => []);
    for (const [u, v] of graph.edges) dependsOn[u].push(`v${v}`);
    const services = Object.fromEntries(
      dependsOn.map((deps, k) => [`v${k}`, { name: `v${k}`, dependsOn: deps }]),
    );
    const infrastructure = Object.fromEntries(
      Array.from({ length: 25 }, (_, h) => [
        `c${String(h).padStart(2, '0')}`,
        { properties: { hostname: `c${h}` } },
      ]),
    );
    const folder = `dimacs/${name}`;
    write(folder, { services, infrastructure });
    cases.push({
      name: `graphcol ${name}`,
      args: ['graphcol', '-s', `${folder}/services.json`, '-i', `${folder}/infrastructure.json`],
    });
  }
  for (const name of ['scp51', 'scp54', 'scpa1']) {
    const problem = readOrLibrary(benchData('setcover', `${name}.txt`));
    const candidates: string[][] = Array.from({ length: problem.elementCount }, () => []);
    problem.sets.forEach((set, j) => set.members.forEach((e) => candidates[e].push(`c${j}`)));
    const services = Object.fromEntries(candidates.map((_, e) => [`r${e}`, { name: `r${e}` }]));
    const infrastructure = Object.fromEntries(
      problem.sets.map((set, j) => [`c${j}`, { properties: { hostname: `c${j}`, cost: set.cost } }]),
    );
    const distribution = Object.fromEntries(candidates.map((c, e) => [`r${e}`, c]));
    const folder = `setcover/${name}`;
    write(folder, { services, infrastructure, distribution });
    const m = (k: string) => `${folder}/${k}.json`;
    for (const extra of [[], ['--algorithm', 'greedy']])
      cases.push({
        name: `minsetcover ${name} ${extra.join(' ')}`,
        args: [
          'minsetcover',
          '-s',
          m('services'),
          '-i',
          m('infrastructure'),
          '-d',
          m('distribution'),
          '--target-property',
          'cost',
          ...extra,
        ],
      });
  }
  return cases;
}

/** Every case, with the benchmark models written into `dir`. */
export function goldenCases(dir: string): GoldenCase[] {
  return [...exampleCases(), ...benchCases(dir)];
}
