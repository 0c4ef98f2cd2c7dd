/**
 * `dyplan completion bash|zsh|fish`: the bash script completes commands, options, choices and file
 * names in a scripted bash (the words bash would pass after a TAB); the zsh and fish scripts are
 * checked for syntax where those shells are installed. Every command and option of `--help` is in
 * every script, since all of them are generated from the same definitions.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { programSpec } from '../../src/cli-spec.js';
import { buildProgram } from '../../src/program.js';
import { dyplan } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'dyplan-completion-'));
const spec = programSpec(await buildProgram(() => undefined));

const scripts = new Map<string, string>();
function script(shell: string): string {
  if (!scripts.has(shell)) {
    const result = dyplan(['completion', shell]);
    expect(result.code, result.stderr).toBe(0);
    scripts.set(shell, result.stdout);
  }
  return scripts.get(shell) ?? '';
}

const bashScript = join(dir, 'dyplan.bash');
writeFileSync(bashScript, script('bash'));
writeFileSync(join(dir, 'services.json'), '{}');
writeFileSync(join(dir, 'services.nix'), '{}');

/** What bash offers after TAB on `line` (the cursor at its end), one candidate a line. */
function complete(line: string): string[] {
  const words = line.split(' ');
  const program = [
    `source ${JSON.stringify(bashScript)}`,
    `COMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')})`,
    `COMP_CWORD=${words.length - 1}`,
    `COMP_LINE=${JSON.stringify(line)}`,
    `COMP_POINT=${line.length}`,
    '_dyplan',
    `printf '%s\\n' "\${COMPREPLY[@]}"`,
  ].join('\n');
  const result = spawnSync('bash', ['--norc', '--noprofile', '-c', program], { cwd: dir, encoding: 'utf8' });
  expect(result.status, result.stderr).toBe(0);
  expect(result.stderr).toBe('');
  return result.stdout.split('\n').filter(Boolean).sort();
}

describe('dyplan completion bash', () => {
  it('completes command names', () => {
    expect(complete('dyplan mul')).toEqual(['multiwaycut']);
    expect(complete('dyplan visualize-')).toEqual([
      'visualize-distribution',
      'visualize-infra',
      'visualize-services',
    ]);
    expect(complete('dyplan ')).toEqual(expect.arrayContaining(spec.commands.map((c) => c.name)));
  });

  it("completes a command's options, and only its own", () => {
    expect(complete('dyplan multiwaycut --ti')).toEqual(['--time-limit']);
    expect(complete('dyplan multiwaycut -s services.json --out')).toEqual([
      '--output-file',
      '--output-graph',
      '--output-resolved-graph',
      '--output-xml',
    ]);
    expect(complete('dyplan graphcol --ex')).toEqual(['--exact', '--extra-params']);
    expect(complete('dyplan convert --ex')).toEqual(['--extra-params']);
  });

  it('completes the choices of an option and of an argument', () => {
    expect(complete('dyplan multiwaycut --input-format ')).toEqual(['json', 'nix', 'xml', 'yaml']);
    expect(complete('dyplan multiwaycut --algorithm i')).toEqual(['isolating-cuts']);
    expect(complete('dyplan completion ')).toEqual(['bash', 'fish', 'zsh']);
    expect(complete('dyplan help mult')).toEqual(['multiwaycut']);
  });

  it('completes file names for a file option', () => {
    expect(complete('dyplan multiwaycut -s serv')).toEqual(['services.json', 'services.nix']);
    expect(complete('dyplan multiwaycut --services services.j')).toEqual(['services.json']);
  });

  it('lists every command and option that --help lists', () => {
    const text = script('bash');
    for (const command of spec.commands) {
      expect(text).toContain(`    ${command.name})`);
      for (const option of command.options) expect(text).toContain(option.long ?? option.short);
    }
  });
});

/** zsh and fish run where installed, and always in CI (.ci/run installs them). */
const hasShell = (shell: string) =>
  process.env.CI === 'true' || spawnSync(shell, ['-c', 'exit 0']).status === 0;

describe.each(['zsh', 'fish'])('dyplan completion %s', (shell) => {
  it('names every command and option', () => {
    const text = script(shell);
    for (const command of spec.commands) {
      expect(text).toContain(command.name);
      for (const option of command.options)
        expect(text).toContain(
          shell === 'fish' && option.long ? `-l ${option.long.slice(2)}` : (option.long ?? option.short),
        );
    }
  });

  it.skipIf(!hasShell(shell))('is valid shell syntax and loads', () => {
    const file = join(dir, `dyplan.${shell}`);
    writeFileSync(file, script(shell));
    const syntax = spawnSync(shell, ['-n', file], { encoding: 'utf8' });
    expect(syntax.stderr).toBe('');
    expect(syntax.status).toBe(0);
    const load =
      shell === 'zsh'
        ? `autoload -U compinit; compinit -u -D; source ${JSON.stringify(file)}; print -r -- $_comps[dyplan]`
        : `source ${JSON.stringify(file)}; complete -c dyplan | count`;
    const loaded = spawnSync(shell, ['-c', load], {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, HOME: dir },
    });
    expect(loaded.stderr).toBe('');
    expect(loaded.stdout.trim()).toMatch(shell === 'zsh' ? /^_dyplan$/ : /^[1-9]\d+$/);
  });
});

describe.skipIf(!hasShell('fish'))('dyplan completion fish, completing', () => {
  /** What fish offers for `line` (`complete -C`), the candidates without their descriptions. */
  const fishComplete = (line: string) => {
    const file = join(dir, 'dyplan.fish');
    writeFileSync(file, script('fish'));
    const result = spawnSync(
      'fish',
      ['-c', `source ${JSON.stringify(file)}; complete -C ${JSON.stringify(line)}`],
      {
        cwd: dir,
        encoding: 'utf8',
        env: { ...process.env, HOME: dir },
      },
    );
    expect(result.stderr).toBe('');
    return result.stdout
      .split('\n')
      .filter(Boolean)
      .map((l) => l.split('\t')[0])
      .sort();
  };

  it('completes commands, options, choices and files', () => {
    expect(fishComplete('dyplan mul')).toEqual(['multiwaycut']);
    expect(fishComplete('dyplan multiwaycut --ti')).toEqual(['--time-limit']);
    expect(fishComplete('dyplan multiwaycut --input-format ')).toEqual(['json', 'nix', 'xml', 'yaml']);
    expect(fishComplete('dyplan multiwaycut -s serv')).toEqual(['services.json', 'services.nix']);
    expect(fishComplete('dyplan completion ')).toEqual(['bash', 'fish', 'zsh']);
  });
});

it('an unknown shell is bad usage', () => {
  const result = dyplan(['completion', 'tcsh']);
  expect(result.code).toBe(2);
  expect(result.stderr).toMatch(/^dyplan: .*'tcsh' is invalid .*Allowed choices are bash, zsh, fish\./);
  expect(result.stderr.trim().split('\n')).toHaveLength(1);
});
