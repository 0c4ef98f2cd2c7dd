/**
 * The manual page dyplan.1, generated from the command definitions that `--help` prints
 * (src/cli-spec.ts), so the two cannot drift. `npm run build` (and so `npm pack`) writes it:
 *   node dist/src/man-page.js dyplan.1
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { CommandSpec, OptionSpec, ProgramSpec } from './cli-spec.js';

/** Text for roff: backslashes and hyphens escaped, no line starting with a control character. */
function roff(text: string): string {
  return text
    .replaceAll('\\', '\\e')
    .replaceAll('-', '\\-')
    .split('\n')
    .map((line) => (/^[.']/.test(line) ? `\\&${line}` : line))
    .join('\n');
}

function optionItem(option: OptionSpec): string {
  const names = [option.short, option.long].filter(Boolean).map((f) => `\\fB${roff(f ?? '')}\\fR`);
  const value = option.valueName ? ` \\fI${roff(option.valueName)}\\fR` : '';
  const extras = [
    option.choices?.length ? `one of ${option.choices.map((c) => `\\fB${roff(c)}\\fR`).join(', ')}` : '',
    option.defaultText !== undefined ? `default ${roff(option.defaultText)}` : '',
    option.required ? 'required' : '',
  ].filter(Boolean);
  return [
    '.TP',
    `${names.join(', ')}${value}`,
    `${roff(option.description)}${extras.length ? ` (${extras.join('; ')})` : ''}.`,
  ].join('\n');
}

function commandSection(command: CommandSpec): string {
  return [
    `.SS ${roff(command.name)}`,
    `\\fB${roff(command.usage)}\\fR`,
    '.br',
    `${roff(command.description)}.`,
    ...command.arguments.map((a) =>
      [
        '.TP',
        `\\fI${roff(a.name)}\\fR`,
        `${roff(a.description || a.name)}${a.choices?.length ? ` (one of ${a.choices.map((c) => `\\fB${roff(c)}\\fR`).join(', ')})` : ''}.`,
      ].join('\n'),
    ),
    ...command.options.map(optionItem),
  ].join('\n');
}

/** Exit statuses, as docs/cli.md states them. */
const EXIT_STATUS: [string, string][] = [
  ['0', 'success'],
  [
    '1',
    'bad input, an infeasible plan or an exhausted ID pool (one line naming the file, the field or the resource)',
  ],
  ['2', 'bad usage: an unknown option, a missing or conflicting one, a value that is not allowed (one line)'],
  ['70', 'an internal error (a bug in dyplan; one line saying so)'],
  ['141', 'standard output was closed by its reader (as for a program killed by SIGPIPE)'],
];

/** The manual page in roff (man(7) macros). */
export function manPage(spec: ProgramSpec): string {
  const name = spec.name;
  return `${[
    `.TH ${roff(name.toUpperCase())} 1 "" "${roff(`${name} ${spec.version ?? ''}`.trim())}" "User Commands"`,
    '.SH NAME',
    `${roff(name)} \\- ${roff(spec.description)}`,
    '.SH SYNOPSIS',
    `\\fB${roff(name)}\\fR \\fIcommand\\fR [\\fIoptions\\fR]`,
    '.br',
    `\\fB${roff(name)}\\fR \\fB\\-\\-help\\fR | \\fB\\-\\-version\\fR`,
    '.SH DESCRIPTION',
    roff(
      `${name} reads its models from files (the format by extension, or --input-format), prints its ` +
        'result as a deterministic Nix expression (or --json, or --output-xml) on standard output or ' +
        'atomically into --output-file, and writes diagnostics to standard error. ' +
        `\`${name} COMMAND --help\` prints the options of one command, as below.`,
    ),
    '.SH OPTIONS',
    ...spec.options.map(optionItem),
    '.SH COMMANDS',
    ...spec.commands.map(commandSection),
    '.SH EXIT STATUS',
    ...EXIT_STATUS.map(([code, text]) => ['.TP', `\\fB${code}\\fR`, `${roff(text)}.`].join('\n')),
    '.SH ENVIRONMENT',
    '.TP',
    '\\fBDISNIX_TARGET_PROPERTY\\fR',
    roff('The infrastructure property that names a target (default: hostname), as in Disnix.'),
    '.SH SEE ALSO',
    roff(`nix-instantiate(1), disnix-env(1); ${name} completion bash|zsh|fish for shell completion.`),
  ].join('\n')}\n`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [file] = process.argv.slice(2);
  const { buildProgram } = await import('./program.js');
  const { programSpec } = await import('./cli-spec.js');
  const text = manPage(programSpec(await buildProgram(() => undefined)));
  if (file) writeFileSync(file, text);
  else process.stdout.write(text);
}
