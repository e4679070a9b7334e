import { expect } from 'vitest';
import type { Queryable } from '../../../platform/db.js';
import { listAllCategories, selectableCategories } from '../core/categories.js';
import { closedStatuses, isClosedStatus, isOpenStatus, openStatuses } from '../core/statuses.js';

/** The invariants of the demo reports, checked on any database handle (imported by tests only). */

export interface DemoReportRow {
  id: number;
  reference: string;
  status: string;
  category: string;
  district: string | null;
  description: string;
  public_description: string | null;
  needs_screening: boolean;
  department_id: number | null;
  external_body_id: number | null;
  supporter_count: number;
  created_at: Date;
  updated_at: Date;
  due_at: Date | null;
  closed_at: Date | null;
}

interface EventRow {
  report_id: number;
  kind: string;
  status_from: string | null;
  status_to: string | null;
  public: boolean;
  public_note: string | null;
  department_id: number | null;
  created_at: Date;
}

const day = 86_400_000;

const rowsOf = async <R>(q: Queryable, sql: string, params: unknown[]) => (await q.query<R>(sql, params)).rows;

/** The municipality's reports in the order they came in. */
export const demoReports = (q: Queryable, municipalityId: string) =>
  rowsOf<DemoReportRow>(
    q,
    `SELECT r.id, r.reference, r.status, c.code AS category, d.key AS district, r.description, r.public_description,
            r.needs_screening, r.department_id, r.external_body_id, r.supporter_count, r.created_at, r.updated_at,
            r.due_at, r.closed_at
       FROM reports r JOIN report_categories c ON c.id = r.category_id LEFT JOIN districts d ON d.id = r.district_id
      WHERE r.municipality_id = $1 ORDER BY r.created_at, r.id`,
    [municipalityId],
  );

/** About 200 reports over all selectable categories and all districts. */
async function expectCoverage(q: Queryable, municipalityId: string, list: DemoReportRow[]): Promise<void> {
  expect(list.length).toBeGreaterThanOrEqual(150);
  expect(list.length).toBeLessThanOrEqual(260);
  const categories = await listAllCategories(q, municipalityId);
  const selectable = selectableCategories(categories.filter((c) => c.active)).map((c) => c.code);
  expect(selectable.length).toBeGreaterThanOrEqual(10);
  expect(new Set(list.map((r) => r.category))).toEqual(new Set(selectable));
  const districts = await rowsOf<{ key: string }>(q, 'SELECT key FROM districts WHERE municipality_id = $1', [
    municipalityId,
  ]);
  expect(districts).toHaveLength(10);
  expect(new Set(list.map((r) => r.district))).toEqual(new Set(districts.map((d) => d.key)));
}

/** Spread over the last eight months, with a realistic mix of statuses, some overdue, a few awaiting screening. */
function expectMix(list: DemoReportRow[], now: number): void {
  const ages = list.map((r) => (now - r.created_at.getTime()) / day);
  expect(Math.min(...ages)).toBeGreaterThanOrEqual(0);
  expect(Math.max(...ages)).toBeLessThanOrEqual(242);
  expect(Math.max(...ages)).toBeGreaterThan(180);
  expect(ages.filter((a) => a < 30).length).toBeGreaterThan(10);
  const count = (s: string) => list.filter((r) => r.status === s).length;
  for (const s of [...openStatuses, ...closedStatuses]) expect(count(s), s).toBeGreaterThan(0);
  expect(count('done')).toBeGreaterThan(list.length / 3);
  const open = list.filter((r) => isOpenStatus(r.status));
  expect(open.length).toBeGreaterThan(15);
  // some open ones are overdue, as in real life
  expect(open.filter((r) => r.due_at && r.due_at.getTime() < now).length).toBeGreaterThan(0);
  const screening = list.filter((r) => r.needs_screening);
  expect(screening.length).toBeGreaterThan(0);
  expect(screening.length).toBeLessThan(15);
  for (const r of screening) expect([r.status, r.public_description]).toEqual(['received', null]);
  const moderated = list.filter((r) => r.public_description !== null);
  expect(moderated.length).toBeGreaterThan(list.length * 0.75);
  for (const r of moderated) expect(r.public_description).toBe(r.description);
  expect(new Set(list.map((r) => r.description)).size).toBeGreaterThan(120);
}

