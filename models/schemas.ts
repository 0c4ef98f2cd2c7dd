/**
 * zod schemas of the evaluated models (the structure `nix-instantiate --eval --strict --json` gives,
 * and what JSON/YAML model files contain), and the conversion of zod issues into one-line ModelErrors.
 */
import { z } from 'zod';
import { ModelError, describeType, formatPath } from './errors.js';
import { isPlainObject } from './records.js';

/**
 * A record keyed by user names. zod's own `z.record` and `catchall` skip a `__proto__` key
 * without validating it and drop it from their output, so records are checked here, key by key,
 * and passed through unchanged (the normalisers copy them into prototype-free records).
 */
function recordOf<V extends z.ZodType>(valueSchema: V) {
  return z.custom<Record<string, z.output<V>>>().superRefine((value, ctx) => {
    if (!isPlainObject(value)) {
      ctx.addIssue({ code: 'custom', message: `expected an attribute set, got ${describeType(value)}` });
      return;
    }
    for (const key of Object.keys(value)) {
      const result = valueSchema.safeParse(value[key]);
      if (!result.success) {
        const inner = issueDetail(result.error.issues[0], value[key]);
        ctx.addIssue({ code: 'custom', path: [key, ...inner.path], message: inner.detail });
        return;
      }
    }
  });
}

/** An attribute set of anything (a service's or target's properties), passed through unchanged. */
const attrs = z.custom<Record<string, unknown>>().superRefine((value, ctx) => {
  if (!isPlainObject(value))
    ctx.addIssue({ code: 'custom', message: `expected an attribute set, got ${describeType(value)}` });
});

const nameList = z.array(z.string());

export const serviceSchema = z
  .object({
    name: z.string().optional(),
    type: z.string().optional(),
    dependsOn: nameList.optional(),
    connectsTo: nameList.optional(),
    group: z.string().optional(),
    description: z.string().optional(),
    providesContainer: z.string().optional(),
    providesContainers: recordOf(attrs).optional(),
  })
  .catchall(z.unknown());

export const servicesSchema = recordOf(serviceSchema);

export const targetSchema = z
  .object({
    properties: attrs.optional(),
    containers: recordOf(attrs).optional(),
    targetProperty: z.string().optional(),
    system: z.string().optional(),
    numOfCores: z.number().int().optional(),
    clientInterface: z.string().optional(),
  })
  .catchall(z.unknown());

export const infrastructureSchema = recordOf(targetSchema);

const mappingSchema = z.union([
  z.string(),
  z.object({ target: z.string(), container: z.string().optional() }).strict(),
]);
const mappingList = z.array(mappingSchema);

/** `{svc: [t...]}`, `{svc: [{target, container}]}` or `{svc: {targets: [...]}}`. */
export const distributionSchema = recordOf(z.union([mappingList, z.object({ targets: mappingList }).strict()]));

const int = z.number().int();

/** An ID or an inclusive range `{ min; max; }` (reserved and retired IDs). */
const idOrRange = z.union([int, z.object({ min: int, max: int }).strict()]);
const idList = z.array(idOrRange);

export const idResourceSchema = z
  .object({
    min: int.optional(),
    max: int,
    scope: z.enum(['global', 'machine', '']).optional(),
    step: int.min(0).optional(),
    reserved: idList.optional(),
    noReuse: z.boolean().optional(),
  })
  .strict();

export const idResourcesSchema = recordOf(idResourceSchema);

export const idsSchema = z
  .object({
    ids: recordOf(recordOf(int)).optional(),
    lastAssignments: recordOf(int).optional(),
    lastAssignmentsPerTarget: recordOf(recordOf(int)).optional(),
    idTargets: recordOf(recordOf(nameList)).optional(),
    // zod's record, for the transforms of idList; the normaliser copies into prototype-free records.
    retiredIds: z.record(z.string(), idList).optional(),
    retiredIdsPerTarget: z.record(z.string(), z.record(z.string(), idList)).optional(),
  })
  .strict();

export const docsSchema = z
  .object({
    groups: recordOf(z.string()).optional(),
    fields: z.array(z.string()).optional(),
    descriptions: recordOf(z.string()).optional(),
  })
  .strict();

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let node = root;
  for (const key of path) {
    if (node === null || typeof node !== 'object') return undefined;
    if (!Object.hasOwn(node, key)) return undefined;
    node = (node as Record<PropertyKey, unknown>)[key as string];
  }
  return node;
}

function issueDetail(issue: z.core.$ZodIssue, input: unknown): { path: PropertyKey[]; detail: string } {
  const path = [...issue.path];
  const actual = valueAt(input, path);
  switch (issue.code) {
    case 'invalid_type':
      if (actual === undefined) return { path, detail: `missing; expected ${article(issue.expected)}` };
      return { path, detail: `expected ${article(issue.expected)}, got ${describeType(actual)}` };
    case 'invalid_value':
      return {
        path,
        detail: `expected one of ${issue.values
          .filter((v) => v !== '')
          .map((v) => JSON.stringify(v))
          .join(', ')}, got ${describeType(actual)}`,
      };
    case 'unrecognized_keys':
      return { path: [...path, issue.keys[0]], detail: 'unknown attribute' };
    case 'too_small':
      return {
        path,
        detail: `expected ${bounded(issue.origin)} >= ${String(issue.minimum)}, got ${describeType(actual)}`,
      };
    case 'too_big':
      return {
        path,
        detail: `expected ${bounded(issue.origin)} <= ${String(issue.maximum)}, got ${describeType(actual)}`,
      };
    case 'invalid_union': {
      // Report the branch that got furthest: its first issue is the most specific explanation.
      const branches = issue.errors.filter((errs) => errs.length > 0);
      const best = branches.sort((a, b) => b[0].path.length - a[0].path.length)[0];
      if (best && best[0].path.length > 0) {
        const inner = issueDetail(best[0], actual);
        return { path: [...path, ...inner.path], detail: inner.detail };
      }
      // No branch got past the value itself: say which types the branches accept.
      const accepted = new Set(
        branches.flatMap((errs) =>
          errs
            .filter((e): e is z.core.$ZodIssueInvalidType => e.code === 'invalid_type' && e.path.length === 0)
            .map((e) => article(e.expected)),
        ),
      );
      const expected = accepted.size > 0 ? [...accepted].join(' or ') : 'another value';
      return { path, detail: `expected ${expected}, got ${describeType(actual)}` };
    }
    default:
      return { path, detail: issue.message };
  }
}

/** `step: -1` is "a value >= 0"; a safe-integer bound is "an integer <= 9007199254740991". */
function bounded(origin: string): string {
  return origin === 'int' ? 'an integer' : 'a value';
}

function article(type: string): string {
  const names: Record<string, string> = {
    string: 'a string',
    number: 'a number',
    int: 'an integer',
    boolean: 'a boolean',
    array: 'a list',
    object: 'an attribute set',
    record: 'an attribute set',
  };
  return names[type] ?? type;
}

/** Parses `input` with `schema`, throwing a ModelError about the first problem found. */
export function parseModel<T extends z.ZodType>(schema: T, input: unknown, file: string): z.output<T> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const { path, detail } = issueDetail(result.error.issues[0], input);
  throw new ModelError(file, formatPath(path), detail);
}
