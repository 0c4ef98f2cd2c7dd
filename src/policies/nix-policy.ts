/**
 * Nix QoS policies (docs/compatibility.md §1.4, §6): `qos.nix` files written for dydisnix, evaluated
 * by nix-instantiate without nixpkgs and without building anything. The filters are dyplan's own
 * Nix (nix/filters.nix); an algorithm filter asks this module, which reads the evaluation's
 * standard error as it runs, plans the call and writes back where its answer is (nix/gendist.nix
 * explains the protocol). So the whole policy is one evaluation, and each distinct call is planned
 * once; the models are read once, before, and handed to Nix as JSON.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DyplanError, ModelError } from '../../models/errors.js';
import { MODELS_NIX_DIR, runNixInstantiate } from '../../models/nix-eval.js';
import { policyResult, type PolicyInput, type PolicyOutput } from './policy.js';
import { REFERENCE_FILTERS } from './filters.js';
import { isAlgorithmFilter, preloadSteps, runAlgorithmStep, type StepOutcome } from './steps.js';
import { policyValues, toCandidates } from './values.js';

const NIX_DIR = [
  fileURLToPath(new URL('./nix/', import.meta.url)),
  // Compiled to dist/src/policies/: the .nix files stay in the source tree.
  fileURLToPath(new URL('../../../src/policies/nix/', import.meta.url)),
].find((path) => existsSync(join(path, 'gendist.nix'))) as string;

export const GENDIST_NIX = join(NIX_DIR, 'gendist.nix');
const FILTERS_NIX = join(NIX_DIR, 'filters.nix');

/** Distinct algorithm calls one gendist run may make: a guard against a policy that never settles. */
export const MAX_REQUESTS = 10_000;

interface Request {
  filter: string;
  args: Record<string, unknown>;
  same: { services: boolean; infrastructure: boolean };
  position: { file: string; line: number; column: number } | null;
}

interface FilterFailure {
  kind: 'input' | 'infeasible';
  filter: string;
  message: string;
  position: Request['position'];
}

const REQUEST = 'trace: dyplan-request:';
const FAILURE = 'trace: dyplan-error:';

/** Lets the policy's evaluation call builtins.exec, the channel of its questions (nix/gendist.nix). */
const EXEC_OPTION = ['--option', 'allow-unsafe-native-code-during-evaluation', 'true'];

