import { readFileSync } from 'node:fs';
import { resolveFromRoot } from '../../../platform/config.js';
import type { Queryable } from '../../../platform/db.js';
import type { Deps } from '../../../platform/deps.js';
import { findAddressByText } from '../../addresses/service.js';
import { type Category, listAllCategories, selectableCategories } from '../core/categories.js';
import { selectDistrictIdsByKey } from '../core/categories-queries.js';
import type { EventKind } from '../core/events.js';
import { formatReference, yearIn } from '../core/reference.js';
import type { ReportStatus } from '../core/statuses.js';
import { addWorkingDays, isWorkingDay } from '../core/working-days.js';
import {
  anyReport,
  type DemoEventRow,
  type DemoReportRow,
  insertDemoEvents,
  insertDemoReports,
  insertDemoSupporters,
  reserveReferenceNumbers,
  selectDemoActors,
  selectDemoExternalBodies,
  selectDemoNoteTemplates,
  selectDemoRoutingRules,
} from './queries.js';
import {
  type DemoCategoryTexts,
  type DemoReportTemplate,
  demoAddenda,
  demoDistrictWeights,
  demoInternalNotes,
  demoReportTexts,
  genericDemoTexts,
} from './texts.js';

// The demo addresses (loaded by the demo seed before the Mängelmelder's demo data): reports sit at them.
const demoAddressesFile = resolveFromRoot('server', 'features', 'demo', 'data', 'addresses.csv');

/** Fixed seed: every run creates the same reports (relative to deps.now()). */
export const demoReportSeed = 0x5eed_b1e1;
/** Reports are spread over this many days before now. */
export const demoReportWindowDays = 240;

const minute = 60_000;
const hour = 60 * minute;
const day = 24 * hour;

/** Deterministic pseudo-random numbers in [0, 1) (mulberry32). */
export function seededRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rng = () => number;
const pick = <T>(rng: Rng, list: readonly T[]): T => list[Math.floor(rng() * list.length)] as T;
const between = (rng: Rng, lo: number, hi: number) => lo + rng() * (hi - lo);
function weighted<T extends string>(rng: Rng, weights: Partial<Record<T, number>>): T {
  const entries = Object.entries(weights) as [T, number][];
  let x = rng() * entries.reduce((s, [, w]) => s + w, 0);
  for (const [k, w] of entries) {
    x -= w;
    if (x < 0) return k;
  }
  return (entries.at(-1) as [T, number])[0];
}
function shuffle<T>(rng: Rng, list: T[]): T[] {
  for (let i = list.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [list[i], list[j]] = [list[j] as T, list[i] as T];
  }
  return list;
}

/** "Jöllenbeck" → "joellenbeck" (the demo district keys). */
const districtSlug = (name: string) =>
  name
    .toLowerCase()
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .replace(/[^a-z0-9]+/g, '-');

interface CsvAddress {
  label: string;
  district: string;
}

/** The demo address file as labels ("Herforder Straße 22a") grouped by district slug. */
function demoAddressesByDistrict(): Map<string, CsvAddress[]> {
  const groups = new Map<string, CsvAddress[]>();
  const lines = readFileSync(demoAddressesFile, 'utf8').split(/\r?\n/);
  for (const line of lines.slice(1)) {
    const [street, number, suffix, , district] = line.split(';');
    if (!street || !number || !district) continue;
    const key = districtSlug(district);
    const list = groups.get(key) ?? [];
    list.push({ label: `${street} ${number}${suffix ?? ''}`, district: key });
    groups.set(key, list);
  }
  return groups;
}

/** Wall-clock parts in the municipality's zone. */
function localClock(timeZone: string): (d: Date) => { day: Date; hour: number; month: number } {
  const f = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
  });
  return (d) => {
    const p = Object.fromEntries(f.formatToParts(d).map((x) => [x.type, Number(x.value)]));
    const month = p.month ?? 1;
    return { day: new Date(Date.UTC(p.year ?? 1970, month - 1, p.day ?? 1)), hour: p.hour ?? 0, month };
  };
}

type Status = ReportStatus;

