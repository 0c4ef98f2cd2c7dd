/**
 * The visualisation models of the reference test suite (docs/compatibility.md §1.1, §1.2, §1.9, §8.1):
 * tests/visualize/services.nix, infrastructure.nix and docs.nix, as normalised models.
 * examples/visualize/ holds the same models as .nix and .json files.
 */
import type {
  DistributionModel,
  DocsConfig,
  InfrastructureModel,
  Service,
  ServicesModel,
  Value,
} from '../../models/types.js';

/** A normalised service, as the loaders produce it (`properties` holds every attribute but the lists). */
export function service(
  name: string,
  attrs: Partial<Omit<Service, 'name' | 'properties'>> & { properties?: Record<string, Value> } = {},
): Service {
  const properties: Record<string, Value> = { name };
  if (attrs.type !== undefined) properties.type = attrs.type;
  if (attrs.description !== undefined) properties.description = attrs.description;
  if (attrs.group !== undefined) properties.group = attrs.group;
  if (attrs.providesContainer !== undefined) properties.providesContainer = attrs.providesContainer;
  if (attrs.providesContainers !== undefined) properties.providesContainers = attrs.providesContainers;
  Object.assign(properties, attrs.properties ?? {});
  return {
    name,
    type: attrs.type,
    dependsOn: attrs.dependsOn ?? [],
    connectsTo: attrs.connectsTo ?? [],
    group: attrs.group ?? '',
    description: attrs.description,
    providesContainer: attrs.providesContainer,
    providesContainers: attrs.providesContainers,
    properties,
  };
}

export function model(list: Service[]): ServicesModel {
  const out: ServicesModel = {};
  for (const s of [...list].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) out[s.name] = s;
  return out;
}

/** tests/visualize/services.nix (dependsOn lists in sorted parameter-name order, as dydisnix translates them). */
export const visualizeServices: ServicesModel = model([
  service('errordb', {
    type: 'postgresql-database',
    description: 'Error database backend',
    group: 'services',
  }),
  service('loggingdb', {
    type: 'postgresql-database',
    description: 'Logging database backend',
    group: 'services/logging',
  }),
  service('loggingapi', {
    type: 'tomcat-webapplication',
    description: 'Logging API',
    group: 'services/logging',
    dependsOn: ['errordb', 'loggingdb'],
  }),
  service('reportingdb', {
    type: 'postgresql-database',
    description: 'Reporting database backend',
    group: 'services/reporting',
  }),
  service('reportingapi', {
    type: 'tomcat-webapplication',
    description: 'Reporting API',
    group: 'services/reporting',
    dependsOn: ['errordb', 'reportingdb'],
  }),
  service('portaldb', {
    type: 'tomcat-webapplication',
    description: 'Database backend for the Portal application',
  }),
  service('portal', {
    type: 'tomcat-webapplication',
    description: 'Portal web application',
    dependsOn: ['loggingapi', 'portaldb', 'reportingapi'],
  }),
]);

/** tests/visualize/infrastructure.nix */
export const visualizeInfrastructure: InfrastructureModel = {
  test1: {
    name: 'test1',
    properties: { hostname: 'test1', description: 'First test machine' },
    containers: {},
  },
  test2: {
    name: 'test2',
    properties: { hostname: 'test2', description: 'Second test machine' },
    containers: {
      'mysql-database': { mysqlPort: 3306 },
      process: {},
      'tomcat-webapplication': {},
      wrapper: {},
    },
  },
};

/** tests/visualize/docs.nix */
export const visualizeDocs: DocsConfig = {
  groups: { services: 'Services', 'services/logging': 'Logging', 'services/reporting': 'Reporting' },
  fields: ['type', 'description'],
  descriptions: { description: 'Description', type: 'Type' },
};

/** examples/visualize/distribution.nix: the databases on test2, the portal on both machines. */
export const visualizeDistribution: DistributionModel = {
  errordb: [{ target: 'test2' }],
  loggingapi: [{ target: 'test1' }],
  loggingdb: [{ target: 'test2' }],
  portal: [{ target: 'test1' }, { target: 'test2' }],
  portaldb: [{ target: 'test2' }],
  reportingapi: [{ target: 'test2', container: 'tomcat-webapplication' }],
  reportingdb: [{ target: 'test2' }],
};

/** The docs/compatibility.md §8.1 example with providesContainer and connectsTo. */
export const containerServices: ServicesModel = model([
  service('tomcat', { type: 'systemd-unit', providesContainer: 'tomcat-webapplication' }),
  service('app', { type: 'tomcat-webapplication', connectsTo: ['tomcat'] }),
]);

/** Names that the original printed verbatim into DOT and HTML (invalid there). */
export const awkwardServices: ServicesModel = model([
  service('my-service.v2', {
    type: 'process',
    group: 'web/front-end',
    dependsOn: ['db "main"', 'back\\slash\\'],
  }),
  service('db "main"', {
    type: 'mysql-database',
    group: 'data base',
    description: '<b>main</b> & "only" db',
  }),
  service('back\\slash\\', { type: 'a\\nb', group: 'data base/../x', connectsTo: ['überdienst ✓'] }),
  service('überdienst ✓', {
    type: 'systemd-unit',
    group: 'web',
    providesContainers: { 'tomcat-webapplication': { port: 8080 }, 'apache "webapps"': {} },
    properties: { zones: ['US', 'Europe'], limits: { mem: 1024, tags: ['a', 'b<c'] }, 'odd key': true },
  }),
  service('logging', { type: 'process', group: 'web/logging', dependsOn: ['überdienst ✓'] }),
  service('tab\there', { type: 'line\nbreak', group: 'web', dependsOn: ['logging'] }),
]);
