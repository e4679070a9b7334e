import type { FastifyBaseLogger } from 'fastify';
import type { Db, Queryable } from '../db.js';
import { findLatestSlot, insertScheduleSlot, pruneScheduleSlots } from './queries.js';
import { scheduleSlots, slotJobId } from './schedule.js';
import type { JobDefinition } from './types.js';

const HOUR = 60 * 60 * 1000;
/** Slot rows are only needed to stop a slot running twice and to find where to catch up from. */
const KEEP_SLOTS_MS = 35 * 24 * HOUR;

export interface SchedulerDeps {
  db: Db;
  timeZone: string;
  catchUpMinutes: number;
  now: () => Date;
  /** Enqueues the job of one slot inside tx, under the slot's deterministic id. */
  enqueueSlot: (tx: Queryable, def: JobDefinition, id: string) => Promise<void>;
  /** Called after slots were enqueued (and committed), so a worker in this process fetches at once. */
  enqueued?: () => void;
}

/**
 * Records each slot and enqueues its job in one transaction; a slot already recorded (by another process, or an
 * earlier tick) is skipped. Returns the slots this call enqueued.
 */
export async function enqueueDueSlots(deps: SchedulerDeps, def: JobDefinition, after: Date, until: Date) {
  const cron = def.schedule?.cron;
  if (!cron) return [];
  const enqueued: { slot: Date; id: string }[] = [];
  for (const slot of scheduleSlots(cron, deps.timeZone, after, until)) {
    const id = slotJobId(def.name, slot);
    const inserted = await deps.db.transaction(async (tx) => {
      if (!(await insertScheduleSlot(tx, def.name, slot, id))) return false;
      await deps.enqueueSlot(tx, def, id);
      return true;
    });
    if (inserted) enqueued.push({ slot, id });
  }
  return enqueued;
}

/**
 * Checks every interval which slots fell due since the last check and enqueues them. After a start, a job
 * catches up from its latest recorded slot, but never further back than catchUpMinutes; a job that never ran
 * on schedule starts from now (no backfill of history).
 */
export function startScheduler(
  deps: SchedulerDeps,
  definitions: JobDefinition[],
  options: { intervalMs: number; log: FastifyBaseLogger },
): { stop(): Promise<void> } {
  const scheduled = definitions.filter((d) => d.schedule);
  const checkedUntil = new Map<string, Date>();
  let lastPrune = 0;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let ticking: Promise<void> = Promise.resolve();

  const tick = async () => {
    const now = deps.now();
    for (const def of scheduled) {
      if (stopped) return;
      try {
        let from = checkedUntil.get(def.name);
        if (!from) {
          const earliest = new Date(now.getTime() - deps.catchUpMinutes * 60_000);
          const latest = await findLatestSlot(deps.db, def.name);
          from = latest ? new Date(Math.max(latest.getTime(), earliest.getTime())) : now;
        }
        const enqueued = await enqueueDueSlots(deps, def, from, now);
        for (const { slot, id } of enqueued) {
          options.log.info({ job: def.name, jobId: id, slot: slot.toISOString() }, 'scheduled job enqueued');
        }
        if (enqueued.length > 0) deps.enqueued?.();
        checkedUntil.set(def.name, now);
      } catch (err) {
        options.log.error({ err, job: def.name }, 'scheduling failed; retrying at the next check');
      }
    }
    if (now.getTime() - lastPrune > HOUR) {
      lastPrune = now.getTime();
      await pruneScheduleSlots(deps.db, new Date(now.getTime() - KEEP_SLOTS_MS)).catch((err) =>
        options.log.error({ err }, 'pruning schedule slots failed'),
      );
    }
  };
  const loop = () => {
    if (stopped) return;
    ticking = tick().finally(() => {
      if (!stopped) timer = setTimeout(loop, options.intervalMs);
    });
  };
  if (scheduled.length > 0) loop();

  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await ticking;
    },
  };
}
