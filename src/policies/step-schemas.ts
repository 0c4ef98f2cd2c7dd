/**
 * The zod schemas of the algorithm steps' argument sets (steps.ts checks the usual ones by hand and
 * loads these only to explain a bad one: zod is the largest module dyplan loads).
 */
import { z } from 'zod';
import { DIVIDE_STRATEGIES } from '../plans/divide.js';
import type { AlgorithmFilter } from './steps.js';

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
