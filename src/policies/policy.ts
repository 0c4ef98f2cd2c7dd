/**
 * What every kind of QoS policy (Nix, YAML/JSON steps, JavaScript module) gets and gives: the
 * models dyplan read, the initial and previous distributions, and back a distribution with the
 * algorithm steps it took (docs/compatibility.md §1.4).
 */
import { ModelError, formatPath } from '../../models/errors.js';
import type { DistributionModel, InfrastructureModel, ServicesModel } from '../../models/types.js';
import type { StepOutcome } from './steps.js';
import { plainDistributionModel } from './values.js';

export interface PolicyInput {
  services: ServicesModel;
  infrastructure: InfrastructureModel;
  /**
   * dydisnix's `initialDistribution`: what `--filter-buildable` kept; absent, the cartesian product
   * (which a Nix policy builds itself, cheaper than reading 100,000s of mappings).
   */
  initialDistribution?: DistributionModel;
  previousDistribution?: DistributionModel;
  /** Names of the model files, for messages. */
  sources: { services: string; infrastructure: string };
  /** The policy file, as the user gave it. */
  policyFile: string;
  /** A custom filter catalogue (`-F`), as the user gave it. */
  filtersFile?: string;
  nix?: { showTrace?: boolean; includePaths?: string[] };
  /** Called after each algorithm step (its summary line). */
  onStep?: (outcome: StepOutcome) => void;
  /** What Nix printed that is not dyplan's protocol (the policy's own traces, --show-trace). */
  onNixOutput?: (text: string) => void;
}

export interface PolicyOutput {
  distribution: DistributionModel;
  steps: StepOutcome[];
  /** Evaluations of a Nix policy (1; 2 when it failed on its own, for Nix's message); 1 for the other kinds. */
  evaluations: number;
  /** A Nix policy evaluated by the process that evaluated its Nix models (src/policies/nix-policy.ts). */
  withModels?: boolean;
}

function isMarked(value: unknown, marker: string): boolean {
  return value !== null && typeof value === 'object' && marker in value;
}

function describeMarked(value: unknown): string | undefined {
  if (isMarked(value, '__dyplanFunction'))
    return 'a function (a filter or lib function given too few arguments?)';
  if (isMarked(value, '__dyplanDerivation')) return 'a derivation';
  if (typeof value === 'function') return 'a function (a filter or lib function given too few arguments?)';
  if (value instanceof Promise) return 'a promise (await the algorithm filter)';
  return undefined;
}

/** The policy's result as a distribution of today's services and targets. */
export async function policyResult(raw: unknown, input: PolicyInput): Promise<DistributionModel> {
  // The usual result (lists of target names) holds nothing marked: no need to look for it.
  const plain = plainDistributionModel(raw, input.services, input.infrastructure);
  if (plain) return plain;
  const file = input.policyFile;
  const top = describeMarked(raw);
  if (top) throw new ModelError(file, '', `the policy returned ${top}, expected a candidate distribution`);
  if (raw !== null && typeof raw === 'object' && !Array.isArray(raw)) {
    for (const [service, entry] of Object.entries(raw)) {
      const what = describeMarked(entry);
      if (what) throw new ModelError(file, formatPath([service]), `expected a list of targets, got ${what}`);
      if (Array.isArray(entry))
        entry.forEach((mapping, i) => {
          const inner = describeMarked(mapping);
          if (inner) throw new ModelError(file, formatPath([service, i]), `expected a target, got ${inner}`);
        });
    }
  }
  // The models layer's normaliser (and zod behind it) only to explain what is not plain.
  const { normalizeDistribution } = await import('../../models/normalize.js');
  return normalizeDistribution(raw, `${file}: result`, {
    services: { model: input.services, file: input.sources.services },
    infrastructure: { model: input.infrastructure, file: input.sources.infrastructure },
  });
}
