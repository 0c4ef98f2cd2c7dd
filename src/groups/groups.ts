/**
 * Feature groups of a services model (docs/compatibility.md §7.9): which services a diagram or catalogue page
 * of group G shows, and how sub-groups collapse into single group nodes.
 *
 * Fixes over the original: order-independent and sorted; group nodes are keyed by their full
 * path (two different groups with the same last component stay apart); dependencies on services
 * outside the table are dropped instead of crashing; every ancestor group gets a page (docs/compatibility.md bug 20).
 */
import type { Service, ServicesModel } from '../../models/types.js';
import { compareNames, sortedKeys } from '../../models/compare.js';

/** `/`-separated components of a group path; the root group `""` has none. */
export function splitGroup(group: string): string[] {
  return group === '' ? [] : group.split('/');
}

/** Whether a service of group `serviceGroup` belongs to `group` (itself or a sub-group). */
export function inGroup(serviceGroup: string, group: string): boolean {
  return group === '' || serviceGroup === group || serviceGroup.startsWith(group + '/');
}

/** The parent of a group path (`"a/b"` -> `"a"`, `"a"` -> `""`). */
export function parentGroup(group: string): string {
  const i = group.lastIndexOf('/');
  return i < 0 ? '' : group.slice(0, i);
}

/** A service as it appears in one group's table: its dependency lists may be trimmed. */
export interface TableEntry {
  service: Service;
  dependsOn: string[];
  connectsTo: string[];
}

/** Service name -> entry, in sorted name order. */
export type GroupTable = Map<string, TableEntry>;

function sortedNames(services: ServicesModel): string[] {
  return sortedKeys(services);
}

function sortTable(table: GroupTable): GroupTable {
  return new Map([...table.entries()].sort(([a], [b]) => compareNames(a, b)));
}

function references(service: Service): string[] {
  return [...service.dependsOn, ...service.connectsTo];
}

/**
 * The services of `group` (including sub-groups). With `context` (visualize-services), also the
 * services they use (shown without their own dependencies) and the services outside that use them
 * (with dependencies trimmed to what is shown). Without context (document-services), dependencies
 * leading outside the group are dropped.
 */
export function selectGroup(services: ServicesModel, group: string, context: boolean): GroupTable {
  const names = sortedNames(services);
  const inside = new Set(names.filter((n) => inGroup(services[n].group, group)));
  const table: GroupTable = new Map();
  const keep = (s: Service, shown: (name: string) => boolean): TableEntry => ({
    service: s,
    dependsOn: s.dependsOn.filter(shown),
    connectsTo: s.connectsTo.filter(shown),
  });
  if (!context) {
    for (const name of inside)
      table.set(
        name,
        keep(services[name], (d) => inside.has(d)),
      );
    return table;
  }
  // Outside dependencies: shown, but their own dependencies are an implementation detail.
  const outside = new Set<string>();
  for (const name of inside) {
    for (const dep of references(services[name])) if (!inside.has(dep) && dep in services) outside.add(dep);
  }
  for (const name of inside)
    table.set(
      name,
      keep(services[name], (d) => d in services),
    );
  for (const name of outside) table.set(name, { service: services[name], dependsOn: [], connectsTo: [] });
  // Outside dependants: services that use something inside the group (tested against the group
  // only), shown with their dependencies trimmed to what the diagram contains.
  const shown = (d: string): boolean => inside.has(d) || outside.has(d);
  for (const name of names) {
    if (table.has(name)) continue;
    if (references(services[name]).some((d) => inside.has(d))) table.set(name, keep(services[name], shown));
  }
  return sortTable(table);
}

/** One vertex of a group diagram: a service, or a collapsed sub-group. */
export interface ViewNode {
  /** Unique DOT node ID (service name, or the group's short name unless that collides). */
  id: string;
  kind: 'service' | 'group';
  /** Service name or the group's last path component. */
  name: string;
  /** Service: its group. Group node: the full path of the collapsed group. */
  group: string;
  service?: Service;
  /** IDs of the nodes this one depends on / connects to, first occurrence order, no duplicates. */
  dependsOn: string[];
  connectsTo: string[];
}

/** Nodes of a diagram, sorted by ID. */
export interface GroupView {
  group: string;
  nodes: ViewNode[];
}

function unique(ids: string[]): string[] {
  return [...new Set(ids)];
}

