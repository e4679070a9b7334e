import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliCommands } from '../../commands.js';
import { runCli } from '../../platform/cli/run.js';
import type { AppError } from '../../platform/errors.js';
import { buildTestApp, type TestApp } from '../../test/app.js';
import { addressCsv, streetRows, testDistricts } from '../../test/factories/addresses.js';
import { cliActor } from '../audit/service.js';
import { importAddresses, importDistricts } from './import-service.js';
import { findDistrictAt, searchAddressesByText } from './service.js';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

/** A fresh municipality (same database) with the two test districts. */
async function fresh(withDistricts = true): Promise<TestApp> {
  const app = await buildTestApp({ db: t.db });
  if (withDistricts) {
    await importDistricts(app.deps, JSON.stringify(testDistricts), {
      municipalityId: app.config.municipality.id,
      actor: cliActor,
    });
  }
  return app;
}

const importInto = (app: TestApp, file: string | Buffer) =>
  importAddresses(app.deps, file, { municipalityId: app.config.municipality.id, source: 'import', actor: cliActor });

async function rows(app: TestApp) {
  const { rows } = await app.db.query<{
    street: string;
    house_number: number;
    house_number_suffix: string;
    postcode: string;
    district: string | null;
    lat: number;
    source: string;
  }>(
    `SELECT a.street, a.house_number, a.house_number_suffix, a.postcode, d.key AS district, a.lat, a.source
       FROM addresses a LEFT JOIN districts d ON d.id = a.district_id
      WHERE a.municipality_id = $1 ORDER BY a.street, a.house_number, a.house_number_suffix`,
    [app.config.municipality.id],
  );
  return rows;
}

async function failure(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (err) {
    return err as AppError;
  }
  throw new Error('expected the import to fail');
}

