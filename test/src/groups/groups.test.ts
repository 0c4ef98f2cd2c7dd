import { describe, expect, it } from 'vitest';
import { allGroups, collapsedView, groupView, selectGroup } from '../../../src/groups/groups.js';
import { model, service, visualizeServices } from '../../helpers/visualize-models.js';

describe('group collapsing fixes', () => {
  it('keeps two groups with the same last component apart and avoids service-name collisions', () => {
    const services = model([
      service('logging', { group: 'a' }),
      service('x1', { group: 'a/logging', dependsOn: ['logging'] }),
      service('x2', { group: 'b/logging' }),
      service('y', { group: 'a', dependsOn: ['x1', 'x2'] }),
    ]);
    const view = groupView(services, 'a', { context: true, collapse: true });
    expect(view.nodes.map((n) => [n.id, n.kind, n.group, n.dependsOn])).toEqual([
      ['a/logging', 'group', 'a/logging', ['logging']],
      ['b', 'group', 'b', []],
      ['logging', 'service', 'a', []],
      ['y', 'service', 'a', ['a/logging', 'b']],
    ]);
  });

  it('merges dependsOn and connectsTo separately and drops group self-references', () => {
    const services = model([
      service('a1', { group: 'g/a', dependsOn: ['a2', 'z'], connectsTo: ['b1'] }),
      service('a2', { group: 'g/a', dependsOn: ['b1'], connectsTo: ['a1'] }),
      service('b1', { group: 'g/b' }),
      service('z', { group: 'g' }),
    ]);
    const view = collapsedView(selectGroup(services, 'g', true), 'g');
    expect(view.nodes.map((n) => [n.id, n.dependsOn, n.connectsTo])).toEqual([
      ['a', ['z', 'b'], ['b']],
      ['b', [], []],
      ['z', [], []],
    ]);
  });

  it('batch groups include every ancestor (docs/compatibility.md bug 20), sorted', () => {
    const services = model([service('s', { group: 'a/b/c' }), service('t', { group: 'x' })]);
    expect(allGroups(services)).toEqual(['', 'a', 'a/b', 'a/b/c', 'x']);
    expect(allGroups(visualizeServices)).toEqual(['', 'services', 'services/logging', 'services/reporting']);
  });
});
