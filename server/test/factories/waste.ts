import { findAddressByText } from '../../features/addresses/service.js';
import { upsertBinTypes } from '../../features/waste/core/bin-types-queries.js';
import { upsertCollections } from '../../features/waste/core/collections-queries.js';
import { today } from '../../features/waste/core/dates.js';
import { upsertAssignments, upsertRoutes } from '../../features/waste/core/routes-queries.js';
import { upsertSeasons } from '../../features/waste/core/seasons-queries.js';
import { standardBinTypes } from '../../features/waste/core/standard-bin-types.js';
import { seedWasteDemoInTx, type WasteDemoResult } from '../../features/waste/demo/seed.js';
import type { Deps } from '../../platform/deps.js';
import { seedTestAddresses } from './addresses.js';

// Waste calendars for tests. Either the demo generator on the test municipality's addresses (realistic, every
// address covered), or exact dates for one address (when a test needs to know them).

/**
 * The demo calendar (bin types, the season of the clock's day and the next, routes by street, holiday shifts)
 * for the test municipality's addresses; loads the standard test addresses first unless `addresses: false`.
 */
export async function seedWasteCalendar(deps: Deps, options: { addresses?: boolean } = {}): Promise<WasteDemoResult> {
  if (options.addresses !== false) await seedTestAddresses(deps);
  const m = deps.config.municipality;
  return deps.db.transaction((tx) => seedWasteDemoInTx(tx, m.id, m.holidayRegion, today(deps.now(), m.timeZone)));
}

/** The id of a test address by its text ("Herforder Straße 22a"); throws when it is not there. */
export async function testAddressId(deps: Pick<Deps, 'db' | 'config'>, text: string): Promise<number> {
  const a = await findAddressByText(deps.db, deps.config.municipality.id, text);
  if (!a) throw new Error(`no test address ${text}`);
  return Number(a.id);
}

export interface ExactCalendar {
  addressId: number;
  /** Season key and range; default '2026-27', 1 Oct 2026 – 30 Sep 2027. */
  season?: { key: string; startsOn: string; endsOn: string };
  routeKey?: string;
  /** Bin type key (a demo bin type) → dates ('YYYY-MM-DD', or { date, shiftedFrom, note }). */
  dates: Record<string, (string | { date: string; shiftedFrom?: string; note?: string })[]>;
}

/**
 * Exact dates for one address: the demo bin types, the season, one route per bin type (key `routeKey`, default
 * 'test') assigned to the address, and the dates. Returns the season id and the route ids by bin type key.
 */
export async function seedExactCalendar(
  deps: Pick<Deps, 'db' | 'config'>,
  c: ExactCalendar,
): Promise<{ seasonId: number; routeIds: Record<string, number> }> {
  const m = deps.config.municipality.id;
  const seasonSpec = c.season ?? { key: '2026-27', startsOn: '2026-10-01', endsOn: '2027-09-30' };
  return deps.db.transaction(async (tx) => {
    const bins = new Map((await upsertBinTypes(tx, m, standardBinTypes)).map((b) => [b.key, b.id]));
    const [season] = await upsertSeasons(tx, m, [seasonSpec]);
    const seasonId = season!.id;
    const routeIds: Record<string, number> = {};
    for (const [binKey, dates] of Object.entries(c.dates)) {
      const binTypeId = bins.get(binKey);
      if (binTypeId === undefined) throw new Error(`no demo bin type ${binKey}`);
      const [route] = await upsertRoutes(tx, m, [{ seasonId, binTypeId, key: c.routeKey ?? 'test', name: '' }]);
      routeIds[binKey] = route!.id;
      await upsertAssignments(tx, m, [{ seasonId, binTypeId, addressId: c.addressId, routeId: route!.id }]);
      await upsertCollections(
        tx,
        m,
        dates.map((d) =>
          typeof d === 'string'
            ? { routeId: route!.id, date: d, shiftedFrom: null, note: '' }
            : { routeId: route!.id, date: d.date, shiftedFrom: d.shiftedFrom ?? null, note: d.note ?? '' },
        ),
      );
    }
    return { seasonId, routeIds };
  });
}
