import type { Deps } from '../../../platform/deps.js';
import { holidayCalendarOf } from '../../../platform/holidays.js';
import { upsertFacility } from '../core/facilities-queries.js';
import { insertHistoryPoints } from '../core/history-queries.js';
import { forgetCachedParking } from '../core/service.js';
import { bucketMinutes, bucketOf } from '../core/statuses.js';
import { simulate } from './curve.js';
import { demoFacilities } from './facilities.js';

/**
 * Loads Bielefeld's garages (marked demo) and `weeks` (default 3: enough comparable days for the forecast, light on the demo start) of simulated 5-minute history up to deps.now(), once: does
 * nothing when the municipality has parking facilities already. Returns the number of facilities added.
 */
export async function seedParkingDemoData(deps: Deps, options: { weeks?: number } = {}): Promise<number> {
  const m = deps.config.municipality;
  const zone = { timeZone: m.timeZone, calendar: holidayCalendarOf(m) };
  const weeks = options.weeks ?? 3;
  return deps.db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`parking-demo:${m.id}`]);
    const { rows } = await tx.query('SELECT 1 FROM parking_facilities WHERE municipality_id = $1 LIMIT 1', [m.id]);
    if (rows.length > 0) return 0;
    const now = deps.now();
    const end = bucketOf(now).getTime();
    const step = bucketMinutes * 60_000;
    for (const d of demoFacilities) {
      const { id } = await upsertFacility(tx, m.id, {
        ref: d.ref,
        name: d.name,
        kind: d.kind,
        operator: d.operator,
        address: d.address,
        lat: d.lat,
        lon: d.lon,
        capacity: d.capacity,
        capacityDisabled: Math.max(2, Math.round(d.capacity * 0.02)),
        capacityEv: Math.round(d.capacity * 0.03),
        capacityFamily: d.kind === 'lot' ? null : Math.round(d.capacity * 0.02),
        maxHeightCm: d.kind === 'lot' ? null : (d.maxHeightCm ?? 200),
        openingHours: d.profile === 'shopping' ? 'Mo–Sa 6–1 Uhr, So 10–1 Uhr' : 'durchgehend geöffnet',
        prices: '1 € je angefangene Stunde, Tageshöchstsatz 10 €',
        payment: 'Bargeld, Girocard, Kreditkarte',
        entrances: d.address.split(',')[0] ?? '',
        demo: true,
        now,
      });
      const points = [];
      for (let t = end - weeks * 7 * 86_400_000; t < end; t += step) {
        const s = simulate(d, new Date(t), zone);
        points.push({ facilityId: id, bucket: new Date(t), free: s.free, capacity: d.capacity, status: s.status });
      }
      await insertHistoryPoints(tx, points);
    }
    forgetCachedParking(tx, m.id);
    return demoFacilities.length;
  });
}
