/**
 * `id-assign --check` and `--diff`: what a run would change in an ids model, without writing it.
 * Both compare the previous ids model with the result of planIds on the same models.
 *
 * The check passes exactly when the run would write what the file says (compared as models, so a
 * file in another layout or format with the same content passes); otherwise it gives one line per
 * problem: an assignment a run drops (with why: duplicate in scope, out of range, reserved, pin
 * violated, no longer needed...), a missing assignment, and any other attribute that differs.
 */
import { formatPath } from '../../models/errors.js';
import { idsToValue } from '../../models/to-value.js';
import type { IdsModel, Value } from '../../models/types.js';
import type { IdsDrop, IdsPlanResult } from './ids.js';

const hasOwn = (record: object, key: string) => Object.prototype.hasOwnProperty.call(record, key);
const dict = <T>(): Record<string, T> => Object.create(null) as Record<string, T>;
const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** One problem of `--check`: a field of the ids model and what is wrong with it. */
export interface IdsProblem {
  field: string;
  detail: string;
}

function checkDetail(drop: IdsDrop): string {
  switch (drop.kind) {
    case 'gone':
    case 'no-pool':
      return `assignment for a service that no longer needs it: ${drop.reason}`;
    case 'out-of-pool':
      return `out of range: ${drop.reason}`;
    case 'reserved':
      return `reserved: ${drop.reason}`;
    case 'own-pin':
      return `pin violated: ${drop.reason}, the file has ${drop.id}`;
    case 'pinned':
    case 'taken':
      return `duplicate in scope: ${drop.reason}`;
    case 'retired':
      return `retired ID in use: ${drop.reason}`;
  }
}

/** Leaves of a value below the top-level attribute `top`: path -> printed value. */
function leaves(
  value: Value | undefined,
  path: string[],
  out: Map<string, { path: string[]; value: string }>,
) {
  if (value !== undefined && value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const key of Object.keys(value)) leaves(value[key], [...path, key], out);
    return;
  }
  if (value !== undefined) out.set(JSON.stringify(path), { path, value: JSON.stringify(value) });
}

/** Differences outside the assignments themselves: counters, placement memory, retired IDs. */
function otherDifferences(previous: Value, next: Value): { field: string; from?: string; to?: string }[] {
  const before = new Map<string, { path: string[]; value: string }>();
  const after = new Map<string, { path: string[]; value: string }>();
  const top = (v: Value) => v as Record<string, Value>;
  for (const key of [
    'lastAssignments',
    'lastAssignmentsPerTarget',
    'idTargets',
    'retiredIds',
    'retiredIdsPerTarget',
  ]) {
    leaves(hasOwn(top(previous), key) ? top(previous)[key] : undefined, [key], before);
    leaves(hasOwn(top(next), key) ? top(next)[key] : undefined, [key], after);
  }
  const keys = [...new Set([...before.keys(), ...after.keys()])];
  const out: { field: string; from?: string; to?: string; path: string[] }[] = [];
  for (const key of keys) {
    const a = before.get(key);
    const b = after.get(key);
    if (a?.value === b?.value) continue;
    const path = (a ?? b)!.path;
    out.push({
      field: formatPath(path),
      path,
      ...(a ? { from: a.value } : {}),
      ...(b ? { to: b.value } : {}),
    });
  }
  out.sort((x, y) => byName(x.field, y.field));
  return out;
}

/** Resource tables a run writes that the file lacks (a defined resource nobody needs yet). */
function missingTables(previous: IdsModel, next: IdsModel): string[] {
  return Object.keys(next.ids)
    .filter((resource) => !hasOwn(previous.ids, resource))
    .sort(byName);
}

/** Whether a run would write exactly what `previous` says. */
export function sameIds(previous: IdsModel, next: IdsModel): boolean {
  return JSON.stringify(idsToValue(previous)) === JSON.stringify(idsToValue(next));
}

export function checkIds(previous: IdsModel, result: IdsPlanResult): IdsProblem[] {
  if (sameIds(previous, result.ids)) return [];
  const problems: IdsProblem[] = [];
  const droppedAt = new Set<string>();
  for (const drop of result.dropped) {
    droppedAt.add(JSON.stringify([drop.resource, drop.service]));
    problems.push({ field: formatPath(['ids', drop.resource, drop.service]), detail: checkDetail(drop) });
  }
  for (const resource of Object.keys(result.ids.ids).sort(byName)) {
    const table = result.ids.ids[resource];
    const before = hasOwn(previous.ids, resource) ? previous.ids[resource] : undefined;
    for (const service of Object.keys(table)) {
      if (before && hasOwn(before, service)) continue;
      if (droppedAt.has(JSON.stringify([resource, service]))) continue;
      problems.push({
        field: formatPath(['ids', resource, service]),
        detail: `missing assignment (a run assigns ${table[service]})`,
      });
    }
  }
  for (const resource of missingTables(previous, result.ids))
    problems.push({
      field: formatPath(['ids', resource]),
      detail: 'missing (a run writes the resource, empty)',
    });
  for (const d of otherDifferences(idsToValue(previous), idsToValue(result.ids))) {
    problems.push({
      field: d.field,
      detail:
        d.to === undefined
          ? `a run would drop it (the file has ${d.from})`
          : d.from === undefined
            ? `missing (a run writes ${d.to})`
            : `a run would write ${d.to}, the file has ${d.from}`,
    });
  }
  if (problems.length === 0) problems.push({ field: '', detail: 'differs from what a run would write' });
  return problems;
}

