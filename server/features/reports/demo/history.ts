import type { Category } from '../core/categories.js';
import type { EventKind } from '../core/events.js';
import type { EventInsert } from '../core/events-queries.js';
import type { ReportStatus } from '../core/statuses.js';
import { between, pick, type Rng } from './random.js';
import type { DemoCategoryTexts, DemoReportTemplate, DemoTexts } from './texts.js';

// The history of one demo report: the workflow steps from arrival to its final status, each taken only when it
// would lie before now, with the actors, notes and public flags the real workflow writes.

export type PlannedEvent = Omit<EventInsert, 'municipalityId' | 'reportId'> & { seq: number };

/** How far along the workflow a status is; the closed statuses are the end (4). */
export const stage: Record<ReportStatus, number> = {
  received: 0,
  forwarded: 1,
  accepted: 2,
  in_progress: 3,
  done: 4,
  rejected: 4,
  external: 4,
};

const hour = 3_600_000;

/** What the seed knows that every report's history needs. */
export interface DemoWorld {
  now: Date;
  /** No step later than this (a few minutes before now). */
  limit: Date;
  local: (d: Date) => { day: Date; hour: number; month: number };
  /** The next office hour (7–16 on a working day) from an instant. */
  office: (d: Date) => Date;
  routeOf: (c: Category, districtId: number | null) => { departmentId: number | null; auto: boolean };
  /** Active external bodies by name. */
  bodies: Map<string, number>;
  /** The note templates of a status (German body). */
  notes: (status: string) => { title: string; body: string }[];
  bsc: number | null;
  staffOf: (departmentId: number | null) => number | null;
  departmentIds: number[];
  texts: DemoTexts;
  holidayRegion: string;
  timeZone: string;
}

/** The events planned so far and the report's state after them. */
export class Timeline {
  readonly events: PlannedEvent[] = [];
  private seq = 0;
  status: ReportStatus = 'received';
  departmentId: number | null = null;
  externalBodyId: number | null = null;
  closedAt: Date | null = null;

  constructor(public at: Date) {}

  /** Adds an event (defaults: internal, no notes, no actor). */
  push(e: Partial<PlannedEvent> & { kind: string; at: Date }): void {
    this.events.push({
      statusFrom: null,
      statusTo: null,
      public: false,
      publicNote: null,
      internalNote: null,
      departmentId: null,
      externalBodyId: null,
      actorId: null,
      ...e,
      seq: this.seq++,
    });
  }

  /** Adds a status change and moves the state along. */
  move(kind: EventKind, to: ReportStatus, at: Date, extra: Partial<PlannedEvent> = {}): void {
    this.push({ kind, statusFrom: this.status, statusTo: to, at, ...extra });
    this.status = to;
    this.at = at;
    if (stage[to] === 4) this.closedAt = at;
  }
}

export interface WalkInput {
  r: Rng;
  category: Category;
  texts: DemoCategoryTexts;
  target: ReportStatus;
  template: DemoReportTemplate;
  route: { departmentId: number | null };
  timeline: Timeline;
}

