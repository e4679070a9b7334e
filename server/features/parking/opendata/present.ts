import type { FacilityState } from '../core/service.js';

// The only place facility states become open-data shapes: ParkAPI JSON, GeoJSON and DATEX II. A state that is not
// live is "nodata" with free null (never an old figure shown as current).

/** ParkAPI's lot state: open / closed, or nodata when the reading is stale or missing. */
export const parkApiState = (s: FacilityState): 'open' | 'closed' | 'nodata' =>
  s.live !== 'live' ? 'nodata' : s.status === 'closed' ? 'closed' : 'open';

const lotTypes = { garage: 'Parkhaus', underground: 'Tiefgarage', lot: 'Parkplatz' } as const;

/** One lot in the ParkAPI (v1) shape, plus our fields (status, observed_at, demo). */
export function presentLot(s: FacilityState) {
  const f = s.facility;
  return {
    id: f.ref,
    name: f.name,
    address: f.address,
    lot_type: lotTypes[f.kind],
    coords: { lat: f.lat, lng: f.lon },
    total: f.capacity,
    free: s.free,
    state: parkApiState(s),
    status: s.status,
    trend: s.trend,
    observed_at: s.reading && s.live === 'live' ? s.reading.observedAt.toISOString() : null,
    forecast: true,
    demo: f.demo,
  };
}

/** One facility as a GeoJSON point feature; `url` and `title` for the map's markers. */
export function presentFeature(s: FacilityState, title: string) {
  const lot = presentLot(s);
  return {
    type: 'Feature' as const,
    geometry: { type: 'Point' as const, coordinates: [s.facility.lon, s.facility.lat] as [number, number] },
    properties: { ...lot, url: `/parken/${s.facility.id}`, title },
  };
}

const xml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const datexStatus = (s: FacilityState) =>
  s.status === 'closed' ? 'closed' : s.status === 'full' ? 'full' : 'spacesAvailable';

/**
 * A DATEX II v3 ParkingStatusPublication (namespace prk of DATEX II 3.x): one parkingRecordStatus per facility with
 * a live reading; facilities without current data are left out, as the standard expects.
 */
export function presentDatex(states: FacilityState[], publisher: { country: string; id: string }, now: Date): string {
  const records = states
    .filter((s) => s.live === 'live' && s.reading && s.free !== null)
    .map((s) => {
      const f = s.facility;
      const occupied = Math.max(0, f.capacity - (s.free ?? 0));
      return `    <prk:parkingRecordStatus xsi:type="prk:ParkingSiteStatus">
      <prk:parkingRecordReference targetClass="prk:ParkingRecord" id="${xml(f.ref)}" version="1"/>
      <prk:parkingStatusOriginTime>${s.reading!.observedAt.toISOString()}</prk:parkingStatusOriginTime>
      <prk:parkingOccupancy>
        <prk:parkingNumberOfSpacesOverride>${f.capacity}</prk:parkingNumberOfSpacesOverride>
        <prk:parkingNumberOfVacantSpaces>${s.free}</prk:parkingNumberOfVacantSpaces>
        <prk:parkingNumberOfOccupiedSpaces>${occupied}</prk:parkingNumberOfOccupiedSpaces>
        <prk:parkingOccupancy>${f.capacity > 0 ? Math.round((occupied / f.capacity) * 1000) / 10 : 0}</prk:parkingOccupancy>
      </prk:parkingOccupancy>
      <prk:parkingSiteStatus>${datexStatus(s)}</prk:parkingSiteStatus>
    </prk:parkingRecordStatus>`;
    });
  return `<?xml version="1.0" encoding="UTF-8"?>
<d2:payload xmlns:d2="http://datex2.eu/schema/3/d2Payload" xmlns:com="http://datex2.eu/schema/3/common"
  xmlns:prk="http://datex2.eu/schema/3/parking" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  xsi:type="prk:ParkingStatusPublication" lang="de" modelBaseVersion="3">
  <com:publicationTime>${now.toISOString()}</com:publicationTime>
  <com:publicationCreator>
    <com:country>${xml(publisher.country)}</com:country>
    <com:nationalIdentifier>${xml(publisher.id)}</com:nationalIdentifier>
  </com:publicationCreator>
  <prk:parkingStatusPublication>
${records.join('\n')}
  </prk:parkingStatusPublication>
</d2:payload>
`;
}
