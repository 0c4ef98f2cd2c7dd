/**
 * Disnix manifests as previous distributions (docs/compatibility.md §1.10) and the Disnix
 * distribution writer of gendist (§4.2, bug 24).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadModels } from '../../models/load.js';
import { readPreviousDistributionXml } from '../../models/xml-read.js';
import { nixAttributeName, toDisnixDistribution } from '../../models/write-disnix.js';
import { EXAMPLES } from '../helpers/cli.js';

const tmp = mkdtempSync(join(tmpdir(), 'dyplan-manifest-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const manifest = (mappings: string, services = '') => `<?xml version="1.0"?>
<manifest version="2">
  <services>
    <service name="h1"><name>web</name><pkg>/nix/store/x-web</pkg><type>process</type></service>
    <service name="h2"><name>db</name><pkg>/nix/store/x-db</pkg><type>mysql-database</type></service>
    ${services}
  </services>
  <serviceMappings>${mappings}</serviceMappings>
</manifest>`;
const mapping = (service: string, target: string, container: string) =>
  `<mapping><service>${service}</service><container>${container}</container><target>${target}</target></mapping>`;

describe('a Disnix manifest read as a previous distribution', () => {
  it('services by name, targets in mapping order, plain names when every container is the type', () => {
    const text = manifest(
      mapping('h1', 't2', 'process') + mapping('h2', 't1', 'mysql-database') + mapping('h1', 't1', 'process'),
    );
    expect(readPreviousDistributionXml(text, 'm.xml')).toEqual({ web: ['t2', 't1'], db: ['t1'] });
  });

  it('containers everywhere as soon as one is not the type', () => {
    const text = manifest(mapping('h1', 't2', 'process') + mapping('h2', 't1', 'mysql-primary'));
    expect(readPreviousDistributionXml(text, 'm.xml')).toEqual({
      web: [{ target: 't2', container: 'process' }],
      db: [{ target: 't1', container: 'mysql-primary' }],
    });
  });

  it('errors: an old manifest, a mapping to no service', () => {
    expect(() => readPreviousDistributionXml('<manifest><services/></manifest>', 'm.xml')).toThrow(
      'm.xml: a Disnix manifest of version 2 is needed',
    );
    expect(() => readPreviousDistributionXml(manifest(mapping('h9', 't1', 'process')), 'm.xml')).toThrow(
      'm.xml: serviceMappings[0].service: no service "h9" in the manifest',
    );
  });

  it('a distribution in the XML format is read too, and an extensionless file is sniffed as XML', async () => {
    expect(
      readPreviousDistributionXml(
        '<distribution><service name="a"><mapping><target>t</target></mapping></service></distribution>',
        'd.xml',
      ),
    ).toEqual({ a: [{ target: 't' }] });
    const profile = join(tmp, 'default');
    writeFileSync(profile, manifest(mapping('h2', 't3', 'mysql-database')));
    const { previousDistribution } = await loadModels({ previousDistribution: profile });
    expect(previousDistribution).toEqual({ db: [{ target: 't3' }] });
  });

  it('the example manifest: every test service on testtarget1', async () => {
    const { previousDistribution } = await loadModels({
      previousDistribution: `${EXAMPLES}/testservices/manifest.xml`,
    });
    expect(previousDistribution).toEqual({
      testService1: [{ target: 'testtarget1' }],
      testService2: [{ target: 'testtarget1' }],
      testService3: [{ target: 'testtarget1' }],
    });
  });
});

describe('the Disnix distribution model gendist prints (bug 24)', () => {
  it('quotes what is not a Nix identifier, keywords included', () => {
    expect(
      ['web', "a'b", 'a-b_1', 'if', 'or', 'in', '1a', 'a.b', '', '${x}', 'é'].map(nixAttributeName),
    ).toEqual(['web', "a'b", 'a-b_1', '"if"', '"or"', '"in"', '"1a"', '"a.b"', '""', '"\\${x}"', '"é"']);
  });

  it('plain lists, { targets } with containers, empty lists', () => {
    expect(
      toDisnixDistribution({
        b: [{ target: 't.1', container: 'c' }, { target: 't2' }],
        a: [{ target: 't2' }],
        c: [],
      }),
    ).toBe(
      '{infrastructure}:\n\n{\n  a = [\n    infrastructure.t2\n  ];\n' +
        '  b = {\n    targets = [\n      { target = infrastructure."t.1"; container = "c"; }\n      { target = infrastructure.t2; }\n    ];\n  };\n' +
        '  c = [ ];\n}\n',
    );
  });
});
