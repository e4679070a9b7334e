import type { Queryable } from '../../../platform/db.js';
import type { Deps } from '../../../platform/deps.js';
import { findAddressByText } from '../../addresses/service.js';
import { type Category, listAllCategories, selectableCategories } from '../core/categories.js';
import { selectDistrictIdsByKey } from '../core/districts-queries.js';
import { type EventInsert, insertEvents } from '../core/events-queries.js';
import { selectExternalBodies } from '../core/external-bodies-queries.js';
import { selectTemplates } from '../core/note-templates-queries.js';
import { formatReference, yearIn } from '../core/reference.js';
import { reserveReferenceNumbers } from '../core/reference-queries.js';
import { anyReport, insertReports, type ReportInsert } from '../core/reports-queries.js';
import { selectRules } from '../core/routing-queries.js';
import { insertSupporters, type SupporterInsert } from '../core/supporters-queries.js';
import { isWorkingDay } from '../core/working-days.js';
import type { DemoWorld } from './history.js';
import { demoAddressesByDistrict, localClock } from './places.js';
import { type Plan, planReport } from './plan.js';
import { selectDemoActors } from './queries.js';
import { pick, seededRandom, shuffle } from './random.js';
import { type DemoCategoryTexts, demoTexts } from './texts.js';

/** Fixed seed: every run creates the same reports (relative to deps.now()). */
export const demoReportSeed = 0x5eed_b1e1;

/** Every this-many-th report slot (when its category is not forwarded automatically) awaits screening. */
const screeningEvery = 20;

const minute = 60_000;
const hour = 60 * minute;

export interface DemoReportsResult {
  reports: number;
  events: number;
  supporters: number;
}

/** What every report's plan needs: the clock, office hours, routing, templates, bodies and actors. */
async function demoWorld(tx: Queryable, deps: Deps, categories: Category[]): Promise<DemoWorld> {
  const m = deps.config.municipality;
  // One after the other: a transaction is one connection.
  const actors = await selectDemoActors(tx, m.id);
  const rules = (await selectRules(tx, m.id)).sort((a, b) => a.id - b.id);
  const bodies = new Map(
    (await selectExternalBodies(tx, m.id)).filter((b) => b.active).map((b) => [b.name, Number(b.id)] as const),
  );
  const templates = (await selectTemplates(tx, m.id))
    .filter((t) => t.body.de)
    .sort((a, b) => a.sort - b.sort || a.id - b.id);
  const bsc = (actors.find((a) => a.role === 'bsc_agent') ?? actors.find((a) => a.role === 'admin'))?.id ?? null;
  const now = deps.now();
  const local = localClock(m.timeZone);
  return {
    now,
    limit: new Date(now.getTime() - 5 * minute),
    local,
    office: (d) => {
      let t = d.getTime();
      for (let i = 0; i < 24 * 14; i++) {
        const c = local(new Date(t));
        if (c.hour >= 7 && c.hour < 16 && isWorkingDay(c.day, m.holidayRegion)) break;
        t += hour;
      }
      return new Date(t);
    },
    routeOf: (c, districtId) => {
      const rule =
        rules.find(
          (r) => Number(r.category_id) === c.id && r.district_id !== null && Number(r.district_id) === districtId,
        ) ?? rules.find((r) => Number(r.category_id) === c.id && r.district_id === null);
      const departmentId = rule ? Number(rule.department_id) : c.defaultDepartmentId;
      return {
        departmentId,
        auto: Boolean(rule?.auto_forward) && deps.config.reports.autoForward && departmentId !== null,
      };
    },
    bodies,
    notes: (status) => templates.filter((t) => t.status === status).map((t) => ({ title: t.title, body: t.body.de })),
    bsc,
    staffOf: (departmentId) =>
      actors.find(
        (a) => a.role === 'department_staff' && departmentId !== null && a.department_ids.includes(departmentId),
      )?.id ?? bsc,
    departmentIds: [
      ...new Set([...categories.map((c) => c.defaultDepartmentId), ...rules.map((r) => Number(r.department_id))]),
    ].filter((d): d is number => d !== null),
    texts: demoTexts(),
    holidayRegion: m.holidayRegion,
    timeZone: m.timeZone,
  };
}

