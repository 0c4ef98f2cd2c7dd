/**
 * Every sub-command of `dyplan`; each module registers one (visualize.ts several). The modules are
 * loaded on use: a run registers only the command it names, so start-up loads that command's
 * modules and not the other thirteen (Node's ES module loader costs about 2 ms a module, on the
 * way to the first nix-instantiate). Help, completion and anything unknown register them all.
 */
import type { Command } from 'commander';
import type { ActionRunner } from './options.js';

type Register = (program: Command, run: ActionRunner) => void;

/** The commands, in the order of `--help`, with the names each module registers. */
export const COMMAND_MODULES: readonly { names: readonly string[]; load: () => Promise<Register> }[] = [
  { names: ['id-assign'], load: async () => (await import('./id-assign.js')).registerIdAssign },
  { names: ['convert'], load: async () => (await import('./convert.js')).registerConvert },
  { names: ['multiwaycut'], load: async () => (await import('./multiwaycut.js')).registerMultiwayCut },
  { names: ['graphcol'], load: async () => (await import('./graphcol.js')).registerGraphCol },
  { names: ['minsetcover'], load: async () => (await import('./minsetcover.js')).registerMinSetCover },
  { names: ['divide'], load: async () => (await import('./divide.js')).registerDivide },
  { names: ['place'], load: async () => (await import('./place.js')).registerPlace },
  {
    names: [
      'visualize-services',
      'visualize-infra',
      'visualize-distribution',
      'document-services',
      'generate-services-docs',
    ],
    load: async () => (await import('./visualize.js')).registerVisualize,
  },
  { names: ['gendist'], load: async () => (await import('./gendist.js')).registerGendist },
  { names: ['augment-infra'], load: async () => (await import('./augment-infra.js')).registerAugmentInfra },
  {
    names: ['filter-buildable'],
    load: async () => (await import('./filter-buildable.js')).registerFilterBuildable,
  },
  {
    names: ['previous-distribution'],
    load: async () => (await import('./previous-distribution.js')).registerPreviousDistribution,
  },
  // Last in --help: a utility, not a Disnix tool.
  { names: ['completion'], load: async () => (await import('./completion.js')).registerCompletion },
  { names: ['view'], load: async () => (await import('./view.js')).registerView },
];

/** Commands that describe the whole program, so need every command registered. */
const WHOLE_PROGRAM: ReadonlySet<string> = new Set(['completion']);

/**
 * Registers the command named `only` (the first word of the command line), or every command when
 * it names none of them (help, a typo to suggest a fix for) or one that describes them all.
 */
export async function registerCommands(program: Command, run: ActionRunner, only?: string): Promise<void> {
  const named =
    only === undefined || WHOLE_PROGRAM.has(only)
      ? []
      : COMMAND_MODULES.filter((m) => m.names.includes(only));
  const modules = named.length > 0 ? named : COMMAND_MODULES;
  const registers = await Promise.all(modules.map((m) => m.load()));
  for (const register of registers) register(program, run);
}
