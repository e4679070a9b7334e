import ical, { ICalAlarmRelatesTo, ICalAlarmType, ICalCalendarMethod } from 'ical-generator';
import type { Language } from '../../../platform/i18n.js';
import type { Collection } from '../core/types.js';
import { type Reminder, reminderOffsetSeconds } from './reminder.js';

export interface FeedInput {
  collections: Collection[];
  lang: Language;
  municipalityId: string;
  municipalityName: string;
  addressId: number;
  /** Shown as the calendar's name (X-WR-CALNAME). */
  calendarName: string;
  /** Text of the alarm ("Restabfall – bitte Tonne bereitstellen"), per collection. */
  alarmText: (c: Collection) => string;
  reminder?: Reminder;
  /** The host part of the UIDs (the public URL's host). */
  host: string;
  /** The feed's own URL (URL property). */
  url: string;
  /** Generation time (DTSTAMP). */
  now: Date;
}

/** Calendar apps refetch a subscription this often (REFRESH-INTERVAL, X-PUBLISHED-TTL). */
const refreshSeconds = 12 * 60 * 60;

/**
 * The UID of one collection: municipality, address, bin type and date. Stable across fetches, so a calendar app
 * updates its copy instead of adding a second one; a moved date is a new event and the old one disappears.
 */
export function collectionUid(m: string, addressId: number, binKey: string, date: string, host: string): string {
  return `${m}-${addressId}-${binKey}-${date}@${host}`;
}

/** An iCalendar feed (RFC 5545) of an address's collections: all-day events, optional alarm. */
export function renderFeed(input: FeedInput): string {
  const calendar = ical({
    name: input.calendarName,
    prodId: { company: input.municipalityName, product: 'Buergerservice Abfallkalender', language: 'DE' },
    method: ICalCalendarMethod.PUBLISH,
    ttl: refreshSeconds,
    url: input.url,
  });
  for (const c of input.collections) {
    const name = c.binType.name[input.lang] ?? c.binType.name.de;
    const event = calendar.createEvent({
      id: collectionUid(input.municipalityId, input.addressId, c.binType.key, c.date, input.host),
      start: c.date,
      allDay: true,
      summary: name,
      stamp: input.now,
      ...(c.note ? { description: c.note } : {}),
    });
    if (input.reminder) {
      // Relative to the all-day event's start, local midnight, so DST needs no care here. RELATED=START is
      // explicit: without it the library writes an alarm after the start as RELATED=END (a day late).
      event
        .createAlarm({
          type: ICalAlarmType.display,
          trigger: -reminderOffsetSeconds(input.reminder),
          description: input.alarmText(c),
        })
        .relatesTo(ICalAlarmRelatesTo.start);
    }
  }
  return calendar.toString();
}