/** Inserts the planned reports with references in the order they came in, per year; then events and supporters. */
async function insertPlans(tx: Queryable, deps: Deps, plans: Plan[]): Promise<DemoReportsResult> {
  const m = deps.config.municipality;
  plans.sort((x, y) => x.row.createdAt.getTime() - y.row.createdAt.getTime());
  const ids = new Map<Plan, number>();
  let pending = plans;
  // A number another municipality holds already is skipped: the next round takes new ones.
  for (let round = 0; pending.length > 0; round++) {
    if (round >= 20) throw new Error('No free references for the demo reports');
    const byYear = new Map<number, Plan[]>();
    for (const p of pending) {
      const year = yearIn(p.row.createdAt, m.timeZone);
      byYear.set(year, [...(byYear.get(year) ?? []), p]);
    }
    const rows: ReportInsert[] = [];
    const planOf = new Map<string, Plan>();
    for (const [year, list] of [...byYear].sort(([x], [y]) => x - y)) {
      const first = await reserveReferenceNumbers(tx, m.id, year, list.length);
      list.forEach((p, k) => {
        const reference = formatReference(m.referencePrefix, year, first + k);
        planOf.set(reference, p);
        rows.push({ ...p.row, reference });
      });
    }
    const inserted = await insertReports(tx, m.id, rows);
    for (const [reference, id] of inserted) ids.set(planOf.get(reference) as Plan, id);
    pending = pending.filter((p) => !ids.has(p));
  }
  const events: EventInsert[] = [];
  const supporters: SupporterInsert[] = [];
  for (const p of plans) {
    const reportId = ids.get(p) as number;
    for (const { seq: _seq, ...e } of p.events) events.push({ ...e, municipalityId: m.id, reportId });
    for (const at of p.supporters) {
      supporters.push({
        municipalityId: m.id,
        reportId,
        email: null,
        notifyEmail: false,
        language: 'de',
        at,
        emailConfirmedAt: null,
      });
    }
  }
  await insertEvents(tx, events);
  await insertSupporters(tx, supporters);
  return { reports: plans.length, events: events.length, supporters: supporters.length };
}

/**
 * About 200 demo reports for the Mängelmelder, in the caller's transaction (the report demo seed calls it): spread
 * over the last eight months and all selectable categories and districts, at demo addresses, with German texts,
 * a realistic mix of statuses and a consistent history (forwarding, acceptance, work, closing with the public
 * notes of the note templates), due dates in working days, a few awaiting screening and some anonymous supporters.
 * No personal data, no mails. Deterministic for a given now. Does nothing (undefined) outside demo mode, when
 * the municipality has reports already or when the demo addresses are not loaded.
 */
export async function seedDemoReports(tx: Queryable, deps: Deps): Promise<DemoReportsResult | undefined> {
  if (!deps.config.demoData) return undefined;
  const m = deps.config.municipality;
  if (await anyReport(tx, m.id)) return undefined;
  const all = await listAllCategories(tx, m.id);
  const categories = selectableCategories(all.filter((c) => c.active));
  if (categories.length === 0) return undefined;
  const addressGroups = demoAddressesByDistrict();
  const districtIds = await selectDistrictIdsByKey(tx, m.id);
  const districts = [...districtIds.keys()].filter((k) => addressGroups.has(k)).sort();
  if (districts.length === 0) return undefined;
  const world = await demoWorld(tx, deps, categories);

  // Slots: each category its count, each district its share (at least one), shuffled into pairs.
  const rng = seededRandom(demoReportSeed);
  const textsOf = (c: Category): DemoCategoryTexts => world.texts.categories[c.code] ?? world.texts.generic;
  const categorySlots = shuffle(
    rng,
    categories.flatMap((c) => Array.from({ length: textsOf(c).count }, () => c)),
  );
  const total = categorySlots.length;
  const weightOf = (k: string) => world.texts.districtWeights[k] ?? 1;
  const weightSum = districts.reduce((s, k) => s + weightOf(k), 0);
  const districtSlots: string[] = [];
  for (const k of districts) {
    const n = Math.max(1, Math.floor((total * weightOf(k)) / weightSum));
    for (let i = 0; i < n; i++) districtSlots.push(k);
  }
  while (districtSlots.length < total) districtSlots.push(pick(rng, districts));
  shuffle(rng, districtSlots);

  const usedAddresses = new Set<string>();
  const plans: Plan[] = [];
  let failedLookups = 0;
  for (let i = 0; i < total; i++) {
    const category = categorySlots[i] as Category;
    const r = seededRandom(demoReportSeed ^ Math.imul(i + 1, 0x9e3779b1));
    // Where: a demo address of the district (each once).
    const group = addressGroups.get(districtSlots[i] as string) ?? [];
    let address: Awaited<ReturnType<typeof findAddressByText>>;
    for (let attempt = 0; attempt < 5 && !address; attempt++) {
      const candidate = pick(r, group);
      if (!candidate || usedAddresses.has(candidate.label)) continue;
      usedAddresses.add(candidate.label);
      const found = await findAddressByText(tx, m.id, candidate.label);
      if (found?.source === 'demo') address = found;
    }
    if (!address) {
      // No demo register (another municipality's data): give up early instead of looking up every report.
      if (++failedLookups >= 5 && plans.length === 0) return undefined;
      continue;
    }
    const districtId = address.district_key ? (districtIds.get(address.district_key) ?? null) : null;
    // A few came in these last days without proof of work and await screening: always some, on any date.
    const awaitingScreening = i % screeningEvery === 7 && !world.routeOf(category, districtId).auto;
    const when = seededRandom(demoReportSeed ^ Math.imul(i + 1, 0x85ebca6b));
    plans.push(
      planReport(world, { r, when }, { category, texts: textsOf(category), awaitingScreening }, address, districtId),
    );
  }
  if (plans.length === 0) return undefined;
  return insertPlans(tx, deps, plans);
}