describe('address import', () => {
  it('imports a semicolon file with header, assigns districts by coordinates and records an audit entry', async () => {
    const app = await fresh();
    const file = addressCsv([
      ...streetRows('Herforder Straße', 1, 3, 52.02, 8.535),
      { street: 'Herforder Straße', number: 2, suffix: 'A', lat: 52.0201, lon: 8.5352 },
      { street: 'Jöllenbecker Straße', number: 7, postcode: '33611', lat: 52.045, lon: 8.52 },
    ]);
    const result = await importInto(app, file);
    expect(result).toEqual({ total: 5, inserted: 5, updated: 0, unchanged: 0, districtsFromCoordinates: 5 });
    const stored = await rows(app);
    expect(stored.map((r) => `${r.street} ${r.house_number}${r.house_number_suffix} ${r.district}`)).toEqual([
      'Herforder Straße 1 mitte',
      'Herforder Straße 2 mitte',
      'Herforder Straße 2a mitte',
      'Herforder Straße 3 mitte',
      'Jöllenbecker Straße 7 schildesche',
    ]);
    expect(stored.every((r) => r.source === 'import')).toBe(true);
    const audit = await app.db.query<{ action: string; actor_label: string; after: Record<string, unknown> }>(
      `SELECT action, actor_label, after FROM audit_log WHERE municipality_id = $1 AND action = 'addresses.import'`,
      [app.config.municipality.id],
    );
    expect(audit.rows).toEqual([
      {
        action: 'addresses.import',
        actor_label: 'cli',
        after: { source: 'import', total: 5, inserted: 5, updated: 0, unchanged: 0, districtsFromCoordinates: 5 },
      },
    ]);
    await app.close();
  });

  it('reads comma-separated files without header, with a BOM and CRLF line ends', async () => {
    const app = await fresh();
    const file = Buffer.from(
      '\uFEFFHerforder Straße,22,,33602,,52.02,8.535\r\n"Stapenhorststraße",5,b,33615,Mitte,52.021,8.51\r\n',
      'utf8',
    );
    expect(await importInto(app, file)).toMatchObject({ total: 2, inserted: 2, districtsFromCoordinates: 1 });
    expect((await rows(app)).map((r) => `${r.street} ${r.house_number}${r.house_number_suffix}`)).toEqual([
      'Herforder Straße 22',
      'Stapenhorststraße 5b',
    ]);
    await app.close();
  });

  it('accepts decimal commas in semicolon files and districts by key or name in any spelling', async () => {
    const app = await fresh();
    const file = [
      'street;house_number;house_number_suffix;postcode;district;lat;lon',
      'Obernstraße;1;;33602;MITTE;52,021;8,53',
      'Obernstraße;2;;33602;schildesche;52,021;8,5302',
    ].join('\n');
    expect(await importInto(app, file)).toMatchObject({ inserted: 2, districtsFromCoordinates: 0 });
    expect((await rows(app)).map((r) => [r.house_number, r.district, r.lat])).toEqual([
      [1, 'mitte', 52.021],
      [2, 'schildesche', 52.021],
    ]);
    await app.close();
  });

  it('reports every bad row with its line number and stores nothing', async () => {
    const app = await fresh();
    const file = [
      'street;house_number;house_number_suffix;postcode;district;lat;lon',
      'Herforder Straße;1;;33602;;52.02;8.535',
      ';2;;33602;;52.02;8.535',
      'Herforder Straße;zwei;;33602;;52.02;8.535',
      'Herforder Straße;3;;3360;;52.02;8.535',
      'Herforder Straße;4;;33602;;91;8.535',
      'Herforder Straße;5;;33602;Atlantis;52.02;8.535',
      'Herforder Straße;6;;33602;;52.2;8.535',
      'Herforder Str.;1;;33602;;52.02;8.535',
      'Herforder Straße;7;;33602;;52.02;8.536',
    ].join('\n');
    const err = await failure(importInto(app, file));
    expect(err.code).toBe('validation_failed');
    expect(err.message).toBe('7 of 9 rows are invalid; nothing was imported');
    expect(err.details).toEqual({
      'line 3': 'street: required',
      'line 4': 'house_number: "zwei" is not a whole number from 1 to 99999',
      'line 5': 'postcode: "3360" is not a five-digit postcode',
      'line 6': 'lat: "91" is not a latitude',
      'line 7': 'district: "Atlantis" is not a district of this municipality',
      'line 8': 'lat/lon: the point lies outside every district of the municipality',
      'line 9': 'same address as line 2',
    });
    expect(await rows(app)).toEqual([]);
    const audit = await app.db.query('SELECT 1 FROM audit_log WHERE municipality_id = $1 AND action = $2', [
      app.config.municipality.id,
      'addresses.import',
    ]);
    expect(audit.rowCount).toBe(0);
    await app.close();
  });

  it('accepts a header without the optional columns and still reports bad rows by line', async () => {
    const app = await fresh();
    const err = await failure(
      importInto(app, 'street;house_number;postcode;lat;lon\nA;1;33602;52.02;8.53\nB;x;33602;52.02;8.53\n'),
    );
    expect(err.details).toEqual({ 'line 3': 'house_number: "x" is not a whole number from 1 to 99999' });
    expect(await rows(app)).toEqual([]);
    await app.close();
  });

  it('rejects a file that is not CSV, lacks columns or is empty', async () => {
    const app = await fresh();
    expect((await failure(importInto(app, 'street;house_number\n"Herforder;1\n'))).details).toMatchObject({
      'line 2': expect.stringContaining('Quote Not Closed'),
    });
    expect((await failure(importInto(app, 'street;house_number;lat\nA;1;52\n'))).details).toEqual({
      'line 1': 'missing column(s): postcode, lon',
    });
    const empty = await failure(importInto(app, '\n\n'));
    expect([empty.message, empty.details]).toEqual(['The file contains no addresses', { 'line 1': 'no data rows' }]);
    await app.close();
  });

  it('needs districts before a district column can be used', async () => {
    const app = await fresh(false);
    const err = await failure(importInto(app, 'Obernstraße;1;;33602;Mitte;52.021;8.53\n'));
    expect(err.details).toEqual({ 'line 1': 'district: no districts are defined yet; import them first' });
    // without districts and without a district column the address is stored without one
    await importInto(app, 'Obernstraße;1;;33602;;52.021;8.53\n');
    expect((await rows(app))[0]?.district).toBeNull();
    await app.close();
  });

  it('upserts on street + number + suffix: a re-import updates changed rows and leaves the rest', async () => {
    const app = await fresh();
    await importInto(app, addressCsv(streetRows('Herforder Straße', 1, 4, 52.02, 8.535)));
    const second = addressCsv([
      ...streetRows('Herforder Straße', 1, 2, 52.02, 8.535),
      { street: 'Herforder Str.', number: 3, postcode: '33609', lat: 52.0205, lon: 8.5354 },
      { street: 'Herforder Straße', number: 5, lat: 52.02, lon: 8.5358 },
    ]);
    expect(await importInto(app, second)).toEqual({
      total: 4,
      inserted: 1,
      updated: 1,
      unchanged: 2,
      districtsFromCoordinates: 4,
    });
    const stored = await rows(app);
    expect(stored).toHaveLength(5);
    expect(stored.find((r) => r.house_number === 3)).toMatchObject({ street: 'Herforder Str.', postcode: '33609' });
    // the search lists the street under its most common spelling and finds the renamed row too
    const found = await searchAddressesByText(app.deps, app.config.municipality.id, 'herforder strasse 3', 1);
    expect(found[0]).toMatchObject({ house_number: 3, postcode: '33609' });
    await app.close();
  });

  it('imports 5,000 rows in one go (several batches)', async () => {
    const app = await fresh();
    const big = Array.from({ length: 100 }, (_, s) =>
      streetRows(`Teststraße ${s + 1}`, 1, 50, 52.001 + s * 0.0002, 8.501),
    ).flat();
    expect(big).toHaveLength(5000);
    expect(await importInto(app, addressCsv(big))).toMatchObject({ total: 5000, inserted: 5000 });
    const { rows: n } = await app.db.query<{ n: number; streets: number }>(
      `SELECT (SELECT count(*)::int FROM addresses WHERE municipality_id = $1) AS n,
              (SELECT count(*)::int FROM address_streets WHERE municipality_id = $1) AS streets`,
      [app.config.municipality.id],
    );
    expect(n[0]).toEqual({ n: 5000, streets: 100 });
    await app.close();
  });
});

