import { binTypeLookup } from '../core/aliases.js';
import type { BinType, Season } from '../core/types.js';
import type { AssignmentLine, DateLine } from './csv.js';
import type { Problems } from './problems.js';
import { type AddressKey, addressKeyString } from './queries.js';

// Lines of a file checked against the municipality: bin types by any name, seasons (a new 'YYYY-YY' season runs
// 1 October – 30 September), dates inside their season, no line twice.

export type SeasonRef = Omit<Season, 'id'> & { id: number | null };

const seasonKeyPattern = /^[0-9a-z][0-9a-z/_-]{0,19}$/;

/** Resolves season keys and bin type names line by line; collects new seasons. */
export function resolver(binTypes: BinType[], seasons: Season[], problems: Problems) {
  const binOf = binTypeLookup(binTypes);
  const known = new Map<string, SeasonRef>(seasons.map((s) => [s.key, s]));
  const created = new Map<string, SeasonRef>();
  const season = (key: string, line: number): SeasonRef | undefined => {
    const found = known.get(key) ?? created.get(key);
    if (found) return found;
    const y = /^(\d{4})-(\d{2})$/.exec(key);
    if (y && Number(y[2]) === (Number(y[1]) + 1) % 100) {
      const s = { id: null, key, startsOn: `${y[1]}-10-01`, endsOn: `${Number(y[1]) + 1}-09-30` };
      created.set(key, s);
      return s;
    }
    problems.add(line, 'season', seasonKeyPattern.test(key) ? 'unknown_season' : 'bad_season', { value: key });
    return undefined;
  };
  const bin = (name: string, line: number, field = 'bin_type'): BinType | undefined => {
    const b = binOf(name);
    if (!b) problems.add(line, field, field === 'SUMMARY' ? 'ical_unknown_bin' : 'unknown_bin_type', { value: name });
    return b;
  };
  /** The season a day lies in (the later one where two overlap), among known and new seasons. */
  const seasonOn = (day: string): SeasonRef | undefined =>
    [...known.values(), ...created.values()]
      .filter((s) => s.startsOn <= day && day <= s.endsOn)
      .sort((a, b) => b.startsOn.localeCompare(a.startsOn))[0];
  return { season, bin, seasonOn, newSeasons: () => [...created.values()] };
}

export type Resolver = ReturnType<typeof resolver>;

export interface ResolvedDate extends DateLine {
  seasonRef: SeasonRef;
  bin: BinType;
}

/** Date lines with their season and bin type; drops lines with problems. */
export function resolveDates(lines: DateLine[], r: Resolver, problems: Problems): ResolvedDate[] {
  const out: ResolvedDate[] = [];
  const seen = new Map<string, number>();
  for (const l of lines) {
    const seasonRef = r.season(l.season, l.line);
    const bin = r.bin(l.binType, l.line);
    if (!seasonRef || !bin) continue;
    if (l.date < seasonRef.startsOn || l.date > seasonRef.endsOn) {
      problems.add(l.line, 'date', 'date_outside_season', {
        value: l.date,
        season: seasonRef.key,
        from: seasonRef.startsOn,
        to: seasonRef.endsOn,
      });
      continue;
    }
    const key = `${seasonRef.key}|${bin.key}|${l.route}|${l.date}`;
    const first = seen.get(key);
    if (first !== undefined) {
      problems.add(l.line, 'date', 'duplicate', { first });
      continue;
    }
    seen.set(key, l.line);
    out.push({ ...l, seasonRef, bin });
  }
  return out;
}

export interface ResolvedAssignment {
  line: number;
  seasonRef: SeasonRef;
  bin: BinType;
  route: string;
  addressId: number;
}

/** Assignment lines with season, bin type and address id; drops lines with problems. */
export function resolveAssignments(
  lines: AssignmentLine[],
  addresses: Map<string, { id: number; postcode: string }>,
  r: Resolver,
  problems: Problems,
): ResolvedAssignment[] {
  const out: ResolvedAssignment[] = [];
  const seen = new Map<string, number>();
  for (const l of lines) {
    const seasonRef = r.season(l.season, l.line);
    const bin = r.bin(l.binType, l.line);
    const address = addresses.get(addressKeyString(l));
    if (!address || (l.postcode && l.postcode !== address.postcode)) {
      const text = `${l.street} ${l.houseNumber}${l.suffix}${l.postcode ? `, ${l.postcode}` : ''}`;
      problems.add(l.line, 'street', 'unknown_address', { value: text });
      continue;
    }
    if (!seasonRef || !bin) continue;
    const key = `${seasonRef.key}|${bin.key}|${address.id}`;
    const first = seen.get(key);
    if (first !== undefined) {
      problems.add(l.line, 'street', 'duplicate', { first });
      continue;
    }
    seen.set(key, l.line);
    out.push({ line: l.line, seasonRef, bin, route: l.route, addressId: address.id });
  }
  return out;
}

/** The distinct address keys of assignment lines. */
export const addressKeys = (lines: AssignmentLine[]): AddressKey[] => [
  ...new Map(lines.map((l) => [addressKeyString(l), l])).values(),
];
