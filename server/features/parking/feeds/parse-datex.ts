import { XMLParser } from 'fast-xml-parser';
import type { FeedReading } from '../core/service.js';
import type { ParkingStatus } from '../core/statuses.js';
import { FeedFormatError } from './errors.js';

// DATEX II parking status: v2 (`d2LogicalModel` with a `ParkingStatusPublication` payload) and v3 (the `prk:`
// namespace's ParkingStatusPublication that goes with a ParkingTablePublication). Both carry, per facility, a
// `parkingRecordStatus` with the record's id, `parkingStatusOriginTime`, `parkingOccupancy/parkingNumberOfVacantSpaces`
// and a site status. Namespaces are dropped, so both versions read the same.

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  removeNSPrefix: true,
  parseTagValue: false,
  isArray: (name) => name === 'parkingRecordStatus',
});

const siteStatus: Record<string, ParkingStatus> = {
  spacesAvailable: 'open',
  almostFull: 'open',
  almostFullAtEntrance: 'open',
  normal: 'open',
  full: 'full',
  fullAtEntrance: 'full',
  closed: 'closed',
  noParkingAllowed: 'closed',
  allSpacesClosed: 'closed',
};

type Node = Record<string, unknown>;
const textOf = (v: unknown): string | undefined =>
  typeof v === 'string' ? v : v && typeof v === 'object' && '#text' in v ? String((v as Node)['#text']) : undefined;

function collect(node: unknown, out: Node[]): void {
  if (Array.isArray(node)) for (const n of node) collect(n, out);
  else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if (k === 'parkingRecordStatus') out.push(...(v as Node[]));
      else if (!k.startsWith('@')) collect(v, out);
    }
  }
}

function findText(node: unknown, name: string): string | undefined {
  if (!node || typeof node !== 'object') return undefined;
  for (const [k, v] of Object.entries(node)) {
    if (k === name) return textOf(Array.isArray(v) ? v[0] : v);
    if (!k.startsWith('@')) {
      const found = findText(v, name);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

/** The status records with a vacant-spaces figure as readings; throws FeedFormatError when it is not DATEX II. */
export function parseDatex(text: string): FeedReading[] {
  let doc: Node;
  try {
    doc = parser.parse(text, true) as Node;
  } catch {
    throw new FeedFormatError('not XML');
  }
  const xml = JSON.stringify(Object.keys(doc));
  if (!/d2LogicalModel|payload|messageContainer|ParkingStatusPublication/i.test(xml)) {
    throw new FeedFormatError('not a DATEX II document');
  }
  const statuses: Node[] = [];
  collect(doc, statuses);
  const published = findText(doc, 'publicationTime');
  const readings: FeedReading[] = [];
  for (const s of statuses) {
    const reference = s.parkingRecordReference as Node | undefined;
    const ref = reference?.['@id'];
    const vacant = findText(s.parkingOccupancy, 'parkingNumberOfVacantSpaces');
    if (typeof ref !== 'string' || vacant === undefined) continue;
    const statusWord = findText(s, 'parkingSiteStatus') ?? findText(s, 'parkingSiteOpeningStatus');
    const status = statusWord ? siteStatus[statusWord] : undefined;
    const time = findText(s, 'parkingStatusOriginTime') ?? published;
    readings.push({
      ref,
      free: /^-?\d+$/.test(vacant.trim()) ? Number(vacant) : Number.NaN,
      ...(status ? { status } : {}),
      observedAt: new Date(time ?? Number.NaN),
    });
  }
  return readings;
}
