import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/app.js';
import { seedTestAddresses } from '../../../test/factories/addresses.js';
import { matchLandmark, saveLandmarks } from '../core/landmarks.js';
import { emptyValues } from './citizen-form.js';
import { type LocationChoices, previewLocation } from './citizen-location.js';
import { resolveLocation } from './location.js';

// A typed landmark stays what the citizen typed: it is matched to a known place (shown beside it), never replaced
// by an address somewhere near, and a text that fits several places is a choice, not a guess.

let t: TestApp;
let mid: string;
const tierpark = { name: 'Tierpark Olderdissen', kind: 'park', lat: 52.0262, lon: 8.5055 };
const hauptbahnhof = { name: 'Hauptbahnhof', kind: 'station', lat: 52.0293, lon: 8.5328 };
const brackwede = { name: 'Bahnhof Brackwede', kind: 'station', lat: 52.0052, lon: 8.5103 };
const kesselbrink = { name: 'Kesselbrink', kind: 'square', lat: 52.0215, lon: 8.5395 };

beforeAll(async () => {
  t = await buildTestApp();
  mid = t.config.municipality.id;
  await seedTestAddresses(t.deps);
  await t.db.transaction((tx) => saveLandmarks(tx, mid, [tierpark, hauptbahnhof, brackwede, kesselbrink]));
});
afterAll(() => t.close());

const names = (m: Awaited<ReturnType<typeof matchLandmark>>) =>
  m.kind === 'one' ? [m.landmark.name] : m.kind === 'many' ? m.candidates.map((c) => c.name).sort() : [];

describe('matchLandmark', () => {
  it('keeps the typed text and names the one place a part of a name fits', async () => {
    const m = await matchLandmark(t.db, mid, 'Tierpark');
    expect(m.kind).toBe('one');
    expect(m.typed).toBe('Tierpark');
    expect(names(m)).toEqual(['Tierpark Olderdissen']);
  });

  it('offers a choice when the text fits several places (Hauptbahnhof vs Bahnhof Brackwede)', async () => {
    const m = await matchLandmark(t.db, mid, 'Bahnhof');
    expect(m.kind).toBe('many');
    expect(names(m)).toEqual(['Bahnhof Brackwede', 'Hauptbahnhof']);
  });

  it('takes an exact name at once, forgives a typo, knows nothing of unknown places', async () => {
    expect(names(await matchLandmark(t.db, mid, 'hauptbahnhof'))).toEqual(['Hauptbahnhof']);
    expect(names(await matchLandmark(t.db, mid, 'Tierprak Olderdisen'))).toEqual(['Tierpark Olderdissen']);
    expect((await matchLandmark(t.db, mid, 'Atlantis')).kind).toBe('none');
  });

  it('takes a choice already made by its id, and ignores an id of no landmark', async () => {
    const many = await matchLandmark(t.db, mid, 'Bahnhof');
    const picked = many.kind === 'many' ? many.candidates.find((c) => c.name === 'Bahnhof Brackwede') : undefined;
    expect(picked).toBeDefined();
    expect(names(await matchLandmark(t.db, mid, 'Bahnhof', picked?.id))).toEqual(['Bahnhof Brackwede']);
    expect((await matchLandmark(t.db, mid, 'Bahnhof', 999_999)).kind).toBe('many');
  });
});

describe('a landmark as the place of a report', () => {
  it('stores the typed words, shows the matched place, and no far address stands in for it', async () => {
    const errors = {};
    const place = await resolveLocation(t.deps, mid, { method: 'landmark', landmark: 'Tierpark' }, errors);
    expect(errors).toEqual({});
    // The nearest test address is more than a kilometre away: it does not name the Tierpark.
    expect(place).toMatchObject({ landmark: 'Tierpark', place: 'Tierpark Olderdissen', addressLabel: null });
    expect(place?.districtName).toBe('Mitte');
    expect(place).toMatchObject({ lat: tierpark.lat, lon: tierpark.lon });
  });

  it('keeps an address that is really at the landmark', async () => {
    // Herforder Straße 22a lies about 155 m from this Kesselbrink: too far; a landmark next to a house keeps it.
    await t.db.transaction((tx) =>
      saveLandmarks(tx, mid, [{ name: 'Herforder Eck', kind: 'place', lat: 52.0201, lon: 8.5393 }]),
    );
    const near = await resolveLocation(t.deps, mid, { method: 'landmark', landmark: 'Herforder Eck' }, {});
    expect(near?.addressLabel).toBe('Herforder Straße 22a');
    const far = await resolveLocation(t.deps, mid, { method: 'landmark', landmark: 'Kesselbrink' }, {});
    expect(far?.addressLabel).toBeNull();
  });

  it('the form check shows "Bahnhof Brackwede, Stadtbezirk …" after a choice and lists the choice before', async () => {
    const values = { ...emptyValues(), landmark: 'Bahnhof' };
    const errors: Record<string, string> = {};
    const choices: LocationChoices = {};
    expect(await previewLocation(t.deps, values, errors, choices)).toBeUndefined();
    expect(errors.landmark).toBe('reports-core.errors.landmark_ambiguous');
    expect(choices.landmarks?.map((l) => l.name).sort()).toEqual(['Bahnhof Brackwede', 'Hauptbahnhof']);
    const id = choices.landmarks?.find((l) => l.name === 'Bahnhof Brackwede')?.id;
    const picked = await previewLocation(t.deps, { ...values, landmarkId: String(id) }, {}, {});
    expect(picked).toMatchObject({ label: 'Bahnhof Brackwede', place: 'Bahnhof Brackwede', district: 'Mitte' });
  });

  it('an unknown address comes with the register’s suggestions', async () => {
    const errors: Record<string, string> = {};
    const choices: LocationChoices = {};
    await previewLocation(t.deps, { ...emptyValues(), address: 'Herfoder Straße 22' }, errors, choices);
    expect(errors.address).toBe('reports-core.errors.address_unknown');
    expect(choices.addresses?.map((a) => a.label)).toContain('Herforder Straße 22');
  });
});
