import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, countRows, type TestApp } from '../../../test/app.js';
import { seedTestAddresses } from '../../../test/factories/addresses.js';
import { createStaff, getPage, login, mergeCookies, postForm } from '../../../test/factories/users.js';
import { seedExactCalendar, testAddressId } from '../../../test/factories/waste.js';
import { type LocalPushService, startPushService } from '../../../test/push-service.js';

// The opt-in API and the manage page (no JavaScript) through HTTP.

let service: LocalPushService;
let t: TestApp;
let addressId: number;
beforeAll(async () => {
  service = await startPushService({ protocol: 'http' });
  t = await buildTestApp({ now: '2026-12-07T08:00:00Z', env: { RATE_LIMIT_PUBLIC_WRITES_PER_MINUTE: '1000' } });
  await seedTestAddresses(t.deps);
  addressId = await testAddressId(t.deps, 'Herforder Straße 22a');
  await seedExactCalendar(t.deps, { addressId, dates: { restabfall: ['2026-12-08'], papier: ['2026-12-15'] } });
});
afterAll(async () => {
  await t?.close();
  await service?.close();
});

const m = () => t.config.municipality.id;
const reminderRows = () =>
  t.db.query<{ bin_type_keys: string[]; mode: string; hour: number; minute: number; language: string }>(
    'SELECT bin_type_keys, mode, hour, minute, language FROM waste_reminders WHERE municipality_id = $1',
    [m()],
  );

async function optIn(body: Record<string, unknown> = {}) {
  const receiver = service.subscribe();
  return t.app.inject({
    method: 'POST',
    url: '/api/waste/reminders',
    headers: { 'content-type': 'application/json' },
    payload: {
      subscription: { endpoint: receiver.endpoint, expirationTime: null, keys: receiver.keys },
      addressId,
      bins: ['restabfall', 'papier'],
      mode: 'evening',
      time: '19:00',
      language: 'en',
      ...body,
    },
  });
}

async function open(url: string) {
  const res = await t.app.inject({ url, headers: { accept: 'text/html' } });
  const csrf = /name="_csrf" value="([^"]+)"/.exec(res.body)?.[1] ?? '';
  return { res, session: { cookie: mergeCookies('', res.cookies), csrf } };
}

describe('waste reminder opt-in API', () => {
  it('hands out the VAPID key and saves subscription and choices; answers the manage link', async () => {
    const key = await t.app.inject({ url: '/api/push/vapid-public-key' });
    expect(key.json().publicKey).toMatch(/^B[A-Za-z0-9_-]{86}$/);
    const res = await optIn();
    expect(res.statusCode).toBe(201);
    expect(res.json().managePath).toMatch(/^\/abfall\/erinnerungen\/[A-Za-z0-9_-]{43}$/);
    expect(res.json().manageUrl).toBe(`${t.config.publicUrl}${res.json().managePath}`);
    const { rows } = await reminderRows();
    expect(rows).toEqual([
      { bin_type_keys: ['restabfall', 'papier'], mode: 'evening', hour: 19, minute: 0, language: 'en' },
    ]);
    await t.db.query('DELETE FROM push_subscriptions WHERE municipality_id = $1', [m()]);
  });

  it('refuses bad choices and bad subscriptions with problem+json field errors in the asked language', async () => {
    const res = await optIn({ bins: [], mode: 'morning', time: '06:00' });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().errors).toEqual(
      expect.arrayContaining([
        { field: 'bins', message: 'Please choose at least one bin.' },
        { field: 'time', message: 'Please choose one of the offered times.' },
      ]),
    );
    const unknownBin = await optIn({ bins: ['glas'] });
    expect(unknownBin.json().errors).toEqual([{ field: 'bins', message: 'This bin does not exist here.' }]);
    const badKey = await optIn({
      subscription: { endpoint: 'https://push.example/x', keys: { p256dh: 'AAAA', auth: 'AAAA' } },
    });
    expect(badKey.statusCode).toBe(400);
    expect(
      badKey
        .json()
        .errors.map((e: { field: string }) => e.field)
        .sort(),
    ).toEqual(['keys.auth', 'keys.p256dh']);
    const noDates = await optIn({ addressId: await testAddressId(t.deps, 'Obernstraße 1') });
    expect(noDates.json().errors).toEqual([
      { field: 'address', message: 'No collection dates are known for this address.' },
    ]);
    expect((await reminderRows()).rows).toEqual([]);
  });
});

