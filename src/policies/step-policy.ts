/**
 * QoS policies without Nix: a YAML or JSON list of steps, each a filter with its arguments, run in
 * order, each on the distribution the step before produced (the first on `initialDistribution`).
 * The models (`services`, `infrastructure`, `previousDistribution`) are given to every step that
 * declares them, as a Nix policy would pass them:
 *
 *     steps:
 *       - filter: mapAttrOnList
 *         serviceProperty: type
 *         targetPropertyList: supportedTypes
 *       - filter: divide
 *         strategy: greedy
 *         serviceProperty: requireMem
 *         targetProperty: mem
 *
 * The file is validated before anything runs; errors name the file and the step
 * (`policy.yaml: steps[1].strategy: expected one of ...`).
 */
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { ModelError, formatPath } from '../../models/errors.js';
import { parseModel } from '../../models/schemas.js';
import { DIVIDE_STRATEGIES } from '../plans/divide.js';
import { FILTER_ARGUMENTS, REFERENCE_FILTERS, type Filters } from './filters.js';
import { policyResult, type PolicyInput, type PolicyOutput } from './policy.js';

const text = z.string();
const optional = <T extends z.ZodType>(schema: T) => schema.nullable().optional();
const timeLimit = optional(z.number().positive());

/** What a step of each reference filter may say; the models and the distribution are implicit. */
const STEP_ARGUMENTS: Record<string, z.ZodObject> = {
  createCartesianProduct: z.object({}),
  mapAttrOnAttr: z.object({ serviceProperty: text, targetProperty: text }),
  mapAttrOnList: z.object({ serviceProperty: text, targetPropertyList: text }),
  mapListOnAttr: z.object({ servicePropertyList: text, targetProperty: text }),
  mapStatefulToPrevious: z.object({}),
  mapBoundServicesToPrevious: z.object({}),
  divideRoundRobin: z.object({}),
  order: z.object({ targetProperty: text }),
  divide: z.object({ strategy: z.enum(DIVIDE_STRATEGIES), serviceProperty: text, targetProperty: text }),
  multiwaycut: z.object({
    algorithm: optional(z.enum(['alpha-expansion', 'isolating-cuts'])),
    exact: optional(z.boolean()),
    timeLimit,
  }),
  minsetcover: z.object({
    targetProperty: text,
    algorithm: optional(z.enum(['greedy', 'default'])),
    exact: optional(z.boolean()),
    timeLimit,
  }),
  graphcol: z.object({ exact: optional(z.boolean()) }),
};

const IMPLICIT = ['services', 'infrastructure', 'distribution', 'previousDistribution'];

const stepSchema = z.object({ filter: z.string() }).catchall(z.unknown());
const policySchema = z.union([z.array(stepSchema), z.object({ steps: z.array(stepSchema) }).strict()]);

export interface Step {
  filter: string;
  args: Record<string, unknown>;
  /** `steps[1]`, for messages. */
  path: string;
}

/** Reads and validates a step policy; `catalogue` names the filters of a custom catalogue (-F). */
export async function readStepPolicy(file: string, catalogue?: readonly string[]): Promise<Step[]> {
  let raw: unknown;
  const source = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new ModelError(file, '', error.code === 'ENOENT' ? 'no such file' : `cannot read (${error.code})`, {
      cause: error,
    });
  });
  if (/\.json$/i.test(file)) {
    try {
      raw = JSON.parse(source);
    } catch (error) {
      throw new ModelError(file, '', `invalid JSON: ${(error as Error).message}`, { cause: error });
    }
  } else {
    const { parse, YAMLParseError } = await import('yaml');
    try {
      raw = parse(source);
    } catch (error) {
      if (error instanceof YAMLParseError) {
        const pos = error.linePos?.[0];
        throw new ModelError(
          pos ? `${file}:${pos.line}:${pos.col}` : file,
          '',
          `invalid YAML: ${error.message.split('\n')[0]}`,
          {
            cause: error,
          },
        );
      }
      throw error;
    }
  }
  const parsed = parseModel(policySchema, raw, file);
  const list = Array.isArray(parsed) ? parsed : parsed.steps;
  const prefix: PropertyKey[] = Array.isArray(parsed) ? [] : ['steps'];
  return list.map((step, i) => {
    const at = [...prefix, i];
    const { filter, ...args } = step;
    const known = catalogue ?? REFERENCE_FILTERS.filter((name) => name !== 'filterDerivations');
    if (!known.includes(filter))
      throw new ModelError(
        file,
        formatPath([...at, 'filter']),
        `unknown filter ${JSON.stringify(filter)}; ${catalogue ? 'the catalogue has' : 'the filters are'} ${known.join(', ')}`,
      );
    for (const name of IMPLICIT)
      if (name in args)
        throw new ModelError(
          file,
          formatPath([...at, name]),
          'given by gendist to every step that takes it, not by the policy',
        );
    const schema = catalogue ? undefined : STEP_ARGUMENTS[filter];
    const checked = schema
      ? parseModel(schema.strict(), args, `${file}: ${formatPath(at)} (${filter})`)
      : args;
    return { filter, args: checked as Record<string, unknown>, path: formatPath(at) };
  });
}

export async function runStepPolicy(
  steps: Step[],
  input: PolicyInput,
  filters: Filters,
  context: {
    initial: unknown;
    services: unknown;
    infrastructure: unknown;
    previousDistribution: unknown;
    setWhere: (where: string) => void;
  },
): Promise<PolicyOutput> {
  let distribution: unknown = context.initial;
  for (const step of steps) {
    context.setWhere(`${input.policyFile}: ${step.path}`);
    const declared = FILTER_ARGUMENTS[step.filter];
    const implicit: Record<string, unknown> = {
      services: context.services,
      infrastructure: context.infrastructure,
      distribution,
      previousDistribution: context.previousDistribution,
    };
    const args: Record<string, unknown> = {};
    for (const name of IMPLICIT) {
      // A custom filter gets every model; a reference filter the ones it declares.
      if (!declared || declared.required.includes(name) || declared.optional?.includes(name))
        args[name] = implicit[name];
    }
    Object.assign(args, step.args);
    distribution = await filters[step.filter](args);
  }
  return { distribution: await policyResult(distribution, input), steps: [], evaluations: 1 };
}
