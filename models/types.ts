/**
 * The normalised models every command works on, whatever format they were read from.
 * Loaders (see `load.ts`) produce these; writers consume them. Nothing here knows any algorithm.
 */

/** A JSON-compatible value: what an evaluated Nix model can hold once `pkg` and functions are gone. */
export type Value = string | number | boolean | null | Value[] | { [key: string]: Value };

export interface Service {
  /** Equals the key of the service in the services model (validated). */
  name: string;
  type?: string;
  /** Names of the services this one depends on (activation order + link). */
  dependsOn: string[];
  /** Names of the services this one talks to without an activation-order constraint. */
  connectsTo: string[];
  /** `/`-separated feature group; `""` is the root group. */
  group: string;
  description?: string;
  providesContainer?: string;
  providesContainers?: Record<string, Record<string, Value>>;
  /** Every attribute of the service as evaluated, except the normalised `dependsOn`/`connectsTo` lists. */
  properties: Record<string, Value>;
}

/** Services keyed by name, in sorted key order. */
export type ServicesModel = Record<string, Service>;

export interface Target {
  name: string;
  properties: Record<string, Value>;
  containers: Record<string, Record<string, Value>>;
  /** Name of the property in `properties` that addresses the machine (default `hostname`). */
  targetProperty?: string;
  system?: string;
  numOfCores?: number;
  clientInterface?: string;
}

/** Targets keyed by name. */
export type InfrastructureModel = Record<string, Target>;

export interface Mapping {
  target: string;
  container?: string;
}

/** Service name -> candidate (or chosen) mappings, in priority order. */
export type DistributionModel = Record<string, Mapping[]>;

export type IdScope = 'global' | 'machine';

/** An inclusive range of IDs; a single ID is `{ min: id, max: id }`. */
export interface IdRange {
  min: number;
  max: number;
}

export interface IdResource {
  min: number;
  max: number;
  scope: IdScope;
  step: number;
  /** IDs never handed out: sorted, disjoint ranges (absent when none). */
  reserved?: IdRange[];
  /** An ID once handed out is never given to another service (absent when off). */
  noReuse?: boolean;
}

export type IdResourcesModel = Record<string, IdResource>;

export interface IdsModel {
  /** resource -> service -> id */
  ids: Record<string, Record<string, number>>;
  /** resource -> last id handed out (global scope) */
  lastAssignments: Record<string, number>;
  /** target -> resource -> last id handed out on that target (machine scope) */
  lastAssignmentsPerTarget: Record<string, Record<string, number>>;
  /** Placement memory: machine-scope resource -> service -> targets its ID was assigned on. */
  idTargets?: Record<string, Record<string, string[]>>;
  /** No-reuse resources: resource -> IDs handed out once and freed since (on every target). */
  retiredIds?: Record<string, IdRange[]>;
  /** No-reuse machine-scope resources: target -> resource -> IDs freed on that target. */
  retiredIdsPerTarget?: Record<string, Record<string, IdRange[]>>;
}

export interface DocsConfig {
  groups: Record<string, string>;
  fields: string[];
  descriptions: Record<string, string>;
}
