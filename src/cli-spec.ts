/**
 * The command line as data, read from the commander definitions that `--help` prints (commander's
 * own Help: the same visible commands, options and arguments), so that the man page and the shell
 * completions are generated from them and cannot drift from `--help`.
 */
import type { Command } from 'commander';

export interface OptionSpec {
  /** `-s`, or undefined. */
  short?: string;
  /** `--services`, or undefined for a short-only option. */
  long?: string;
  /** As written in `--help`: `-s, --services <file>`. */
  flags: string;
  description: string;
  /** The option takes a value (`<file>`), as opposed to a switch. */
  takesValue: boolean;
  /** `<file>`, `<format>`: the placeholder of the value, without brackets. */
  valueName?: string;
  choices?: readonly string[];
  /** The default, as `--help` shows it. */
  defaultText?: string;
  required: boolean;
}

export interface ArgumentSpec {
  name: string;
  description: string;
  required: boolean;
  choices?: readonly string[];
}

export interface CommandSpec {
  name: string;
  description: string;
  usage: string;
  options: OptionSpec[];
  arguments: ArgumentSpec[];
}

export interface ProgramSpec extends CommandSpec {
  version?: string;
  commands: CommandSpec[];
}

function commandSpec(command: Command, prefix = ''): CommandSpec {
  const help = command.createHelp();
  return {
    name: command.name(),
    description: command.description(),
    usage: `${prefix}${command.name()} ${command.usage()}`.trim(),
    options: help.visibleOptions(command).map((option) => ({
      short: option.short,
      long: option.long,
      flags: option.flags,
      description: option.description,
      takesValue: option.required || option.optional,
      valueName: /[<[]([^>\]]+)[>\]]/.exec(option.flags)?.[1],
      choices: option.argChoices,
      defaultText:
        option.defaultValueDescription ??
        (option.defaultValue === undefined || typeof option.defaultValue === 'boolean'
          ? undefined
          : JSON.stringify(option.defaultValue)),
      required: option.mandatory,
    })),
    arguments: help.visibleArguments(command).map((argument) => ({
      name: argument.name(),
      description: argument.description,
      required: argument.required,
      choices: argument.argChoices,
    })),
  };
}

/** The program and its visible sub-commands (the `help` command included), in `--help` order. */
export function programSpec(program: Command): ProgramSpec {
  const help = program.createHelp();
  return {
    ...commandSpec(program),
    version: program.version(),
    commands: help.visibleCommands(program).map((command) => {
      // commander's implicit `help` command is not in program.commands; describe it as --help does.
      const spec = commandSpec(command, `${program.name()} `);
      return command.name() === 'help'
        ? { ...spec, arguments: [{ name: 'command', description: 'a command', required: false }] }
        : spec;
    }),
  };
}
