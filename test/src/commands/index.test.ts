/**
 * The commands are registered on use (src/commands/index.ts): a run loads only the command it
 * names. The table of names must match what each module registers, or a command would be missing
 * from a run that names it.
 */
import { describe, expect, it } from 'vitest';
import { COMMAND_MODULES } from '../../../src/commands/index.js';
import { buildProgram, runCli } from '../../../src/program.js';
import { runInProcess } from '../../helpers/in-process.js';

const names = async (command?: string) =>
  (await buildProgram(() => undefined, command)).commands.map((c) => c.name());

describe('commands registered on use', () => {
  it('the table names exactly the commands the modules register, in the order of --help', async () => {
    expect(await names()).toEqual(COMMAND_MODULES.flatMap((m) => m.names));
  });

  it('a run that names a command registers its module only; anything else registers them all', async () => {
    expect(await names('gendist')).toEqual(['gendist']);
    expect(await names('visualize-infra')).toEqual(
      COMMAND_MODULES.find((m) => m.names.includes('visualize-infra'))?.names,
    );
    const all = COMMAND_MODULES.flatMap((m) => m.names);
    for (const other of ['completion', 'help', '--help', 'gendsit', '__proto__', 'toString'])
      expect(await names(other), other).toEqual(all);
  });

  it('a misspelt command is still named with its fix, and help still lists every command', async () => {
    const typo = await runInProcess(['gendsit'], { cli: runCli });
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain('(Did you mean gendist?)');
    const help = await runInProcess(['--help'], { cli: runCli });
    for (const name of COMMAND_MODULES.flatMap((m) => m.names)) expect(help.stdout).toContain(`  ${name} `);
  });
});
