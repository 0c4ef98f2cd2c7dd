/**
 * The algorithm steps of a QoS policy (docs/compatibility.md §6.2): `filters.divide`,
 * `multiwaycut`, `minsetcover`, `graphcol` and `divideRoundRobin`, each a call of one of dyplan's
 * plans (src/plans/). Whatever the policy is written in, a step arrives here as the filter's name
 * and its argument set in the policy's form (evaluated structures, candidate distributions); its
 * arguments are validated, turned into models, planned, and the plan's distribution goes back in
 * candidate form. Errors name the step (`qos.nix:7:3: filters.divide: ...`).
 */
import { DyplanError } from '../../models/errors.js';
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

/** What each argument of an algorithm filter may be (step-schemas.ts has the same as zod schemas). */
type ArgumentKind =
  | 'attrs'
  | 'attrs?'
  | 'attrs??'
  | 'string'
  | 'boolean??'
  | 'positive??'
  | readonly string[]
  | { nullable: readonly string[] };

const STEP_ARGUMENTS: Record<AlgorithmFilter, Record<string, ArgumentKind>> = {
  divide: {
    strategy: DIVIDE_STRATEGIES,
    services: 'attrs?',
    infrastructure: 'attrs?',
    distribution: 'attrs',
    serviceProperty: 'string',
    targetProperty: 'string',
  },
  multiwaycut: {
    services: 'attrs?',
    infrastructure: 'attrs??',
    distribution: 'attrs',
    algorithm: { nullable: ['alpha-expansion', 'isolating-cuts'] },
    exact: 'boolean??',
    timeLimit: 'positive??',
  },
  minsetcover: {
    services: 'attrs?',
    infrastructure: 'attrs?',
    distribution: 'attrs',
    targetProperty: 'string',
    algorithm: { nullable: ['greedy', 'default'] },
    exact: 'boolean??',
    timeLimit: 'positive??',
  },
  graphcol: { services: 'attrs?', infrastructure: 'attrs?', distribution: 'attrs??', exact: 'boolean??' },
  divideRoundRobin: { distribution: 'attrs' },
};

const isAttrs = (value: unknown) => value !== null && typeof value === 'object' && !Array.isArray(value);

function fits(value: unknown, kind: ArgumentKind): boolean {
  if (Array.isArray(kind)) return typeof value === 'string' && kind.includes(value);
  if (typeof kind === 'object' && 'nullable' in kind)
    return (
      value === undefined || value === null || (typeof value === 'string' && kind.nullable.includes(value))
    );
  switch (kind) {
    case 'attrs':
      return isAttrs(value);
    case 'attrs?':
      return value === undefined || isAttrs(value);
    case 'attrs??':
      return value === undefined || value === null || isAttrs(value);
    case 'string':
      return typeof value === 'string';
    case 'boolean??':
      return value === undefined || value === null || typeof value === 'boolean';
    case 'positive??':
      return value === undefined || value === null || (Number.isFinite(value) && (value as number) > 0);
  }
  return false;
}

/**
 * The argument set as its schema accepts it, checked by hand (the usual case: no zod to load);
 * anything else goes to the schema, which accepts it or says what is wrong.
 */
async function stepArguments(
  filter: AlgorithmFilter,
  args: Record<string, unknown>,
  label: string,
): Promise<Record<string, unknown>> {
  const spec = STEP_ARGUMENTS[filter];
  const plain =
    isAttrs(args) &&
    Object.keys(args).every((key) => Object.hasOwn(spec, key)) &&
    Object.keys(spec).every((key) => fits(args[key], spec[key]));
  if (plain) return args;
  const [{ STEP_SCHEMAS }, { parseModel }] = await Promise.all([
    import('./step-schemas.js'),
    import('../../models/schemas.js'),
  ]);
  return parseModel(STEP_SCHEMAS[filter], args, label) as Record<string, unknown>;
}

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
  const args = await stepArguments(call.filter, call.args, label);
  const models = await stepModels(call, args, base, label);
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

/** What each algorithm filter's first call loads: its plan and the plan's algorithms. */
const STEP_MODULES: Record<AlgorithmFilter, () => Promise<unknown>[]> = {
  divide: () => [import('../plans/divide.js'), import('../../algorithms/division/index.js')],
  multiwaycut: () => [import('../plans/multiway-cut.js'), import('../../algorithms/multiway-cut/index.js')],
  minsetcover: () => [import('../plans/set-cover.js'), import('../../algorithms/set-cover/index.js')],
  graphcol: () => [import('../plans/colouring.js'), import('../../algorithms/colouring/index.js')],
  divideRoundRobin: () => [import('../plans/round-robin.js'), import('../../algorithms/division/index.js')],
};

/**
 * Starts loading what the algorithm filters named in `texts` (a policy's source) will need, so
 * that it loads while Nix evaluates rather than when the first call arrives. Only a head start:
 * a filter named in a comment costs a module load, a filter not found here loads on its call.
 */
export function preloadSteps(texts: readonly string[]): void {
  for (const filter of ALGORITHM_FILTERS) {
    const named = new RegExp(`\\b${filter}\\b`);
    if (texts.some((text) => named.test(text)))
      for (const load of STEP_MODULES[filter]()) load.catch(() => undefined);
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

async function stepModels(
  call: StepCall,
  args: Record<string, unknown>,
  base: StepBase,
  label: string,
): Promise<StepModels> {
  // The models layer's normalisers (and zod behind them) only for what the base does not give.
  const normalize = () => import('../../models/normalize.js');
  const fromBase = (key: 'services' | 'infrastructure') =>
    call.same?.[key] === true ||
    args[key] === undefined ||
    args[key] === null ||
    (call.baseValues !== undefined && args[key] === call.baseValues[key]);
  const services = fromBase('services')
    ? { model: base.services, file: base.sources.services }
    : {
        model: (await normalize()).normalizeServices(args.services, `${label}: services`),
        file: `the services of ${label}`,
      };
  const infrastructure = fromBase('infrastructure')
    ? { model: base.infrastructure, file: base.sources.infrastructure }
    : {
        model: (await normalize()).normalizeInfrastructure(args.infrastructure, `${label}: infrastructure`),
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
    (await normalize()).normalizeDistribution(args.distribution, `${label}: distribution`, {
      services,
      infrastructure,
    });
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
  // Only the plan the step calls (the whole plans layer is twice the modules to load).
  switch (filter) {
    case 'divide':
      return (await import('../plans/divide.js')).planDivide(
        { services, infrastructure, distribution },
        {
          strategy: args.strategy as (typeof DIVIDE_STRATEGIES)[number],
          demandProperty: args.serviceProperty as string,
          capacityProperty: args.targetProperty as string,
          sources,
        },
      );
    case 'multiwaycut':
      return (await import('../plans/multiway-cut.js')).planMultiwayCut(
        { services, distribution },
        {
          algorithm: (args.algorithm ?? undefined) as 'alpha-expansion' | 'isolating-cuts' | undefined,
          exact: (args.exact ?? undefined) as boolean | undefined,
          timeLimit: (args.timeLimit ?? undefined) as number | undefined,
          sources,
        },
      );
    case 'minsetcover':
      return (await import('../plans/set-cover.js')).planSetCover(
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
      return (await import('../plans/colouring.js')).planColouring(
        { services, infrastructure, distribution: models.distribution },
        { exact: (args.exact ?? undefined) as boolean | undefined, sources },
      );
    case 'divideRoundRobin':
      return (await import('../plans/round-robin.js')).planRoundRobin({ distribution }, { sources });
  }
}
