import fc from 'fast-check';
import { fromDot, type EdgeModel, type GraphBaseModel } from 'ts-graphviz';
import { describe, expect, it } from 'vitest';
import type { DistributionModel, InfrastructureModel } from '../../../models/types.js';
import { crossingSummary, distributionDot, distributionLayout } from '../../../src/dot/distribution.js';
import {
  model,
  service,
  visualizeDistribution,
  visualizeInfrastructure,
  visualizeServices,
} from '../../helpers/visualize-models.js';

interface Placed {
  id: string;
  label: string;
  clusters: string[];
}

function placedNodes(graph: GraphBaseModel, chain: string[] = [], out: Placed[] = []): Placed[] {
  for (const n of graph.nodes)
    out.push({ id: n.id, label: String(n.attributes.get('label')), clusters: chain });
  for (const s of graph.subgraphs) placedNodes(s, [...chain, s.id ?? ''], out);
  return out;
}

function endpoints(e: EdgeModel): [string, string] {
  const [a, b] = e.targets as unknown as { id: string }[];
  return [a.id, b.id];
}

describe('distribution diagram of the example deployment', () => {
  const dot = distributionDot(visualizeServices, visualizeInfrastructure, visualizeDistribution);
  const parsed = fromDot(dot);
  const nodes = placedNodes(parsed);
  const services = nodes.filter((n) => !n.label.startsWith('(no '));

  it('has one cluster per target, holding container clusters', () => {
    expect(parsed.subgraphs.map((s) => s.id)).toEqual(['cluster_target_test1', 'cluster_target_test2']);
    expect(parsed.subgraphs[1].subgraphs.map((s) => [s.id, s.get('label'), s.get('style')])).toEqual([
      ['cluster_container_test2:mysql-database', 'mysql-database', 'filled'],
      ['cluster_container_test2:postgresql-database', 'postgresql-database', 'filled,dashed'],
      ['cluster_container_test2:process', 'process', 'filled'],
      ['cluster_container_test2:tomcat-webapplication', 'tomcat-webapplication', 'filled'],
      ['cluster_container_test2:wrapper', 'wrapper', 'filled'],
    ]);
  });

  it('places every service inside the cluster(s) of its target(s); portal appears twice', () => {
    const where = services.map((n) => [n.label.split('\\n')[0], n.clusters[0], n.clusters[1]]);
    expect(where).toEqual([
      ['loggingapi', 'cluster_target_test1', 'cluster_container_test1:tomcat-webapplication'],
      ['portal', 'cluster_target_test1', 'cluster_container_test1:tomcat-webapplication'],
      ['errordb', 'cluster_target_test2', 'cluster_container_test2:postgresql-database'],
      ['loggingdb', 'cluster_target_test2', 'cluster_container_test2:postgresql-database'],
      ['reportingdb', 'cluster_target_test2', 'cluster_container_test2:postgresql-database'],
      ['portal', 'cluster_target_test2', 'cluster_container_test2:tomcat-webapplication'],
      ['portaldb', 'cluster_target_test2', 'cluster_container_test2:tomcat-webapplication'],
      ['reportingapi', 'cluster_target_test2', 'cluster_container_test2:tomcat-webapplication'],
    ]);
    const portals = services.filter((n) => n.label.startsWith('portal\\n')).map((n) => n.id);
    expect(portals).toEqual(['test1:tomcat-webapplication:portal', 'test2:tomcat-webapplication:portal']);
  });

  it('draws links between placed instances, crossing ones red and bold, and counts them', () => {
    const crossing = parsed.edges.filter((e) => e.attributes.get('color') === 'red');
    expect(parsed.edges).toHaveLength(10);
    expect(crossing.map(endpoints)).toEqual([
      ['test1:tomcat-webapplication:loggingapi', 'test2:postgresql-database:errordb'],
      ['test1:tomcat-webapplication:loggingapi', 'test2:postgresql-database:loggingdb'],
      ['test1:tomcat-webapplication:portal', 'test2:tomcat-webapplication:portaldb'],
      ['test1:tomcat-webapplication:portal', 'test2:tomcat-webapplication:reportingapi'],
      ['test2:tomcat-webapplication:portal', 'test1:tomcat-webapplication:loggingapi'],
    ]);
    for (const e of crossing) expect(e.attributes.get('style')).toBe('bold');
    for (const e of parsed.edges.filter((x) => x.attributes.get('color') !== 'red')) {
      const [a, b] = endpoints(e);
      expect(a.split(':')[0]).toBe(b.split(':')[0]);
    }
    expect(parsed.get('label')).toBe('5 of 10 links cross targets');
  });

  it('is deterministic', () => {
    expect(distributionDot(visualizeServices, visualizeInfrastructure, visualizeDistribution)).toBe(dot);
  });
});

