// The reminder a calendar feed carries (VALARM), as the URL names it: `erinnerung=vortag-19` (the evening before
// at 19:00) or `morgens-6` (the collection day at 6:00). Bins must be out by 6:00, so nothing later is offered.

export const reminderOptions = ['vortag-18', 'vortag-19', 'vortag-20', 'morgens-6'] as const;
export type Reminder = (typeof reminderOptions)[number];

export function parseReminder(s: string | undefined): Reminder | undefined {
  return (reminderOptions as readonly string[]).includes(s ?? '') ? (s as Reminder) : undefined;
}

/** Seconds after the all-day event's start (local midnight) the alarm fires; negative = the day before. */
export function reminderOffsetSeconds(r: Reminder): number {
  const [when, hour] = r.split('-') as [string, string];
  return when === 'vortag' ? (Number(hour) - 24) * 3600 : Number(hour) * 3600;
}