/** The status a report of this age ends up in (before the timeline is cut at now). */
function finalStatus(rng: Rng, ageDays: number): Status {
  if (ageDays > 45) {
    return weighted<Status>(rng, {
      done: 70,
      rejected: 9,
      external: 7,
      in_progress: 6,
      accepted: 4,
      forwarded: 2,
      received: 2,
    });
  }
  if (ageDays > 10) {
    return weighted<Status>(rng, {
      done: 48,
      rejected: 8,
      external: 5,
      in_progress: 15,
      accepted: 11,
      forwarded: 8,
      received: 5,
    });
  }
  return weighted<Status>(rng, {
    done: 22,
    rejected: 5,
    external: 3,
    in_progress: 15,
    accepted: 15,
    forwarded: 18,
    received: 22,
  });
}

/** Hours of the day reports come in, the busy ones more often. */
const daytimeHours = [
  7, 8, 8, 9, 9, 9, 10, 10, 10, 11, 11, 11, 12, 12, 13, 13, 14, 14, 15, 15, 16, 16, 17, 17, 18, 18, 18, 19, 19, 19, 20,
  20, 21,
];

const stage: Record<Status, number> = {
  received: 0,
  forwarded: 1,
  accepted: 2,
  in_progress: 3,
  done: 4,
  rejected: 4,
  external: 4,
};

export interface DemoReportsResult {
  reports: number;
  events: number;
  supporters: number;
}

type PlannedEvent = Omit<DemoEventRow, 'reportId'> & { seq: number };

interface Plan {
  row: Omit<DemoReportRow, 'reference'>;
  events: PlannedEvent[];
  supporters: Date[];
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

  // One after the other: a transaction is one connection.
  const actors = await selectDemoActors(tx, m.id);
  const rules = await selectDemoRoutingRules(tx, m.id);
  const bodies = await selectDemoExternalBodies(tx, m.id);
  const templates = await selectDemoNoteTemplates(tx, m.id);
  const bsc = (actors.find((a) => a.role === 'bsc_agent') ?? actors.find((a) => a.role === 'admin'))?.id ?? null;
  const staffOf = (departmentId: number | null) =>
    actors.find(
      (a) => a.role === 'department_staff' && departmentId !== null && a.department_ids.includes(departmentId),
    )?.id ?? bsc;
  const notes = (status: string) => templates.filter((t) => t.status === status);
  const departmentIds = [
    ...new Set([...categories.map((c) => c.defaultDepartmentId), ...rules.map((r) => Number(r.department_id))]),
  ].filter((d): d is number => d !== null);

  // Slots: each category its count, each district its share (at least one), shuffled into pairs.
  const rng = seededRandom(demoReportSeed);
  const textsOf = (c: Category): DemoCategoryTexts => demoReportTexts[c.code] ?? genericDemoTexts;
  const categorySlots = shuffle(
    rng,
    categories.flatMap((c) => Array.from({ length: textsOf(c).count }, () => c)),
  );
  const total = categorySlots.length;
  const weightOf = (k: string) => demoDistrictWeights[k] ?? 1;
  const weightSum = districts.reduce((s, k) => s + weightOf(k), 0);
  const districtSlots: string[] = [];
  for (const k of districts) {
    const n = Math.max(1, Math.floor((total * weightOf(k)) / weightSum));
    for (let i = 0; i < n; i++) districtSlots.push(k);
  }
  while (districtSlots.length < total) districtSlots.push(pick(rng, districts));
  shuffle(rng, districtSlots);

  const now = deps.now();
  const limit = new Date(now.getTime() - 5 * minute);
  const local = localClock(m.timeZone);
  const office = (d: Date): Date => {
    let t = d.getTime();
    for (let i = 0; i < 24 * 14; i++) {
      const c = local(new Date(t));
      if (c.hour >= 7 && c.hour < 16 && isWorkingDay(c.day, m.holidayRegion)) break;
      t += hour;
    }
    return new Date(t);
  };
  const routeOf = (c: Category, districtId: number | null) => {
    const rule =
      rules.find(
        (r) => Number(r.category_id) === c.id && r.district_id !== null && Number(r.district_id) === districtId,
      ) ?? rules.find((r) => Number(r.category_id) === c.id && r.district_id === null);
    const departmentId = rule ? Number(rule.department_id) : c.defaultDepartmentId;
    return {
      departmentId,
      auto: Boolean(rule?.auto_forward) && deps.config.reports.autoForward && departmentId !== null,
    };
  };

