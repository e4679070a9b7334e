import type { Queryable } from '../../../platform/db.js';
import type { Deps } from '../../../platform/deps.js';
import { anyBinType, upsertBinTypes } from '../core/bin-types-queries.js';
import { forgetWasteCaches } from '../core/cache.js';
import { type RouteDateRow, upsertCollections } from '../core/collections-queries.js';
import { today } from '../core/dates.js';
import { assignRoutesByStreet, selectStreets, upsertRoutes } from '../core/routes-queries.js';
import { upsertSeasons } from '../core/seasons-queries.js';
import { standardBinTypes } from '../core/standard-bin-types.js';
import type { Season } from '../core/types.js';
import { binRoute, type DemoRoute, demoSeasons, eventRoute, routeDates, streetHash } from './plan.js';

export interface WasteDemoResult {
  seasons: number;
  routes: number;
  collections: number;
  assignments: number;
}

/**
 * The Abfallkalender's demo data when the municipality has no bin types yet: bin types and events, the season of
 * the clock's day and the next one, routes by street (events by district) for every address, their dates with
 * holiday shifts. Bulk statements, one transaction; undefined when bin types exist already.
 */
export async function seedWasteDemo(deps: Pick<Deps, 'db' | 'config' | 'now'>): Promise<WasteDemoResult | undefined> {
  const m = deps.config.municipality;
  const result = await deps.db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`waste-demo:${m.id}`]);
    if (await anyBinType(tx, m.id)) return undefined;
    return seedWasteDemoInTx(tx, m.id, m.holidayRegion, today(deps.now(), m.timeZone));
  });
  if (result) forgetWasteCaches(m.id);
  return result;
}

/** The demo calendar in an open transaction (also the test factory's). */
export async function seedWasteDemoInTx(
  tx: Queryable,
  municipalityId: string,
  region: string,
  day: string,
): Promise<WasteDemoResult> {
  const binTypes = new Map(
    (await upsertBinTypes(tx, municipalityId, standardBinTypes)).map((b) => [b.key, { id: b.id, kind: b.kind }]),
  );
  const seasons = await upsertSeasons(tx, municipalityId, demoSeasons(day));
  const streets = await selectStreets(tx, municipalityId);
  // Per season and bin type: the route of each street, and the routes themselves once.
  const plans: { season: Season; binTypeId: number; route: DemoRoute; street: (typeof streets)[number] }[] = [];
  for (const season of seasons) {
    for (const [binKey, bin] of binTypes) {
      for (const street of streets) {
        const route =
          bin.kind === 'event'
            ? eventRoute(binKey, street.districtKey, street.districtName)
            : binRoute(binKey, streetHash(street.streetKey, street.districtKey));
        if (route) plans.push({ season, binTypeId: bin.id, route, street });
      }
    }
  }
  const unique = new Map<string, (typeof plans)[number]>();
  for (const p of plans) unique.set(`${p.season.id}|${p.binTypeId}|${p.route.key}`, p);
  const routes = await upsertRoutes(
    tx,
    municipalityId,
    [...unique.values()].map((p) => ({
      seasonId: p.season.id,
      binTypeId: p.binTypeId,
      key: p.route.key,
      name: p.route.name,
    })),
  );
  const routeIds = new Map(routes.map((r) => [`${r.seasonId}|${r.binTypeId}|${r.key}`, r.id]));
  const routeId = (p: (typeof plans)[number]) => routeIds.get(`${p.season.id}|${p.binTypeId}|${p.route.key}`) as number;
  const dates: RouteDateRow[] = [];
  for (const p of unique.values()) {
    for (const d of routeDates(p.route, p.season, region)) dates.push({ routeId: routeId(p), ...d, note: '' });
  }
  await upsertCollections(tx, municipalityId, dates);
  const assignments = await assignRoutesByStreet(
    tx,
    municipalityId,
    plans.map((p) => ({
      streetKey: p.street.streetKey,
      districtId: p.street.districtId,
      routeId: routeId(p),
      seasonId: p.season.id,
      binTypeId: p.binTypeId,
    })),
  );
  return { seasons: seasons.length, routes: routes.length, collections: dates.length, assignments };
}
