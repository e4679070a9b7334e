import type { findAddressByText } from '../../addresses/service.js';
import type { Category } from '../core/categories.js';
import type { ReportInsert } from '../core/reports-queries.js';
import type { ReportStatus } from '../core/statuses.js';
import { addWorkingDays } from '../core/working-days.js';
import { type DemoWorld, type PlannedEvent, Timeline, walk } from './history.js';
import { between, pick, type Rng, weighted } from './random.js';
import type { DemoCategoryTexts, DemoReportTemplate } from './texts.js';

/** Reports are spread over this many days before now. */
export const demoReportWindowDays = 240;
/** Reports awaiting screening came in during these last days. */
const screeningWindowDays = 3;

type DemoAddress = NonNullable<Awaited<ReturnType<typeof findAddressByText>>>;

const minute = 60_000;
const hour = 60 * minute;
const day = 24 * hour;

/** Hours of the day reports come in, the busy ones more often. */
const daytimeHours = [
  7, 8, 8, 9, 9, 9, 10, 10, 10, 11, 11, 11, 12, 12, 13, 13, 14, 14, 15, 15, 16, 16, 17, 17, 18, 18, 18, 19, 19, 19, 20,
  20, 21,
];

/** One demo report before it has a reference: its row, its history and when its supporters came. */
export interface Plan {
  row: Omit<ReportInsert, 'reference'>;
  events: PlannedEvent[];
  supporters: Date[];
}

