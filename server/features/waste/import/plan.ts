import { createHash } from 'node:crypto';
import type { Queryable } from '../../../platform/db.js';
import { findAddressByText } from '../../addresses/service.js';
import { selectAddressRoutes } from '../core/routes-queries.js';
import { listBinTypes, listSeasons } from '../core/service.js';
import { type AssignmentPlan, assignmentPlans, type RoutePlan, routePlans } from './changes.js';
import { type AssignmentLine, type DateLine, parseWasteCsv } from './csv.js';
import type { DateChanges } from './diff.js';
import { parseWasteIcal } from './ical.js';
import { importLimits, type LineProblem, Problems } from './problems.js';
import { selectAddressIds } from './queries.js';
import {
  addressKeys,
  type ResolvedAssignment,
  type Resolver,
  resolveAssignments,
  resolveDates,
  resolver,
  type SeasonRef,
} from './resolve.js';

// Phase one of an import: parse and check the whole file, then compute what applying it would change, without
// writing anything. Scope: a dates file replaces the dates of the (season, bin type, route) triples it names; an
// assignments file replaces the address → route table of the (season, bin type) pairs it names; an iCal file for
// an address sets that address's routes and replaces their dates.

export interface ImportSource {
  format: 'csv' | 'ical';
  fileName: string;
  content: Buffer;
  /** iCal: the route, bin type and season of a route's file, or the address of an address's file. */
  ical?: { route?: string; binType?: string; season?: string; address?: string };
}

export interface ImportTotals {
  rows: number;
  routes: number;
  newRoutes: number;
  newSeasons: number;
  added: number;
  removed: number;
  moved: number;
  changed: number;
  assigned: number;
  reassigned: number;
  unassigned: number;
}

export interface ImportPlan {
  municipalityId: string;
  source: ImportSource;
  sha256: string;
  kind: 'dates' | 'assignments';
  problems: LineProblem[];
  newSeasons: SeasonRef[];
  routes: RoutePlan[];
  assignments: AssignmentPlan[];
  totals: ImportTotals;
  /** Fingerprint of the changes: apply refuses when the calendar changed since this plan was made. */
  digest: string;
}

interface Parsed {
  kind: 'dates' | 'assignments';
  dates: DateLine[];
  assignments: AssignmentLine[];
  rows: number;
}

/** iCal events as date lines, with the address's assignment lines when the file is an address's. */
async function icalLines(
  db: Queryable,
  municipalityId: string,
  source: ImportSource,
  timeZone: string,
  r: Resolver,
  problems: Problems,
) {
  const o = source.ical ?? {};
  const events = parseWasteIcal(source.content, timeZone, problems);
  const address = o.address ? await findAddressByText(db, municipalityId, o.address) : undefined;
  if (o.address && !address) problems.add(0, 'address', 'unknown_address', { value: o.address });
  if (!o.address && !o.route) problems.add(0, 'route', 'required');
  const current = address ? await selectAddressRoutes(db, municipalityId, Number(address.id)) : [];
  const dates: DateLine[] = [];
  const assignments: ResolvedAssignment[] = [];
  for (const e of events) {
    const bin = r.bin(o.binType ?? e.summary, e.line, o.binType ? 'bin_type' : 'SUMMARY');
    const season = o.season ? r.season(o.season, e.line) : r.seasonOn(e.date);
    if (!season && !o.season) {
      problems.add(e.line, 'DTSTART', 'no_season', { value: e.date });
    }
    if (!bin || !season) continue;
    // An address's file: the given route, else the address's route of that bin type and season, else a new one.
    const mine = address ? current.find((c) => c.seasonId === season.id && c.binTypeId === bin.id) : undefined;
    const route = o.route ?? mine?.routeKey ?? (address ? `adresse-${address.id}` : undefined);
    if (!route) continue;
    if (address && !assignments.some((a) => a.seasonRef.key === season.key && a.bin.key === bin.key)) {
      assignments.push({ line: e.line, seasonRef: season, bin, route, addressId: Number(address.id) });
    }
    dates.push({
      line: e.line,
      season: season.key,
      binType: bin.key,
      route,
      routeName: '',
      date: e.date,
      shiftedFrom: null,
      note: '',
    });
  }
  return { dates, assignments, rows: events.length };
}

