/**
 * dyplan.1 is generated from the commander definitions that `--help` prints: every command and
 * every option of `--help` is in it, with its description, and man(1) renders it without warnings.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { programSpec } from '../../src/cli-spec.js';
import { manPage } from '../../src/man-page.js';
import { buildProgram, packageVersion } from '../../src/program.js';

const program = await buildProgram(() => undefined);
const spec = programSpec(program);
const page = manPage(spec);
const HAS_MAN = spawnSync('man', ['--version']).status === 0;

/** Text as man shows it, without formatting, in one line per paragraph-ish chunk. */
function rendered(): { text: string; warnings: string } {
  const file = join(mkdtempSync(join(tmpdir(), 'dyplan-man-')), 'dyplan.1');
  writeFileSync(file, page);
  const result = spawnSync('man', ['--warnings', '-l', file], {
    encoding: 'utf8',
    env: { ...process.env, MANWIDTH: '200', MANPAGER: 'cat', PAGER: 'cat', MAN_KEEP_FORMATTING: '' },
  });
  expect(result.status, result.stderr).toBe(0);
  // Into a pipe, man prints plain text (no overstrike formatting).
  return { text: result.stdout, warnings: result.stderr };
}

describe('the man page', () => {
  it('has every command and option of --help, with their descriptions', () => {
    const help = program.helpInformation();
    for (const command of program.commands) {
      expect(help).toContain(command.name());
      expect(page).toContain(`.SS ${command.name().replaceAll('-', '\\-')}`);
    }
    for (const command of spec.commands)
      for (const option of command.options) {
        expect(page).toContain(`\\fB${(option.long ?? option.short ?? '').replaceAll('-', '\\-')}\\fR`);
        expect(page).toContain(option.description.replaceAll('-', '\\-').replaceAll('\\e', '\\e'));
      }
    expect(page).toContain(`"dyplan ${packageVersion()}"`);
  });

  it.skipIf(!HAS_MAN && process.env.CI !== 'true')('renders with man, without warnings', () => {
    const { text, warnings } = rendered();
    expect(warnings).toBe('');
    expect(text).toMatch(/^DYPLAN\(1\)/);
    expect(text).toContain('dyplan - deployment planner');
    expect(text).toMatch(/--time-limit seconds\s+time limit of --exact and of the LP bound \(default 30\)\./);
    expect(text).toMatch(/141\s+standard output was closed/);
  });
});
