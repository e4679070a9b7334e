import http from 'node:http';
import type { AddressInfo } from 'node:net';

// A local stand-in for the feed servers (the city's export, a ParkAPI server, a DATEX II endpoint): serves what a
// test sets per path, with a status, or never answers (to test deadlines). Counts requests per path.

export interface ParkingFeedServer {
  url(path: string): string;
  set(path: string, body: string, options?: { status?: number; type?: string; hang?: boolean }): void;
  requests: Map<string, number>;
  close(): Promise<void>;
}

export async function startParkingFeedServer(): Promise<ParkingFeedServer> {
  const docs = new Map<string, { body: string; status: number; type: string; hang: boolean }>();
  const requests = new Map<string, number>();
  const server = http.createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    requests.set(path, (requests.get(path) ?? 0) + 1);
    const doc = docs.get(path);
    if (!doc) return res.writeHead(404).end();
    if (doc.hang) return;
    res.writeHead(doc.status, { 'content-type': doc.type }).end(doc.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (path) => `http://127.0.0.1:${port}${path}`,
    set(path, body, options = {}) {
      docs.set(path, {
        body,
        status: options.status ?? 200,
        type: options.type ?? 'text/plain; charset=utf-8',
        hang: options.hang ?? false,
      });
    },
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Recorded-style samples of each format, for the facilities `refs` (free spaces and time given per call). */
export const samples = {
  cityCsv: (rows: { ref: string; free: number | string; status: string; time: string }[]) =>
    `PLS_ID;Bezeichnung;Frei;Kapazitaet;Zeitstempel;Status\n${rows
      .map((r) => `${r.ref};Parkhaus ${r.ref};${r.free};400;${r.time};${r.status}`)
      .join('\n')}\n`,
  cityGeoJson: (rows: { ref: string; free: number; status: string; time: string }[]) =>
    JSON.stringify({
      type: 'FeatureCollection',
      features: rows.map((r) => ({
        type: 'Feature',
        geometry: { type: 'Point', coordinates: [8.53, 52.02] },
        properties: { PLS_ID: r.ref, FREI: r.free, KAPAZITAET: 400, ZEITSTEMPEL: r.time, STATUS: r.status },
      })),
    }),
  parkApi: (updated: string, lots: { id: string; free: number | null; total: number; state: string }[]) =>
    JSON.stringify({
      last_downloaded: updated,
      last_updated: updated,
      lots: lots.map((l) => ({ ...l, name: `Lot ${l.id}`, coords: { lat: 52.02, lng: 8.53 }, lot_type: 'Parkhaus' })),
    }),
  datex2: (
    time: string,
    records: { id: string; vacant: number; status: string }[],
  ) => `<?xml version="1.0" encoding="UTF-8"?>
<d2LogicalModel xmlns="http://datex2.eu/schema/2/2_0" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" modelBaseVersion="2">
  <exchange><supplierIdentification><country>de</country><nationalIdentifier>BI</nationalIdentifier></supplierIdentification></exchange>
  <payloadPublication xsi:type="GenericPublication" lang="de">
    <publicationTime>${time}</publicationTime>
    <genericPublicationName>ParkingStatusPublication</genericPublicationName>
    <genericPublicationExtension><parkingStatusPublication>
${records
  .map(
    (r) => `      <parkingRecordStatus xsi:type="ParkingSiteStatus">
        <parkingRecordReference targetClass="ParkingRecord" id="${r.id}" version="1"/>
        <parkingStatusOriginTime>${time}</parkingStatusOriginTime>
        <parkingOccupancy><parkingNumberOfVacantSpaces>${r.vacant}</parkingNumberOfVacantSpaces></parkingOccupancy>
        <parkingSiteStatus>${r.status}</parkingSiteStatus>
      </parkingRecordStatus>`,
  )
  .join('\n')}
    </parkingStatusPublication></genericPublicationExtension>
  </payloadPublication>
</d2LogicalModel>`,
  datex3: (
    time: string,
    records: { id: string; vacant: number; status: string }[],
  ) => `<?xml version="1.0" encoding="UTF-8"?>
<con:messageContainer xmlns:con="http://datex2.eu/schema/3/messageContainer" xmlns:com="http://datex2.eu/schema/3/common" xmlns:prk="http://datex2.eu/schema/3/parking" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  <con:payload xsi:type="prk:ParkingStatusPublication" lang="de" modelBaseVersion="3">
    <com:publicationTime>${time}</com:publicationTime>
${records
  .map(
    (r) => `    <prk:parkingRecordStatus xsi:type="prk:ParkingSiteStatus">
      <prk:parkingRecordReference id="${r.id}" version="1"/>
      <prk:parkingStatusOriginTime>${time}</prk:parkingStatusOriginTime>
      <prk:parkingOccupancy><prk:parkingNumberOfVacantSpaces>${r.vacant}</prk:parkingNumberOfVacantSpaces></prk:parkingOccupancy>
      <prk:parkingSiteStatus>${r.status}</prk:parkingSiteStatus>
    </prk:parkingRecordStatus>`,
  )
  .join('\n')}
  </con:payload>
</con:messageContainer>`,
};
