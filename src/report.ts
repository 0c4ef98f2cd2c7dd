/**
 * `--report FILE`: a machine-readable summary of a run (JSON, versioned), so scripts and CI need
 * not parse the English summary line. One shape for every planner, gendist and id-assign: what
 * was minimised and how well (objective, bound, gap), how (method), how long each phase took,
 * and counts of what was planned.
 */
import type { Command } from 'commander';
import { inPhase } from './diagnostics.js';
import { writeFileAtomic } from './output.js';
import type { PlacementResult } from './plans/placement.js';

export const REPORT_SCHEMA = 'dyplan-report';
export const REPORT_VERSION = 1;

export interface Report {
  schema: typeof REPORT_SCHEMA;
  version: typeof REPORT_VERSION;
  /** The dyplan command (`multiwaycut`, `id-assign`...). */
  command: string;
  /** The value minimised, when the command minimises something. */
  objective?: number;
  lowerBound?: number;
  boundKind?: string;
  /** (objective - lowerBound) / lowerBound; 0 when optimal; null when no positive bound is known. */
  gap?: number | null;
  optimal?: boolean;
  method?: string;
  notes: string[];
  /** Wall-clock seconds per phase, in the order the phases ran. */
  phases: { name: string; seconds: number }[];
  /** Sizes and outcomes: services, targets, links, crossing links, IDs kept/added/removed... */
  counts: Record<string, number>;
}

/** Times the phases of one run, for the report. */
export class PhaseClock {
  readonly phases: { name: string; seconds: number }[] = [];

  /** Runs `work` as phase `name`: timed for the report, shown as progress and by `--verbose`. */
  async time<T>(name: string, work: () => Promise<T> | T): Promise<T> {
    const start = performance.now();
    try {
      return await inPhase(name, work);
    } finally {
      this.phases.push({ name, seconds: (performance.now() - start) / 1000 });
    }
  }
}

export function relativeGap(objective: number, lowerBound: number, optimal: boolean): number | null {
  if (optimal || objective <= lowerBound) return 0;
  return lowerBound > 0 ? (objective - lowerBound) / lowerBound : null;
}

export function emptyReport(command: string, clock?: PhaseClock): Report {
  return {
    schema: REPORT_SCHEMA,
    version: REPORT_VERSION,
    command,
    notes: [],
    phases: clock?.phases ?? [],
    counts: {},
  };
}

/** The report of a placement planner's result. */
export function placementReport(command: string, result: PlacementResult, clock?: PhaseClock): Report {
  return {
    schema: REPORT_SCHEMA,
    version: REPORT_VERSION,
    command,
    objective: result.objective,
    lowerBound: result.lowerBound,
    boundKind: result.boundKind,
    gap: relativeGap(result.objective, result.lowerBound, result.optimal),
    optimal: result.optimal,
    method: result.method,
    notes: result.notes,
    phases: clock?.phases ?? [],
    counts: result.counts,
  };
}

export function withReportOption(command: Command): Command {
  return command.option(
    '--report <file>',
    'write a JSON summary of the run (objective, bound, gap, times, counts)',
  );
}

export async function writeReport(file: string | undefined, report: Report): Promise<void> {
  if (file) await writeFileAtomic(file, JSON.stringify(report, null, 2) + '\n');
}
