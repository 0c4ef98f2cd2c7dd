/**
 * The ID-assignment walkthrough of docs/compatibility.md §7.7 and of the article, step by step, run
 * through the built CLI on the same models written as Nix (evaluated by the real nix-instantiate),
 * JSON and YAML.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXAMPLES, dyplan, itNix, nixEval } from '../helpers/cli.js';

type Format = 'nix' | 'json' | 'yaml';
const DIR = `${EXAMPLES}/testservices`;

function model(format: Format, name: string): string {
  return format === 'nix' ? `${DIR}/${name}.nix` : `${DIR}/${format}/${name}.${format}`;
}

interface Ids {
  ids: Record<string, Record<string, number>>;
  lastAssignments?: Record<string, number>;
  lastAssignmentsPerTarget?: Record<string, Record<string, number>>;
}

function walkthrough(format: Format, test: (name: string, fn: () => void) => void) {
  const tmp = mkdtempSync(join(tmpdir(), `dyplan-walk-${format}-`));
  let step = 0;
  /** Runs id-assign and returns the parsed JSON result; the ids file of each step feeds the next. */
  function assign(opts: {
    services: string;
    idResources: string;
    distribution?: string;
    ids?: string;
    infra?: string;
  }): { ids: Ids; file: string } {
    const file = join(tmp, `ids-${++step}.json`);
    const args = [
      'id-assign',
      '-s',
      model(format, opts.services),
      '--id-resources',
      model(format, opts.idResources),
      '--json',
      '--output-file',
      file,
    ];
    if (opts.distribution)
      args.push('-i', model(format, opts.infra ?? 'infrastructure'), '-d', model(format, opts.distribution));
    if (opts.ids) args.push('--ids', opts.ids);
    const result = dyplan(args);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    return { ids: JSON.parse(readFileSync(file, 'utf8')) as Ids, file };
  }

  test(`${format}: the documented steps of the ID-assignment walkthrough`, () => {
    // Distribution mode, global scope.
    const first = assign({
      services: 'services-with-ids',
      idResources: 'idresources-global',
      distribution: 'distribution',
    });
    expect(first.ids).toEqual({
      ids: { ports: { testService1: 3000, testService2: 3001, testService3: 3002 } },
      lastAssignments: { ports: 3002 },
    });
    // A rerun with the previous ids changes nothing.
    const rerun = assign({
      services: 'services-with-ids',
      idResources: 'idresources-global',
      distribution: 'distribution',
      ids: first.file,
    });
    expect(readFileSync(rerun.file, 'utf8')).toBe(readFileSync(first.file, 'utf8'));
    // testService1 removed: the others keep their IDs, the last assignment stays.
    const dropped = assign({
      services: 'services-with-ids2',
      idResources: 'idresources-global',
      distribution: 'distribution2',
      ids: first.file,
    });
    expect(dropped.ids).toEqual({
      ids: { ports: { testService2: 3001, testService3: 3002 } },
      lastAssignments: { ports: 3002 },
    });
    // testService1 back: it gets a new ID, not its old one.
    const readded = assign({
      services: 'services-with-ids',
      idResources: 'idresources-global',
      distribution: 'distribution',
      ids: dropped.file,
    });
    expect(readded.ids).toEqual({
      ids: { ports: { testService1: 3003, testService2: 3001, testService3: 3002 } },
      lastAssignments: { ports: 3003 },
    });
    // Resources switched to uids only: ports disappear altogether.
    const other = assign({
      services: 'services-with-ids',
      idResources: 'idresources-differentresource',
      distribution: 'distribution',
      ids: readded.file,
    });
    expect(other.ids).toEqual({ ids: { uids: {} } });
    // Machine scope, testService2 and testService3 on testtarget2.
    const machine = assign({
      services: 'services-with-ids',
      idResources: 'idresources-machine',
      distribution: 'distribution2',
    });
    expect(machine.ids).toEqual({
      ids: { ports: { testService2: 3000, testService3: 3001 } },
      lastAssignmentsPerTarget: { testtarget2: { ports: 3001 } },
      idTargets: { ports: { testService2: ['testtarget2'], testService3: ['testtarget2'] } },
    });
    // Machine scope on different targets: both get 3000.
    const apart = assign({
      services: 'services-with-ids',
      idResources: 'idresources-machine',
      distribution: 'distribution3',
    });
    expect(apart.ids).toEqual({
      ids: { ports: { testService2: 3000, testService3: 3000 } },
      lastAssignmentsPerTarget: { testtarget1: { ports: 3000 }, testtarget2: { ports: 3000 } },
      idTargets: { ports: { testService2: ['testtarget1'], testService3: ['testtarget2'] } },
    });
    // Services mode (no distribution).
    const services = assign({ services: 'services-with-ids', idResources: 'idresources-global' });
    expect(services.ids).toEqual({
      ids: { ports: { testService1: 3000, testService2: 3001, testService3: 3002 } },
      lastAssignments: { ports: 3002 },
    });
    // New boundaries 2000-3000: testService1 keeps 3000, the others wrap around to the start.
    const bounds = assign({
      services: 'services-with-ids',
      idResources: 'idresources-global-different-boundaries',
      distribution: 'distribution',
      ids: first.file,
    });
    expect(bounds.ids).toEqual({
      ids: { ports: { testService1: 3000, testService2: 2000, testService3: 2001 } },
      lastAssignments: { ports: 2001 },
    });
  });

  test(`${format}: a machine-scope service that moves onto a busy machine gets a free ID; the one there keeps its own (bugs 14, 39)`, () => {
    const apart = assign({
      services: 'services-with-ids',
      idResources: 'idresources-machine',
      distribution: 'distribution3',
    });
    // testService2 moves from testtarget1 to testtarget2, where testService3 already holds 3000.
    const moved = assign({
      services: 'services-with-ids',
      idResources: 'idresources-machine',
      distribution: 'distribution2',
      ids: apart.file,
    });
    // The ids file remembers that testService3 was on testtarget2 already: it stays at 3000.
    expect(moved.ids).toEqual({
      ids: { ports: { testService2: 3001, testService3: 3000 } },
      lastAssignmentsPerTarget: { testtarget2: { ports: 3001 } },
      idTargets: { ports: { testService2: ['testtarget2'], testService3: ['testtarget2'] } },
    });
  });

  test(`${format}: a globally scoped service on two machines keeps its ID across runs (bug 13)`, () => {
    const first = assign({
      services: 'services-with-ids',
      idResources: 'idresources-global',
      distribution: 'distribution-cartesian',
    });
    expect(first.ids.ids).toEqual({ ports: { testService1: 3000, testService2: 3001, testService3: 3002 } });
    const second = assign({
      services: 'services-with-ids',
      idResources: 'idresources-global',
      distribution: 'distribution-cartesian',
      ids: first.file,
    });
    expect(second.ids).toEqual(first.ids);
  });

  test(`${format}: a pool of two IDs cannot serve a third service`, () => {
    const held = join(tmp, 'held.json');
    writeFileSync(
      held,
      JSON.stringify({
        ids: { ports: { testService1: 3000, testService2: 3001 } },
        lastAssignments: { ports: 3001 },
      }),
    );
    const out = join(tmp, 'depleted.json');
    writeFileSync(out, 'previous contents');
    const result = dyplan([
      'id-assign',
      '-s',
      model(format, 'services-with-ids'),
      '--id-resources',
      model(format, 'idresources-global-small'),
      '--ids',
      held,
      '--output-file',
      out,
    ]);
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain('ports');
    expect(result.stderr).toContain('exhausted');
    expect(readFileSync(out, 'utf8')).toBe('previous contents');
  });
}

