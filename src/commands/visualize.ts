/**
 * The pictures: `visualize-services`, `visualize-infra`, `visualize-distribution` (new) and the
 * HTML catalogue `document-services` / `generate-services-docs` (docs/compatibility.md §5.9-§5.12).
 * DOT by default; `--format svg|png` renders through WebAssembly Graphviz (no system Graphviz
 * needed), `--renderer dot` uses the system `dot` instead.
 */
import { Option, type Command } from 'commander';
import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { UsageError } from '../errors.js';
import type { DocsConfig, ServicesModel } from '../../models/types.js';
import { emit, writeFileAtomic, writeStdout, writeTreeAtomic } from '../output.js';
import {
  appliesOnlyWith,
  loadCommandModels,
  withInputOptions,
  type ActionRunner,
  type InputOptions,
} from './options.js';
import { diagnostics } from '../diagnostics.js';

type Format = 'dot' | 'svg' | 'png';

interface PictureOptions extends InputOptions {
  format?: Format;
  imageFormat?: Format;
  renderer: 'wasm' | 'dot';
  layout: 'auto' | 'hierarchical' | 'pinned';
  outputFile?: string;
  json?: boolean;
}

interface ServicesPictureOptions extends PictureOptions {
  services: string;
  group: string;
  groupSubservices?: boolean;
  batch?: boolean;
  outputDir: string;
  docs?: string;
}

function withPictureOptions(command: Command, one = { outputFile: true }): Command {
  withInputOptions(command)
    .addOption(
      new Option('-f, --format <format>', 'dot (DOT text), svg or png').choices(['dot', 'svg', 'png']),
    )
    .addOption(
      new Option('--renderer <renderer>', 'wasm: bundled WebAssembly Graphviz; dot: the system Graphviz')
        .choices(['wasm', 'dot'])
        .default('wasm'),
    )
    .addOption(
      new Option(
        '--layout <layout>',
        'auto: pinned force-directed positions above 600 nodes, else Graphviz dot',
      )
        .choices(['auto', 'hierarchical', 'pinned'])
        .default('auto'),
    );
  // Every picture command writes one artifact but generate-services-docs, which writes a folder.
  if (one.outputFile)
    command.addOption(
      new Option(
        '--output-file <file>',
        'write the result to this file (atomically) instead of standard output',
      ).conflicts('batch'),
    );
  // --json describes files written; with the picture itself on standard output there are none.
  const json = new Option(
    '--json',
    'print what was written (files, sizes, counts) as JSON on standard output',
  );
  const batch = command.options.some((o) => o.long === '--batch');
  if (!one.outputFile) command.addOption(json);
  else
    command.addOption(
      batch ? appliesOnlyWith(json, 'outputFile', 'batch') : appliesOnlyWith(json, 'outputFile'),
    );
  return command;
}

/** What `--json` prints: the files written (as given on the command line, with their sizes) and counts. */
interface WrittenSummary {
  command: string;
  files: { path: string; bytes: number }[];
  counts: Record<string, number>;
}

const byteLength = (contents: string | Uint8Array) =>
  typeof contents === 'string' ? Buffer.byteLength(contents) : contents.byteLength;

/** Writes `files` (path -> contents), then prints their summary when `--json` asked for it. */
async function writeAndSummarise(
  command: string,
  options: PictureOptions,
  files: ReadonlyMap<string, string | Uint8Array>,
  counts: Record<string, number>,
): Promise<void> {
  for (const [path, contents] of files) {
    await mkdir(dirname(path), { recursive: true });
    await writeFileAtomic(path, contents);
  }
  await summarise(command, options, files, counts);
}

/** The `--json` summary of the files written, when it was asked for. */
async function summarise(
  command: string,
  options: PictureOptions,
  files: ReadonlyMap<string, string | Uint8Array>,
  counts: Record<string, number>,
): Promise<void> {
  if (!options.json) return;
  const written = [...files].map(([path, contents]) => ({ path, bytes: byteLength(contents) }));
  const summary: WrittenSummary = {
    command,
    files: written,
    counts: { files: written.length, bytes: written.reduce((sum, f) => sum + f.bytes, 0), ...counts },
  };
  await writeStdout(`${JSON.stringify(summary, null, 2)}\n`);
}