/** The table as-is, one node per service. */
export function plainView(table: GroupTable, group: string): GroupView {
  const nodes: ViewNode[] = [...table.values()].map((e) => ({
    id: e.service.name,
    kind: 'service',
    name: e.service.name,
    group: e.service.group,
    service: e.service,
    dependsOn: unique(e.dependsOn.filter((d) => table.has(d))),
    connectsTo: unique(e.connectsTo.filter((d) => table.has(d))),
  }));
  nodes.sort((a, b) => compareNames(a.id, b.id));
  return { group, nodes };
}

/**
 * Collapses every service that is not in `group` itself or one of its ancestors into a node for
 * the first group component where its path leaves `group`'s path (`logging` for
 * `services/logging` when viewing `services`). Dependencies are redirected to group nodes,
 * de-duplicated, and a group's references to itself are dropped.
 */
export function collapsedView(table: GroupTable, group: string): GroupView {
  const viewed = splitGroup(group);
  /** Table key -> `s:<name>` or `g:<full path>`. */
  const keyOf = new Map<string, string>();
  const groupShort = new Map<string, string>();
  for (const [name, entry] of table) {
    const parts = splitGroup(entry.service.group);
    let i = 0;
    while (i < parts.length && i < viewed.length && parts[i] === viewed[i]) i++;
    if (i === parts.length) {
      keyOf.set(name, `s:${name}`);
    } else {
      const path = parts.slice(0, i + 1).join('/');
      keyOf.set(name, `g:${path}`);
      groupShort.set(path, parts[i]);
    }
  }

  const ids = assignIds(table, groupShort);
  const members = new Map<string, TableEntry[]>();
  for (const [name, entry] of table) {
    const key = keyOf.get(name) as string;
    members.set(key, [...(members.get(key) ?? []), entry]);
  }
  const mapDeps = (key: string, deps: string[]): string[] =>
    unique(deps.filter((d) => keyOf.has(d)).map((d) => keyOf.get(d) as string))
      .filter((k) => !(k === key && key.startsWith('g:')))
      .map((k) => ids.get(k) as string);

  const nodes: ViewNode[] = [];
  for (const [key, entries] of members) {
    const isGroup = key.startsWith('g:');
    const path = key.slice(2);
    nodes.push({
      id: ids.get(key) as string,
      kind: isGroup ? 'group' : 'service',
      name: isGroup ? (groupShort.get(path) as string) : path,
      group: isGroup ? path : entries[0].service.group,
      service: isGroup ? undefined : entries[0].service,
      dependsOn: mapDeps(
        key,
        entries.flatMap((e) => e.dependsOn),
      ),
      connectsTo: mapDeps(
        key,
        entries.flatMap((e) => e.connectsTo),
      ),
    });
  }
  nodes.sort((a, b) => compareNames(a.id, b.id));
  return { group, nodes };
}

/** Service nodes keep their names; group nodes get their short name unless it is taken. */
function assignIds(table: GroupTable, groupShort: Map<string, string>): Map<string, string> {
  const ids = new Map<string, string>();
  const taken = new Set<string>();
  for (const name of table.keys()) taken.add(name);
  const shortCount = new Map<string, number>();
  for (const short of groupShort.values()) shortCount.set(short, (shortCount.get(short) ?? 0) + 1);
  for (const name of table.keys()) ids.set(`s:${name}`, name);
  const paths = [...groupShort.keys()].sort(compareNames);
  for (const path of paths) {
    const short = groupShort.get(path) as string;
    let id = shortCount.get(short) === 1 && !taken.has(short) ? short : path;
    while (taken.has(id)) id += ' (group)';
    taken.add(id);
    ids.set(`g:${path}`, id);
  }
  return ids;
}

/** The view of `group` a diagram or page shows (docs/compatibility.md §7.9). */
export function groupView(
  services: ServicesModel,
  group: string,
  options: { context: boolean; collapse: boolean },
): GroupView {
  const table = selectGroup(services, group, options.context);
  return options.collapse ? collapsedView(table, group) : plainView(table, group);
}

/**
 * Every group that gets a page/diagram in batch mode: the root, every group a service names, and
 * all their ancestors (the original skipped purely intermediate groups, docs/compatibility.md bug 20). Sorted.
 */
export function allGroups(services: ServicesModel): string[] {
  const groups = new Set<string>(['']);
  for (const s of Object.values(services)) {
    const parts = splitGroup(s.group);
    for (let i = 1; i <= parts.length; i++) groups.add(parts.slice(0, i).join('/'));
  }
  return [...groups].sort(compareNames);
}
