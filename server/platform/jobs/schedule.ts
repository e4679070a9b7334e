import { createHash } from 'node:crypto';
import cronParser from 'cron-parser';
import { zonedTimes, zoneOffsetMinutes } from '../time.js';

const DAY = 24 * 60 * 60 * 1000;
/** Bounds one slot computation, so a per-second cron over a long window cannot stall the scheduler. */
const MAX_SLOTS = 100_000;

/** The zone's UTC offset in ms at an instant (e.g. +2 h for Europe/Berlin in summer). */
export function zoneOffset(instant: number, timeZone: string): number {
  return zoneOffsetMinutes(instant, timeZone) * 60_000;
}

/**
 * The instants a local wall-clock time (given as ms with the wall time written as if it were UTC) stands for.
 * Normally one; two in the repeated hour of autumn (earlier first); in the skipped hour of spring the time
 * does not exist and is moved forward by the gap (02:30 → 03:30), as RFC 5545 and Temporal's "compatible" do.
 */
export function wallTimeInstants(wall: number, timeZone: string): number[] {
  const d = new Date(wall);
  const local = {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
    ms: d.getUTCMilliseconds(),
  };
  return zonedTimes(local, timeZone).map((instant) => instant.getTime());
}

/**
 * The slots of a cron expression (5 fields, or 6 with seconds first) in a time zone with after < slot <= until,
 * in order. Daylight saving time: a fixed-hour slot in the skipped spring hour runs at the same minute one hour
 * later (merged with a slot that already falls there); a fixed-hour slot in the repeated autumn hour runs once,
 * at its first occurrence. Crons that run every hour follow real time and so run in both passes of that hour.
 * The result depends only on the cron and the instants, never on where a window starts, so overlapping windows
 * of several scheduler processes agree slot by slot.
 */
export function scheduleSlots(cron: string, timeZone: string, after: Date, until: Date): Date[] {
  const from = after.getTime();
  const to = until.getTime();
  if (to <= from) return [];
  const offsets = [from - DAY, from, to, to + DAY].map((i) => zoneOffset(i, timeZone));
  const minOffset = Math.min(...offsets);
  const maxOffset = Math.max(...offsets);
  // Wall times whose instants can fall in (from, to]: shifted by at most the zone's offset range.
  const expression = cronParser.parseExpression(cron, {
    currentDate: new Date(from + minOffset - 1000),
    endDate: new Date(to + maxOffset),
    utc: true,
  });
  const everyHour = expression.fields.hour.length === 24;
  const slots = new Set<number>();
  for (let i = 0; i < MAX_SLOTS && expression.hasNext(); i++) {
    const wall = expression.next().getTime();
    const instants = wallTimeInstants(wall, timeZone);
    for (const instant of everyHour ? instants : instants.slice(0, 1)) {
      if (instant > from && instant <= to) slots.add(instant);
    }
  }
  return [...slots].sort((a, b) => a - b).map((ms) => new Date(ms));
}

/** The first slot after an instant (searching up to about a year ahead), or undefined. */
export function nextSlot(cron: string, timeZone: string, after: Date): Date | undefined {
  for (const span of [60_000, 3_600_000, DAY, 32 * DAY, 400 * DAY]) {
    const slot = scheduleSlots(cron, timeZone, after, new Date(after.getTime() + span))[0];
    if (slot) return slot;
  }
  return undefined;
}

/** Throws when the expression is not a valid cron (used when definitions are registered). */
export function assertCron(cron: string): void {
  cronParser.parseExpression(cron, { utc: true });
}

const slotNamespace = Buffer.from('6f1c2a9e4b7d4f0a8e3b5c6d7e8f9a0b', 'hex');

/**
 * The job id of one schedule slot: a name-based UUID (version 5 layout, SHA-1) of job name and slot instant,
 * identical in every process, so a slot enqueued twice is one job.
 */
export function slotJobId(name: string, slot: Date): string {
  const hash = createHash('sha1').update(slotNamespace).update(`${name}@${slot.toISOString()}`).digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
