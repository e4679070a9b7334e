import type { Config } from '../../../platform/config.js';

// The one home of parking's domain lists and the staleness rule.

/** A facility's status as the feeds report it (Parkleitsystem FREI / BESETZT / GESCHLOSSEN). */
export const parkingStatuses = ['open', 'full', 'closed'] as const;
export type ParkingStatus = (typeof parkingStatuses)[number];
export const isParkingStatus = (s: unknown): s is ParkingStatus => parkingStatuses.includes(s as ParkingStatus);

/** Kinds of facility (Parkhaus, Tiefgarage, Parkplatz). */
export const facilityKinds = ['garage', 'underground', 'lot'] as const;
export type FacilityKind = (typeof facilityKinds)[number];
export const isFacilityKind = (s: unknown): s is FacilityKind => facilityKinds.includes(s as FacilityKind);

/** Feed formats, each an adapter in feeds/ (the same list as the config's PARKING_FEEDS formats). */
export type FeedFormat = Config['parking']['feeds'][number]['format'];
export const feedFormats: readonly FeedFormat[] = ['city-csv', 'city-geojson', 'parkapi', 'datex2'];

/** Live: a reading from the last 30 minutes; stale: an older one ("keine aktuellen Daten"); none: never read. */
export const liveStates = ['live', 'stale', 'none'] as const;
export type LiveState = (typeof liveStates)[number];

/** Readings older than this are never shown as live (ParkAPI and the city's own app hide them after 30 minutes). */
export const staleAfterMinutes = 30;

/** Whether a reading observed at `observedAt` is live at `now`. */
export function liveStateOf(observedAt: Date | null | undefined, now: Date): LiveState {
  if (!observedAt) return 'none';
  return now.getTime() - observedAt.getTime() > staleAfterMinutes * 60_000 ? 'stale' : 'live';
}

/** Free spaces rising, falling or steady over the last quarter hour. */
export const trends = ['rising', 'falling', 'steady'] as const;
export type Trend = (typeof trends)[number];

/** The trend from the free spaces now and about 15 minutes ago: a change of 3 % of capacity (at least 3) counts. */
export function trendOf(freeNow: number, freeBefore: number | null, capacity: number): Trend {
  if (freeBefore === null) return 'steady';
  const threshold = Math.max(3, Math.round(capacity * 0.03));
  if (freeNow - freeBefore >= threshold) return 'rising';
  if (freeBefore - freeNow >= threshold) return 'falling';
  return 'steady';
}

/** Length of a history bucket. */
export const bucketMinutes = 5;

/** The start of the 5-minute bucket an instant falls in. */
export function bucketOf(at: Date): Date {
  const ms = bucketMinutes * 60_000;
  return new Date(Math.floor(at.getTime() / ms) * ms);
}
