/**
 * `dyplan gendist`: a distribution from a QoS policy (docs/compatibility.md §5.1): the candidate
 * targets of every service narrowed by filters and divided by algorithm steps, each a call of a
 * plan (src/policies/). Prints a Disnix distribution model (`{infrastructure}: ...`), or the
 * candidate distribution with --json / --output-xml.
 */
import { Option, type Command } from 'commander';
import { loadModels, type LoadOptions } from '../../models/load.js';
import type { DistributionModel } from '../../models/types.js';
import { diagnostics } from '../diagnostics.js';
import { UsageError } from '../errors.js';
import { outputFormatOf } from '../formats.js';
import { emit } from '../output.js';
import { emptyReport, placementReport, PhaseClock, withReportOption, writeReport } from '../report.js';
import { emitDistribution } from './planning.js';
import {
  loadOptionsOf,
  withInputOptions,
  withOutputOptions,
  type ActionRunner,
  type InputOptions,
  type OutputOptions,
} from './options.js';
import { previousDistributionSource } from './previous-distribution.js';
import { policyKindOf } from '../policies/kind.js';
import type { NixPolicyWithModels } from '../policies/nix-policy.js';

interface GendistOptions extends InputOptions, OutputOptions {
  services: string;
  infrastructure: string;
  qos?: string;
  filters?: string;
  previousDistribution?: string;
  profile?: string;
  coordinatorProfilePath?: string;
  filterBuildable?: boolean;
  targetProperty?: string;
  report?: string;
}

export function registerGendist(program: Command, run: ActionRunner): void {
  const command = program
    .command('gendist')
    .description('generate a distribution from a QoS policy (dydisnix-gendist)')
    .requiredOption('-s, --services <file>', 'services model')
    .requiredOption('-i, --infrastructure <file>', 'infrastructure model')
    .option(
      '-q, --qos <file>',
      'QoS policy: a Nix function, a YAML/JSON list of steps or a JavaScript module',
    )
    .option('-F, --filters <file>', 'custom filter catalogue (Nix, or a JavaScript module)')
    .option(
      '--previous-distribution <file>',
      'where services ran before: a distribution model, a Disnix manifest or a coordinator profile',
    )
    .option('-p, --profile <name>', 'coordinator profile to read the previous distribution from', 'default')
    .option(
      '--coordinator-profile-path <path>',
      'folder of the coordinator profiles (default /nix/var/nix/profiles/per-user/$USER/disnix-coordinator)',
    )
    .option('--filter-buildable', 'keep only the targets for which each service instantiates (needs nixpkgs)')
    .option(
      '--target-property <name>',
      'property that addresses a target (default $DISNIX_TARGET_PROPERTY or hostname)',
    )
    .option('--interface <name>', 'accepted for dydisnix compatibility (dyplan never contacts targets)')
    .addOption(new Option('--no-out-link', 'accepted for compatibility: dyplan builds nothing').hideHelp())
    .addOption(
      new Option('--stdout', 'accepted for compatibility: the result goes to standard output').hideHelp(),
    );
  withReportOption(withOutputOptions(withInputOptions(command))).action((options: GendistOptions) =>
    run(async () => {
      const clock = new PhaseClock();
      const loadOptions = {
        ...loadOptionsOf(options),
        targetProperty: options.targetProperty ?? process.env.DISNIX_TARGET_PROPERTY,
      };
      const previous = await previousDistributionSource(options, { implicit: true });
      // A Nix policy (with a Nix catalogue, if any) is evaluated by the process that evaluates
      // the Nix models, and starts while they are validated (src/policies/nix-policy.ts).
      const shared =
        options.qos &&
        !options.filterBuildable &&
        policyKindOf(options.qos) === 'nix' &&
        (!options.filters || policyKindOf(options.filters) === 'nix')
          ? import('../policies/nix-policy.js').then(({ nixPolicyWithModels }) =>
              nixPolicyWithModels({
                policyFile: options.qos as string,
                filtersFile: options.filters,
                nix: { showTrace: options.showTrace, includePaths: options.include },
                askPrevious: previous?.file !== undefined,
              }),
            )
          : undefined;
      try {
        await generate(options, clock, loadOptions, previous, shared);
      } finally {
        (await shared?.catch(() => undefined))?.abort();
      }
    }),
  );
}

