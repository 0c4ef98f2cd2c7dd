/**
 * How Nix models are evaluated: arguments passed as dydisnix passes them, `pkg` never forced, the
 * lib stand-in, -I and --show-trace passed on, all models in one nix-instantiate process.
 */
import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect } from 'vitest';
import { EXAMPLES, dyplan, itNix } from '../helpers/cli.js';

const tmp = mkdtempSync(join(tmpdir(), 'dyplan-nix-'));
function write(name: string, text: string): string {
  const path = join(tmp, name);
  writeFileSync(path, text);
  return path;
}

describe('Nix model evaluation', () => {
  itNix('--extra-params reaches the services model only through the arguments it declares', () => {
    const services = `${EXAMPLES}/webapps/services.nix`;
    const plain = dyplan(['convert', '-s', services, '--json']);
    expect(JSON.parse(plain.stdout).webapp1.type).toBe('sysvinit-script');
    const extra = dyplan([
      'convert',
      '-s',
      services,
      '--json',
      '--extra-params',
      '{ processManager = "systemd"; unrelated = 1; }',
    ]);
    expect(extra.code, extra.stderr).toBe(0);
    expect(JSON.parse(extra.stdout).webapp1.type).toBe('systemd-script');
  });

  itNix('a model without "..." is called with exactly the arguments it declares', () => {
    const s = write(
      'strict-args.nix',
      '{ system }:\n{ a = { name = "a"; sys = system; pkg = throw "never forced"; }; }\n',
    );
    const result = dyplan(['convert', '-s', s, '--json', '--extra-params', '{ other = true; }']);
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout).a.sys).toMatch(/-/);
    expect(JSON.parse(result.stdout).a).not.toHaveProperty('pkg');
  });

  itNix('functions, derivations and paths in properties do not break evaluation', () => {
    const s = write(
      'odd-values.nix',
      '{ pkgs, ... }:\n{ a = { name = "a"; f = x: x; path = ./odd-values.nix; drv = derivation { name = "d"; system = "x"; builder = "/bin/sh"; }; list = [ 1 (y: y) ]; }; }\n',
    );
    const result = dyplan(['convert', '-s', s, '--json']);
    expect(result.code, result.stderr).toBe(0);
    const a = JSON.parse(result.stdout).a;
    expect(a.path).toBe(s);
    expect(a).not.toHaveProperty('f');
    expect(a).not.toHaveProperty('drv');
    expect(a.list).toEqual([1]);
  });

  itNix('pkgs.lib works without nixpkgs (built-in stand-in)', () => {
    const s = write(
      'uses-lib.nix',
      '{ pkgs, ... }:\nlet lib = pkgs.lib; in\n{ a = { name = "a"; } // lib.optionalAttrs true { extra = lib.concatStringsSep "," [ "x" "y" ]; }; }\n',
    );
    const result = dyplan(['convert', '-s', s, '--json']);
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout).a.extra).toBe('x,y');
  });

  itNix('-I adds to the Nix search path', () => {
    const dir = join(tmp, 'search');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'ports.nix'), '{ min = 7000; max = 7010; }');
    const r = write('from-search-path.nix', '{ ports = import <custom/ports.nix>; }\n');
    const result = dyplan(['convert', '--id-resources', r, '--json', '-I', `custom=${dir}`]);
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({ ports: { max: 7010, min: 7000, scope: 'global', step: 1 } });
  });

  itNix('--show-trace shows the Nix trace after the one-line error', () => {
    const s = write(
      'trace.nix',
      '{ system, ... }:\nlet f = x: throw "boom ${x}"; in { a = { name = "a"; v = f "here"; }; }\n',
    );
    const quiet = dyplan(['convert', '-s', s]);
    expect(quiet.code).toBe(1);
    expect(quiet.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(quiet.stderr).toContain('boom here');
    const traced = dyplan(['convert', '-s', s, '--show-trace']);
    expect(traced.code).toBe(1);
    expect(traced.stderr.split('\n').length).toBeGreaterThan(2);
    expect(traced.stderr).toContain('boom here');
  });

  itNix('a distribution with container mappings keeps them (bug 1) and maps targets by hostname', () => {
    const result = dyplan([
      'convert',
      '-i',
      `${EXAMPLES}/testservices/infrastructure.nix`,
      '-d',
      `${EXAMPLES}/testservices/distribution-cartesian.nix`,
    ]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      '"testService2" = [\n    {\n      "target" = "testtarget1";\n      "container" = "echo";\n    }',
    );
  });

  itNix('targets are matched through a custom targetProperty', () => {
    const infra = write(
      'infra-tp.nix',
      '{ m1 = { targetProperty = "address"; properties = { address = "10.0.0.1"; }; }; }\n',
    );
    const dist = write('dist-tp.nix', '{infrastructure}:\n{ a = [ infrastructure.m1 ]; }\n');
    const result = dyplan(['convert', '-i', infra, '-d', dist, '--json']);
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({ a: ['m1'] });
  });
});
