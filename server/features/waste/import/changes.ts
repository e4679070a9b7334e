import type { Queryable } from '../../../platform/db.js';
import { selectRouteDates } from '../core/collections-queries.js';
import { type RouteRow, selectAssignments, selectRoutes } from '../core/routes-queries.js';
import { type DateChanges, type DateValue, diffDates } from './diff.js';
import type { ResolvedAssignment, ResolvedDate, SeasonRef } from './resolve.js';

// What a checked file would change: per route its dates (against the stored ones), per (season, bin type) the
// address → route assignments.

export interface RoutePlan {
  seasonKey: string;
  binTypeKey: string;
  routeKey: string;
  name: string;
  isNew: boolean;
  /** Only for routes whose dates the file gives. */
  dates?: { target: DateValue[]; changes: DateChanges };
}

export interface AssignmentPlan {
  seasonKey: string;
  binTypeKey: string;
  /** address id → route key, as the file says. */
  target: Map<number, string>;
  added: number[];
  changed: number[];
  removed: number[];
  unchanged: number;
}

const tripleKey = (season: string, bin: string, route: string) => `${season}|${bin}|${route}`;

async function existingRoutes(db: Queryable, municipalityId: string): Promise<Map<string, RouteRow>> {
  const rows = await selectRoutes(db, municipalityId);
  return new Map(rows.map((row) => [`${row.seasonId}|${row.binTypeId}|${row.key}`, row]));
}

/** One plan per route the file names: its target dates and their changes, or only its existence. */
export async function routePlans(
  db: Queryable,
  municipalityId: string,
  dates: ResolvedDate[],
  assigned: ResolvedAssignment[],
) {
  const existing = await existingRoutes(db, municipalityId);
  const find = (s: SeasonRef, binId: number, key: string) =>
    s.id === null ? undefined : existing.get(`${s.id}|${binId}|${key}`);
  const plans = new Map<string, RoutePlan & { id?: number }>();
  const plan = (s: SeasonRef, bin: { id: number; key: string }, key: string, name: string) => {
    const k = tripleKey(s.key, bin.key, key);
    let p = plans.get(k);
    if (!p) {
      const row = find(s, bin.id, key);
      p = { seasonKey: s.key, binTypeKey: bin.key, routeKey: key, name, isNew: !row, ...(row ? { id: row.id } : {}) };
      plans.set(k, p);
    }
    if (name && !p.name) p.name = name;
    return p;
  };
  const targets = new Map<string, DateValue[]>();
  for (const d of dates) {
    const p = plan(d.seasonRef, d.bin, d.route, d.routeName);
    const k = tripleKey(p.seasonKey, p.binTypeKey, p.routeKey);
    const list = targets.get(k) ?? [];
    list.push({ date: d.date, shiftedFrom: d.shiftedFrom, note: d.note });
    targets.set(k, list);
  }
  for (const a of assigned) plan(a.seasonRef, a.bin, a.route, '');
  const ids = [...plans.values()].flatMap((p) => (p.id === undefined ? [] : [p.id]));
  const before = new Map<number, DateValue[]>();
  for (const row of await selectRouteDates(db, ids)) {
    const list = before.get(row.routeId) ?? [];
    list.push({ date: row.date, shiftedFrom: row.shiftedFrom, note: row.note });
    before.set(row.routeId, list);
  }
  const out: RoutePlan[] = [];
  for (const [k, p] of plans) {
    const target = targets.get(k);
    const { id, ...rest } = p;
    if (!target) out.push(rest);
    else {
      target.sort((a, b) => a.date.localeCompare(b.date));
      out.push({
        ...rest,
        dates: { target, changes: diffDates(id === undefined ? [] : (before.get(id) ?? []), target) },
      });
    }
  }
  return out.sort((a, b) =>
    tripleKey(a.seasonKey, a.binTypeKey, a.routeKey).localeCompare(tripleKey(b.seasonKey, b.binTypeKey, b.routeKey)),
  );
}

/** Per (season, bin type): which addresses get, change or (for a whole table) lose their route. */
export async function assignmentPlans(
  db: Queryable,
  municipalityId: string,
  assigned: ResolvedAssignment[],
  replaceAll: boolean,
): Promise<AssignmentPlan[]> {
  const pairs = new Map<string, { season: SeasonRef; bin: { id: number; key: string }; target: Map<number, string> }>();
  for (const a of assigned) {
    const k = `${a.seasonRef.key}|${a.bin.key}`;
    const p = pairs.get(k) ?? { season: a.seasonRef, bin: a.bin, target: new Map<number, string>() };
    p.target.set(a.addressId, a.route);
    pairs.set(k, p);
  }
  const existingRows = await selectAssignments(
    db,
    municipalityId,
    [...pairs.values()].flatMap((p) => (p.season.id === null ? [] : [{ seasonId: p.season.id, binTypeId: p.bin.id }])),
  );
  const routeKeys = new Map((await selectRoutes(db, municipalityId)).map((row) => [row.id, row.key]));
  return [...pairs.values()].map((p) => {
    const before = new Map(
      existingRows
        .filter((e) => e.seasonId === p.season.id && e.binTypeId === p.bin.id)
        .map((e) => [e.addressId, routeKeys.get(e.routeId)]),
    );
    const added: number[] = [];
    const changed: number[] = [];
    let unchanged = 0;
    for (const [addressId, route] of p.target) {
      const was = before.get(addressId);
      if (was === undefined) added.push(addressId);
      else if (was !== route) changed.push(addressId);
      else unchanged++;
    }
    const removed = replaceAll ? [...before.keys()].filter((id) => !p.target.has(id)) : [];
    return { seasonKey: p.season.key, binTypeKey: p.bin.key, target: p.target, added, changed, removed, unchanged };
  });
}
