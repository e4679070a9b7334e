import { daysBetween } from '../core/dates.js';

// The change of one route's dates, pure: added, removed, changed (same day, other shift or note), and moved
// (a removed and an added date within a week of each other pair up, nearest first).

export interface DateValue {
  date: string;
  shiftedFrom: string | null;
  note: string;
}

export interface DateChanges {
  added: DateValue[];
  removed: DateValue[];
  moved: { from: DateValue; to: DateValue }[];
  changed: DateValue[];
}

/** How far a date may move and still count as moved rather than removed and added. */
export const maxMoveDays = 7;

/** The changes that turn `before` into `after` (both without duplicate days). */
export function diffDates(before: DateValue[], after: DateValue[]): DateChanges {
  const old = new Map(before.map((d) => [d.date, d]));
  const next = new Map(after.map((d) => [d.date, d]));
  const added = after.filter((d) => !old.has(d.date));
  const removed = before.filter((d) => !next.has(d.date));
  const changed = after.filter((d) => {
    const o = old.get(d.date);
    return o !== undefined && (o.shiftedFrom !== d.shiftedFrom || o.note !== d.note);
  });
  const pairs: { r: DateValue; a: DateValue; distance: number }[] = [];
  for (const r of removed) {
    for (const a of added) {
      const distance = Math.abs(daysBetween(r.date, a.date));
      if (distance <= maxMoveDays) pairs.push({ r, a, distance });
    }
  }
  pairs.sort((x, y) => x.distance - y.distance || x.r.date.localeCompare(y.r.date) || x.a.date.localeCompare(y.a.date));
  const moved: DateChanges['moved'] = [];
  const usedR = new Set<string>();
  const usedA = new Set<string>();
  for (const { r, a } of pairs) {
    if (usedR.has(r.date) || usedA.has(a.date)) continue;
    usedR.add(r.date);
    usedA.add(a.date);
    moved.push({ from: r, to: a });
  }
  moved.sort((x, y) => x.from.date.localeCompare(y.from.date));
  return {
    added: added.filter((d) => !usedA.has(d.date)),
    removed: removed.filter((d) => !usedR.has(d.date)),
    moved,
    changed,
  };
}
