import { addDays, dayNumber } from '../core/dates.js';
import { mondayOf, shiftedDay } from '../core/holidays.js';
import type { Season } from '../core/types.js';

// The demo calendar, pure: seasons around a day, bin types, and regular collection dates per route with holiday
// shifts. Routes go by street: a street's hash picks the weekday and the phase of each bin type, so neighbours
// share a route, Restabfall and Bioabfall alternate weeks, and the schedule runs on across the season change.

/** The current season (1 Oct – 30 Sep) on a day and the next one. */
export function demoSeasons(today: string): Omit<Season, 'id'>[] {
  const year = Number(today.slice(0, 4));
  const first = Number(today.slice(5, 7)) >= 10 ? year : year - 1;
  return [first, first + 1].map((y) => ({
    key: `${y}-${String((y + 1) % 100).padStart(2, '0')}`,
    startsOn: `${y}-10-01`,
    endsOn: `${y + 1}-09-30`,
  }));
}

/** How a bin type's routes repeat: every `period` weeks; the phase comes from the street. */
interface Rhythm {
  period: number;
  phase: (h: StreetHash) => number;
  label: string;
}

export interface StreetHash {
  weekday: number; // 1 Monday … 5 Friday
  a: number; // Restabfall phase 0/1; Bioabfall takes the other week
  paper: number; // 0–3
  yellow: number; // 0/1
}

const rhythms: Record<string, Rhythm> = {
  restabfall: { period: 2, phase: (h) => h.a, label: 'R' },
  bioabfall: { period: 2, phase: (h) => 1 - h.a, label: 'B' },
  papier: { period: 4, phase: (h) => h.paper, label: 'P' },
  wertstoff: { period: 2, phase: (h) => h.yellow, label: 'W' },
};

const dayLetters = ['', 'mo', 'di', 'mi', 'do', 'fr'];
const dayNames = ['', 'Montag', 'Dienstag', 'Mittwoch', 'Donnerstag', 'Freitag'];

/** FNV-1a: a stable 32-bit hash (the demo must be the same on every run). */
export function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** The weekday and phases of a street (in a district). */
export function streetHash(streetKey: string, districtKey: string | null): StreetHash {
  const h = hash(`${districtKey ?? ''}|${streetKey}`);
  return { weekday: 1 + (h % 5), a: (h >>> 3) & 1, paper: (h >>> 4) & 3, yellow: (h >>> 6) & 1 };
}

export interface DemoRoute {
  binKey: string;
  key: string;
  name: string;
  weekday: number;
  period: number;
  phase: number;
}

/** The route of a bin type for a street; undefined for events (they go by district). */
export function binRoute(binKey: string, h: StreetHash): DemoRoute | undefined {
  const r = rhythms[binKey];
  if (!r) return undefined;
  const phase = r.phase(h);
  const letter = String.fromCharCode(65 + phase);
  return {
    binKey,
    key: `${r.label}-${dayLetters[h.weekday]}-${letter}`.toLowerCase(),
    name: `${dayNames[h.weekday]} ${letter}`,
    weekday: h.weekday,
    period: r.period,
    phase,
  };
}

/** An event route of a district: Sperrmüll every eight weeks, the Schadstoffmobil every thirteen. */
export function eventRoute(binKey: string, districtKey: string | null, districtName: string | null): DemoRoute {
  const d = districtKey ?? 'stadt';
  const h = hash(`${binKey}|${d}`);
  const period = binKey === 'sperrmuell' ? 8 : 13;
  const name = (districtName ?? 'Stadt').slice(0, 120);
  return { binKey, key: d.slice(0, 60), name, weekday: 1 + (h % 5), period, phase: (h >>> 4) % period };
}

/** Week number since Monday 1970-01-05: the phase runs on across seasons and years. */
const weekIndex = (monday: string) => Math.floor((dayNumber(monday) - 4) / 7);

/** The dates of a route inside a season: regular days, moved by public holidays (shiftedFrom = regular day). */
export function routeDates(
  route: Pick<DemoRoute, 'weekday' | 'period' | 'phase'>,
  season: Pick<Season, 'startsOn' | 'endsOn'>,
  region: string,
): { date: string; shiftedFrom: string | null }[] {
  const out: { date: string; shiftedFrom: string | null }[] = [];
  // A week before and after: a shift may move a date across the season's first or last day.
  for (let monday = mondayOf(addDays(season.startsOn, -7)); monday <= season.endsOn; monday = addDays(monday, 7)) {
    if (((weekIndex(monday) % route.period) + route.period) % route.period !== route.phase) continue;
    const regular = addDays(monday, route.weekday - 1);
    const date = shiftedDay(regular, region);
    if (date < season.startsOn || date > season.endsOn) continue;
    out.push({ date, shiftedFrom: date === regular ? null : regular });
  }
  return out;
}