  const usedAddresses = new Set<string>();
  const plans: Plan[] = [];
  let failedLookups = 0;
  for (let i = 0; i < total; i++) {
    const category = categorySlots[i] as Category;
    const districtKey = districtSlots[i] as string;
    const r = seededRandom(demoReportSeed ^ Math.imul(i + 1, 0x9e3779b1));
    const texts = textsOf(category);

    // Where: a demo address of the district (each once).
    const group = addressGroups.get(districtKey) ?? [];
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

    // When: a day in the window (in the category's season when it has one), in the daytime.
    let created = now;
    for (let attempt = 0; attempt < 200; attempt++) {
      const offset = Math.floor(r() * demoReportWindowDays);
      created = new Date(now.getTime() - offset * day);
      if (!texts.months || texts.months.includes(local(created).month)) break;
    }
    const shift = pick(r, daytimeHours) - local(created).hour;
    created = new Date(created.getTime() + shift * hour + between(r, -25, 25) * minute);
    if (created > limit) created = new Date(now.getTime() - between(r, 20, 240) * minute);
    const ageDays = (now.getTime() - created.getTime()) / day;

    // What: a text of the category; external closings use the texts about other bodies' property.
    let target = finalStatus(r, ageDays);
    const externalTexts = texts.templates.filter((t) => t.external && bodies.has(t.external));
    if (target === 'external' && externalTexts.length === 0) target = 'rejected';
    const template: DemoReportTemplate =
      target === 'external'
        ? pick(r, externalTexts)
        : pick(
            r,
            texts.templates.filter((t) => !t.external),
          );
    const description = r() < 0.3 ? `${template.text} ${pick(r, demoAddenda)}` : template.text;
    const answers: Record<string, string> = { ...(template.answers ?? {}) };
    for (const q of category.questions) {
      if (q.required && answers[q.code] === undefined && q.values?.length) answers[q.code] = pick(r, q.values).key;
    }
    if (category.code === 'strassenbeleuchtung' && r() < 0.3) {
      answers.lampennummer = `${String(1 + Math.floor(r() * 40)).padStart(2, '0')}-${String(Math.floor(r() * 1000)).padStart(3, '0')}`;
    }

    // The history, step by step; a step that would lie after now is not taken.
    const route = routeOf(category, districtId);
    const events: PlannedEvent[] = [];
    let seq = 0;
    const state = {
      status: 'received' as Status,
      departmentId: null as number | null,
      externalBodyId: null as number | null,
      closedAt: null as Date | null,
      at: created,
    };
    const push = (e: Partial<PlannedEvent> & { kind: string; at: Date }) =>
      events.push({
        statusFrom: null,
        statusTo: null,
        public: false,
        publicNote: null,
        internalNote: null,
        departmentId: null,
        externalBodyId: null,
        actorId: null,
        ...e,
        seq: seq++,
      });
    const move = (kind: EventKind, to: Status, at: Date, extra: Partial<PlannedEvent> = {}) => {
      push({ kind, statusFrom: state.status, statusTo: to, at, ...extra });
      state.status = to;
      state.at = at;
      if (stage[to] === 4) state.closedAt = at;
    };
    push({ kind: 'created', statusTo: 'received', public: true, at: created });

    const needsScreening = target === 'received' && !route.auto && ageDays < 10 && r() < 0.5;
    if (route.auto && route.departmentId !== null) {
      state.departmentId = route.departmentId;
      move('forwarded', 'forwarded', created, { public: true, departmentId: route.departmentId });
    }
    let publicDescription: string | null = null;
    if (!needsScreening && r() < 0.9) {
      const at = office(new Date(created.getTime() + between(r, 0.3, 20) * hour));
      if (at <= limit) {
        publicDescription = description;
        push({ kind: 'moderated', actorId: bsc, at });
      }
    }

    const scale = category.targetWorkingDays * 1.4 * 24 * (r() < 0.12 ? 2.5 : 1);
    const after = (lo: number, hi: number, min: number, max = Number.POSITIVE_INFINITY) =>
      office(new Date(state.at.getTime() + Math.min(max, Math.max(min, between(r, lo, hi) * scale)) * hour));
    const noteOf = (status: string, chance: number, hint?: string) => {
      let list = notes(status);
      if (hint) {
        const hinted = list.filter((t) => t.title.includes(hint));
        const plain = list.filter((t) => !t.title.includes(hint));
        list = hinted.length > 0 && r() < 0.8 ? hinted : plain.length > 0 ? plain : list;
      } else if (status === 'done') {
        const plain = list.filter((t) => !t.title.includes('Müll'));
        if (plain.length > 0) list = plain;
      }
      return list.length > 0 && r() < chance ? pick(r, list).body : undefined;
    };
    const closeNote = (status: string, fallback: string) => noteOf(status, 1, texts.doneNoteHint) ?? fallback;

    const early = target === 'external' || (target === 'rejected' && r() < 0.5);
    const walk = (): void => {
      if (needsScreening || stage[target] === 0) return;
      if (early) {
        const at = after(0, 0, between(r, 1, 30));
        if (at > limit) return;
        if (target === 'external') {
          const bodyId = bodies.get(template.external as string) as number;
          state.externalBodyId = bodyId;
          move('external', 'external', at, {
            public: true,
            externalBodyId: bodyId,
            publicNote: closeNote('external', 'An externe Stelle abgegeben.'),
            actorId: state.departmentId === null ? bsc : staffOf(state.departmentId),
          });
        } else {
          move('status', 'rejected', at, {
            public: true,
            publicNote: closeNote('rejected', 'Abgelehnt.'),
            actorId: bsc,
          });
        }
        return;
      }
      if (state.status === 'received') {
        const departmentId = route.departmentId ?? pick(r, departmentIds);
        if (departmentId === undefined) return;
        // Now and then the BSC first picks the wrong department, which returns the report.
        const others = departmentIds.filter((d) => d !== departmentId);
        if (others.length > 0 && r() < 0.07) {
          const wrong = pick(r, others);
          const at = after(0.02, 0.1, 0.5, 30);
          if (at > limit) return;
          state.departmentId = wrong;
          move('forwarded', 'forwarded', at, { departmentId: wrong, actorId: bsc });
          const back = after(0.02, 0.15, 1);
          if (back > limit) return;
          move('returned', 'received', back, {
            departmentId: wrong,
            internalNote: pick(r, demoInternalNotes.returned),
            actorId: staffOf(wrong),
          });
          state.departmentId = null;
        }
        const at = after(0.02, 0.15, 0.5, 48);
        if (at > limit) return;
        state.departmentId = departmentId;
        move('forwarded', 'forwarded', at, {
          departmentId,
          actorId: bsc,
          ...(r() < 0.4 ? { internalNote: pick(r, demoInternalNotes.forward) } : {}),
        });
      }
      if (stage[target] < 2) return;
      const dept = state.departmentId;
      const acceptedAt = after(0.05, 0.3, 1);
      if (acceptedAt > limit) return;
      const acceptNote = noteOf('accepted', 0.35);
      move('accepted', 'accepted', acceptedAt, {
        public: true,
        departmentId: dept,
        actorId: staffOf(dept),
        ...(acceptNote ? { publicNote: acceptNote } : {}),
      });
      if (target === 'rejected') {
        const at = after(0.05, 0.4, 1);
        if (at > limit) return;
        move('status', 'rejected', at, {
          public: true,
          publicNote: closeNote('rejected', 'Abgelehnt.'),
          actorId: staffOf(dept),
        });
        return;
      }
      if (target === 'in_progress' || (target === 'done' && r() < 0.7)) {
        const at = after(0.05, 0.35, 1);
        if (at > limit) return;
        const progressNote = noteOf('in_progress', 0.4);
        move('status', 'in_progress', at, {
          public: true,
          actorId: staffOf(dept),
          ...(progressNote ? { publicNote: progressNote } : {}),
        });
      }
      if (target !== 'done') return;
      const doneAt = state.status === 'in_progress' ? after(0.1, 0.7, 1) : after(0.15, 0.9, 2);
      if (doneAt > limit) return;
      move('status', 'done', doneAt, {
        public: true,
        publicNote: closeNote('done', 'Erledigt.'),
        actorId: staffOf(dept),
      });
    };
    walk();

    // Anonymous supporters while the report was open and public.
    const supporters: Date[] = [];
    const openUntil = (state.closedAt ?? limit).getTime();
    if (!needsScreening && publicDescription !== null && r() < 0.22 && openUntil - created.getTime() > 2 * hour) {
      const n = 1 + Math.floor(r() ** 2 * 7);
      for (let k = 0; k < n; k++) {
        supporters.push(new Date(Math.floor(between(r, created.getTime() + hour, openUntil))));
      }
      supporters.sort((x, y) => x.getTime() - y.getTime());
      for (const at of supporters) push({ kind: 'supporter', at });
    }

    events.sort((x, y) => x.at.getTime() - y.at.getTime() || x.seq - y.seq);
    const last = events.at(-1) as PlannedEvent;
    const method = weighted(r, { address: 45, map: 35, gps: 20 });
    plans.push({
      row: {
        categoryId: category.id,
        status: state.status,
        description,
        publicDescription,
        answers,
        lat: address.lat,
        lon: address.lon,
        locationMethod: method,
        addressId: Number(address.id),
        addressLabel: `${address.street} ${address.house_number}${address.house_number_suffix}`,
        districtId,
        departmentId: state.departmentId,
        suggestedDepartmentId: route.departmentId,
        externalBodyId: state.externalBodyId,
        needsScreening,
        supporterCount: supporters.length,
        dueAt: addWorkingDays(created, category.targetWorkingDays, m.holidayRegion, m.timeZone),
        createdAt: created,
        updatedAt: last.at,
        closedAt: state.closedAt,
      },
      events,
      supporters,
    });
  }
  if (plans.length === 0) return undefined;