describe('id-assign walkthrough', () => {
  walkthrough('nix', itNix);
  walkthrough('json', it);
  walkthrough('yaml', it);
});

describe('id-assign output in the formats of the original', () => {
  itNix('prints the Nix printer layout of docs/compatibility.md §1.8 (machine scope example)', () => {
    const result = dyplan([
      'id-assign',
      '-s',
      `${DIR}/services-with-ids.nix`,
      '-i',
      `${DIR}/infrastructure.nix`,
      '-d',
      `${DIR}/distribution3.nix`,
      '--id-resources',
      `${DIR}/idresources-machine.nix`,
      '--no-remember-targets',
    ]);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(
      [
        '{',
        '  "ids" = {',
        '    "ports" = {',
        '      "testService2" = 3000;',
        '      "testService3" = 3000;',
        '    };',
        '  };',
        '  "lastAssignmentsPerTarget" = {',
        '    "testtarget1" = {',
        '      "ports" = 3000;',
        '    };',
        '    "testtarget2" = {',
        '      "ports" = 3000;',
        '    };',
        '  };',
        '}',
      ].join('\n'),
    );
  });

  it('prints the XML of docs/compatibility.md §4.3', () => {
    const result = dyplan([
      'id-assign',
      '-s',
      `${DIR}/json/services-with-ids.json`,
      '-d',
      `${DIR}/json/distribution.json`,
      '--id-resources',
      `${DIR}/json/idresources-global.json`,
      '--output-xml',
    ]);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(
      [
        '<ids>',
        '  <ids>',
        '    <resource name="ports">',
        '      <assignment name="testService1">3000</assignment>',
        '      <assignment name="testService2">3001</assignment>',
        '      <assignment name="testService3">3002</assignment>',
        '    </resource>',
        '  </ids>',
        '  <lastAssignments>',
        '    <assignment name="ports">3002</assignment>',
        '  </lastAssignments>',
        '</ids>',
      ].join('\n'),
    );
  });

  itNix('reads its own XML back with --xml and gives the same result', () => {
    const tmp = mkdtempSync(join(tmpdir(), 'dyplan-xml-'));
    const files: Record<string, string> = {};
    for (const [kind, flag, src] of [
      ['services', '-s', 'services-with-ids.nix'],
      ['resources', '--id-resources', 'idresources-global.nix'],
    ] as const) {
      const out = join(tmp, `${kind}.xml`);
      expect(dyplan(['convert', flag, `${DIR}/${src}`, '--output-xml', '--output-file', out]).code).toBe(0);
      files[kind] = out;
    }
    const dist = join(tmp, 'distribution.xml');
    expect(
      dyplan([
        'convert',
        '-i',
        `${DIR}/infrastructure.nix`,
        '-d',
        `${DIR}/distribution.nix`,
        '--output-xml',
        '--output-file',
        dist,
      ]).code,
    ).toBe(0);
    const first = join(tmp, 'ids.xml');
    expect(
      dyplan([
        'id-assign',
        '--xml',
        '-s',
        files.services,
        '-d',
        dist,
        '--id-resources',
        files.resources,
        '--output-xml',
        '--output-file',
        first,
      ]).code,
    ).toBe(0);
    const again = dyplan([
      'id-assign',
      '--xml',
      '-s',
      files.services,
      '-d',
      dist,
      '--id-resources',
      files.resources,
      '--ids',
      first,
      '--output-xml',
    ]);
    expect(again.code).toBe(0);
    expect(again.stdout).toBe(readFileSync(first, 'utf8'));
    expect(again.stdout).toContain('<assignment name="testService3">3002</assignment>');
  });
});

