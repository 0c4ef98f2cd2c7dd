/**
 * The algorithm steps of a QoS policy (docs/compatibility.md §6.2): `filters.divide`,
 * `multiwaycut`, `minsetcover`, `graphcol` and `divideRoundRobin`, each a call of one of dyplan's
 * plans (src/plans/). Whatever the policy is written in, a step arrives here as the filter's name
 * and its argument set in the policy's form (evaluated structures, candidate distributions); its
 * arguments are validated, turned into models, planned, and the plan's distribution goes back in
 * candidate form. Errors name the step (`qos.nix:7:3: filters.divide: ...`).
 */
import { z } from 'zod';
import { DyplanError } from '../../models/errors.js';
import { normalizeDistribution, normalizeInfrastructure, normalizeServices } from '../../models/normalize.js';
import { parseModel } from '../../models/schemas.js';
import type { DistributionModel, InfrastructureModel, ServicesModel } from '../../models/types.js';
import { DIVIDE_STRATEGIES } from '../plans/divide.js';
import type { ModelSources, PlacementResult } from '../plans/placement.js';
import { plainDistributionModel, toCandidates, type CandidateDistribution } from './values.js';

export const ALGORITHM_FILTERS = [
  'divide',
  'multiwaycut',
  'minsetcover',
  'graphcol',
  'divideRoundRobin',
] as const;
export type AlgorithmFilter = (typeof ALGORITHM_FILTERS)[number];

export function isAlgorithmFilter(name: string): name is AlgorithmFilter {
  return (ALGORITHM_FILTERS as readonly string[]).includes(name);
}

// Checked by hand: a record schema would visit every one of 100,000s of entries, and the models
// layer validates what the plan uses.
const isAttrs = (value: unknown) => value !== null && typeof value === 'object' && !Array.isArray(value);
const attrs = z.custom<Record<string, unknown>>(isAttrs, { message: 'expected an attribute set' });
const optional = <T extends z.ZodType>(schema: T) => schema.nullable().optional();
const timeLimit = optional(z.number().positive());

/** The argument set each algorithm filter takes (services and infrastructure may be the policy's own). */
export const STEP_SCHEMAS = {
  divide: z
    .object({
      strategy: z.enum(DIVIDE_STRATEGIES),
      services: attrs.optional(),
      infrastructure: attrs.optional(),
      distribution: attrs,
      serviceProperty: z.string(),
      targetProperty: z.string(),
    })
    .strict(),
  multiwaycut: z
    .object({
      services: attrs.optional(),
      infrastructure: optional(attrs),
      distribution: attrs,
      algorithm: optional(z.enum(['alpha-expansion', 'isolating-cuts'])),
      exact: optional(z.boolean()),
      timeLimit,
    })
    .strict(),
  minsetcover: z
    .object({
      services: attrs.optional(),
      infrastructure: attrs.optional(),
      distribution: attrs,
      targetProperty: z.string(),
      algorithm: optional(z.enum(['greedy', 'default'])),
      exact: optional(z.boolean()),
      timeLimit,
    })
    .strict(),
  graphcol: z
    .object({
      services: attrs.optional(),
      infrastructure: attrs.optional(),
      distribution: optional(attrs),
      exact: optional(z.boolean()),
    })
    .strict(),
  divideRoundRobin: z.object({ distribution: attrs }).strict(),
} satisfies Record<AlgorithmFilter, z.ZodType>;

/** The models the policy was given, with the files they came from: what a step's arguments default to. */
export interface StepBase {
  services: ServicesModel;
  infrastructure: InfrastructureModel;
  sources: { services: string; infrastructure: string };
}

export interface StepCall {
  filter: AlgorithmFilter;
  /** Where the step is in the policy: `qos.nix:7:3`, `policy.yaml: steps[1]`. */
  where: string;
  /** The argument set as the policy passed it. */
  args: Record<string, unknown>;
  /** The policy passed its own `services`/`infrastructure` unchanged (Nix policies leave them out then). */
  same?: { services?: boolean; infrastructure?: boolean };
  /** The exact `services`/`infrastructure` values of the base, when the policy passed those objects (JS). */
  baseValues?: { services?: unknown; infrastructure?: unknown };
}

export interface StepOutcome {
  filter: AlgorithmFilter;
  where: string;
  result: PlacementResult;
  distribution: CandidateDistribution;
}

const PLANNER_PREFIX = /^(divide|graphcol|multiwaycut|minsetcover|divideRoundRobin)( \([^)]*\))?: /;