export interface IdsDiffEntry {
  id: number;
  /** For moved assignments: the new ID. */
  to?: number;
  reason?: string;
}

/** What a run would change, per resource: kept, added, moved, removed assignments by service. */
export interface IdsDiff {
  changed: boolean;
  resources: Record<
    string,
    {
      kept: Record<string, number>;
      added: Record<string, number>;
      moved: Record<string, { from: number; to: number; reason: string }>;
      removed: Record<string, { id: number; reason: string }>;
    }
  >;
  /** Counters, placement memory and retired IDs that change. */
  other: { field: string; from?: Value; to?: Value }[];
}

export function diffIds(previous: IdsModel | undefined, result: IdsPlanResult): IdsDiff {
  const before: IdsModel = previous ?? { ids: {}, lastAssignments: {}, lastAssignmentsPerTarget: {} };
  const resources: IdsDiff['resources'] = dict();
  const entry = (resource: string) =>
    hasOwn(resources, resource)
      ? resources[resource]
      : (resources[resource] = { kept: dict(), added: dict(), moved: dict(), removed: dict() });
  const dropped = new Map<string, IdsDrop>();
  for (const drop of result.dropped) dropped.set(JSON.stringify([drop.resource, drop.service]), drop);
  for (const resource of Object.keys(result.ids.ids).sort(byName)) {
    const table = result.ids.ids[resource];
    const old = hasOwn(before.ids, resource) ? before.ids[resource] : undefined;
    const e = entry(resource);
    for (const service of Object.keys(table).sort(byName)) {
      const id = table[service];
      const drop = dropped.get(JSON.stringify([resource, service]));
      if (drop) e.moved[service] = { from: drop.id, to: id, reason: drop.reason };
      else if (old && hasOwn(old, service) && old[service] === id) e.kept[service] = id;
      else e.added[service] = id;
    }
  }
  for (const drop of result.dropped) {
    if (drop.next !== undefined) continue;
    entry(drop.resource).removed[drop.service] = { id: drop.id, reason: drop.reason };
  }
  const other = otherDifferences(idsToValue(before), idsToValue(result.ids)).map((d) => ({
    field: d.field,
    ...(d.from === undefined ? {} : { from: JSON.parse(d.from) as Value }),
    ...(d.to === undefined ? {} : { to: JSON.parse(d.to) as Value }),
  }));
  return { changed: previous === undefined || !sameIds(before, result.ids), resources, other };
}

const name = (service: string) => formatPath([service]);

/** The diff for people: a header per resource, then one line per service. */
export function diffText(diff: IdsDiff): string {
  const lines: string[] = [];
  for (const resource of Object.keys(diff.resources).sort(byName)) {
    const r = diff.resources[resource];
    const count = (o: object) => Object.keys(o).length;
    lines.push(
      `${name(resource)}: ${count(r.kept)} kept, ${count(r.added)} added, ${count(r.moved)} moved, ${count(r.removed)} removed`,
    );
    const rows: [string, string, string, string][] = [];
    for (const s of Object.keys(r.kept).sort(byName)) rows.push(['kept', name(s), String(r.kept[s]), '']);
    for (const s of Object.keys(r.moved).sort(byName))
      rows.push(['moved', name(s), `${r.moved[s].from} -> ${r.moved[s].to}`, r.moved[s].reason]);
    for (const s of Object.keys(r.added).sort(byName)) rows.push(['added', name(s), String(r.added[s]), '']);
    for (const s of Object.keys(r.removed).sort(byName))
      rows.push(['removed', name(s), String(r.removed[s].id), r.removed[s].reason]);
    const width = rows.map((row) => row[1].length).reduce((a, b) => Math.max(a, b), 0);
    for (const [what, service, ids, why] of rows)
      lines.push(`  ${what.padEnd(7)} ${service.padEnd(width)}  ${ids}${why ? `  (${why})` : ''}`.trimEnd());
  }
  for (const d of diff.other)
    lines.push(
      `${d.field}: ${d.from === undefined ? '(none)' : JSON.stringify(d.from)} -> ${d.to === undefined ? '(none)' : JSON.stringify(d.to)}`,
    );
  return lines.length > 0 ? lines.join('\n') + '\n' : '';
}