/** One artifact: to --output-file (and its --json summary), or to standard output. */
async function emitPicture(
  command: string,
  options: PictureOptions,
  contents: string | Uint8Array,
  counts: Record<string, number>,
): Promise<void> {
  if (options.outputFile)
    await writeAndSummarise(command, options, new Map([[options.outputFile, contents]]), counts);
  else await emit(contents);
}

function renderOptions(options: PictureOptions) {
  return { renderer: options.renderer, layout: options.layout, onPhase: diagnostics.phase };
}

/** Every file of a batch under `dir`, all or nothing (output.ts), then its `--json` summary. */
async function writeTree(
  command: string,
  options: PictureOptions,
  dir: string,
  files: Map<string, string | Uint8Array>,
  counts: Record<string, number>,
): Promise<void> {
  await writeTreeAtomic(dir, files);
  const under = new Map<string, string | Uint8Array>();
  for (const [path, contents] of files) under.set(join(dir, path), contents);
  await summarise(command, options, under, counts);
}

/** Services, and groups (every group a batch writes, the root included). */
async function servicesCounts(services: ServicesModel): Promise<Record<string, number>> {
  const { allGroups } = await import('../groups/index.js');
  return { services: Object.keys(services).length, groups: allGroups(services).length };
}

async function loadServices(
  options: ServicesPictureOptions,
): Promise<{ services: ServicesModel; docs?: DocsConfig }> {
  const models = await loadCommandModels({ services: options.services, docs: options.docs }, options);
  if (options.group) {
    // A misspelt group would otherwise give an empty diagram and exit 0.
    const { allGroups } = await import('../groups/index.js');
    const groups = allGroups(models.services);
    if (!groups.includes(options.group)) {
      const known = groups.filter(Boolean);
      throw new UsageError(
        `--group ${JSON.stringify(options.group)}: no such group in ${options.services} ` +
          (known.length
            ? `(groups: ${known.slice(0, 10).join(', ')}${known.length > 10 ? ', ...' : ''})`
            : '(it has no groups)'),
      );
    }
  }
  return { services: models.services, docs: models.docs };
}

function servicesCommand(program: Command, name: string, description: string): Command {
  return withPictureOptions(
    program
      .command(name)
      .description(description)
      .requiredOption('-s, --services <file>', 'services model')
      .addOption(
        new Option('--group <group>', 'show the services of this group (and its sub-groups)')
          .default('')
          .conflicts('batch'),
      )
      .addOption(
        new Option('--group-subservices', 'collapse the sub-groups of the group into single nodes').conflicts(
          'batch',
        ),
      )
      .option('--batch', 'write one artifact per group into --output-dir')
      .addOption(
        appliesOnlyWith(new Option('--output-dir <dir>', 'folder for --batch').default('.'), 'batch'),
      ),
  );
}