/**
 * Parses and checks a file and computes the changes applying it would make; writes nothing. Problems (every bad
 * line with its field) are in `problems`; a plan with problems has no changes and cannot be applied.
 */
export async function planImport(
  db: Queryable,
  municipalityId: string,
  source: ImportSource,
  timeZone: string,
): Promise<ImportPlan> {
  const problems = new Problems();
  const sha256 = createHash('sha256').update(source.content).digest('hex');
  const [binTypes, seasons] = await Promise.all([listBinTypes(db, municipalityId), listSeasons(db, municipalityId)]);
  const r = resolver(binTypes, seasons, problems);
  let parsed: Parsed = { kind: 'dates', dates: [], assignments: [], rows: 0 };
  let fromIcal: ResolvedAssignment[] = [];
  if (source.content.length > importLimits.maxBytes) {
    problems.add(0, 'file', 'file_too_large', { max: importLimits.maxBytes });
  } else if (source.format === 'csv') {
    const csv = parseWasteCsv(source.content, problems);
    if (csv?.kind === 'dates') parsed = { kind: 'dates', dates: csv.rows, assignments: [], rows: csv.total };
    if (csv?.kind === 'assignments')
      parsed = { kind: 'assignments', dates: [], assignments: csv.rows, rows: csv.total };
  } else {
    const ical = await icalLines(db, municipalityId, source, timeZone, r, problems);
    parsed = { kind: 'dates', dates: ical.dates, assignments: [], rows: ical.rows };
    fromIcal = ical.assignments;
  }
  const dates = resolveDates(parsed.dates, r, problems);
  const addresses = await selectAddressIds(db, municipalityId, addressKeys(parsed.assignments));
  const assigned = [...resolveAssignments(parsed.assignments, addresses, r, problems), ...fromIcal];
  const base = { municipalityId, source, sha256, kind: parsed.kind, newSeasons: r.newSeasons() };
  if (problems.size > 0) {
    const sorted = [...problems.list].sort((a, b) => a.line - b.line);
    return {
      ...base,
      problems: sorted,
      routes: [],
      assignments: [],
      totals: totalsOf(parsed.rows, [], [], []),
      digest: '',
    };
  }
  const routes = await routePlans(db, municipalityId, dates, assigned);
  const assignments = await assignmentPlans(db, municipalityId, assigned, parsed.kind === 'assignments');
  const totals = totalsOf(parsed.rows, routes, assignments, base.newSeasons);
  const digest = createHash('sha256')
    .update(
      JSON.stringify([base.newSeasons, routes, assignments.map((a) => [a.added, a.changed, a.removed, [...a.target]])]),
    )
    .digest('hex');
  return { ...base, problems: [], routes, assignments, totals, digest };
}

function totalsOf(
  rows: number,
  routes: RoutePlan[],
  assignments: AssignmentPlan[],
  newSeasons: SeasonRef[],
): ImportTotals {
  const sum = (f: (c: DateChanges) => number) => routes.reduce((n, r) => n + (r.dates ? f(r.dates.changes) : 0), 0);
  const count = (f: (a: AssignmentPlan) => number) => assignments.reduce((n, a) => n + f(a), 0);
  return {
    rows,
    routes: routes.length,
    newRoutes: routes.filter((r) => r.isNew).length,
    newSeasons: newSeasons.length,
    added: sum((c) => c.added.length),
    removed: sum((c) => c.removed.length),
    moved: sum((c) => c.moved.length),
    changed: sum((c) => c.changed.length),
    assigned: count((a) => a.added.length),
    reassigned: count((a) => a.changed.length),
    unassigned: count((a) => a.removed.length),
  };
}

/** True when applying the plan changes nothing. */
export function isEmptyPlan(plan: ImportPlan): boolean {
  const t = plan.totals;
  return (
    t.newRoutes +
      t.newSeasons +
      t.added +
      t.removed +
      t.moved +
      t.changed +
      t.assigned +
      t.reassigned +
      t.unassigned ===
    0
  );
}
