/**
 * Everything dyplan tells the user on standard error apart from errors: summary lines, warnings,
 * notes and progress. They all go through here, so that `--quiet`, `--verbose` and the progress
 * display govern them in one place; errors are printed by the error boundary (src/program.ts).
 *
 * Progress: while a long phase runs (Nix evaluation, solving, a bound, layout, rendering) and
 * standard error is a terminal, one line shows the phase and its elapsed time, updated in place
 * and erased when the phase ends or anything else is printed (the clock advances whenever the event
 * loop is free: between the steps of a phase, not inside one synchronous solver call). With `--verbose` every phase ends
 * with a line `dyplan: <phase>: 1.23 s` (also when standard error is a file or a pipe, for logs).
 * `--quiet` silences everything but errors. Hand-written rather than a progress library: there is
 * no percentage to show, only a phase name and a clock, and a library would cost start-up time.
 */
export interface Diagnostics {
  /** A result line: the summary of a plan, what was written. */
  summary(line: string): void;
  /** Something the user should know that does not stop the run (e.g. two targets share a hostname). */
  warning(line: string): void;
  /** Text a tool printed at the user's request (Nix's `--show-trace` output). */
  trace?(text: string): void;
  /** A phase starts; the returned function ends it. */
  phase?(name: string): () => void;
}

export type Verbosity = 'quiet' | 'normal' | 'verbose';

/** The stream diagnostics go to: standard error, or a fake terminal in tests. */
export interface DiagnosticsStream {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

const PROGRESS_INTERVAL_MS = 100;

/** The sink the command line installs: stderr, governed by verbosity, with progress on a terminal. */
export class StderrDiagnostics implements Diagnostics {
  private readonly phases: { name: string; start: number }[] = [];
  private timer?: ReturnType<typeof setInterval>;
  private lineShown = false;

  private readonly verbosity: Verbosity;
  private readonly stream: DiagnosticsStream;
  private readonly progress: boolean;
  private readonly now: () => number;

  constructor(
    options: {
      verbosity?: Verbosity;
      stream?: DiagnosticsStream;
      /** Show the progress line when the stream is a terminal (the command line; not the library). */
      progress?: boolean;
      now?: () => number;
    } = {},
  ) {
    this.verbosity = options.verbosity ?? 'normal';
    this.stream = options.stream ?? process.stderr;
    this.progress = (options.progress ?? true) && this.stream.isTTY === true && this.verbosity !== 'quiet';
    this.now = options.now ?? (() => performance.now());
  }

  summary(line: string): void {
    if (this.verbosity !== 'quiet') this.print(`${line}\n`);
  }

  warning(line: string): void {
    if (this.verbosity !== 'quiet') this.print(`dyplan: warning: ${line}\n`);
  }

  trace(text: string): void {
    this.print(text);
  }

  phase(name: string): () => void {
    const entry = { name, start: this.now() };
    this.phases.push(entry);
    if (this.progress && !this.timer) {
      this.timer = setInterval(() => this.draw(), PROGRESS_INTERVAL_MS);
      this.timer.unref?.();
    }
    // Drawn at once too: solvers run synchronously, so the clock ticks only between phases, but
    // the line says what is running.
    this.draw();
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      const i = this.phases.lastIndexOf(entry);
      const path = this.phases
        .slice(0, i + 1)
        .map((p) => p.name)
        .join(' > ');
      if (i >= 0) this.phases.splice(i, 1);
      if (this.verbosity === 'verbose')
        this.print(`dyplan: ${path}: ${((this.now() - entry.start) / 1000).toFixed(2)} s\n`);
      if (this.phases.length === 0) this.stop();
      else this.draw();
    };
  }

  /** Ends the progress display (at the end of a run, or before an error is printed). */
  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.erase();
  }

  /** The progress line: the phases running, innermost last, and the time in the outermost. */
  progressLine(): string | undefined {
    if (this.phases.length === 0) return undefined;
    const seconds = (this.now() - this.phases[0].start) / 1000;
    const text = `dyplan: ${this.phases.map((p) => p.name).join(' > ')} ... ${seconds.toFixed(1)} s`;
    const width = (this.stream.columns ?? 80) - 1;
    return text.length > width ? text.slice(0, width) : text;
  }

  private draw(): void {
    if (!this.progress) return;
    const line = this.progressLine();
    if (line === undefined) return;
    this.stream.write(`\r${line}\x1b[K`);
    this.lineShown = true;
  }

  private erase(): void {
    if (!this.lineShown) return;
    this.stream.write('\r\x1b[K');
    this.lineShown = false;
  }

  /** Prints a line above the progress display, which comes back on its next tick. */
  private print(text: string): void {
    this.erase();
    this.stream.write(text);
  }
}

// Until the command line configures it (library use): lines to stderr, no progress display.
let sink: Diagnostics = new StderrDiagnostics({ progress: false });

export const diagnostics: Required<Diagnostics> = {
  summary: (line) => sink.summary(line),
  warning: (line) => sink.warning(line),
  trace: (text) => (sink.trace ? sink.trace(text) : sink.warning(text.trimEnd())),
  phase: (name) => sink.phase?.(name) ?? (() => undefined),
};

/** Runs `work` as a named phase (progress, `--verbose` timing). */
export async function inPhase<T>(name: string, work: () => Promise<T> | T): Promise<T> {
  const end = diagnostics.phase(name);
  try {
    return await work();
  } finally {
    end();
  }
}

/** Replaces where diagnostics go (for `--quiet`, a progress display, or tests). */
export function setDiagnostics(next: Diagnostics): void {
  if (sink instanceof StderrDiagnostics) sink.stop();
  sink = next;
}

/** What the command line does before a command runs: stderr with the verbosity asked for. */
export function configureDiagnostics(verbosity: Verbosity): void {
  setDiagnostics(new StderrDiagnostics({ verbosity }));
}

/** Erases a progress line (before an error is printed). */
export function stopProgress(): void {
  if (sink instanceof StderrDiagnostics) sink.stop();
}