/** The helpers of one walk: step times after the last step, and note texts from the templates. */
function walker(world: DemoWorld, w: WalkInput) {
  const { r, timeline } = w;
  const scale = w.category.targetWorkingDays * 1.4 * 24 * (r() < 0.12 ? 2.5 : 1);
  const after = (lo: number, hi: number, min: number, max = Number.POSITIVE_INFINITY) =>
    world.office(new Date(timeline.at.getTime() + Math.min(max, Math.max(min, between(r, lo, hi) * scale)) * hour));
  const noteOf = (status: string, chance: number, hint?: string) => {
    let list = world.notes(status);
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
  const closeNote = (status: string, fallback: string) => noteOf(status, 1, w.texts.doneNoteHint) ?? fallback;
  return { after, noteOf, closeNote };
}

type Walker = ReturnType<typeof walker>;

/** Closed at once: handed to an external body, or rejected by the BSC. */
function closeEarly(world: DemoWorld, w: WalkInput, k: Walker): void {
  const { timeline } = w;
  const at = k.after(0, 0, between(w.r, 1, 30));
  if (at > world.limit) return;
  if (w.target === 'external') {
    const bodyId = world.bodies.get(w.template.external as string) as number;
    timeline.externalBodyId = bodyId;
    timeline.move('external', 'external', at, {
      public: true,
      externalBodyId: bodyId,
      publicNote: k.closeNote('external', 'An externe Stelle abgegeben.'),
      actorId: timeline.departmentId === null ? world.bsc : world.staffOf(timeline.departmentId),
    });
  } else {
    timeline.move('status', 'rejected', at, {
      public: true,
      publicNote: k.closeNote('rejected', 'Abgelehnt.'),
      actorId: world.bsc,
    });
  }
}

/** The BSC forwards to the department (now and then first to a wrong one, which returns it). False: stopped. */
function forward(world: DemoWorld, w: WalkInput, k: Walker): boolean {
  const { r, timeline } = w;
  const { departmentIds, limit, bsc } = world;
  const departmentId = w.route.departmentId ?? pick(r, departmentIds);
  if (departmentId === undefined) return false;
  const others = departmentIds.filter((d) => d !== departmentId);
  if (others.length > 0 && r() < 0.07) {
    const wrong = pick(r, others);
    const at = k.after(0.02, 0.1, 0.5, 30);
    if (at > limit) return false;
    timeline.departmentId = wrong;
    timeline.move('forwarded', 'forwarded', at, { departmentId: wrong, actorId: bsc });
    const back = k.after(0.02, 0.15, 1);
    if (back > limit) return false;
    timeline.move('returned', 'received', back, {
      departmentId: wrong,
      internalNote: pick(r, world.texts.internalNotes.returned),
      actorId: world.staffOf(wrong),
    });
    timeline.departmentId = null;
  }
  const at = k.after(0.02, 0.15, 0.5, 48);
  if (at > limit) return false;
  timeline.departmentId = departmentId;
  timeline.move('forwarded', 'forwarded', at, {
    departmentId,
    actorId: bsc,
    ...(r() < 0.4 ? { internalNote: pick(r, world.texts.internalNotes.forward) } : {}),
  });
  return true;
}

/** The department accepts, may work on it, and closes it as done or rejected, as far as the target goes. */
function work(world: DemoWorld, w: WalkInput, k: Walker): void {
  const { r, timeline, target } = w;
  const dept = timeline.departmentId;
  const actorId = world.staffOf(dept);
  const acceptedAt = k.after(0.05, 0.3, 1);
  if (acceptedAt > world.limit) return;
  const acceptNote = k.noteOf('accepted', 0.35);
  timeline.move('accepted', 'accepted', acceptedAt, {
    public: true,
    departmentId: dept,
    actorId,
    ...(acceptNote ? { publicNote: acceptNote } : {}),
  });
  if (target === 'rejected') {
    const at = k.after(0.05, 0.4, 1);
    if (at > world.limit) return;
    timeline.move('status', 'rejected', at, {
      public: true,
      publicNote: k.closeNote('rejected', 'Abgelehnt.'),
      actorId,
    });
    return;
  }
  if (target === 'in_progress' || (target === 'done' && r() < 0.7)) {
    const at = k.after(0.05, 0.35, 1);
    if (at > world.limit) return;
    const progressNote = k.noteOf('in_progress', 0.4);
    timeline.move('status', 'in_progress', at, {
      public: true,
      actorId,
      ...(progressNote ? { publicNote: progressNote } : {}),
    });
  }
  if (target !== 'done') return;
  const doneAt = timeline.status === 'in_progress' ? k.after(0.1, 0.7, 1) : k.after(0.15, 0.9, 2);
  if (doneAt > world.limit) return;
  timeline.move('status', 'done', doneAt, { public: true, publicNote: k.closeNote('done', 'Erledigt.'), actorId });
}

/**
 * Walks a report from its arrival towards its target status, step by step; a report awaiting screening (or one
 * whose target is `received`) takes no step.
 */
export function walk(world: DemoWorld, w: WalkInput & { needsScreening: boolean }): void {
  const k = walker(world, w);
  const early = w.target === 'external' || (w.target === 'rejected' && w.r() < 0.5);
  if (w.needsScreening || stage[w.target] === 0) return;
  if (early) {
    closeEarly(world, w, k);
    return;
  }
  if (w.timeline.status === 'received' && !forward(world, w, k)) return;
  if (stage[w.target] < 2) return;
  work(world, w, k);
}