describe('district import', () => {
  it('validates every feature and stores nothing when one is wrong', async () => {
    const app = await fresh(false);
    const municipalityId = app.config.municipality.id;
    const bad = {
      type: 'FeatureCollection',
      features: [
        testDistricts.features[0],
        { type: 'Feature', properties: { key: 'Bad Key', name: 'X' }, geometry: testDistricts.features[0]?.geometry },
        {
          type: 'Feature',
          properties: { key: 'open', name: 'Open' },
          geometry: {
            type: 'Polygon',
            coordinates: [
              [
                [8, 52],
                [9, 52],
                [9, 53],
                [8, 53],
              ],
            ],
          },
        },
        {
          type: 'Feature',
          properties: { key: 'line', name: 'Line' },
          geometry: { type: 'LineString', coordinates: [] },
        },
        testDistricts.features[0],
      ],
    };
    const err = await failure(importDistricts(app.deps, JSON.stringify(bad), { municipalityId, actor: cliActor }));
    expect(err.details).toEqual({
      'feature 2': 'property "key" must be 1–40 of a-z, 0-9, - and _ (found "Bad Key")',
      'feature 3': 'a ring must end where it starts',
      'feature 4': 'geometry type must be Polygon or MultiPolygon, not LineString',
      'feature 5': 'key "mitte" appears twice',
    });
    expect(
      (await failure(importDistricts(app.deps, '{"type":"Feature"}', { municipalityId, actor: cliActor }))).message,
    ).toBe('The district file must be a GeoJSON FeatureCollection');
    expect((await failure(importDistricts(app.deps, '{', { municipalityId, actor: cliActor }))).message).toBe(
      'The district file is not valid JSON',
    );
    const { rowCount } = await app.db.query('SELECT 1 FROM districts WHERE municipality_id = $1', [municipalityId]);
    expect(rowCount).toBe(0);
    await app.close();
  });

  it('handles MultiPolygons with holes and updates on re-import', async () => {
    const app = await fresh(false);
    const municipalityId = app.config.municipality.id;
    const ring = (x0: number, y0: number, x1: number, y1: number) => [
      [x0, y0],
      [x1, y0],
      [x1, y1],
      [x0, y1],
      [x0, y0],
    ];
    const multi = {
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          properties: { key: 'insel', name: 'Insel' },
          geometry: {
            type: 'MultiPolygon',
            coordinates: [[ring(8.5, 52.0, 8.6, 52.1), ring(8.54, 52.04, 8.56, 52.06)], [ring(8.7, 52.0, 8.72, 52.02)]],
          },
        },
      ],
    };
    expect(await importDistricts(app.deps, JSON.stringify(multi), { municipalityId, actor: cliActor })).toEqual({
      total: 1,
      inserted: 1,
      updated: 0,
      unchanged: 0,
    });
    expect((await findDistrictAt(app.db, municipalityId, 52.02, 8.52))?.key).toBe('insel'); // main part
    expect(await findDistrictAt(app.db, municipalityId, 52.05, 8.55)).toBeUndefined(); // in the hole
    expect((await findDistrictAt(app.db, municipalityId, 52.01, 8.71))?.key).toBe('insel'); // second part
    expect(await findDistrictAt(app.db, municipalityId, 52.01, 8.65)).toBeUndefined(); // between the parts
    multi.features[0]!.properties.name = 'Große Insel';
    expect(await importDistricts(app.deps, JSON.stringify(multi), { municipalityId, actor: cliActor })).toMatchObject({
      inserted: 0,
      updated: 1,
    });
    expect(await importDistricts(app.deps, JSON.stringify(multi), { municipalityId, actor: cliActor })).toMatchObject({
      unchanged: 1,
    });
    await app.close();
  });
});

