/**
 * Colouring planner (docs/compatibility.md §7.6): services placed so that every dependency becomes
 * a network link, on as few targets as possible: a colouring of the dependency graph with the
 * targets, in name order, as colours (candidate lists from a distribution restrict them).
 */
import { sortedKeys } from '../../models/compare.js';
import { ModelError, formatPath } from '../../models/errors.js';
import type { DistributionModel, InfrastructureModel, ServicesModel } from '../../models/types.js';
import { PlanningError } from '../errors.js';
import { dependencyGraph, indexedEdges, type DependencyGraph } from './dependency-graph.js';
import {
  gapText,
  placementProblem,
  plural,
  toDistribution,
  type ModelSources,
  type PlacementResult,
} from './placement.js';

export interface ColouringModels {
  services: ServicesModel;
  infrastructure?: InfrastructureModel;
  distribution?: DistributionModel;
}

export interface ColouringPlanOptions {
  /** Prove the minimum number of targets by branch and bound. */
  exact?: boolean;
  /**
   * Seconds the exact search may take instead of its default budget of search nodes (results then
   * depend on the machine). Default: none (5,000,000 search nodes, reproducible).
   */
  timeLimit?: number;
  sources?: ModelSources;
}

export interface ColouringPlanResult extends PlacementResult {
  /** The dependency graph that was coloured. */
  graph: DependencyGraph;
  /** Colour (target index in name order) of every service. */
  colours: ReadonlyMap<string, number>;
}

/** The graph the planner colours: the services (the distributed ones, with -d) and their links. */
export function colouringGraph(models: ColouringModels): DependencyGraph {
  return dependencyGraph(models.services, models.distribution && new Set(Object.keys(models.distribution)));
}

export async function planColouring(
  models: ColouringModels,
  options: ColouringPlanOptions = {},
): Promise<ColouringPlanResult> {
  const graph = colouringGraph(models);
  const { names, edges } = indexedEdges(graph);
  const targets = sortedKeys(models.infrastructure ?? {});
  const problem = placementProblem(names, targets, models.distribution);
  const infrastructureFile = options.sources?.infrastructure ?? 'the infrastructure model';
  const colouring = await import('../../algorithms/colouring/index.js');
  let result;
  try {
    result = colouring.colourGraph(
      {
        nodeCount: names.length,
        names,
        edges,
        allowed: models.distribution && problem.candidates,
        maxColours: targets.length,
      },
      {
        exact: options.exact,
        ...(options.timeLimit !== undefined
          ? { timeLimitMs: 1000 * options.timeLimit, nodeLimit: Number.POSITIVE_INFINITY }
          : {}),
      },
    );
  } catch (error) {
    if (error instanceof colouring.SelfLoopError) {
      throw new ModelError(
        options.sources?.services ?? 'the services model',
        formatPath([error.nodeName, 'dependsOn']),
        'the service depends on itself, so it cannot be placed apart from itself',
        { cause: error },
      );
    }
    if (error instanceof colouring.InsufficientColoursError) {
      const need = error.proven
        ? `at least ${plural(error.needed, 'target')} needed`
        : `${plural(error.needed, 'target')} needed by the heuristics (try --exact)`;
      throw new PlanningError(
        `graphcol: not enough targets: ${need}, ${error.available} available in ${infrastructureFile}`,
        { cause: error },
      );
    }
    if (error instanceof colouring.ListColouringError) {
      const service = JSON.stringify(error.nodeName);
      throw new PlanningError(
        error.available === 0
          ? `graphcol: service ${service} has no candidate target in ${infrastructureFile}`
          : error.proven
            ? 'graphcol: no placement keeps every service on one of its candidate targets and apart from the services it is linked to (proven by exhaustive search)'
            : `graphcol: service ${service} cannot be placed: all ${plural(error.available, 'candidate target')} hold services it is linked to (try --exact)`,
        { cause: error },
      );
    }
    throw error;
  }
  const bound = boundDescription(result);
  const notes: string[] = [];
  if (result.exactStop === 'time limit')
    notes.push(`the exact search reached its time limit of ${options.timeLimit} s`);
  else if (result.exactStop === 'node limit')
    notes.push('the exact search used up its budget of search nodes (--time-limit to search longer)');
  else if (result.exactStop === 'size') notes.push('the system is too large for the exact search');
  return {
    distribution: toDistribution(problem, result.colouring),
    objective: result.colours,
    lowerBound: result.lowerBound,
    boundKind: bound,
    optimal: result.optimal,
    method: result.method,
    notes,
    counts: {
      services: names.length,
      targets: targets.length,
      links: edges.length,
      targetsUsed: result.colours,
      ...(result.searchNodes !== undefined ? { searchNodes: result.searchNodes } : {}),
      ...(result.tabuMoves > 0 ? { tabuMoves: result.tabuMoves } : {}),
    },
    summary:
      `graphcol: ${plural(result.colours, 'target')} used; at least ${result.lowerBound} needed` +
      `${bound ? ` (${bound})` : ''} (${gapText(result.colours, result.lowerBound, result.optimal)})` +
      notes.map((note) => `; ${note}`).join(''),
    graph,
    colours: new Map(names.map((s, i) => [s, result.colouring[i]])),
  };
}

/** What proves the bound: `clique of 3`, `maximum clique of 15`, `no placement on 8 targets (exhaustive search)`. */
function boundDescription(result: {
  lowerBound: number;
  clique: number[];
  lowerBoundProof: 'clique' | 'maximum clique' | 'exhaustive search';
}): string {
  if (result.lowerBoundProof === 'exhaustive search')
    return `exhaustive search: none on ${plural(result.lowerBound - 1, 'target')}`;
  if (result.clique.length < 2) return '';
  return `${result.lowerBoundProof === 'maximum clique' ? 'maximum clique' : 'clique'} of ${result.clique.length}`;
}
