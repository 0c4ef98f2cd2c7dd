/**
 * Hostile and awkward input (issue 8): each gives one line naming the file (and the field or
 * position), or is read and written as valid Nix, JSON and XML. Nothing reaches the user raw from a
 * parser, nothing overflows the call stack, nothing is printed by Node on standard error.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLValidator } from 'fast-xml-parser';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { DyplanError } from '../../models/errors.js';
import { MODEL_KINDS } from '../../models/kinds.js';
import { loadModels } from '../../models/load.js';
import { toNix } from '../../models/write-nix.js';
import { checkNixLiteral } from '../helpers/nix-literal.js';
import { loadError } from './load-error.js';

const tmp = mkdtempSync(join(tmpdir(), 'dyplan-limits-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
let count = 0;
function write(text: string, extension = 'json'): string {
  const path = join(tmp, `model-${++count}.${extension}`);
  writeFileSync(path, text);
  return path;
}

const service = (value: string) => `{"a": {"name": "a", "v": ${value}}}`;

describe('parser hardening', () => {
  it('a UTF-8 byte order mark is ignored (JSON, YAML, XML)', async () => {
    const json = write('\ufeff' + service('1'));
    expect((await loadModels({ services: json })).services.a.properties.v).toBe(1);
    const yaml = write('\ufeffa:\n  name: a\n  v: 1\n', 'yaml');
    expect((await loadModels({ services: yaml })).services.a.properties.v).toBe(1);
  });

  it('JSON nested 20,000 deep: one line, no stack overflow', async () => {
    const file = write(service('['.repeat(20_000) + ']'.repeat(20_000)));
    expect(await loadError({ services: file })).toMatch(new RegExp(`^${file}: a\\.v(\\[0\\])+: nested more than 200 levels deep$`));
  });

  it('YAML: an alias bomb, a self-alias, an unresolved alias, two documents', async () => {
    const bomb = ['&a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 9; i++) bomb.push(`&a${i} [${Array.from({ length: 9 }, () => `*a${i - 1}`).join(',')}]`);
    const cases: [string, RegExp][] = [
      [`a: {name: a, v: [${bomb.join(',')}]}\n`, /: invalid YAML: aliases expand to too many values \(an alias bomb\?\)$/],
      ['a: &x {name: a, v: *x}\n', /: a\.v: the value contains itself \(a self-referencing alias\?\)$|: invalid YAML: .+$/],
      ['a: {name: a, v: *nowhere}\n', /\.yaml: invalid YAML: Unresolved alias \(the anchor must be set before the alias\): nowhere$/],
      ['a: {name: a}\n---\nb: {}\n', /: invalid YAML: more than one document \(a model is one YAML document\)$/],
    ];
    for (const [text, expected] of cases) expect(await loadError({ services: write(text, 'yaml') })).toMatch(expected);
  });

  it('YAML: an unknown tag is one error line, and Node prints no warning', async () => {
    const warn = vi.spyOn(process, 'emitWarning');
    const stderr = vi.spyOn(process.stderr, 'write');
    try {
      const file = write('a: {name: a, v: !foo bar}\n', 'yaml');
      expect(await loadError({ services: file })).toMatch(new RegExp(`^${file}:1:17: invalid YAML: .*!foo`));
      expect(warn).not.toHaveBeenCalled();
      expect(stderr).not.toHaveBeenCalled();
    } finally {
      warn.mockRestore();
      stderr.mockRestore();
    }
  });

  it('XML: a DOCTYPE (entities, SYSTEM files) is refused; nesting 20,000 deep is one line', async () => {
    const doctype = write(
      '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>\n<services><service name="a">&e;</service></services>',
      'xml',
    );
    expect(await loadError({ services: doctype })).toBe(`${doctype}:1: invalid XML: a DOCTYPE (and its entities) is not allowed in a model`);
    const depth = 20_000;
    const deep = write(
      `<services><service name="a">${'<property name="d" type="attrs">'.repeat(depth)}${'</property>'.repeat(depth)}</service></services>`,
      'xml',
    );
    expect(await loadError({ services: deep })).toMatch(/: invalid XML: elements nested more than 210 levels deep$|: nested more than 200 levels deep$/);
  });
});

describe('numbers JSON and Nix cannot hold', () => {
  it.each([
    ['9007199254740993', '1:26', 'the integer 9007199254740993 cannot be held exactly (it would read as 9007199254740992); write it as a string'],
    ['-9223372036854775809', '1:26', 'the integer -9223372036854775809 cannot be held exactly (it would read as -9223372036854776000); write it as a string'],
  ])('%s is rejected at its position', async (literal, where, detail) => {
    const file = write(service(literal));
    expect(await loadError({ services: file })).toBe(`${file}:${where}: ${detail}`);
  });

  it('YAML .inf is rejected naming the field', async () => {
    const file = write('a: {name: a, v: .inf}\n', 'yaml');
    expect(await loadError({ services: file })).toBe(
      `${file}: a.v: expected a number JSON and Nix hold exactly, got Infinity (JSON and Nix have no such number)`,
    );
  });

  it.each([
    ['1e21', '1.0e+21'],
    ['9223372036854775808', '9223372036854776000.0'],
    ['1e-30', '1.0e-30'],
    ['26227120137616310', '26227120137616310'],
    ['0.1', '0.1'],
  ])('%s is read and written as valid Nix (%s), JSON and XML', async (literal, nix) => {
    const services = (await loadModels({ services: write(service(`[${literal}]`)) })).services;
    const value = MODEL_KINDS.services.toValue(services);
    const text = toNix(value);
    expect(checkNixLiteral(text)).toBeNull();
    expect(text).toContain(`\n      ${nix}\n`);
    expect(JSON.parse(JSON.stringify(value))).toEqual(value);
    const xml = MODEL_KINDS.services.toXml(services);
    expect(XMLValidator.validate(xml)).toBe(true);
    const back = (await loadModels({ services: write(xml, 'xml') })).services;
    expect(back.a.properties.v).toEqual(services.a.properties.v);
  });
});

describe('strings a format cannot hold', () => {
  it('a NUL: read from JSON, written as JSON, an output error for Nix', async () => {
    const services = (await loadModels({ services: write(service('"nul\\u0000inside"')) })).services;
    expect(services.a.properties.v).toBe('nul\u0000inside');
    const value = MODEL_KINDS.services.toValue(services);
    expect(() => toNix(value)).toThrow(DyplanError);
    expect(() => toNix(value)).toThrow(/^cannot write "nul\\u0000inside" as Nix: a Nix string cannot hold the character U\+0000 \(use the JSON output\)$/);
  });

  it('control characters: valid Nix, an output error for XML (XML 1.0 cannot hold them)', async () => {
    const services = (await loadModels({ services: write(service('"\\u0001\\u001f"')) })).services;
    expect(checkNixLiteral(toNix(MODEL_KINDS.services.toValue(services)))).toBeNull();
    expect(() => MODEL_KINDS.services.toXml(services)).toThrow(/^cannot write ".*" as XML: XML 1\.0 has no way to hold the character U\+0001/);
  });
});