/** Runs one algorithm step: validate, build the models, call the plan, back to candidate form. */
export async function runAlgorithmStep(call: StepCall, base: StepBase): Promise<StepOutcome> {
  const label = `${call.where}: filters.${call.filter}`;
  const args = parseModel(STEP_SCHEMAS[call.filter], call.args, label) as Record<string, unknown>;
  const models = stepModels(call, args, base, label);
  try {
    const result = await plan(call.filter, args, models);
    return {
      filter: call.filter,
      where: call.where,
      result,
      distribution: toCandidates(result.distribution),
    };
  } catch (error) {
    if (error instanceof DyplanError && !(error instanceof StepError))
      throw new StepError(error.kind, `${label}: ${error.message.replace(PLANNER_PREFIX, '')}`, {
        cause: error,
      });
    throw error;
  }
}

/** An error already naming its step. */
export class StepError extends DyplanError {}

interface StepModels {
  services: ServicesModel;
  infrastructure: InfrastructureModel;
  distribution?: DistributionModel;
  sources: ModelSources;
}

function stepModels(
  call: StepCall,
  args: Record<string, unknown>,
  base: StepBase,
  label: string,
): StepModels {
  const fromBase = (key: 'services' | 'infrastructure') =>
    call.same?.[key] === true ||
    args[key] === undefined ||
    args[key] === null ||
    (call.baseValues !== undefined && args[key] === call.baseValues[key]);
  const services = fromBase('services')
    ? { model: base.services, file: base.sources.services }
    : { model: normalizeServices(args.services, `${label}: services`), file: `the services of ${label}` };
  const infrastructure = fromBase('infrastructure')
    ? { model: base.infrastructure, file: base.sources.infrastructure }
    : {
        model: normalizeInfrastructure(args.infrastructure, `${label}: infrastructure`),
        file: `the infrastructure of ${label}`,
      };
  const sources: ModelSources = {
    services: services.file,
    infrastructure: infrastructure.file,
    distribution: `${label}: distribution`,
  };
  if (args.distribution === undefined || args.distribution === null)
    return { services: services.model, infrastructure: infrastructure.model, sources };
  const distribution =
    plainDistributionModel(args.distribution, services.model, infrastructure.model) ??
    normalizeDistribution(args.distribution, `${label}: distribution`, { services, infrastructure });
  for (const service in distribution) {
    if (distribution[service].length === 0)
      throw new StepError(
        'infeasible',
        `${label}: service ${JSON.stringify(service)} has no candidate target left (the steps before removed them all)`,
      );
  }
  return { services: services.model, infrastructure: infrastructure.model, distribution, sources };
}

async function plan(
  filter: AlgorithmFilter,
  args: Record<string, unknown>,
  models: StepModels,
): Promise<PlacementResult> {
  const { services, infrastructure, sources } = models;
  const distribution = models.distribution as DistributionModel;
  const plans = await import('../plans/index.js');
  switch (filter) {
    case 'divide':
      return plans.planDivide(
        { services, infrastructure, distribution },
        {
          strategy: args.strategy as (typeof DIVIDE_STRATEGIES)[number],
          demandProperty: args.serviceProperty as string,
          capacityProperty: args.targetProperty as string,
          sources,
        },
      );
    case 'multiwaycut':
      return plans.planMultiwayCut(
        { services, distribution },
        {
          algorithm: (args.algorithm ?? undefined) as 'alpha-expansion' | 'isolating-cuts' | undefined,
          exact: (args.exact ?? undefined) as boolean | undefined,
          timeLimit: (args.timeLimit ?? undefined) as number | undefined,
          sources,
        },
      );
    case 'minsetcover':
      return plans.planSetCover(
        { services, infrastructure, distribution },
        {
          costProperty: args.targetProperty as string,
          // The filter keeps the original's answer unless asked for better (docs/compatibility.md §6.2).
          algorithm: (args.algorithm ?? 'greedy') as 'greedy' | 'default',
          exact: (args.exact ?? undefined) as boolean | undefined,
          timeLimit: (args.timeLimit ?? undefined) as number | undefined,
          sources,
        },
      );
    case 'graphcol':
      return plans.planColouring(
        { services, infrastructure, distribution: models.distribution },
        { exact: (args.exact ?? undefined) as boolean | undefined, sources },
      );
    case 'divideRoundRobin':
      return plans.planRoundRobin({ distribution }, { sources });
  }
}
