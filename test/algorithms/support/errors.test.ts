import { describe, expect, it } from 'vitest';
import {
  ColouringError,
  InsufficientColoursError,
  ListColouringError,
  SelfLoopError,
} from '../../../algorithms/colouring/index.js';
import {
  DivideError,
  EmptyCandidatesError,
  InsufficientCapacityError,
  MissingDemandError,
} from '../../../algorithms/division/index.js';
import { PoolExhaustedError, ScopeNeedsPlacementError } from '../../../algorithms/ids/index.js';
import { InvalidInstanceError, NoCandidateError } from '../../../algorithms/multiway-cut/index.js';
import { SetCoverError, UncoverableElementError } from '../../../algorithms/set-cover/index.js';
import { AlgorithmError } from '../../../algorithms/support/index.js';

describe('AlgorithmError', () => {
  it('keeps its cause', () => {
    const cause = new RangeError('inner');
    const error = new AlgorithmError('outer', { cause });
    expect(error).toBeInstanceOf(Error);
    expect(error.message).toBe('outer');
    expect(error.cause).toBe(cause);
    expect(error.name).toBe('AlgorithmError');
  });

  it('is the base of every algorithm error, each keeping its own name and fields', () => {
    const errors: [Error, string][] = [
      [new ColouringError('x'), 'ColouringError'],
      [new SelfLoopError(2, 'a'), 'SelfLoopError'],
      [new InsufficientColoursError(3, 2, true), 'InsufficientColoursError'],
      [new ListColouringError(1, 'b', 0, true), 'ListColouringError'],
      [new DivideError('x'), 'DivideError'],
      [new MissingDemandError('s'), 'MissingDemandError'],
      [new InsufficientCapacityError('s', 3, 1), 'InsufficientCapacityError'],
      [new EmptyCandidatesError(0, 's'), 'EmptyCandidatesError'],
      [new PoolExhaustedError('ports', 10), 'PoolExhaustedError'],
      [new ScopeNeedsPlacementError('uids'), 'ScopeNeedsPlacementError'],
      [new NoCandidateError(4), 'NoCandidateError'],
      [new InvalidInstanceError('x'), 'InvalidInstanceError'],
      [new SetCoverError('x'), 'SetCoverError'],
      [new UncoverableElementError(1, 'e'), 'UncoverableElementError'],
    ];
    for (const [error, name] of errors) {
      expect(error).toBeInstanceOf(AlgorithmError);
      expect(error.name).toBe(name);
    }
    expect(new SelfLoopError(2, 'a')).toMatchObject({ node: 2, nodeName: 'a' });
    expect(new PoolExhaustedError('ports', 10, ['h'])).toMatchObject({
      pool: 'ports',
      capacity: 10,
      hosts: ['h'],
    });
    expect(new InsufficientCapacityError('s', 3, 1)).toMatchObject({
      item: 's',
      demand: 3,
      bestRemaining: 1,
    });
  });
});
