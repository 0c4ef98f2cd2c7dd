/**
 * `dyplan id-assign`: unique, stable IDs (ports, UIDs, GIDs...) for services, from the ID resources
 * model, keeping the assignments of a previous ids file (src/plans/ids.ts). `--check` and `--diff`
 * compare the ids file with what a run would write (src/plans/ids-review.ts) and write nothing.
 * With `--output-file`, the whole run (reading the models, which may import the ids file itself,
 * planning, writing) holds a lock next to the output file (src/lock.ts).
 */
import { Option, type Command } from 'commander';
import { DyplanError } from '../../models/errors.js';
import { MODEL_KINDS } from '../../models/kinds.js';
import { diagnostics } from '../diagnostics.js';
import { UsageError } from '../errors.js';
import { outputFormatOf, render } from '../formats.js';
import type { HeldLock } from '../lock.js';
import { emit, writeStdout } from '../output.js';
import { emptyReport, PhaseClock, withReportOption, writeReport } from '../report.js';
import {
  appliesOnlyWith,
  loadCommandModels,
  numberArgument,
  withInputOptions,
  withOutputOptions,
  type InputOptions,
  type OutputOptions,
  type ActionRunner,
} from './options.js';

interface IdAssignOptions extends InputOptions, OutputOptions {
  services: string;
  /** `-p`: a nix-processmgmt processes model, read where the services model would be. */
  processes?: string;
  infrastructure?: string;
  distribution?: string;
  idResources: string;
  ids?: string;
  previousDistribution?: string;
  serviceProperty: string;
  fixedIdsProperty: string;
  preferredIdsProperty: string;
  rememberTargets?: boolean;
  check?: boolean;
  diff?: boolean;
  /** Seconds. */
  lockTimeout: number;
  report?: string;
}

/** `--check` found problems: one line per problem (the error boundary prints each on its own line). */
class IdsCheckFailed extends DyplanError {
  constructor(readonly lines: readonly string[]) {
    super('input', lines.join('\ndyplan: '));
  }
}

export function registerIdAssign(program: Command, run: ActionRunner): void {
  const command = program
    .command('id-assign')
    .description('assign unique, stable numeric IDs (ports, UIDs, GIDs) to services')
    .option('-s, --services <file>', 'services model')
    .addOption(
      new Option(
        '-p, --processes <file>',
        'a nix-processmgmt processes model instead of -s (as nixproc-id-assign reads it)',
      ).conflicts('services'),
    )
    .option('-i, --infrastructure <file>', 'infrastructure model (needed to read a Nix distribution)')
    .option(
      '-d, --distribution <file>',
      'distribution model: assign IDs only to distributed services (distribution mode)',
    )
    .requiredOption(
      '--id-resources <file>',
      'ID resources model: pools with min, max, scope, step, reserved and noReuse',
    )
    .option('--ids <file>', 'previous ids file whose assignments are kept where still valid')
    .option(
      '--previous-distribution <file>',
      'where services ran before: after a move, the service that stayed keeps its machine-scope ID',
    )
    .option(
      '--service-property <name>',
      'service attribute listing the resources a service needs IDs from',
      'requiresUniqueIdsFor',
    )
    .option(
      '--fixed-ids-property <name>',
      'service attribute with the exact IDs a service must have ({ ports = 8080; })',
      'fixedIds',
    )
    .option(
      '--preferred-ids-property <name>',
      'service attribute with the IDs a service gets when they are free',
      'preferredIds',
    )
    .option(
      '--no-remember-targets',
      "do not record the targets of machine-scope assignments (the original's layout; kept once recorded)",
    )
    // --check and --diff write nothing, so an output file means a misunderstanding.
    .addOption(
      appliesOnlyWith(
        new Option(
          '--check',
          'check the --ids file against the models; write nothing; exit 1 listing each problem',
        ).conflicts(['diff', 'outputFile']),
        'ids',
      ),
    )
    .addOption(
      new Option(
        '--diff',
        'print what a run would change in the --ids file (with --json: as JSON); write nothing',
      ).conflicts('outputFile'),
    )
    .addOption(
      new Option('--lock-timeout <seconds>', 'how long to wait for another run writing the same output file')
        .argParser(numberArgument({ min: 0 }))
        .default(120),
    );
  withReportOption(withOutputOptions(withInputOptions(command))).action((options: IdAssignOptions) =>
    run(async () => {
      if (options.processes !== undefined) options.services = options.processes;
      if (options.services === undefined)
        throw new UsageError(
          "required option '-s, --services <file>' (or '-p, --processes <file>') not specified",
        );
      const timeoutMs = options.lockTimeout * 1000;
      const work = (lock?: HeldLock) => assign(options, lock);
      if (options.outputFile && !options.check && !options.diff) {
        // Loaded on use, as the planners below: start-up time counts for every command.
        const { withLock } = await import('../lock.js');
        await withLock(
          options.outputFile,
          {
            timeoutMs,
            onWait: (holder, file) =>
              diagnostics.summary(`id-assign: waiting for ${file} (held by pid ${holder.pid})`),
          },
          work,
        );
      } else await work();
    }),
  );
}

async function assign(options: IdAssignOptions, lock: HeldLock | undefined): Promise<void> {
  const clock = new PhaseClock();
  const { planIds } = await import('../plans/ids.js');
  const { checkIds, diffIds, diffText } = await import('../plans/ids-review.js');
  const models = await clock.time('load models', () =>
    loadCommandModels(
      {
        services: options.services,
        infrastructure: options.infrastructure,
        distribution: options.distribution,
        previousDistribution: options.previousDistribution,
        idResources: options.idResources,
        ids: options.ids,
      },
      options,
    ),
  );
  const result = await clock.time('assign', () =>
    planIds(models, {
      serviceProperty: options.serviceProperty,
      fixedIdsProperty: options.fixedIdsProperty,
      preferredIdsProperty: options.preferredIdsProperty,
      rememberTargets: options.rememberTargets,
      sources: { services: options.services, idResources: options.idResources },
    }),
  );
  const { ids, counts } = result;
  if (options.check) {
    const problems = checkIds(models.ids!, result);
    if (problems.length > 0)
      throw new IdsCheckFailed(
        problems.map((p) =>
          p.field ? `${options.ids}: ${p.field}: ${p.detail}` : `${options.ids}: ${p.detail}`,
        ),
      );
    diagnostics.summary(`id-assign: ${options.ids} is up to date`);
  } else if (options.diff) {
    const diff = diffIds(models.ids, result);
    await clock.time('write', () =>
      writeStdout(
        options.json
          ? JSON.stringify({ schema: 'dyplan-ids-diff', version: 1, ...diff }, null, 2) + '\n'
          : diffText(diff),
      ),
    );
  } else {
    for (const warning of result.warnings) diagnostics.warning(warning);
    for (const note of result.notes) diagnostics.summary(`id-assign: note: ${note}`);
    const { toValue, toXml } = MODEL_KINDS.ids;
    const text = render(toValue(ids), outputFormatOf(options), () => toXml(ids));
    await clock.time('write', async () => {
      await lock?.assertHeld();
      await emit(text, options.outputFile);
    });
  }
  const services = Object.keys(models.services).length;
  await writeReport(options.report, {
    ...emptyReport('id-assign', clock),
    counts: { services, idsKept: counts.kept, idsAdded: counts.added, idsRemoved: counts.removed },
  });
}
