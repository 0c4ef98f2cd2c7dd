import fc from 'fast-check';
import { fromDot, type GraphBaseModel } from 'ts-graphviz';
import { describe, expect, it } from 'vitest';
import type { ServicesModel } from '../../../models/types.js';
import { servicesDot } from '../../../src/dot/services.js';
import { containerServices, model, service, visualizeServices } from '../../helpers/visualize-models.js';

const HEADER = 'digraph G {\nnode [style=filled,fillcolor=white,color=black];\n';

describe('servicesDot on the reference model (docs/compatibility.md §8.1)', () => {
  it('(a) root without collapsing shows all 7 services', () => {
    expect(servicesDot(visualizeServices)).toBe(
      HEADER +
        `"errordb" [ label = "errordb\\n(postgresql-database)" ]
"loggingapi" [ label = "loggingapi\\n(tomcat-webapplication)" ]
"loggingdb" [ label = "loggingdb\\n(postgresql-database)" ]
"portal" [ label = "portal\\n(tomcat-webapplication)" ]
"portaldb" [ label = "portaldb\\n(tomcat-webapplication)" ]
"reportingapi" [ label = "reportingapi\\n(tomcat-webapplication)" ]
"reportingdb" [ label = "reportingdb\\n(postgresql-database)" ]

"loggingapi" -> "errordb"
"loggingapi" -> "loggingdb"
"portal" -> "loggingapi"
"portal" -> "portaldb"
"portal" -> "reportingapi"
"reportingapi" -> "errordb"
"reportingapi" -> "reportingdb"
}
`,
    );
  });

  it('(b) --group-subservices collapses the services group', () => {
    expect(servicesDot(visualizeServices, { groupSubservices: true })).toBe(
      HEADER +
        `"portal" [ label = "portal\\n(tomcat-webapplication)" ]
"portaldb" [ label = "portaldb\\n(tomcat-webapplication)" ]
"services" [ label = "services", style=dashed ]

"portal" -> "services"
"portal" -> "portaldb"
}
`,
    );
  });

  it('(c) --group services --group-subservices: sub-groups collapse, portal is an outside dependant', () => {
    expect(servicesDot(visualizeServices, { group: 'services', groupSubservices: true })).toBe(
      HEADER +
        `"errordb" [ label = "errordb\\n(postgresql-database)" ]
"logging" [ label = "logging", style=dashed ]
"portal" [ label = "portal\\n(tomcat-webapplication)" ]
"reporting" [ label = "reporting", style=dashed ]

"logging" -> "errordb"
"portal" -> "logging"
"portal" -> "reporting"
"reporting" -> "errordb"
}
`,
    );
  });

  it("(d) --group services without collapsing drops portaldb from portal's dependencies", () => {
    expect(servicesDot(visualizeServices, { group: 'services' })).toBe(
      HEADER +
        `"errordb" [ label = "errordb\\n(postgresql-database)" ]
"loggingapi" [ label = "loggingapi\\n(tomcat-webapplication)" ]
"loggingdb" [ label = "loggingdb\\n(postgresql-database)" ]
"portal" [ label = "portal\\n(tomcat-webapplication)" ]
"reportingapi" [ label = "reportingapi\\n(tomcat-webapplication)" ]
"reportingdb" [ label = "reportingdb\\n(postgresql-database)" ]

"loggingapi" -> "errordb"
"loggingapi" -> "loggingdb"
"portal" -> "loggingapi"
"portal" -> "reportingapi"
"reportingapi" -> "errordb"
"reportingapi" -> "reportingdb"
}
`,
    );
  });

  it('(e) services/logging: errordb is an outside dependency, portal an outside dependant', () => {
    const expected =
      HEADER +
      `"errordb" [ label = "errordb\\n(postgresql-database)" ]
"loggingapi" [ label = "loggingapi\\n(tomcat-webapplication)" ]
"loggingdb" [ label = "loggingdb\\n(postgresql-database)" ]
"portal" [ label = "portal\\n(tomcat-webapplication)" ]

"loggingapi" -> "errordb"
"loggingapi" -> "loggingdb"
"portal" -> "loggingapi"
}
`;
    expect(servicesDot(visualizeServices, { group: 'services/logging', groupSubservices: true })).toBe(
      expected,
    );
    expect(servicesDot(visualizeServices, { group: 'services/logging' })).toBe(expected);
  });

  it('(f) services/reporting has the same shape', () => {
    expect(servicesDot(visualizeServices, { group: 'services/reporting', groupSubservices: true })).toBe(
      HEADER +
        `"errordb" [ label = "errordb\\n(postgresql-database)" ]
"portal" [ label = "portal\\n(tomcat-webapplication)" ]
"reportingapi" [ label = "reportingapi\\n(tomcat-webapplication)" ]
"reportingdb" [ label = "reportingdb\\n(postgresql-database)" ]

"portal" -> "reportingapi"
"reportingapi" -> "errordb"
"reportingapi" -> "reportingdb"
}
`,
    );
  });

  it('an empty group shows nothing', () => {
    expect(servicesDot(visualizeServices, { group: 'nope' })).toBe(HEADER + '}\n');
  });
});