/** A file name as the Nix string that dyplan writes back (one line). */
function nixString(text: string): string {
  return JSON.stringify(text).replace(/\$\{/g, '\\${');
}

export async function runNixPolicy(input: PolicyInput): Promise<PolicyOutput> {
  const policy = resolve(input.policyFile);
  const filters = input.filtersFile ? resolve(input.filtersFile) : undefined;
  const where = (position: Request['position']): string => {
    if (!position) return input.policyFile;
    const file =
      position.file === policy
        ? input.policyFile
        : position.file === filters
          ? (input.filtersFile as string)
          : position.file;
    return `${file}:${position.line}:${position.column}`;
  };

  const dir = await mkdtemp(join(tmpdir(), 'dyplan-gendist-'));
  try {
    const values = policyValues(input);
    const files = {
      services: join(dir, 'services.json'),
      infrastructure: join(dir, 'infrastructure.json'),
      initial: join(dir, 'initial.json'),
      previous: join(dir, 'previous.json'),
    };
    await writeFile(files.services, JSON.stringify(values.services));
    await writeFile(files.infrastructure, JSON.stringify(values.infrastructure));
    const args = [
      '--eval',
      '--strict',
      '--json',
      ...EXEC_OPTION,
      GENDIST_NIX,
      '--argstr',
      'modelsDir',
      MODELS_NIX_DIR,
      '--argstr',
      'qosFile',
      policy,
      '--argstr',
      'servicesJSONFile',
      files.services,
      '--argstr',
      'infrastructureJSONFile',
      files.infrastructure,
    ];
    if (filters) args.push('--argstr', 'filtersFile', filters);
    if (input.initialDistribution) {
      await writeFile(files.initial, JSON.stringify(toCandidates(input.initialDistribution)));
      args.push('--argstr', 'initialDistributionJSONFile', files.initial);
    }
    if (values.previousDistribution !== null) {
      await writeFile(files.previous, JSON.stringify(values.previousDistribution));
      args.push('--argstr', 'previousDistributionJSONFile', files.previous);
    }
    if (input.nix?.showTrace) args.push('--show-trace');
    for (const path of input.nix?.includePaths ?? []) args.push('-I', path);

    // The answer file of each distinct call, by the hash of the call's text.
    const answers = new Map<string, string>();
    const steps: StepOutcome[] = [];
    const base = { services: input.services, infrastructure: input.infrastructure, sources: input.sources };
    // The policy's own traces, shown as they come (each line once, should Nix evaluate it again).
    const seenOutput = new Set<string>();
    const onStderrLine = async (line: string): Promise<string | null> => {
      if (line.startsWith(REQUEST)) {
        const text = line.slice(REQUEST.length);
        const id = createHash('sha256').update(text, 'utf8').digest('hex');
        let file = answers.get(id);
        if (file === undefined) {
          if (answers.size >= MAX_REQUESTS)
            throw new ModelError(
              input.policyFile,
              '',
              `the policy made more than ${MAX_REQUESTS} distinct algorithm calls`,
            );
          const request = JSON.parse(text) as Request;
          if (!isAlgorithmFilter(request.filter))
            throw new ModelError(where(request.position), '', `unknown algorithm filter ${request.filter}`);
          const outcome = await runAlgorithmStep(
            {
              filter: request.filter,
              where: where(request.position),
              args: request.args,
              same: request.same,
            },
            base,
          );
          steps.push(outcome);
          input.onStep?.(outcome);
          file = join(dir, `answer-${answers.size}.json`);
          await writeFile(file, JSON.stringify(outcome.distribution));
          answers.set(id, file);
        }
        return nixString(file) + '\n';
      }
      if (line.startsWith('trace: ') && !line.startsWith(FAILURE) && !seenOutput.has(line)) {
        seenOutput.add(line);
        input.onNixOutput?.(line + '\n');
      }
      return null;
    };

    let evaluations = 1;
    const running = runNixInstantiate(args, input.policyFile, { onStderrLine });
    preloadSteps([policy, filters].flatMap((file) => (file ? readTextOrNothing(file) : [])));
    const run = await running;
    if (run.code !== 0) throw nixFailure(run.stderr, input, policy, filters);
    const output = JSON.parse(run.stdout) as { success: boolean; result: unknown };
    if (output.success) return { distribution: await policyResult(output.result, input), steps, evaluations };
    const failure = failuresOf(run.stderr).at(-1);
    if (failure)
      throw new DyplanError(
        failure.kind,
        `${where(failure.position)}: filters.${failure.filter}: ${failure.message}`,
      );
    // The policy threw on its own: evaluate once more without catching, for Nix's message (the
    // calls it makes on the way are answered from the first run's answers).
    evaluations++;
    const uncaught = await runNixInstantiate([...args, '--arg', 'catchErrors', 'false'], input.policyFile, {
      onStderrLine,
    });
    throw nixFailure(uncaught.stderr, input, policy, filters);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** A file's text, or nothing when it cannot be read (Nix then says why). */
function readTextOrNothing(file: string): string[] {
  try {
    return [readFileSync(file, 'utf8')];
  } catch {
    return [];
  }
}

function failuresOf(stderr: string): FilterFailure[] {
  const failures: FilterFailure[] = [];
  for (const line of stderr.split('\n'))
    if (line.startsWith(FAILURE)) failures.push(JSON.parse(line.slice(FAILURE.length)) as FilterFailure);
  return failures;
}

function nixFailure(
  stderr: string,
  input: PolicyInput,
  policy: string,
  filters: string | undefined,
): DyplanError {
  if (input.nix?.showTrace) input.onNixOutput?.(stderr);
  const files = new Map([[policy, input.policyFile]]);
  if (filters) files.set(filters, input.filtersFile as string);
  return describeNixFailure(stderr, files, input.policyFile, input.nix?.showTrace, input.filtersFile);
}

/**
 * nix-instantiate's error as one line at the first position in one of `files` (absolute path ->
 * name to show), with dyplan's own Nix files left out: `'divide' at .../filters.nix:80:12 called
 * without ...` reads `filters.divide called without ...`, and a missing filter says so.
 */
export function describeNixFailure(
  stderr: string,
  files: ReadonlyMap<string, string>,
  fallback: string,
  showTrace?: boolean,
  catalogue?: string,
): DyplanError {
  const lines = stderr.split('\n');
  const errorLines = lines.filter((l) => l.trim().startsWith('error:'));
  const chosen = showTrace ? errorLines.at(-1) : errorLines[0];
  let message = chosen ? chosen.trim().slice('error:'.length).trim() : stderr.trim() || 'evaluation failed';
  const ownFile = (path: string) =>
    path === FILTERS_NIX || path.startsWith(NIX_DIR) || path.startsWith(MODELS_NIX_DIR);
  message = message.replace(/'([^']+)' at (\/[^\s:]+):\d+:\d+/g, (whole, name: string, path: string) =>
    path === FILTERS_NIX ? `filters.${name}` : ownFile(path) ? `'${name}'` : whole,
  );
  let position: string | undefined;
  let line: number | undefined;
  let positionFile: string | undefined;
  for (const match of stderr.matchAll(/at (\/[^\s:]+):(\d+):(\d+)/g)) {
    const name = files.get(match[1]);
    if (name) {
      position = `${name}:${match[2]}:${match[3]}`;
      positionFile = match[1];
      line = Number(match[2]);
      break;
    }
  }
  const missing = /^attribute '([^']+)' missing$/.exec(message);
  if (missing && positionFile && line !== undefined)
    message = unknownFilterMessage(missing[1], positionFile, line, catalogue) ?? message;
  return new ModelError(position ?? fallback, '', `Nix evaluation failed: ${message}`);
}

/** `filters.foo` where there is no filter foo: say so, with the filters there are. */
function unknownFilterMessage(
  name: string,
  file: string,
  line: number,
  catalogue: string | undefined,
): string | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  const source = text.split('\n')[line - 1] ?? '';
  if (!new RegExp(`\\bfilters\\.${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`).test(source))
    return undefined;
  return catalogue
    ? `unknown filter ${JSON.stringify(name)}: the catalogue ${catalogue} has no such filter`
    : `unknown filter ${JSON.stringify(name)}: the reference filters are ${REFERENCE_FILTERS.join(', ')}`;
}
