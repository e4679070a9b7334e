import { localParts, zonedTime } from '../../../platform/time.js';
import { addDays } from '../core/dates.js';

// The pure rules of a reminder's time: which times may be chosen, which local slot an instant is, which
// collection day a slot reminds of, and how long a push service should keep the message.

export const reminderModes = ['evening', 'morning'] as const;
export type ReminderMode = (typeof reminderModes)[number];

/** A time of day 'HH:MM' a reminder is sent at. */
export interface ReminderTime {
  hour: number;
  minute: number;
}

/** The times offered: evenings 16:00–22:00 on the hour; mornings 5:00 and 5:30 (bins must be out by 6:00). */
export const reminderTimes: Record<ReminderMode, readonly string[]> = {
  evening: ['16:00', '17:00', '18:00', '19:00', '20:00', '21:00', '22:00'],
  morning: ['05:00', '05:30'],
};

export const defaultReminderTime: Record<ReminderMode, string> = { evening: '19:00', morning: '05:30' };

/** The hour by which bins must be out on the collection day: a message is useless after it. */
export const pickupHour = 6;

/** 'HH:MM' → hour and minute when it is an offered time of the mode, else undefined. */
export function parseReminderTime(mode: ReminderMode, time: string): ReminderTime | undefined {
  if (!reminderTimes[mode].includes(time)) return undefined;
  const [hour, minute] = time.split(':').map(Number);
  return { hour: hour ?? 0, minute: minute ?? 0 };
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Hour and minute as 'HH:MM'. */
export function formatReminderTime(t: ReminderTime): string {
  return `${pad(t.hour)}:${pad(t.minute)}`;
}

/** A scheduled run's local slot: the calendar day and the time of day the wall clock shows. */
export interface LocalSlot extends ReminderTime {
  date: string;
}

/**
 * The local slot of an instant, rounded down to the half hour (a run that starts late still belongs to its slot).
 */
export function localSlotOf(at: Date, timeZone: string): LocalSlot {
  const p = localParts(at, timeZone);
  return { date: `${p.year}-${pad(p.month)}-${pad(p.day)}`, hour: p.hour, minute: p.minute < 30 ? 0 : 30 };
}

/** The collection day a reminder of the mode sent on `date` is about: the next day (evening) or the same day. */
export function collectionDayFor(mode: ReminderMode, date: string): string {
  return mode === 'evening' ? addDays(date, 1) : date;
}

/**
 * Seconds a push service keeps the message for an offline device: until the collection morning's pickup hour
 * (after that the reminder is useless), at least a minute.
 */
export function reminderTtlSeconds(sentAt: Date, collectionDay: string, timeZone: string): number {
  const [year, month, day] = collectionDay.split('-').map(Number);
  const deadline = zonedTime({ year: year ?? 1970, month: month ?? 1, day: day ?? 1, hour: pickupHour }, timeZone);
  return Math.max(60, Math.floor((deadline.getTime() - sentAt.getTime()) / 1000));
}

/** Urgency: a morning reminder is due within the hour (high); an evening one may wait for a better moment. */
export function reminderUrgency(mode: ReminderMode): 'normal' | 'high' {
  return mode === 'morning' ? 'high' : 'normal';
}