describe('the webapp example of the article', () => {
  const W = `${EXAMPLES}/webapps`;
  /** id-assign on the webapp models; `version` '' is the first deployment, '-upgraded' the upgrade. */
  const assign = (version: '' | '-upgraded', ...extra: string[]) =>
    dyplan([
      'id-assign',
      ...[
        '-s',
        `${W}/services${version}.nix`,
        '-i',
        `${W}/infrastructure.nix`,
        '-d',
        `${W}/distribution${version}.nix`,
      ],
      ...['--id-resources', `${W}/idresources.nix`, ...extra],
    ]);

  itNix('assigns ports, UIDs and GIDs, then keeps webapp2 and gives webapp3 the next IDs', () => {
    const tmp = mkdtempSync(join(tmpdir(), 'dyplan-webapps-'));
    const ids = join(tmp, 'ids.nix');
    expect(assign('', '--output-file', ids).code).toBe(0);
    expect(readFileSync(ids, 'utf8')).toBe(
      '{\n  "ids" = {\n    "gids" = {\n      "webapp1" = 2000;\n      "webapp2" = 2001;\n    };\n    "ports" = {\n      "webapp1" = 5000;\n      "webapp2" = 5001;\n    };\n    "uids" = {\n      "webapp1" = 2000;\n      "webapp2" = 2001;\n    };\n  };\n  "lastAssignments" = {\n    "gids" = 2001;\n    "ports" = 5001;\n    "uids" = 2001;\n  };\n}',
    );
    // The generated file is a valid Nix expression with the same content.
    const evaluated = nixEval(ids);
    expect(evaluated.code).toBe(0);
    expect(JSON.parse(evaluated.stdout)).toEqual({
      ids: {
        gids: { webapp1: 2000, webapp2: 2001 },
        ports: { webapp1: 5000, webapp2: 5001 },
        uids: { webapp1: 2000, webapp2: 2001 },
      },
      lastAssignments: { gids: 2001, ports: 5001, uids: 2001 },
    });
    // Read back with --ids and written over itself: byte-identical.
    const before = readFileSync(ids, 'utf8');
    expect(assign('', '--ids', ids, '--output-file', ids).code).toBe(0);
    expect(readFileSync(ids, 'utf8')).toBe(before);
    // The upgrade: webapp1 removed, webapp3 added.
    const upgraded = assign('-upgraded', '--ids', ids, '--json');
    expect(upgraded.code).toBe(0);
    expect(JSON.parse(upgraded.stdout)).toEqual({
      ids: {
        gids: { webapp2: 2001, webapp3: 2002 },
        ports: { webapp2: 5001, webapp3: 5002 },
        uids: { webapp2: 2001, webapp3: 2002 },
      },
      lastAssignments: { gids: 2002, ports: 5002, uids: 2002 },
    });
  });

  itNix('gives InfluxDB ports three apart with step = 3 (the advanced example)', () => {
    const S = `${EXAMPLES}/system-services`;
    const result = dyplan([
      'id-assign',
      '-s',
      `${S}/processes.nix`,
      '--id-resources',
      `${S}/idresources.nix`,
      '--json',
    ]);
    expect(result.code).toBe(0);
    const ids = JSON.parse(result.stdout) as Ids;
    expect(ids.ids.influxdbPorts).toEqual({ influxdb: 8086, influxdb2: 8089 });
    expect(ids.ids.httpPorts).toEqual({ apache: 8080 });
    expect(ids.ids.uids).toEqual(ids.ids.gids);
  });
});