describe('container providers (docs/compatibility.md §8.1, bug 37)', () => {
  it('providesContainer and connectsTo as in the verified example', () => {
    expect(servicesDot(containerServices)).toBe(
      HEADER +
        `"app" [ label = "app\\n(tomcat-webapplication)" ]
"tomcat" [ label = "tomcat &#8594;\\ntomcat-webapplication\\n(systemd-unit)", peripheries=2 ]

"app" -> "tomcat" [style=dashed]
}
`,
    );
  });

  it('providesContainers lists the sorted container names, closing brace included', () => {
    const services = model([
      service('runtime', {
        type: 'process',
        providesContainers: { 'tomcat-webapplication': {}, 'apache-webapplication': { port: 80 } },
      }),
    ]);
    expect(servicesDot(services)).toBe(
      HEADER +
        `"runtime" [ label = "runtime\\n &#8594; { apache-webapplication\\n, tomcat-webapplication\\n}\\n(process)", peripheries=2 ]

}
`,
    );
  });

  it('an empty providesContainers set is not a provider', () => {
    const services = model([service('x', { providesContainers: {} })]);
    expect(servicesDot(services)).toContain('"x" [ label = "x" ]\n');
  });
});

/** All node IDs of a parsed graph, with the IDs of the clusters that contain them. */
function nodesWithClusters(
  graph: GraphBaseModel,
  chain: string[] = [],
  out = new Map<string, string[]>(),
): Map<string, string[]> {
  for (const n of graph.nodes) out.set(n.id, chain);
  for (const s of graph.subgraphs) nodesWithClusters(s, [...chain, s.id ?? ''], out);
  return out;
}

describe('groups as clusters (option)', () => {
  it('nests service nodes in clusters of their groups; context services outside', () => {
    const parsed = fromDot(servicesDot(visualizeServices, { group: 'services', clusters: true }));
    expect(Object.fromEntries(nodesWithClusters(parsed))).toEqual({
      portal: [],
      errordb: ['cluster_group_services'],
      loggingapi: ['cluster_group_services', 'cluster_group_services/logging'],
      loggingdb: ['cluster_group_services', 'cluster_group_services/logging'],
      reportingapi: ['cluster_group_services', 'cluster_group_services/reporting'],
      reportingdb: ['cluster_group_services', 'cluster_group_services/reporting'],
    });
    expect(parsed.edges).toHaveLength(6);
  });

  it('puts collapsed group nodes in the cluster of the parent group', () => {
    const parsed = fromDot(
      servicesDot(visualizeServices, { group: 'services', groupSubservices: true, clusters: true }),
    );
    expect(Object.fromEntries(nodesWithClusters(parsed))).toEqual({
      portal: [],
      errordb: ['cluster_group_services'],
      logging: ['cluster_group_services'],
      reporting: ['cluster_group_services'],
    });
  });
});

/** Random services models with groups and dependencies on existing services. */
const arbitraryServices = fc
  .array(
    fc.record({
      group: fc.constantFrom('', 'a', 'a/b', 'a/c', 'b', 'b/d/e'),
      deps: fc.array(fc.nat(20), { maxLength: 4 }),
      conns: fc.array(fc.nat(20), { maxLength: 2 }),
    }),
    { minLength: 1, maxLength: 14 },
  )
  .map((specs) => {
    const names = specs.map((_, i) => `s${i}`);
    const pickNames = (xs: number[]): string[] => [...new Set(xs.map((x) => names[x % names.length]))];
    return model(
      specs.map((s, i) =>
        service(names[i], { group: s.group, dependsOn: pickNames(s.deps), connectsTo: pickNames(s.conns) }),
      ),
    );
  });

describe('services diagram invariants (property-based)', () => {
  it('edges join drawn nodes, have no duplicates, and the output ignores input key order', () => {
    fc.assert(
      fc.property(
        arbitraryServices,
        fc.constantFrom('', 'a', 'a/b', 'b'),
        fc.boolean(),
        (services, group, collapse) => {
          const dot = servicesDot(services, { group, groupSubservices: collapse });
          const parsed = fromDot(dot);
          const ids = new Set(parsed.nodes.map((n) => n.id));
          const edgeKeys = parsed.edges.map((e) => {
            const [from, to] = e.targets as unknown as { id: string }[];
            expect(ids.has(from.id) && ids.has(to.id)).toBe(true);
            return `${from.id}->${to.id}:${String(e.attributes.get('style') ?? '')}`;
          });
          expect(new Set(edgeKeys).size).toBe(edgeKeys.length);
          // Every service of the group is drawn (as itself or inside a group node) when not collapsing.
          if (!collapse)
            for (const s of Object.values(services))
              if (s.group === group || s.group.startsWith(group + '/') || group === '')
                expect(ids.has(s.name)).toBe(true);
          const reversed: ServicesModel = Object.fromEntries(Object.entries(services).reverse());
          expect(servicesDot(reversed, { group, groupSubservices: collapse })).toBe(dot);
        },
      ),
      { numRuns: 200 },
    );
  });
});