describe('import commands', () => {
  it('import districts and import addresses run from the CLI and report counts', async () => {
    const app = await fresh(false);
    const dir = mkdtempSync(join(tmpdir(), 'bs-import-'));
    writeFileSync(join(dir, 'd.geojson'), JSON.stringify(testDistricts));
    writeFileSync(join(dir, 'a.csv'), addressCsv(streetRows('Niederwall', 1, 10, 52.02, 8.535)));
    writeFileSync(join(dir, 'bad.csv'), 'Niederwall;x;;33602;;52.02;8.535\n');
    const out: string[] = [];
    const ctx = { deps: app.deps, queue: app.queue, log: pino({ level: 'silent' }), out: (l: string) => out.push(l) };
    expect(await runCli(cliCommands, ['import', 'districts', join(dir, 'd.geojson')], ctx)).toBe(0);
    expect(await runCli(cliCommands, ['import', 'addresses', join(dir, 'a.csv')], ctx)).toBe(0);
    expect(await runCli(cliCommands, ['import', 'addresses', join(dir, 'bad.csv')], ctx)).toBe(1);
    expect(await runCli(cliCommands, ['import', 'addresses', join(dir, 'missing.csv')], ctx)).toBe(1);
    expect(out[0]).toBe('Districts: 2 in file, 2 new, 0 updated, 0 unchanged.');
    expect(out[1]).toMatch(
      /^Addresses: 10 in file, 10 new, 0 updated, 0 unchanged \(10 districts found from coordinates\) in \d+\.\d s\.$/,
    );
    expect(out.slice(2)).toEqual([
      'Error: 1 of 1 rows are invalid; nothing was imported',
      '  line 1: house_number: "x" is not a whole number from 1 to 99999',
      `Error: Cannot read ${join(dir, 'missing.csv')}: ENOENT`,
    ]);
    await app.close();
  });
});
