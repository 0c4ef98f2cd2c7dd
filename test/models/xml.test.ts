/**
 * The XML reader and writer on the text they must not change: spaces around names and values,
 * carriage returns, tabs and line feeds in attribute values, and where an unreadable file fails.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MODEL_KINDS } from '../../models/kinds.js';
import { loadModels } from '../../models/load.js';
import { normalizeDocs, normalizeServices } from '../../models/normalize.js';
import { loadError } from './load-error.js';

const tmp = mkdtempSync(join(tmpdir(), 'dyplan-xml-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
let count = 0;
function write(text: string): string {
  const path = join(tmp, `model-${++count}.xml`);
  writeFileSync(path, text);
  return path;
}

describe('XML text is data', () => {
  it('spaces at the ends of a name, a dependency and a value are kept', async () => {
    const file = write(
      [
        '<services>',
        '  <service name=" a ">',
        '    <property name="dependsOn">',
        '      <dependency>b </dependency>',
        '    </property>',
        '    <property name="name" type="string"> a </property>',
        '    <property name="group" type="string">  </property>',
        '  </service>',
        '  <service name="b ">',
        '    <property name="dependsOn"/>',
        '    <property name="label" type="list"><elem type="string"> x</elem></property>',
        '  </service>',
        '</services>',
      ].join('\n'),
    );
    const { services } = await loadModels({ services: file });
    expect(Object.keys(services)).toEqual([' a ', 'b ']);
    expect(services[' a '].dependsOn).toEqual(['b ']);
    expect(services[' a '].group).toBe('  ');
    expect(services['b '].properties.label).toEqual([' x']);
  });

  it('numbers, booleans and scopes may still be padded', async () => {
    const resources = write(
      '<resources><resource name="p"><min> 3 </min><max>\n  9\n</max><scope> machine </scope></resource></resources>',
    );
    const flags = write(
      '<services><service name="a"><property name="on" type="bool"> true </property><property name="n" type="int"> 4 </property></service></services>',
    );
    const loaded = await loadModels({ idResources: resources, services: flags });
    expect(loaded.idResources).toEqual({ p: { min: 3, max: 9, scope: 'machine', step: 1 } });
    expect(loaded.services.a.properties).toEqual({ name: 'a', on: true, n: 4 });
  });

  it('the indentation between elements is not text', async () => {
    const docs = normalizeDocs(
      { groups: { g: 'G' }, fields: ['type'], descriptions: { type: 'Type' } },
      'docs',
    );
    const text = MODEL_KINDS.docs.toXml(docs);
    expect(text).toContain('\n  <groups>\n    <group name="g">G</group>\n  </groups>');
    expect((await loadModels({ docs: write(text) })).docs).toEqual(docs);
  });
});

describe('XML line breaks and tabs', () => {
  it('a carriage return is written as a reference and read back', async () => {
    const docs = normalizeDocs({ groups: { 'a\r\nb': 'one\rtwo\r\n' }, fields: ['\r'] }, 'docs');
    const text = MODEL_KINDS.docs.toXml(docs);
    expect(text).toContain('<group name="a&#13;&#10;b">one&#13;two&#13;\n</group>');
    expect(text).not.toContain('\r');
    expect((await loadModels({ docs: write(text) })).docs).toEqual(docs);
  });

  it('tabs and line feeds in a name are references in the attribute, raw in element text', async () => {
    const services = normalizeServices({ 'a\tb\nc': { description: 'x\ty\nz' } }, 'services');
    const text = MODEL_KINDS.services.toXml(services);
    expect(text).toContain('<service name="a&#9;b&#10;c">');
    expect(text).toContain('<property name="description" type="string">x\ty\nz</property>');
    expect((await loadModels({ services: write(text) })).services).toEqual(services);
  });
});

describe('unreadable XML', () => {
  it.each([
    ['', 'invalid XML: Start tag expected.', ':1'],
    ['<!-- nothing else -->', 'invalid XML: Start tag expected.', ':1'],
    [
      '<services>\n  <service name="a">\n</services>',
      "invalid XML: Expected closing tag 'service' (opened in line 2, col 3) instead of closing tag 'services'.",
      ':3:1',
    ],
  ])('%j: the file, the line and (when known) the column', async (text, detail, where) => {
    const file = write(text);
    expect(await loadError({ services: file })).toBe(`${file}${where}: ${detail}`);
  });
});
