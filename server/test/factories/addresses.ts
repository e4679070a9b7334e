import { importAddresses, importDistricts } from '../../features/addresses/import-service.js';
import type { Deps } from '../../platform/deps.js';

const testActor = { id: null, label: 'test' };

/** Two square test districts side by side around Bielefeld's centre: Mitte (south) and Schildesche (north). */
export const testDistricts = {
  type: 'FeatureCollection',
  features: [
    {
      type: 'Feature',
      properties: { key: 'mitte', name: 'Mitte' },
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [8.5, 52.0],
            [8.56, 52.0],
            [8.56, 52.03],
            [8.5, 52.03],
            [8.5, 52.0],
          ],
        ],
      },
    },
    {
      type: 'Feature',
      properties: { key: 'schildesche', name: 'Schildesche' },
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [8.5, 52.03],
            [8.56, 52.03],
            [8.56, 52.06],
            [8.5, 52.06],
            [8.5, 52.03],
          ],
        ],
      },
    },
  ],
};

/** A point inside Mitte / inside Schildesche / outside both. */
export const points = {
  mitte: { lat: 52.015, lon: 8.53 },
  schildesche: { lat: 52.045, lon: 8.53 },
  outside: { lat: 52.2, lon: 8.53 },
};

export interface TestAddress {
  street: string;
  number: number;
  suffix?: string;
  postcode?: string;
  district?: string;
  lat: number;
  lon: number;
}

/** Builds an address file (semicolon-separated, with header) from rows. */
export function addressCsv(rows: TestAddress[], header = true): string {
  const lines = rows.map((r) =>
    [r.street, r.number, r.suffix ?? '', r.postcode ?? '33602', r.district ?? '', r.lat, r.lon].join(';'),
  );
  return `${header ? 'street;house_number;house_number_suffix;postcode;district;lat;lon\n' : ''}${lines.join('\n')}\n`;
}

/** Numbers from..to along a west–east line at `lat`, starting at `lon`, about 15 m apart. */
export function streetRows(street: string, from: number, to: number, lat: number, lon: number): TestAddress[] {
  const rows: TestAddress[] = [];
  for (let n = from; n <= to; n++) rows.push({ street, number: n, lat, lon: lon + (n - from) * 0.0002 });
  return rows;
}

/** The standard test register: a handful of real Bielefeld streets, some suffixes, districts by coordinates. */
export function standardAddresses(): TestAddress[] {
  return [
    ...streetRows('Herforder Straße', 1, 30, 52.02, 8.535),
    { street: 'Herforder Straße', number: 22, suffix: 'a', lat: 52.0201, lon: 8.5392 },
    { street: 'Herforder Straße', number: 22, suffix: 'b', lat: 52.0202, lon: 8.5392 },
    ...streetRows('Jöllenbecker Straße', 10, 14, 52.04, 8.52),
    { street: 'Jöllenbecker Straße', number: 12, suffix: 'a', lat: 52.0401, lon: 8.5204 },
    ...streetRows('Große-Kurfürsten-Straße', 1, 5, 52.025, 8.51),
    ...streetRows('Stapenhorststraße', 1, 10, 52.028, 8.515),
    ...streetRows('Obernstraße', 1, 5, 52.021, 8.53),
    ...streetRows('Jahnplatz', 1, 3, 52.0224, 8.5325),
    ...streetRows('August-Bebel-Straße', 1, 3, 52.018, 8.54),
    ...streetRows('Detmolder Straße', 1, 5, 52.012, 8.55),
  ];
}

/** Imports the test districts and the standard addresses into the test app's municipality. */
export async function seedTestAddresses(deps: Deps): Promise<void> {
  const municipalityId = deps.config.municipality.id;
  await importDistricts(deps, JSON.stringify(testDistricts), { municipalityId, actor: testActor });
  await importAddresses(deps, addressCsv(standardAddresses()), { municipalityId, source: 'import', actor: testActor });
}
