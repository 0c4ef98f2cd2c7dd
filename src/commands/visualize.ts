/**
 * The pictures: `visualize-services`, `visualize-infra`, `visualize-distribution` (new) and the
 * HTML catalogue `document-services` / `generate-services-docs` (docs/compatibility.md §5.9-§5.12).
 * DOT by default; `--format svg|png` renders through WebAssembly Graphviz (no system Graphviz
 * needed), `--renderer dot` uses the system `dot` instead.
 */
import { Option, type Command } from 'commander';
import { UsageError } from '../errors.js';
import type { DocsConfig, ServicesModel } from '../../models/types.js';
import { emit, writeTreeAtomic } from '../output.js';
import { loadCommandModels, withInputOptions, type ActionRunner, type InputOptions } from './options.js';
import { diagnostics } from '../diagnostics.js';

type Format = 'dot' | 'svg' | 'png';

interface PictureOptions extends InputOptions {
  format?: Format;
  imageFormat?: Format;
  renderer: 'wasm' | 'dot';
  layout: 'auto' | 'hierarchical' | 'pinned';
  outputFile?: string;
}

interface ServicesPictureOptions extends PictureOptions {
  services: string;
  group: string;
  groupSubservices?: boolean;
  batch?: boolean;
  outputDir: string;
  docs?: string;
}

function withPictureOptions(command: Command): Command {
  return withInputOptions(command)
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
    )
    .option('--output-file <file>', 'write the picture to this file (atomically) instead of standard output');
}

function renderOptions(options: PictureOptions) {
  return { renderer: options.renderer, layout: options.layout };
}

/** Writes every file of a batch under `dir`, all or nothing. */
const writeTree = writeTreeAtomic;

async function loadServices(
  options: ServicesPictureOptions,
): Promise<{ services: ServicesModel; docs?: DocsConfig }> {
  const models = await loadCommandModels({ services: options.services, docs: options.docs }, options);
  return { services: models.services, docs: models.docs };
}

function servicesCommand(program: Command, name: string, description: string): Command {
  return withPictureOptions(
    program
      .command(name)
      .description(description)
      .requiredOption('-s, --services <file>', 'services model')
      .option('--group <group>', 'show the services of this group (and its sub-groups)', '')
      .option('--group-subservices', 'collapse the sub-groups of the group into single nodes')
      .option('--batch', 'write one artifact per group into --output-dir')
      .option('--output-dir <dir>', 'folder for --batch', '.'),
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
          options.outputDir,
          await catalogue.visualizeServicesBatch(services, {
            format: options.format,
            ...renderOptions(options),
          }),
        );
        return;
      }
      const picture = await catalogue.renderServicesDiagram(services, options.format ?? 'dot', {
        group: options.group,
        groupSubservices: options.groupSubservices,
        ...renderOptions(options),
      });
      await emit(picture, options.outputFile);
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
      await emit(
        await renderGraph(
          infrastructureGraph(models.infrastructure),
          options.format ?? 'dot',
          renderOptions(options),
        ),
        options.outputFile,
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
      await emit(
        await renderGraph(graph, options.format ?? 'dot', renderOptions(options)),
        options.outputFile,
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
            options.outputDir,
            await catalogue.documentServicesBatch(services, {
              docs,
              format: options.format,
              ...renderOptions(options),
            }),
          );
          return;
        }
        await emit(
          catalogue.documentServicesPage(services, {
            group: options.group,
            groupSubservices: options.groupSubservices,
            docs,
          }),
          options.outputFile,
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
  ).action((options: ServicesPictureOptions) =>
    run(async () => {
      if (options.format && options.imageFormat && options.format !== options.imageFormat) {
        throw new UsageError('--format and --image-format disagree');
      }
      const { services, docs } = await loadServices(options);
      const catalogue = await import('../catalogue/index.js');
      const format = options.format ?? options.imageFormat;
      await writeTree(
        options.outputDir,
        await catalogue.generateServicesDocs(services, { docs, format, ...renderOptions(options) }),
      );
    }),
  );
}