export function registerVisualize(program: Command, run: ActionRunner): void {
  servicesCommand(
    program,
    'visualize-services',
    'draw the services and their dependencies, by feature group',
  ).action((options: ServicesPictureOptions) =>
    run(async () => {
      const { services } = await loadServices(options);
      const catalogue = await import('../catalogue/index.js');
      if (options.batch) {
        await writeTree(
          'visualize-services',
          options,
          options.outputDir,
          await catalogue.visualizeServicesBatch(services, {
            format: options.format,
            ...renderOptions(options),
          }),
          await servicesCounts(services),
        );
        return;
      }
      const picture = await catalogue.renderServicesDiagram(services, options.format ?? 'dot', {
        group: options.group,
        groupSubservices: options.groupSubservices,
        ...renderOptions(options),
      });
      await emitPicture('visualize-services', options, picture, await servicesCounts(services));
    }),
  );

  withPictureOptions(
    program
      .command('visualize-infra')
      .description('draw the target machines and their containers')
      .requiredOption('-i, --infrastructure <file>', 'infrastructure model'),
  ).action((options: PictureOptions & { infrastructure: string }) =>
    run(async () => {
      const models = await loadCommandModels({ infrastructure: options.infrastructure }, options);
      const { infrastructureGraph } = await import('../dot/index.js');
      const { renderGraph } = await import('../render/index.js');
      const targets = Object.values(models.infrastructure);
      await emitPicture(
        'visualize-infra',
        options,
        await renderGraph(
          infrastructureGraph(models.infrastructure),
          options.format ?? 'dot',
          renderOptions(options),
        ),
        {
          targets: targets.length,
          containers: targets.reduce((sum, t) => sum + Object.keys(t.containers).length, 0),
        },
      );
    }),
  );

  withPictureOptions(
    program
      .command('visualize-distribution')
      .description('draw which service runs on which target, highlighting the links that cross targets')
      .requiredOption('-s, --services <file>', 'services model')
      .requiredOption('-i, --infrastructure <file>', 'infrastructure model')
      .requiredOption(
        '-d, --distribution <file>',
        'distribution model (for instance the output of a planning command)',
      ),
  ).action((options: PictureOptions & { services: string; infrastructure: string; distribution: string }) =>
    run(async () => {
      const models = await loadCommandModels(
        {
          services: options.services,
          infrastructure: options.infrastructure,
          distribution: options.distribution,
        },
        options,
      );
      const { crossingSummary, distributionGraph, distributionLayout } = await import('../dot/index.js');
      const { renderGraph } = await import('../render/index.js');
      const layout = distributionLayout(models.services, models.distribution);
      diagnostics.summary(`visualize-distribution: ${crossingSummary(layout)}`);
      const graph = distributionGraph(models.services, models.infrastructure, models.distribution);
      await emitPicture(
        'visualize-distribution',
        options,
        await renderGraph(graph, options.format ?? 'dot', renderOptions(options)),
        {
          services: Object.keys(models.distribution).length,
          targets: Object.keys(models.infrastructure).length,
          placements: layout.placements.length,
          links: layout.links.length,
          crossingLinks: layout.crossing,
          unplacedDependencies: layout.unplacedDependencies,
        },
      );
    }),
  );

  servicesCommand(program, 'document-services', 'write the HTML architecture catalogue of the services')
    .option('--docs <file>', 'documentation configuration: group descriptions, fields, column titles')
    .action((options: ServicesPictureOptions) =>
      run(async () => {
        const { services, docs } = await loadServices(options);
        const catalogue = await import('../catalogue/index.js');
        if (options.batch) {
          await writeTree(
            'document-services',
            options,
            options.outputDir,
            await catalogue.documentServicesBatch(services, {
              docs,
              format: options.format,
              ...renderOptions(options),
            }),
            await servicesCounts(services),
          );
          return;
        }
        await emitPicture(
          'document-services',
          options,
          catalogue.documentServicesPage(services, {
            group: options.group,
            groupSubservices: options.groupSubservices,
            docs,
          }),
          await servicesCounts(services),
        );
      }),
    );

  withPictureOptions(
    program
      .command('generate-services-docs')
      .description('write the diagrams and the HTML catalogue of every group into a folder')
      .requiredOption('-s, --services <file>', 'services model')
      .requiredOption('--output-dir <dir>', 'folder for the catalogue')
      .option('--docs <file>', 'documentation configuration')
      // The original's help advertised --image-format while it read --format (bug 27): accept both.
      .addOption(new Option('--image-format <format>', 'same as --format').choices(['dot', 'svg', 'png'])),
    { outputFile: false },
  ).action((options: ServicesPictureOptions) =>
    run(async () => {
      if (options.format && options.imageFormat && options.format !== options.imageFormat) {
        throw new UsageError('--format and --image-format disagree');
      }
      const { services, docs } = await loadServices(options);
      const catalogue = await import('../catalogue/index.js');
      const format = options.format ?? options.imageFormat;
      await writeTree(
        'generate-services-docs',
        options,
        options.outputDir,
        await catalogue.generateServicesDocs(services, { docs, format, ...renderOptions(options) }),
        await servicesCounts(services),
      );
    }),
  );
}