describe('distribution layout', () => {
  it('draws connectsTo dashed, skips undistributed dependencies and reports them', () => {
    const services = model([
      service('a', { type: 'process', dependsOn: ['b', 'c'], connectsTo: ['b'] }),
      service('b', { type: 'process' }),
      service('c', { type: 'process' }),
    ]);
    const infrastructure: InfrastructureModel = {};
    const distribution: DistributionModel = { a: [{ target: 'm1' }], b: [{ target: 'm2' }] };
    const layout = distributionLayout(services, distribution);
    expect(layout.links.map((l) => [l.from.id, l.to.id, l.kind, l.crossesTargets])).toEqual([
      ['m1:process:a', 'm2:process:b', 'dependsOn', true],
      ['m1:process:a', 'm2:process:b', 'connectsTo', true],
    ]);
    expect(layout.unplacedDependencies).toBe(1);
    expect(crossingSummary(layout)).toBe(
      '2 of 2 links cross targets (1 dependency on undistributed services not drawn)',
    );
    const parsed = fromDot(distributionDot(services, infrastructure, distribution));
    // Targets absent from the infrastructure model are still drawn (dashed).
    expect(parsed.subgraphs.map((s) => [s.id, s.get('style')])).toEqual([
      ['cluster_target_m1', 'filled,dashed'],
      ['cluster_target_m2', 'filled,dashed'],
    ]);
    expect(parsed.edges.map((e) => e.attributes.get('style'))).toEqual(['bold', 'dashed,bold']);
  });

  it('counts crossings exactly as the links whose instances are on different targets (property)', () => {
    const targets = ['t1', 't2', 't3'];
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            deps: fc.array(fc.nat(9), { maxLength: 3 }),
            on: fc.subarray(targets, { minLength: 1 }),
          }),
          { minLength: 1, maxLength: 10 },
        ),
        (specs) => {
          const names = specs.map((_, i) => `s${i}`);
          const services = model(
            specs.map((s, i) =>
              service(names[i], { dependsOn: [...new Set(s.deps.map((d) => names[d % names.length]))] }),
            ),
          );
          const distribution: DistributionModel = Object.fromEntries(
            specs.map((s, i) => [names[i], s.on.map((target) => ({ target }))]),
          );
          const layout = distributionLayout(services, distribution);
          let expectedLinks = 0;
          let expectedCrossing = 0;
          specs.forEach((s, i) => {
            for (const dep of services[names[i]].dependsOn) {
              const depOn = specs[names.indexOf(dep)].on;
              expectedLinks += s.on.length * depOn.length;
              for (const a of s.on) for (const b of depOn) if (a !== b) expectedCrossing++;
            }
          });
          expect(layout.links).toHaveLength(expectedLinks);
          expect(layout.crossing).toBe(expectedCrossing);
          const parsed = fromDot(distributionDot(services, {}, distribution));
          expect(parsed.edges.filter((e) => e.attributes.get('color') === 'red')).toHaveLength(
            expectedCrossing,
          );
          expect(String(parsed.get('label'))).toMatch(
            new RegExp(`^${expectedCrossing} of ${expectedLinks} link`),
          );
        },
      ),
      { numRuns: 150 },
    );
  });
});
