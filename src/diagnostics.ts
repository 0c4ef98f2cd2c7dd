/**
 * Everything dyplan tells the user on standard error apart from errors: summary lines, warnings
 * and notes. They all go through here, so that `--quiet` and progress display govern them in one
 * place; errors are printed by the error boundary (src/program.ts).
 */
export interface Diagnostics {
  /** A result line: the summary of a plan, what was written. */
  summary(line: string): void;
  /** Something the user should know that does not stop the run (e.g. two targets share a hostname). */
  warning(line: string): void;
}

let sink: Diagnostics = {
  summary: (line) => void process.stderr.write(`${line}\n`),
  warning: (line) => void process.stderr.write(`dyplan: warning: ${line}\n`),
};

export const diagnostics: Diagnostics = {
  summary: (line) => sink.summary(line),
  warning: (line) => sink.warning(line),
};

/** Replaces where diagnostics go (for `--quiet`, a progress display, or tests). */
export function setDiagnostics(next: Diagnostics): void {
  sink = next;
}
