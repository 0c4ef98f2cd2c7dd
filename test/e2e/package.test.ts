/**
 * The npm package as a user gets it: `npm pack` contents (the program, its types, the Nix files,
 * the man page and LICENSE; no benchmarks, tests or source maps), then install into a scratch
 * project, type-check and run the README's library example against the installed package, and
 * run its `dyplan` binary. Packs with --ignore-scripts after writing the man page itself: `prepack`
 * (npm run build) would rewrite dist/ under the other test files running at the same time.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLES, ROOT, itNix } from '../helpers/cli.js';

const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  version: string;
  scripts: Record<string, string>;
  dependencies: Record<string, string>;
  files: string[];
};
const work = mkdtempSync(join(tmpdir(), 'dyplan-package-'));
const project = join(work, 'project');
const npm = (args: string[], cwd: string) =>
  execFileSync('npm', [...args, '--no-audit', '--no-fund', '--loglevel=error'], { cwd, encoding: 'utf8' });

/** The library example of the README (the ```ts block under "## Library"). */
function readmeExample(): string {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('\n## Library'));
  const match = /```ts\n([\s\S]*?)```/.exec(section);
  if (!match) throw new Error('README.md: no ```ts example under "## Library"');
  return match[1];
}

let tarball = '';
let packed: string[] = [];

beforeAll(() => {
  execFileSync(process.execPath, ['dist/src/man-page.js', 'dyplan.1'], { cwd: ROOT });
  const [info] = JSON.parse(
    npm(['pack', '--ignore-scripts', '--json', '--pack-destination', work], ROOT),
  ) as {
    filename: string;
    files: { path: string }[];
  }[];
  tarball = join(work, info.filename);
  packed = info.files.map((f) => f.path).sort();

  mkdirSync(project);
  writeFileSync(
    join(project, 'package.json'),
    JSON.stringify({ name: 'scratch', version: '1.0.0', private: true, type: 'module' }),
  );
  // From npm's cache where it can (npm ci filled it), else the registry.
  npm(['install', '--prefer-offline', tarball], project);
});

describe('the npm package', () => {
  it('builds before packing and ships the program, types, Nix files, man page and LICENSE only', () => {
    expect(pkg.scripts.prepack).toMatch(/npm run build/);
    expect(pkg.scripts.build).toMatch(/^tsc -p tsconfig\.json && .*node dist\/src\/man-page\.js dyplan\.1/);
    for (const file of [
      'LICENSE',
      'README.md',
      'package.json',
      'dyplan.1',
      'dist/src/cli.js',
      'dist/src/index.js',
      'dist/src/index.d.ts',
      // The page script of `dyplan view`, bundled at build time.
      'dist/src/view/client.js',
      'models/nix/evaluate-models.nix',
    ])
      expect(packed).toContain(file);
    // Every Nix file the program reads at run time (beside the sources, not compiled into dist/).
    const nixFiles = execFileSync('git', ['ls-files', '*.nix'], { cwd: ROOT, encoding: 'utf8' })
      .split('\n')
      .filter((f) => f && !/^(test|examples|bench|docs)\//.test(f));
    expect(nixFiles.length).toBeGreaterThan(2);
    for (const file of nixFiles) expect(packed).toContain(file);
    const unwanted = packed.filter(
      (f) => /\.map$|\.ts$/.test(f.replace(/\.d\.ts$/, '')) || /^(dist\/)?(bench|test|examples)\//.test(f),
    );
    expect(unwanted).toEqual([]);
    expect(Object.keys(pkg.dependencies)).not.toContain('@viz-js/viz');
  });

  it('the README example type-checks against the installed package and runs', () => {
    writeFileSync(join(project, 'example.ts'), readmeExample());
    writeFileSync(
      join(project, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'ES2022',
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          strict: true,
          // The example against dyplan's types, not the type-checking of every installed .d.ts.
          skipLibCheck: true,
          outDir: 'out',
          // Node's types from dyplan's own install: the scratch project installs only dyplan.
          typeRoots: [join(ROOT, 'node_modules/@types')],
          types: ['node'],
        },
        files: ['example.ts'],
      }),
    );
    const tsc = spawnSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', project], {
      encoding: 'utf8',
    });
    expect(tsc.stdout + tsc.stderr).toBe('');
    expect(tsc.status).toBe(0);

    const run = spawnSync(process.execPath, [join(project, 'out/example.js')], {
      cwd: `${EXAMPLES}/testservices/json`,
      encoding: 'utf8',
    });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^multiwaycut: 0 of 3 links cross targets; lower bound 0 \(optimal\)$/m);
    expect(run.stdout).toContain('"testService1" = [\n    "testtarget1"\n  ];');
    expect(run.stdout).toContain('"testService3" = 3002;');
    expect(run.stdout).toContain('{ kept: 0, added: 3, removed: 0 }');
    expect(run.stdout).toMatch(/^SVG: [1-9]\d+ characters$/m);
  });

  it('deep imports are closed; the documented entry and package.json are open', () => {
    const probe = (specifier: string) =>
      spawnSync(
        process.execPath,
        ['--input-type=module', '-e', `import.meta.resolve(${JSON.stringify(specifier)})`],
        {
          cwd: project,
          encoding: 'utf8',
        },
      ).status;
    expect(probe('dyplan')).toBe(0);
    expect(probe('dyplan/package.json')).toBe(0);
    expect(probe('dyplan/dist/src/plans/index.js')).not.toBe(0);
  });

  it('installs the dyplan command, with the version of package.json', () => {
    const bin = join(project, 'node_modules/.bin/dyplan');
    expect(existsSync(bin)).toBe(true);
    expect(execFileSync(bin, ['--version'], { encoding: 'utf8' }).trim()).toBe(pkg.version);
  });

  itNix('the installed command reads Nix models (its Nix files are in the package)', () => {
    const bin = join(project, 'node_modules/.bin/dyplan');
    const result = spawnSync(bin, ['convert', '-s', `${EXAMPLES}/testservices/services.nix`, '--json'], {
      cwd: work,
      encoding: 'utf8',
    });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(Object.keys(JSON.parse(result.stdout) as object)).toContain('testService1');
  });
});
