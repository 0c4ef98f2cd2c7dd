/**
 * Model sets in the shape of the public Disnix examples (issue 8) give the same results as the same
 * models without those features: a services model importing a local folder by path interpolation
 * (not yet in the store), services generated from `invDistribution`, a nix-processmgmt processes
 * model, two targets sharing one hostname.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect } from 'vitest';
import { dyplan, itNix } from '../helpers/cli.js';

const tmp = mkdtempSync(join(tmpdir(), 'dyplan-shapes-'));
function write(name: string, text: string): string {
  const path = join(tmp, name);
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, text);
  return path;
}
// A value no earlier run has put in the store: the local folder is certainly not there yet.
const nonce = `${process.pid}-${Date.now()}-${Math.random()}`;

const infrastructure = write(
  'infrastructure.nix',
  `{
  test1 = { properties.hostname = "test1"; containers.process = {}; };
  test2 = { properties.hostname = "test2"; containers.process = {}; };
}`,
);
const idResources = write('idresources.json', JSON.stringify({ ports: { min: 3000, max: 3100, scope: 'global' } }));

function ok(args: string[]) {
  const result = dyplan(args);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  return result.stdout;
}

describe('Disnix example shapes', () => {
  itNix('a services model importing a local folder by path interpolation, not yet in the store', () => {
    write('local/nix-processmgmt/nixproc/names.nix', `{ nonce = "${nonce}"; port = 8080; }`);
    const services = write(
      'local/services.nix',
      `{ system, pkgs, distribution, invDistribution, nix-processmgmt ? ./nix-processmgmt }:
let names = import "\${nix-processmgmt}/nixproc/names.nix"; in
{
  web = { name = "web"; type = "process"; nonce = names.nonce; port = names.port; requiresUniqueIdsFor = [ "ports" ]; };
}`,
    );
    const plain = write(
      'local/plain.json',
      JSON.stringify({ web: { name: 'web', type: 'process', nonce, port: 8080, requiresUniqueIdsFor: ['ports'] } }),
    );
    expect(ok(['convert', '-s', services, '--json'])).toBe(ok(['convert', '-s', plain, '--json']));
    expect(ok(['id-assign', '-s', services, '--id-resources', idResources])).toBe(
      ok(['id-assign', '-s', plain, '--id-resources', idResources]),
    );
  });

  itNix('services generated from invDistribution exist when -d is given (the real distribution)', () => {
    const services = write(
      'generated/services.nix',
      `{ system, pkgs, distribution, invDistribution }:
let
  base = {
    app = { name = "app"; type = "process"; requiresUniqueIdsFor = [ "ports" ]; };
  };
  # One reverse proxy per target that runs something (virtualhosts' shape).
  proxies = builtins.listToAttrs (map (target: {
    name = "proxy-\${target}";
    value = { name = "proxy-\${target}"; type = "process"; requiresUniqueIdsFor = [ "ports" ]; };
  }) (builtins.filter (t: invDistribution.\${t}.services != {}) (builtins.attrNames invDistribution)));
in base // proxies`,
    );
    const distribution = write(
      'generated/distribution.nix',
      `{ infrastructure }: { app = [ infrastructure.test1 ]; proxy-test1 = [ infrastructure.test1 ]; }`,
    );
    const plainServices = write(
      'generated/services.json',
      JSON.stringify({
        app: { name: 'app', type: 'process', requiresUniqueIdsFor: ['ports'] },
        'proxy-test1': { name: 'proxy-test1', type: 'process', requiresUniqueIdsFor: ['ports'] },
      }),
    );
    const plainDistribution = write('generated/distribution.json', JSON.stringify({ app: ['test1'], 'proxy-test1': ['test1'] }));
    const withNix = ok(['id-assign', '-s', services, '-i', infrastructure, '-d', distribution, '--id-resources', idResources]);
    expect(withNix).toContain('"proxy-test1" = 3001;');
    expect(withNix).toBe(
      ok(['id-assign', '-s', plainServices, '-i', infrastructure, '-d', plainDistribution, '--id-resources', idResources]),
    );
    // A distribution from JSON reaches the Nix services model too.
    expect(ok(['id-assign', '-s', services, '-i', infrastructure, '-d', plainDistribution, '--id-resources', idResources])).toBe(withNix);
  });

  itNix("a nix-processmgmt processes model, called as nixproc-id-assign calls it", () => {
    const processes = write(
      'processes/processes.nix',
      `{ pkgs ? import <nixpkgs> { inherit system; }, system ? builtins.currentSystem
, stateDir ? "/var", runtimeDir ? "\${stateDir}/run", forceDisableUserChange ? false
, processManager, callingUser ? null }:
{
  webapp = { pkg = throw "never built"; requiresUniqueIdsFor = [ "ports" ]; manager = processManager; dir = runtimeDir; };
  nginx = { pkg = throw "never built"; requiresUniqueIdsFor = [ "ports" ]; dependsOn = {}; };
}`,
    );
    const plain = write(
      'processes/services.json',
      JSON.stringify({
        webapp: { name: 'webapp', type: 'process', requiresUniqueIdsFor: ['ports'], manager: 'disnix', dir: '/var/run' },
        nginx: { name: 'nginx', type: 'process', requiresUniqueIdsFor: ['ports'] },
      }),
    );
    expect(ok(['convert', '-s', processes, '--json'])).toBe(ok(['convert', '-s', plain, '--json']));
    expect(ok(['id-assign', '-s', processes, '--id-resources', idResources])).toBe(
      ok(['id-assign', '-s', plain, '--id-resources', idResources]),
    );
    // --extra-params overrides the defaults.
    const systemd = JSON.parse(ok(['convert', '-s', processes, '--json', '--extra-params', '{ processManager = "systemd"; }'])) as Record<string, { manager: string }>;
    expect(systemd.webapp.manager).toBe('systemd');
  });

  itNix('two targets with one hostname: one warning line, each mapping keeps its own target', () => {
    const shared = write(
      'shared/infrastructure.nix',
      `{
  test1 = { properties.hostname = "127.0.0.1"; containers.process = {}; };
  test2 = { properties.hostname = "127.0.0.1"; containers.process = {}; };
}`,
    );
    const distribution = write('shared/distribution.nix', '{ infrastructure }: { a = [ infrastructure.test2 ]; b = [ infrastructure.test1 ]; }');
    const result = dyplan(['convert', '-i', shared, '-d', distribution, '--json']);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe(
      `dyplan: warning: ${shared}: targets "test1" and "test2" share properties.hostname = "127.0.0.1" (Disnix reaches them as one machine)\n`,
    );
    expect(JSON.parse(result.stdout)).toEqual({ a: ['test2'], b: ['test1'] });
  });

  describe('the common Nix failures: one line naming the file and position, and the fix', () => {
    const env = { ...process.env, NIX_PATH: '' };
    const failure = (name: string, text: string) => {
      const file = write(`messages/${name}.nix`, text);
      const result = dyplan(['convert', '-s', file], { env });
      expect(result.code).toBe(1);
      expect(result.stderr.split('\n')).toHaveLength(2);
      return { file, stderr: result.stderr };
    };
    itNix('a missing <nixpkgs>', () => {
      const { file, stderr } = failure('nixpkgs', '{ system, pkgs, distribution, invDistribution }:\nlet lib = import <nixpkgs/lib>; in { a = { name = lib.id "a"; }; }\n');
      expect(stderr).toBe(`dyplan: ${file}:2:18: Nix evaluation failed: file 'nixpkgs/lib' was not found in the Nix search path (add it with -I nixpkgs=PATH or NIX_PATH)\n`);
    });
    itNix('a missing argument', () => {
      const { file, stderr } = failure('argument', '{ foo }:\n{ a = { name = "a"; v = foo; }; }\n');
      expect(stderr).toBe(`dyplan: ${file}:1:1: Nix evaluation failed: anonymous function at ${file}:1:1 called without required argument 'foo' (give it with --extra-params '{ foo = ...; }')\n`);
    });
    itNix('a file that does not exist', () => {
      const { file, stderr } = failure('missing', '{ ... }:\n{ a = { name = "a"; v = import ./nope.nix; }; }\n');
      expect(stderr).toBe(`dyplan: ${file}:2:21: Nix evaluation failed: file not found: ${join(tmp, 'messages', 'nope.nix')}\n`);
    });
  });
});
