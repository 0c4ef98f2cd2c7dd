/**
 * Graph colouring: {@link colourGraph} (clique bound, bipartite test, DSATUR, iterated greedy,
 * tabu search, optional exact branch and bound; candidate lists and a colour limit), its typed errors, and the
 * graph helpers and plain DSATUR that the benchmark measures on their own.
 */
export { colourGraph, type ColouringResult } from './colour-graph.js';
export { dsaturHeuristic } from './dsatur.js';
export { ColouringError, InsufficientColoursError, ListColouringError, SelfLoopError } from './errors.js';
export { buildAdjacency, isProperColouring, nameRanks } from './graph.js';