describe('the address page slot', () => {
  it('offers push reminders with JavaScript and the calendar subscription without, never a dead button', async () => {
    const res = await t.app.inject({ url: `/abfall/adresse/${addressId}`, headers: { accept: 'text/html' } });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('data-push-opt-in="/api/waste/reminders"');
    expect(res.body).toMatch(/<form hidden="" data-push-form|<form hidden data-push-form/);
    expect(res.body).toContain('Push-Erinnerungen brauchen JavaScript.');
    expect(res.body).toContain('href="#kalender"');
    expect(res.body).toContain('id="kalender"');
  });
});

describe('the manage page (no JavaScript)', () => {
  it('changes bins and time with CSRF, shows errors beside the field, and cancels', async () => {
    const path = (await optIn()).json().managePath as string;
    const { res, session } = await open(path);
    expect(res.statusCode).toBe(200);
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.body).toContain('Herforder Straße 22a');
    expect(res.body).toMatch(/<option value="evening-19:00" selected/);

    const noCsrf = await postForm(t, { ...session, csrf: 'x' }, path, { bins: ['papier'], when: 'morning-05:30' });
    expect(noCsrf.statusCode).toBe(403);

    const bad = await postForm(t, session, path, { when: 'morning-05:30' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('id="bins-error"');
    expect(bad.body).toContain('Bitte wählen Sie mindestens eine Tonne.');

    const ok = await postForm(t, session, path, { bins: ['papier'], when: 'morning-05:30' });
    expect(ok.statusCode).toBe(303);
    expect(ok.headers.location).toBe(`${path}?gespeichert`);
    expect((await reminderRows()).rows).toEqual([
      { bin_type_keys: ['papier'], mode: 'morning', hour: 5, minute: 30, language: 'de' },
    ]);
    expect((await open(`${path}?gespeichert`)).res.body).toContain('Ihre Änderungen sind gespeichert.');

    const cancel = await postForm(t, session, `${path}/abbestellen`);
    expect(cancel.statusCode).toBe(303);
    expect(cancel.headers.location).toBe('/abfall/erinnerungen/abbestellt');
    expect((await open('/abfall/erinnerungen/abbestellt')).res.statusCode).toBe(200);
    expect((await open(path)).res.statusCode).toBe(404);
    // Its only feature left: the subscription is gone too.
    expect(
      await countRows(t.db, 'SELECT count(*)::int AS n FROM push_subscriptions WHERE municipality_id = $1', [m()]),
    ).toBe(0);
  });

  it('answers 404 for unknown and malformed tokens', async () => {
    expect((await open(`/abfall/erinnerungen/${'A'.repeat(43)}`)).res.statusCode).toBe(404);
    expect((await open('/abfall/erinnerungen/x')).res.statusCode).toBe(404);
  });
});

describe('usage figures in the back office', () => {
  it('shows admins the active reminders and the last two weeks; others are refused', async () => {
    await optIn();
    const admin = await login(t, await createStaff(t, { role: 'admin' }));
    const res = await getPage(t, admin, '/admin/abfall/erinnerungen');
    expect(res.statusCode).toBe(200);
    expect(res.body).toMatch(/Aktive Erinnerungen<\/dt>\s*<dd[^>]*>1<\/dd>/);
    expect(res.body.match(/<tr class="kern-table__row"/g)).toHaveLength(15);
    const analyst = await login(t, await createStaff(t, { role: 'analyst' }));
    expect((await getPage(t, analyst, '/admin/abfall/erinnerungen')).statusCode).toBe(403);
  });
});
