import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/app.js';
import { addressCsv, points, seedTestAddresses, testDistricts } from '../../test/factories/addresses.js';
import { cliActor } from '../audit/service.js';
import { importAddresses, importDistricts } from './import-service.js';
import { findAddressByText, findNearestAddress, searchAddressesByText } from './service.js';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
  await seedTestAddresses(t.deps);
});
afterAll(() => t.close());

const labels = async (q: string, limit = 10) =>
  (await searchAddressesByText(t.deps, t.config.municipality.id, q, limit)).map(
    (r) => `${r.street} ${r.house_number}${r.house_number_suffix}`,
  );

describe('address search', () => {
  it('finds the issue example first: "herforder str 22" → Herforder Straße 22', async () => {
    const found = await labels('herforder str 22', 5);
    expect(found[0]).toBe('Herforder Straße 22');
    // then the suffixed twins and the neighbours
    expect(found.slice(1, 5)).toEqual([
      'Herforder Straße 22a',
      'Herforder Straße 22b',
      'Herforder Straße 21',
      'Herforder Straße 23',
    ]);
  });

  it('puts the typed suffix first', async () => {
    expect((await labels('Herforder Straße 22b', 3))[0]).toBe('Herforder Straße 22b');
    expect((await labels('herforder str 22 A', 3))[0]).toBe('Herforder Straße 22a');
  });

  it('meets umlauts and ß either way', async () => {
    for (const q of [
      'Jöllenbecker Straße 12',
      'joellenbecker strasse 12',
      'JOELLENBECKER STR. 12',
      'Jöllenbeckerstr 12',
    ]) {
      expect((await labels(q, 1))[0], q).toBe('Jöllenbecker Straße 12');
    }
    expect((await labels('grosse-kurfuersten-strasse 3', 1))[0]).toBe('Große-Kurfürsten-Straße 3');
    expect((await labels('Große Kurfürsten Str 3', 1))[0]).toBe('Große-Kurfürsten-Straße 3');
  });

  it('forgives typos by similarity', async () => {
    expect((await labels('herfoder strase 22', 1))[0]).toBe('Herforder Straße 22');
    expect((await labels('Jollenbecker Str 13', 1))[0]).toBe('Jöllenbecker Straße 13');
    expect((await labels('stapenhorstrasse 4', 1))[0]).toBe('Stapenhorststraße 4');
  });

  it('matches a prefix while typing and a word inside a name', async () => {
    expect(await labels('stapenh', 3)).toEqual(['Stapenhorststraße 1', 'Stapenhorststraße 2', 'Stapenhorststraße 3']);
    expect((await labels('bebel', 1))[0]).toBe('August-Bebel-Straße 1');
  });

  it('shows the first numbers of every equally good street before the rest of the first one', async () => {
    expect(await labels('j', 8)).toEqual([
      'Jahnplatz 1',
      'Jahnplatz 2',
      'Jahnplatz 3',
      'Jöllenbecker Straße 10',
      'Jöllenbecker Straße 11',
      'Jöllenbecker Straße 12',
      'Jöllenbecker Straße 12a',
      'Jöllenbecker Straße 13',
    ]);
  });

  it('returns nearby numbers when the number does not exist', async () => {
    expect(await labels('Obernstraße 9', 2)).toEqual(['Obernstraße 5', 'Obernstraße 4']);
  });

  it('reads a range "12-14" and lists the numbers in it first', async () => {
    expect(await labels('Jöllenbecker Straße 11-13', 4)).toEqual([
      'Jöllenbecker Straße 11',
      'Jöllenbecker Straße 12',
      'Jöllenbecker Straße 12a',
      'Jöllenbecker Straße 13',
    ]);
  });

  it('finds nothing for an unknown street or a number alone', async () => {
    expect(await labels('Xylophonweg 3')).toEqual([]);
    expect(await labels('22')).toEqual([]);
  });

  it('respects the limit and caps it at 50', async () => {
    expect(await labels('herforder', 4)).toHaveLength(4);
    expect(await labels('herforder', 500)).toHaveLength(32);
  });

  it('resolves typed text to exactly one address (or none)', async () => {
    const m = t.config.municipality.id;
    expect((await findAddressByText(t.db, m, 'herforder str. 22a'))?.house_number_suffix).toBe('a');
    expect(await findAddressByText(t.db, m, 'herforder str. 22c')).toBeUndefined();
    expect(await findAddressByText(t.db, m, 'herforder str.')).toBeUndefined();
  });

  it('keeps municipalities apart', async () => {
    const other = await buildTestApp({ db: t.db });
    try {
      expect(await searchAddressesByText(other.deps, other.config.municipality.id, 'herforder str 22')).toEqual([]);
    } finally {
      await other.close();
    }
  });
});

describe('reverse lookup', () => {
  it('finds the nearest address with its distance in metres', async () => {
    // 10 m north of Herforder Straße 5 (lat 52.02, lon 8.535 + 4 × 0.0002)
    const nearest = await findNearestAddress(t.deps, t.config.municipality, 52.02009, 8.5358);
    expect(`${nearest.address.street} ${nearest.address.house_number}`).toBe('Herforder Straße 5');
    expect(nearest.distanceMetres).toBeGreaterThan(9);
    expect(nearest.distanceMetres).toBeLessThan(11);
    expect(nearest.address.district_key).toBe('mitte');
  });

  it('ranks by metres, not by degrees, even beyond the first index candidates', async () => {
    // Own municipality: 20 addresses ≈ 0.0004–0.00045° north of P (≈ 45–50 m) and one 0.0006° east (≈ 41 m).
    // By degrees the northern ones are all nearer, so the eastern one is not among the first candidates.
    const p = { lat: 52.01, lon: 8.52 };
    const north = Array.from({ length: 20 }, (_, i) => ({
      street: 'Nordweg',
      number: i + 1,
      lat: p.lat + 0.0004 + i * 0.0000025,
      lon: p.lon,
    }));
    const east = { street: 'Ostweg', number: 1, lat: p.lat, lon: p.lon + 0.0006 };
    const other = await buildTestApp({ db: t.db });
    try {
      const municipalityId = other.config.municipality.id;
      await importDistricts(other.deps, JSON.stringify(testDistricts), { municipalityId, actor: cliActor });
      await importAddresses(other.deps, addressCsv([...north, east]), {
        municipalityId,
        source: 'import',
        actor: cliActor,
      });
      const nearest = await findNearestAddress(other.deps, other.config.municipality, p.lat, p.lon);
      expect(nearest.address.street).toBe('Ostweg');
      expect(nearest.distanceMetres).toBeCloseTo(41.1, 0);
    } finally {
      await other.close();
    }
  });

  it('rejects a point outside the municipality with a clear validation error', async () => {
    await expect(
      findNearestAddress(t.deps, t.config.municipality, points.outside.lat, points.outside.lon),
    ).rejects.toMatchObject({ code: 'validation_failed', message: expect.stringContaining('outside') });
  });
});
