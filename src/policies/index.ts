/**
 * QoS policies (docs/compatibility.md §1.4-1.5): the pipeline of `dyplan gendist`. A policy file
 * is a Nix function (`qos.nix`, as dydisnix reads it), a YAML/JSON list of steps, or a JavaScript
 * or TypeScript module whose default export is the policy function; `-F` adds a custom filter
 * catalogue (Nix for Nix policies, a module for the others). Every algorithm step is a call of a
 * plan (src/plans/).
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { DyplanError, ModelError } from '../../models/errors.js';
import { UsageError } from '../errors.js';
import { referenceFilters, type Filters } from './filters.js';
import { jsLib } from './js-lib.js';
import { policyKindOf } from './kind.js';
import { runNixPolicy } from './nix-policy.js';
import { policyResult, type PolicyInput, type PolicyOutput } from './policy.js';
import type { StepOutcome } from './steps.js';
import { cartesianDistribution, policyValues, toCandidates } from './values.js';

export type { PolicyInput, PolicyOutput } from './policy.js';
export type { StepOutcome } from './steps.js';

export { policyKindOf, type PolicyKind } from './kind.js';

/** Runs the policy, or gives the initial distribution when there is none (dydisnix without -q). */
export async function runPolicy(input: PolicyInput): Promise<PolicyOutput> {
  const kind = policyKindOf(input.policyFile);
  const catalogueKind = input.filtersFile ? policyKindOf(input.filtersFile) : undefined;
  if (catalogueKind === 'steps')
    throw new UsageError('a filter catalogue (-F) is a Nix file or a JavaScript module');
  if (kind === 'nix') {
    if (catalogueKind === 'module')
      throw new UsageError(
        'a Nix policy takes a Nix filter catalogue (-F); a JavaScript catalogue goes with YAML, JSON or JavaScript policies',
      );
    return runNixPolicy(input);
  }
  if (catalogueKind === 'nix') throw new UsageError('a Nix filter catalogue (-F) needs a Nix policy');

  const values = policyValues(input);
  const steps: StepOutcome[] = [];
  let where = input.policyFile;
  const policyPath = resolve(input.policyFile);
  const cataloguePath = input.filtersFile ? resolve(input.filtersFile) : undefined;
  const reference = referenceFilters({
    base: { services: input.services, infrastructure: input.infrastructure, sources: input.sources },
    baseValues: { services: values.services, infrastructure: values.infrastructure },
    where: () =>
      kind === 'module' ? callSite(policyPath, input.policyFile, cataloguePath, input.filtersFile) : where,
    onStep: (outcome) => {
      steps.push(outcome);
      input.onStep?.(outcome);
    },
  });
  const filters = input.filtersFile ? await loadCatalogue(input.filtersFile, reference) : reference;
  const initial = toCandidates(
    input.initialDistribution ?? cartesianDistribution(input.services, input.infrastructure),
  );

  if (kind === 'steps') {
    // YAML/JSON steps are checked with zod schemas: loaded only for them.
    const { readStepPolicy, runStepPolicy } = await import('./step-policy.js');
    const plan = await readStepPolicy(input.policyFile, input.filtersFile ? Object.keys(filters) : undefined);
    const output = await runStepPolicy(plan, input, filters, {
      initial,
      services: values.services,
      infrastructure: values.infrastructure,
      previousDistribution: values.previousDistribution,
      setWhere: (w) => (where = w),
    });
    return { ...output, steps };
  }

  const policy = await importFunction(input.policyFile, 'policy');
  let result: unknown;
  try {
    result = await policy({
      services: values.services,
      infrastructure: values.infrastructure,
      initialDistribution: initial,
      previousDistribution: values.previousDistribution,
      filters,
      lib: jsLib,
    });
  } catch (error) {
    throw moduleFailure(error, input.policyFile, policyPath);
  }
  return { distribution: await policyResult(result, input), steps, evaluations: 1 };
}

type PolicyFunction = (args: Record<string, unknown>) => unknown;

/** Imports a module's default export (a function); TypeScript through the TypeScript compiler. */
export async function importFunction(file: string, what: string): Promise<PolicyFunction> {
  const path = resolve(file);
  if (/\.m?ts$/i.test(path)) await registerTypeScript(file);
  let module: Record<string, unknown>;
  try {
    module = (await import(pathToFileURL(path).href)) as Record<string, unknown>;
  } catch (error) {
    if (error instanceof DyplanError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ERR_MODULE_NOT_FOUND' && String((error as Error).message).includes(path))
      throw new ModelError(file, '', 'no such file', { cause: error });
    throw new ModelError(file, '', `cannot load the ${what} module: ${firstLine(error)}`, { cause: error });
  }
  const fn = module.default;
  if (typeof fn !== 'function')
    throw new ModelError(file, '', `expected a module whose default export is the ${what} function`);
  return fn as PolicyFunction;
}

// Compiled beside this module; from the sources (tests) the compiled copy in dist/.
const TS_LOADER = [
  new URL('./ts-loader.js', import.meta.url),
  new URL('../../dist/src/policies/ts-loader.js', import.meta.url),
].find((url) => existsSync(url)) as URL;

let typeScriptRegistered = false;

async function registerTypeScript(file: string): Promise<void> {
  if (typeScriptRegistered) return;
  try {
    await import('typescript');
  } catch (error) {
    throw new ModelError(
      file,
      '',
      'a TypeScript policy needs the typescript package (npm install typescript), or write it in JavaScript',
      { cause: error },
    );
  }
  const { register } = await import('node:module');
  register(TS_LOADER);
  process.setSourceMapsEnabled(true);
  typeScriptRegistered = true;
}

async function loadCatalogue(file: string, reference: Filters): Promise<Filters> {
  const catalogue = await importFunction(file, 'filter catalogue');
  let filters: unknown;
  try {
    filters = await catalogue({ referenceFilters: reference, lib: jsLib });
  } catch (error) {
    throw moduleFailure(error, file, resolve(file));
  }
  if (filters === null || typeof filters !== 'object')
    throw new ModelError(file, '', 'the catalogue function must return an object of filter functions');
  return filters as Filters;
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0];
}

/** An error thrown by a policy or catalogue module: one line, at its position in the file. */
function moduleFailure(error: unknown, file: string, path: string): DyplanError {
  if (error instanceof DyplanError) return error;
  const position = error instanceof Error ? positionIn(error.stack ?? '', path) : undefined;
  return new ModelError(
    position ? `${file}:${position}` : file,
    '',
    `the policy failed: ${firstLine(error)}`,
    {
      cause: error,
    },
  );
}

function positionIn(stack: string, path: string): string | undefined {
  // Frames name modules by URL, or by path where a source map (TypeScript) maps them back.
  for (const match of stack.matchAll(/(file:\/\/[^\s)]+?|\/[^\s():]+):(\d+):(\d+)/g)) {
    const file = match[1].startsWith('file:') ? fileURLToPath(match[1]) : match[1];
    if (file === path) return `${match[2]}:${match[3]}`;
  }
  return undefined;
}

/** Where the filter being called was called from in the policy (or catalogue) module. */
function callSite(policy: string, policyName: string, catalogue?: string, catalogueName?: string): string {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 64;
  const stack = new Error().stack ?? '';
  Error.stackTraceLimit = limit;
  const inPolicy = positionIn(stack, policy);
  if (inPolicy) return `${policyName}:${inPolicy}`;
  const inCatalogue = catalogue ? positionIn(stack, catalogue) : undefined;
  return inCatalogue ? `${catalogueName}:${inCatalogue}` : policyName;
}
