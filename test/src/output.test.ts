/**
 * Transactional output (issue 8): a file is written through a symbolic link and keeps its mode; a
 * folder that cannot be written fails at once with one line; a batch tree that fails halfway leaves
 * nothing behind (no file, no temporary folder).
 */
import { chmodSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, readlinkSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { OutputError } from '../../src/errors.js';
import { writeFileAtomic, writeTreeAtomic } from '../../src/output.js';
import { runInProcess } from '../helpers/in-process.js';

const root = mkdtempSync(join(tmpdir(), 'dyplan-output-'));
afterAll(() => {
  chmodSync(root, 0o755);
  rmSync(root, { recursive: true, force: true });
});
let n = 0;
const fresh = () => {
  const dir = join(root, String(n++));
  mkdirSync(dir);
  return dir;
};
const isRoot = process.getuid?.() === 0;

async function outputError(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(OutputError);
  const { message } = error as OutputError;
  expect(message).not.toContain('\n');
  return message;
}

describe('writeFileAtomic', () => {
  it('writes through a symbolic link: the link stays, its target gets the contents', async () => {
    const dir = fresh();
    mkdirSync(join(dir, 'real'));
    writeFileSync(join(dir, 'real', 'ids.nix'), 'old');
    symlinkSync('real/ids.nix', join(dir, 'ids.nix'));
    await writeFileAtomic(join(dir, 'ids.nix'), 'new');
    expect(lstatSync(join(dir, 'ids.nix')).isSymbolicLink()).toBe(true);
    expect(readlinkSync(join(dir, 'ids.nix'))).toBe('real/ids.nix');
    expect(readFileSync(join(dir, 'real', 'ids.nix'), 'utf8')).toBe('new');
    expect(readdirSync(join(dir, 'real'))).toEqual(['ids.nix']);
  });

  it('keeps the mode of the file it replaces', async () => {
    const dir = fresh();
    const file = join(dir, 'ids.nix');
    writeFileSync(file, 'old');
    chmodSync(file, 0o640);
    await writeFileAtomic(file, 'new');
    expect(statSync(file).mode & 0o777).toBe(0o640);
    expect(readFileSync(file, 'utf8')).toBe('new');
  });

  (isRoot ? it.skip : it)('a read-only folder: one line, the old file untouched, no temporary file', async () => {
    const dir = fresh();
    const file = join(dir, 'ids.nix');
    writeFileSync(file, 'old');
    chmodSync(dir, 0o555);
    try {
      expect(await outputError(writeFileAtomic(file, 'new'))).toBe(`${file}: cannot write the output file (permission denied)`);
      expect(readFileSync(file, 'utf8')).toBe('old');
      expect(readdirSync(dir)).toEqual(['ids.nix']);
    } finally {
      chmodSync(dir, 0o755);
    }
  });

  it('a folder that does not exist, or a full device: one line', async () => {
    const dir = fresh();
    expect(await outputError(writeFileAtomic(join(dir, 'missing', 'x'), 'new'))).toBe(
      `${join(dir, 'missing', 'x')}: cannot write the output file (no such folder)`,
    );
    // /dev/full fails every write with ENOSPC. A device is written into, never replaced by a file.
    if (existsSync('/dev/full')) {
      expect(await outputError(writeFileAtomic('/dev/full', 'x'))).toBe('/dev/full: cannot write the output file (no space left on the device)');
      expect(statSync('/dev/full').isCharacterDevice()).toBe(true);
    }
  });
});

describe('writeTreeAtomic', () => {
  it('writes every file, creating folders', async () => {
    const dir = join(fresh(), 'out');
    await writeTreeAtomic(dir, new Map([['a/b/index.html', 'x'], ['index.html', 'y']]));
    expect(readFileSync(join(dir, 'a', 'b', 'index.html'), 'utf8')).toBe('x');
    expect(readdirSync(dir).sort()).toEqual(['a', 'index.html']);
  });

  it('a file that fails halfway leaves nothing behind', async () => {
    const dir = join(fresh(), 'out');
    mkdirSync(dir);
    writeFileSync(join(dir, 'keep.txt'), 'mine');
    const files = new Map<string, string>([
      ['a/index.html', 'x'],
      [`${'x'.repeat(300)}/index.html`, 'too long a name'],
      ['z/index.html', 'z'],
    ]);
    expect(await outputError(writeTreeAtomic(dir, files))).toMatch(/cannot write the output file \(the file name is too long\)$/);
    expect(readdirSync(dir)).toEqual(['keep.txt']);
  });

  it('an output folder under a file: one line at once', async () => {
    const dir = fresh();
    writeFileSync(join(dir, 'file'), '');
    expect(await outputError(writeTreeAtomic(join(dir, 'file', 'out'), new Map([['a', 'x']])))).toBe(
      `${join(dir, 'file', 'out')}: cannot create the output folder (a component of the path is not a folder)`,
    );
  });

  it('an output folder under /proc: one line at once', async () => {
    if (!existsSync('/proc/self')) return;
    const message = await outputError(writeTreeAtomic('/proc/dyplan-out', new Map([['a', 'x']])));
    expect(message).toMatch(/^\/proc\/dyplan-out: cannot create the output folder \(.+\)$/);
  });
});

describe('through the CLI', () => {
  it('id-assign --output-file on a symlinked ids file updates the target, keeps the link', async () => {
    const dir = fresh();
    writeFileSync(join(dir, 'services.json'), JSON.stringify({ a: { name: 'a', requiresUniqueIdsFor: ['ports'] } }));
    writeFileSync(join(dir, 'idresources.json'), JSON.stringify({ ports: { min: 3000, max: 3010 } }));
    mkdirSync(join(dir, 'state'));
    writeFileSync(join(dir, 'state', 'ids.json'), JSON.stringify({ ids: { ports: { a: 3005 } } }));
    symlinkSync('state/ids.json', join(dir, 'ids.json'));
    const result = await runInProcess([
      'id-assign', '-s', join(dir, 'services.json'), '--id-resources', join(dir, 'idresources.json'),
      '--ids', join(dir, 'ids.json'), '--json', '--output-file', join(dir, 'ids.json'),
    ]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(lstatSync(join(dir, 'ids.json')).isSymbolicLink()).toBe(true);
    expect(JSON.parse(readFileSync(join(dir, 'state', 'ids.json'), 'utf8'))).toMatchObject({ ids: { ports: { a: 3005 } } });
  });

  it('a batch whose output folder cannot be created: exit 1, one line', async () => {
    const dir = fresh();
    writeFileSync(join(dir, 'services.json'), JSON.stringify({ a: { name: 'a', group: 'g' } }));
    writeFileSync(join(dir, 'file'), '');
    const result = await runInProcess(['visualize-services', '-s', join(dir, 'services.json'), '--batch', '--output-dir', join(dir, 'file', 'out')]);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(`dyplan: ${join(dir, 'file', 'out')}: cannot create the output folder (a component of the path is not a folder)\n`);
  });
});
