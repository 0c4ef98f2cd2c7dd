/** The one channel for summary lines, warnings and progress: --quiet, --verbose, a terminal or not. */
import { describe, expect, it } from 'vitest';
import { StderrDiagnostics, type Verbosity } from '../../src/diagnostics.js';

function setup(verbosity: Verbosity, isTTY: boolean) {
  const written: string[] = [];
  let clock = 0;
  const sink = new StderrDiagnostics({
    verbosity,
    stream: { write: (text: string) => written.push(text), isTTY, columns: 40 },
    now: () => clock,
  });
  return { sink, written, advance: (ms: number) => (clock += ms) };
}

/** What a terminal shows at the end: carriage returns and erase-line applied. */
function screen(written: string[]): string {
  const lines = [''];
  for (const chunk of written) {
    // eslint-disable-next-line no-control-regex -- the terminal's erase-line sequence
    for (const part of chunk.split(/(\r|\n|\x1b\[K)/)) {
      if (part === '\r') lines[lines.length - 1] = '';
      else if (part === '\n') lines.push('');
      else if (part !== '\x1b[K') lines[lines.length - 1] += part;
    }
  }
  return lines.join('\n');
}

describe('diagnostics', () => {
  it('normal, not a terminal: summaries and warnings, no progress', () => {
    const { sink, written, advance } = setup('normal', false);
    const end = sink.phase('plan');
    advance(1500);
    sink.summary('multiwaycut: 3 of 10 links cross targets');
    sink.warning('two targets share a hostname');
    end();
    expect(written.join('')).toBe(
      'multiwaycut: 3 of 10 links cross targets\ndyplan: warning: two targets share a hostname\n',
    );
  });

  it('--quiet prints nothing, on a terminal or not', () => {
    for (const tty of [false, true]) {
      const { sink, written } = setup('quiet', tty);
      const end = sink.phase('plan');
      sink.summary('summary');
      sink.warning('warning');
      end();
      expect(written).toEqual([]);
    }
  });

  it('--verbose, not a terminal: a line per phase with its time, nested phases named by path', () => {
    const { sink, written, advance } = setup('verbose', false);
    const plan = sink.phase('plan');
    advance(200);
    const lp = sink.phase('LP bound');
    advance(1234);
    lp();
    plan();
    sink.summary('done');
    expect(written.join('')).toBe('dyplan: plan > LP bound: 1.23 s\ndyplan: plan: 1.43 s\ndone\n');
  });

  it('a terminal shows the running phases in one line, erased before other lines and at the end', () => {
    const { sink, written, advance } = setup('normal', true);
    const plan = sink.phase('plan');
    const lp = sink.phase('LP bound');
    advance(2500);
    expect(sink.progressLine()).toBe('dyplan: plan > LP bound ... 2.5 s');
    sink.warning('slow');
    expect(screen(written)).toBe('dyplan: warning: slow\n');
    lp();
    expect(screen(written)).toBe('dyplan: warning: slow\ndyplan: plan ... 2.5 s');
    plan();
    sink.summary('done');
    expect(screen(written)).toBe('dyplan: warning: slow\ndone\n');
  });

  it('the progress line fits the terminal', () => {
    const { sink, advance } = setup('normal', true);
    const end = sink.phase('a phase with a very long name indeed, longer than the terminal');
    advance(100);
    expect(sink.progressLine()!.length).toBe(39);
    end();
  });

  it('ending a phase twice is harmless', () => {
    const { sink, written } = setup('verbose', false);
    const end = sink.phase('write');
    end();
    end();
    expect(written).toHaveLength(1);
  });
});