/** The status a report of this age ends up in (before the timeline is cut at now). */
function finalStatus(rng: Rng, ageDays: number): ReportStatus {
  if (ageDays > 45) {
    return weighted<ReportStatus>(rng, {
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
    return weighted<ReportStatus>(rng, {
      done: 48,
      rejected: 8,
      external: 5,
      in_progress: 15,
      accepted: 11,
      forwarded: 8,
      received: 5,
    });
  }
  return weighted<ReportStatus>(rng, {
    done: 22,
    rejected: 5,
    external: 3,
    in_progress: 15,
    accepted: 15,
    forwarded: 18,
    received: 22,
  });
}

/**
 * When: a day of the last `windowDays` (in the category's season when it has one), in the daytime, before the
 * limit. How many random numbers it draws depends on the calendar, so it draws from its own stream `r`.
 */
function createdAt(world: DemoWorld, r: Rng, windowDays: number, months: number[] | undefined): Date {
  const { now, local } = world;
  let created = now;
  for (let attempt = 0; attempt < 200; attempt++) {
    const offset = Math.floor(r() * windowDays);
    created = new Date(now.getTime() - offset * day);
    if (!months || months.includes(local(created).month)) break;
  }
  const shift = pick(r, daytimeHours) - local(created).hour;
  created = new Date(created.getTime() + shift * hour + between(r, -25, 25) * minute);
  if (created > world.limit) created = new Date(now.getTime() - between(r, 20, 240) * minute);
  return created;
}

/** What: the target status and a text of the category; external closings use texts about other bodies' property. */
function content(world: DemoWorld, r: Rng, category: Category, texts: DemoCategoryTexts, ageDays: number | 'new') {
  let target = ageDays === 'new' ? 'received' : finalStatus(r, ageDays);
  const externalTexts = texts.templates.filter((t) => t.external && world.bodies.has(t.external));
  if (target === 'external' && externalTexts.length === 0) target = 'rejected';
  const template: DemoReportTemplate =
    target === 'external'
      ? pick(r, externalTexts)
      : pick(
          r,
          texts.templates.filter((t) => !t.external),
        );
  const description = r() < 0.3 ? `${template.text} ${pick(r, world.texts.addenda)}` : template.text;
  const answers: Record<string, string> = { ...(template.answers ?? {}) };
  for (const q of category.questions) {
    if (q.required && answers[q.code] === undefined && q.values?.length) answers[q.code] = pick(r, q.values).key;
  }
  if (category.code === 'strassenbeleuchtung' && r() < 0.3) {
    answers.lampennummer = `${String(1 + Math.floor(r() * 40)).padStart(2, '0')}-${String(Math.floor(r() * 1000)).padStart(3, '0')}`;
  }
  return { target, template, description, answers };
}

/** Anonymous supporters while the report was open and public; their events join the timeline. */
function supportersOf(world: DemoWorld, r: Rng, timeline: Timeline, created: Date): Date[] {
  const supporters: Date[] = [];
  const openUntil = (timeline.closedAt ?? world.limit).getTime();
  if (r() < 0.22 && openUntil - created.getTime() > 2 * hour) {
    const n = 1 + Math.floor(r() ** 2 * 7);
    for (let k = 0; k < n; k++) {
      supporters.push(new Date(Math.floor(between(r, created.getTime() + hour, openUntil))));
    }
    supporters.sort((x, y) => x.getTime() - y.getTime());
    for (const at of supporters) timeline.push({ kind: 'supporter', at });
  }
  return supporters;
}

/**
 * One demo report of a category at a demo address, all from its own random streams (`r`, and `when` for its
 * arrival, whose draws depend on the calendar): when it came, its text and answers, its history up to now
 * (forwarding, acceptance, work, closing with the public notes of the note templates), moderation and supporters.
 * A report `awaitingScreening` came in the last days without proof of work and waits for the back office.
 */
export function planReport(
  world: DemoWorld,
  streams: { r: Rng; when: Rng },
  slot: { category: Category; texts: DemoCategoryTexts; awaitingScreening: boolean },
  address: DemoAddress,
  districtId: number | null,
): Plan {
  const { r } = streams;
  const { category, texts } = slot;
  const needsScreening = slot.awaitingScreening;
  const created = needsScreening
    ? createdAt(world, streams.when, screeningWindowDays, undefined)
    : createdAt(world, streams.when, demoReportWindowDays, texts.months);
  const ageDays = (world.now.getTime() - created.getTime()) / day;
  const { target, template, description, answers } = content(
    world,
    r,
    category,
    texts,
    needsScreening ? 'new' : ageDays,
  );

  // The history, step by step; a step that would lie after now is not taken.
  const route = world.routeOf(category, districtId);
  const timeline = new Timeline(created);
  timeline.push({ kind: 'created', statusTo: 'received', public: true, at: created });
  if (route.auto && route.departmentId !== null) {
    timeline.departmentId = route.departmentId;
    timeline.move('forwarded', 'forwarded', created, { public: true, departmentId: route.departmentId });
  }
  let publicDescription: string | null = null;
  if (!needsScreening && r() < 0.9) {
    const at = world.office(new Date(created.getTime() + between(r, 0.3, 20) * hour));
    if (at <= world.limit) {
      publicDescription = description;
      timeline.push({ kind: 'moderated', actorId: world.bsc, at });
    }
  }
  walk(world, { r, category, texts, target, template, route, timeline, needsScreening });
  const supporters = !needsScreening && publicDescription !== null ? supportersOf(world, r, timeline, created) : [];

  const events = timeline.events.sort((x, y) => x.at.getTime() - y.at.getTime() || x.seq - y.seq);
  const last = events.at(-1) as PlannedEvent;
  const method = weighted(r, { address: 45, map: 35, gps: 20 });
  return {
    row: {
      categoryId: category.id,
      status: timeline.status,
      description,
      publicDescription,
      answers,
      lat: address.lat,
      lon: address.lon,
      locationMethod: method,
      addressId: Number(address.id),
      addressLabel: `${address.street} ${address.house_number}${address.house_number_suffix}`,
      landmark: null,
      districtId,
      departmentId: timeline.departmentId,
      suggestedDepartmentId: route.departmentId,
      externalBodyId: timeline.externalBodyId,
      // Demo reports carry no personal data and no status link.
      reporterName: null,
      reporterEmail: null,
      reporterPhone: null,
      notifyEmail: false,
      emailConfirmedAt: null,
      statusTokenNonce: null,
      statusTokenHash: null,
      language: 'de',
      needsScreening,
      supporterCount: supporters.length,
      source: 'web',
      open311ClientId: null,
      dueAt: addWorkingDays(created, category.targetWorkingDays, world.holidayRegion, world.timeZone),
      createdAt: created,
      updatedAt: last.at,
      closedAt: timeline.closedAt,
    },
    events,
    supporters,
  };
}