  // References in the order the reports came in, per year; a number taken elsewhere is skipped.
  plans.sort((x, y) => x.row.createdAt.getTime() - y.row.createdAt.getTime());
  const ids = new Map<Plan, number>();
  let pending = plans;
  for (let round = 0; pending.length > 0; round++) {
    if (round >= 20) throw new Error('No free references for the demo reports');
    const byYear = new Map<number, Plan[]>();
    for (const p of pending) {
      const year = yearIn(p.row.createdAt, m.timeZone);
      byYear.set(year, [...(byYear.get(year) ?? []), p]);
    }
    const rows: DemoReportRow[] = [];
    const planOf = new Map<string, Plan>();
    for (const [year, list] of [...byYear].sort(([x], [y]) => x - y)) {
      const first = await reserveReferenceNumbers(tx, m.id, year, list.length);
      list.forEach((p, k) => {
        const reference = formatReference(m.referencePrefix, year, first + k);
        planOf.set(reference, p);
        rows.push({ ...p.row, reference });
      });
    }
    const inserted = await insertDemoReports(tx, m.id, rows);
    for (const [reference, id] of inserted) ids.set(planOf.get(reference) as Plan, id);
    pending = pending.filter((p) => !ids.has(p));
  }

  const events: DemoEventRow[] = [];
  const supporters: { reportId: number; at: Date }[] = [];
  for (const p of plans) {
    const reportId = ids.get(p) as number;
    for (const { seq: _seq, ...e } of p.events) events.push({ ...e, reportId });
    for (const at of p.supporters) supporters.push({ reportId, at });
  }
  await insertDemoEvents(tx, events);
  await insertDemoSupporters(tx, supporters);
  return { reports: plans.length, events: events.length, supporters: supporters.length };
}
