import type { Deps } from '../../../platform/deps.js';
import { listDailyCounts } from '../../../platform/push/index.js';
import { addDays, today } from '../core/dates.js';
import { countReminders } from './queries.js';
import { pushTopic } from './service.js';

// Usage figures of the reminders for the council: aggregates only (counts per local day from the push engine).

interface DayCounts {
  day: string;
  sent: number;
  accepted: number;
  gone: number;
  failed: number;
}

export interface ReminderFigures {
  activeReminders: number;
  /** The last 14 local days, newest first, zeros where nothing was sent. */
  days: DayCounts[];
  lastSevenDays: Omit<DayCounts, 'day'>;
}

/** Active reminders and the waste pushes per day of the last two weeks. */
export async function getReminderFigures(deps: Pick<Deps, 'db' | 'config' | 'now'>): Promise<ReminderFigures> {
  const m = deps.config.municipality;
  const to = today(deps.now(), m.timeZone);
  const from = addDays(to, -13);
  const counts = (await listDailyCounts(deps.db, m.id, from, to)).filter((c) => c.topic === pushTopic);
  const byDay = new Map(counts.map((c) => [String(c.day).slice(0, 10), c]));
  const days = Array.from({ length: 14 }, (_, i) => {
    const day = addDays(to, -i);
    const c = byDay.get(day);
    return { day, sent: c?.sent ?? 0, accepted: c?.accepted ?? 0, gone: c?.gone ?? 0, failed: c?.failed ?? 0 };
  });
  const lastSevenDays = { sent: 0, accepted: 0, gone: 0, failed: 0 };
  for (const d of days.slice(0, 7)) {
    lastSevenDays.sent += d.sent;
    lastSevenDays.accepted += d.accepted;
    lastSevenDays.gone += d.gone;
    lastSevenDays.failed += d.failed;
  }
  return { activeReminders: await countReminders(deps.db, m.id), days, lastSevenDays };
}
