/**
 * `dyplan view` (new): the plan as one interactive, self-contained HTML page (src/view/): services,
 * targets, links crossing targets, IDs, resource loads and the moves against a second
 * distribution, with positions computed here so opening the page runs no layout.
 */
import type { Command } from 'commander';
import { UsageError } from '../errors.js';
import { emit } from '../output.js';
import { diagnostics } from '../diagnostics.js';
import { parseResourcePairs } from '../plans/resources.js';
import { loadCommandModels, withInputOptions, type ActionRunner, type InputOptions } from './options.js';

interface ViewOptions extends InputOptions {
  services: string;
  infrastructure?: string;
  distribution?: string;
  ids?: string;
  compare?: string;
  resource: string[];
  title?: string;
  json?: boolean;
  outputFile?: string;
}

export function registerView(program: Command, run: ActionRunner): void {
  withInputOptions(
    program
      .command('view')
      .description('write the plan as one interactive, self-contained HTML page')
      .requiredOption('-s, --services <file>', 'services model')
      .option('-i, --infrastructure <file>', 'infrastructure model')
      .option(
        '-d, --distribution <file>',
        'distribution model (for instance the output of a planning command)',
      )
      .option('--ids <file>', 'ids file (from id-assign): shown in the service panel')
      .option('--compare <file>', 'a second distribution: highlight the services that move between the two')
      .option(
        '--resource <SERVICEPROP:TARGETPROP>',
        "show each target's load of this resource (e.g. requireMem:mem; repeatable)",
        (value: string, previous: string[]) => [...previous, value],
        [] as string[],
      )
      .option('--title <text>', 'page title', 'dyplan view')
      .option('--json', 'print the page data as JSON instead of the page')
      .option('--output-file <file>', 'write the page to this file (atomically) instead of standard output'),
  ).action((options: ViewOptions) =>
    run(async () => {
      if (options.compare && !options.distribution)
        throw new UsageError('--compare needs a distribution (-d)');
      const pairs = parseResourcePairs(options.resource);
      if (pairs.length > 0 && !(options.infrastructure && options.distribution))
        throw new UsageError('--resource needs an infrastructure (-i) and a distribution (-d)');
      const models = await loadCommandModels(
        {
          services: options.services,
          infrastructure: options.infrastructure,
          distribution: options.distribution,
          previousDistribution: options.compare,
          ids: options.ids,
        },
        options,
      );
      const { viewData, viewPage, clientBundle, resourceLoads } = await import('../view/index.js');
      const data = viewData(
        {
          services: models.services,
          infrastructure: models.infrastructure,
          distribution: models.distribution,
          ids: models.ids,
          other: models.previousDistribution,
          otherFile: options.compare,
          loads:
            pairs.length > 0 && models.infrastructure && models.distribution
              ? resourceLoads(models.services, models.infrastructure, models.distribution, pairs, {
                  services: options.services,
                  infrastructure: options.infrastructure,
                })
              : undefined,
        },
        { title: options.title },
      );
      const parts = [`${data.services.length} services`, `${data.targets.length} targets`];
      if (data.distributionView) parts.push(data.distributionView.summary);
      if (data.compare) parts.push(`${data.compare.moved} moved against ${data.compare.file}`);
      diagnostics.summary(`view: ${parts.join(', ')}`);
      await emit(
        options.json ? `${JSON.stringify(data, null, 1)}\n` : viewPage(data, await clientBundle()),
        options.outputFile,
      );
    }),
  );
}