/** One report's events follow the workflow and agree with its row. */
function expectHistory(r: DemoReportRow, mine: EventRow[], now: number, kinds: Set<string>): void {
  const first = mine[0];
  expect(first, r.reference).toMatchObject({ kind: 'created', status_to: 'received', public: true });
  expect(first?.created_at.getTime()).toBe(r.created_at.getTime());
  let status = 'received';
  let department: number | null = null;
  for (const e of mine.slice(1)) {
    kinds.add(e.kind);
    expect(e.created_at.getTime(), `${r.reference} ${e.kind}`).toBeLessThanOrEqual(now);
    if (e.status_to === null) continue;
    expect(e.status_from, `${r.reference} ${e.kind}`).toBe(status);
    if (e.kind === 'forwarded') department = Number(e.department_id);
    if (e.kind === 'returned') department = null;
    if (e.kind === 'accepted') expect(Number(e.department_id)).toBe(department);
    if (e.status_to !== 'forwarded' && e.status_to !== 'received') expect(e.public).toBe(true);
    status = e.status_to;
  }
  expect(status, r.reference).toBe(r.status);
  expect(r.updated_at.getTime()).toBe(Math.max(...mine.map((e) => e.created_at.getTime())));
  expect(r.due_at?.getTime()).toBeGreaterThan(r.created_at.getTime());
  if (isClosedStatus(r.status)) {
    const closing = mine.findLast((e) => e.status_to === r.status);
    expect(closing?.public).toBe(true);
    expect(closing?.public_note?.length, r.reference).toBeGreaterThan(5);
    expect(r.closed_at?.getTime(), r.reference).toBe(closing?.created_at.getTime());
  } else {
    expect(r.closed_at).toBeNull();
  }
  if (r.status !== 'received' && r.status !== 'external' && r.status !== 'rejected') {
    expect(r.department_id, r.reference).not.toBeNull();
    expect(Number(r.department_id)).toBe(department);
  }
  if (r.status === 'external') {
    expect(r.external_body_id).not.toBeNull();
    expect(mine.at(-1)?.kind === 'supporter' || mine.findLast((e) => e.status_to)?.kind === 'external').toBe(true);
  }
  expect(mine.filter((e) => e.kind === 'supporter')).toHaveLength(r.supporter_count);
}

/** Histories: created → forwarded → accepted → … with public closing notes from the templates, supporters in time. */
async function expectHistories(q: Queryable, municipalityId: string, list: DemoReportRow[], now: number) {
  const events = await rowsOf<EventRow>(
    q,
    `SELECT e.report_id, e.kind, e.status_from, e.status_to, e.public, e.public_note, e.department_id, e.created_at
       FROM report_events e JOIN reports r ON r.id = e.report_id
      WHERE r.municipality_id = $1 ORDER BY e.report_id, e.created_at, e.id`,
    [municipalityId],
  );
  const supporters = await rowsOf<{ report_id: number; n: number; first: Date; last: Date }>(
    q,
    `SELECT s.report_id, count(*)::int AS n, min(s.created_at) AS first, max(s.created_at) AS last
       FROM report_supporters s JOIN reports r ON r.id = s.report_id WHERE r.municipality_id = $1
      GROUP BY s.report_id`,
    [municipalityId],
  );
  const kinds = new Set<string>();
  for (const r of list) {
    expectHistory(
      r,
      events.filter((e) => Number(e.report_id) === Number(r.id)),
      now,
      kinds,
    );
    const s = supporters.find((x) => Number(x.report_id) === Number(r.id));
    expect(s?.n ?? 0).toBe(r.supporter_count);
    if (s) {
      expect(s.first.getTime()).toBeGreaterThan(r.created_at.getTime());
      expect(s.last.getTime()).toBeLessThanOrEqual(r.closed_at?.getTime() ?? now);
    }
  }
  expect(supporters.length).toBeGreaterThan(0);
  expect([...kinds].sort()).toEqual(
    expect.arrayContaining(['accepted', 'external', 'forwarded', 'moderated', 'returned', 'status', 'supporter']),
  );
  const templates = await rowsOf<{ body: string }>(
    q,
    "SELECT body->>'de' AS body FROM report_note_templates WHERE municipality_id = $1 AND status = 'done'",
    [municipalityId],
  );
  const doneNotes = events.filter((e) => e.status_to === 'done').map((e) => e.public_note);
  for (const n of doneNotes) expect(templates.map((x) => x.body)).toContain(n);
}

/**
 * Checks what the demo reports promise on any date: coverage of categories and districts, the spread over eight
 * months before `now`, the status mix (every status, some overdue, a few awaiting screening) and consistent
 * histories with nothing after `now`. Returns the reports.
 */
export async function expectDemoReports(q: Queryable, municipalityId: string, now: Date): Promise<DemoReportRow[]> {
  const list = await demoReports(q, municipalityId);
  await expectCoverage(q, municipalityId, list);
  expectMix(list, now.getTime());
  await expectHistories(q, municipalityId, list, now.getTime());
  return list;
}