async function generate(
  options: GendistOptions,
  clock: PhaseClock,
  loadOptions: LoadOptions,
  previous: Awaited<ReturnType<typeof previousDistributionSource>>,
  shared: Promise<NixPolicyWithModels> | undefined,
): Promise<void> {
  const loading = clock.time('load models', () =>
    loadModels(
      {
        services: options.services,
        infrastructure: options.infrastructure,
        previousDistribution: previous?.file,
      },
      shared
        ? { ...loadOptions, evaluateNix: async (request) => (await shared).evaluateModels(request) }
        : loadOptions,
    ),
  );
  // The policy's modules load while Nix evaluates the models (a failure shows where it is used);
  // a policy evaluated with the models needs none of them.
  if (options.qos && !shared) import('../policies/index.js').catch(() => undefined);
  const models = await loading;
  if (previous?.note) diagnostics.summary(`gendist: ${previous.note}`);
  const { cartesianDistribution } = await import('../policies/values.js');
  // The cartesian product (100,000s of mappings) is built only where it is used: a Nix policy
  // builds its own.
  let initial: DistributionModel | undefined;
  if (options.filterBuildable) {
    const { planBuildable } = await import('../policies/buildable.js');
    const result = await clock.time('filter buildable', () =>
      planBuildable({
        servicesFile: options.services,
        infrastructure: models.infrastructure,
        distribution: cartesianDistribution(models.services, models.infrastructure),
        extraParams: options.extraParams,
        showTrace: options.showTrace,
        includePaths: options.include,
        onNixOutput: (text) => process.stderr.write(text),
      }),
    );
    diagnostics.summary(`gendist: ${result.summary}`);
    initial = result.distribution;
  }
  let distribution: DistributionModel;
  let outcome;
  if (options.qos) {
    const withModels = await shared;
    const run = withModels ? withModels.run : (await import('../policies/index.js')).runPolicy;
    outcome = await clock.time('policy', () =>
      run({
        services: models.services,
        infrastructure: models.infrastructure,
        initialDistribution: initial,
        previousDistribution: models.previousDistribution,
        sources: { services: options.services, infrastructure: options.infrastructure },
        policyFile: options.qos as string,
        filtersFile: options.filters,
        nix: { showTrace: options.showTrace, includePaths: options.include },
        onStep: (step) => diagnostics.summary(`gendist: ${step.where}: ${step.result.summary}`),
        onNixOutput: (text) => process.stderr.write(text),
      }),
    );
    distribution = outcome.distribution;
  } else if (options.filters) throw new UsageError('a filter catalogue (-F) needs a policy (-q)');
  else distribution = initial ?? cartesianDistribution(models.services, models.infrastructure);
  const unplaced = Object.keys(distribution).filter((s) => distribution[s].length === 0);
  if (unplaced.length > 0)
    diagnostics.warning(
      `${unplaced.length} service${unplaced.length === 1 ? '' : 's'} without a target (not deployed): ${unplaced
        .slice(0, 5)
        .map((s) => JSON.stringify(s))
        .join(', ')}${unplaced.length > 5 ? ', ...' : ''}`,
    );
  await clock.time('write', async () => {
    if (outputFormatOf(options) === 'nix') {
      const { toDisnixDistribution } = await import('../../models/write-disnix.js');
      await emit(toDisnixDistribution(distribution), options.outputFile);
    } else await emitDistribution(distribution, options);
  });
  const last = outcome?.steps.at(-1);
  const report = last ? placementReport('gendist', last.result, clock) : emptyReport('gendist', clock);
  report.notes = [...report.notes, ...(outcome?.steps.map((s) => `${s.where}: ${s.result.summary}`) ?? [])];
  report.counts = {
    ...report.counts,
    services: Object.keys(distribution).length,
    targets: Object.keys(models.infrastructure).length,
    algorithmSteps: outcome?.steps.length ?? 0,
    evaluations: outcome?.evaluations ?? 0,
    // 1: the Nix policy was evaluated in the process that evaluated the Nix models.
    policyWithModels: outcome?.withModels ? 1 : 0,
    unplaced: unplaced.length,
  };
  await writeReport(options.report, report);
}
