import type { ImportPlan } from './plan.js';

// The change list of a plan, flat and capped: what the admin page shows as a table and the CLI prints as lines.

export type ChangeKind = 'added' | 'removed' | 'moved' | 'changed';

export interface ChangeRow {
  route: string;
  kind: ChangeKind;
  date: string;
  /** For moved dates: the new day. */
  to?: string;
}

/** The first `max` date changes of a plan (by route, then date) and how many there are in all. */
export function changeRows(plan: ImportPlan, max: number): { rows: ChangeRow[]; total: number } {
  const rows: ChangeRow[] = [];
  let total = 0;
  for (const r of plan.routes) {
    if (!r.dates) continue;
    const route = `${r.seasonKey} · ${r.binTypeKey} · ${r.routeKey}`;
    const c = r.dates.changes;
    const all: ChangeRow[] = [
      ...c.moved.map((m) => ({ route, kind: 'moved' as const, date: m.from.date, to: m.to.date })),
      ...c.added.map((d) => ({ route, kind: 'added' as const, date: d.date })),
      ...c.removed.map((d) => ({ route, kind: 'removed' as const, date: d.date })),
      ...c.changed.map((d) => ({ route, kind: 'changed' as const, date: d.date })),
    ].sort((a, b) => a.date.localeCompare(b.date));
    total += all.length;
    rows.push(...all.slice(0, Math.max(0, max - rows.length)));
  }
  return { rows, total };
}
