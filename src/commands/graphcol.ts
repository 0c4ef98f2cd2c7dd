/**
 * `dyplan graphcol`: places services so that every dependency becomes a network link, on as few
 * targets as possible (reference sections 5.5 and 7.6): a proper DSATUR colouring of the
 * dependency graph with the targets, sorted by name, as colours.
 */
import type { Command } from 'commander';
import { ModelError, formatPath } from '../../models/errors.js';
import type { DistributionModel, ServicesModel } from '../../models/types.js';
import { emit } from '../output.js';
import { PlanningError } from '../errors.js';
import {
  emitDistribution,
  loadPlanningModels,
  planningCommand,
  summary,
  type PlanningOptions,
} from './planning.js';
import type { ActionRunner } from './options.js';

interface GraphColOptions extends PlanningOptions {
  exact?: boolean;
  outputGraph?: boolean;
  outputResolvedGraph?: boolean;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export function registerGraphCol(program: Command, run: ActionRunner): void {
  planningCommand(
    program,
    'graphcol',
    'place services so that every dependency is a network link, on as few targets as possible',
    {
      distribution: false,
    },
  )
    .option('--exact', 'prove the minimum number of targets by branch and bound (small systems)')
    .option('--output-graph', 'print the dependency graph (DOT) instead of a distribution')
    .option('--output-resolved-graph', 'print the coloured dependency graph (DOT)')
    .action((options: GraphColOptions) =>
      run(async () => {
        const models = await loadPlanningModels(options);
        const services = models.services as ServicesModel;
        const infrastructure = models.infrastructure ?? {};
        const distribution = models.distribution;
        const { dependencyGraph, indexedEdges } = await import('../graphs/dependency-graph.js');
        const { conflictGraphDot } = await import('../dot/problem-graphs.js');
        const graph = dependencyGraph(services, distribution && new Set(Object.keys(distribution)));
        if (options.outputGraph && !options.outputResolvedGraph) {
          await emit(conflictGraphDot(graph), options.outputFile);
          return;
        }
        const targets = Object.keys(infrastructure);
        const { names, edges } = indexedEdges(graph);
        const targetIndex = new Map(targets.map((t, i) => [t, i]));
        const allowed =
          distribution && names.map((s) => distribution[s].map((m) => targetIndex.get(m.target) as number));
        const { dsatur, SelfLoopError, InsufficientColoursError, ListColouringError } =
          await import('../../algorithms/dsatur.js');
        let result;
        try {
          result = dsatur(
            { nodeCount: names.length, names, edges, allowed, maxColours: targets.length },
            { exact: options.exact },
          );
        } catch (error) {
          if (error instanceof SelfLoopError) {
            throw new ModelError(
              options.services,
              formatPath([error.nodeName, 'dependsOn']),
              'the service depends on itself, so it cannot be placed apart from itself',
            );
          }
          if (error instanceof InsufficientColoursError) {
            const need = error.proven
              ? `at least ${plural(error.needed, 'target')} needed`
              : `${plural(error.needed, 'target')} needed by DSATUR (try --exact)`;
            throw new PlanningError(
              `graphcol: not enough targets: ${need}, ${error.available} available in ${infrastructureFile(options)}`,
            );
          }
          if (error instanceof ListColouringError) {
            const service = JSON.stringify(error.nodeName);
            throw new PlanningError(
              error.available === 0
                ? `graphcol: service ${service} has no candidate target in ${infrastructureFile(options)}`
                : error.proven
                  ? 'graphcol: no placement keeps every service on one of its candidate targets and apart from the services it is linked to (proven by exhaustive search)'
                  : `graphcol: service ${service} cannot be placed: all ${plural(error.available, 'candidate target')} hold services it is linked to (try --exact)`,
            );
          }
          throw error;
        }
        const cliqueNote = result.clique.length > 1 ? ` (clique of ${result.clique.length})` : '';
        const gap = result.optimal
          ? 'optimal'
          : `gap ${((100 * (result.colours - result.lowerBound)) / Math.max(1, result.lowerBound)).toFixed(1)} %`;
        summary(
          `graphcol: ${plural(result.colours, 'target')} used; at least ${result.lowerBound} needed${cliqueNote} (${gap})`,
        );
        const colours = new Map(names.map((s, i) => [s, result.colouring[i]]));
        if (options.outputResolvedGraph) {
          await emit(conflictGraphDot(graph, colours), options.outputFile);
          return;
        }
        await emitDistribution(placement(names, result.colouring, targets, distribution), options);
      }),
    );
}

function infrastructureFile(options: PlanningOptions): string {
  return options.infrastructure ?? 'the infrastructure model';
}

function placement(
  names: string[],
  colouring: number[],
  targets: string[],
  distribution?: DistributionModel,
): DistributionModel {
  const placed: DistributionModel = {};
  names.forEach((service, i) => {
    const target = targets[colouring[i]];
    placed[service] = [distribution?.[service].find((m) => m.target === target) ?? { target }];
  });
  return placed;
}
