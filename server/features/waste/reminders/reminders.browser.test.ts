import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliverPending } from '../../../platform/push/index.js';
import { expectAccessible, type LiveServer, launchBrowser, openPage, startServer } from '../../../test/browser.js';
import { seedTestAddresses } from '../../../test/factories/addresses.js';
import { seedExactCalendar, testAddressId } from '../../../test/factories/waste.js';
import { type LocalPushService, startPushService } from '../../../test/push-service.js';
import { waitFor } from '../../../test/wait.js';
import { sendSlotReminders } from './service.js';

// The opt-in on the address page and the manage page in Chromium. Headless Chromium cannot reach a real push
// service, so PushManager.subscribe is replaced in the page by one that hands back a subscription of the local
// push service (created here); everything else is real: permission, service worker registration, the VAPID key
// from the API, the POST, the manage link, and a reminder sent to that subscription afterwards.

const shots = process.env.SCREENSHOT_DIR;
let browser: Browser;
let server: LiveServer;
let service: LocalPushService;
let addressId: number;
beforeAll(async () => {
  [browser, server, service] = await Promise.all([
    launchBrowser(),
    startServer({ now: '2026-12-07T09:00:00Z', env: { RATE_LIMIT_PUBLIC_WRITES_PER_MINUTE: '1000' } }),
    startPushService({ protocol: 'http' }),
  ]);
  await seedTestAddresses(server.t.deps);
  addressId = await testAddressId(server.t.deps, 'Herforder Straße 22a');
  await seedExactCalendar(server.t.deps, {
    addressId,
    dates: { restabfall: ['2026-12-08', '2026-12-22'], papier: ['2026-12-08'], bioabfall: ['2026-12-15'] },
  });
  if (shots) mkdirSync(shots, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await service?.close();
});

/** Phone and laptop screenshots of the whole page, or of one part of it (a selector). */
async function shoot(page: Page, name: string, part?: string) {
  if (!shots) return;
  for (const [label, size] of [
    ['phone', { width: 390, height: 844 }],
    ['laptop', { width: 1280, height: 800 }],
  ] as const) {
    await page.setViewportSize(size);
    const path = `${shots}/${name}-${label}.png`;
    await (part ? page.locator(part).screenshot({ path }) : page.screenshot({ path, fullPage: true }));
  }
  await page.setViewportSize({ width: 390, height: 844 });
}

async function expectNoOverflow(page: Page) {
  const [scroll, client] = await page.evaluate(() => [
    document.documentElement.scrollWidth,
    document.documentElement.clientWidth,
  ]);
  expect(scroll).toBeLessThanOrEqual(client);
}

describe('push reminders in the browser', () => {
  it('with JavaScript: opts in from the address page, then a reminder reaches that subscription', async () => {
    const { page, context, foreign } = await openPage(browser, server.url);
    await context.grantPermissions(['notifications'], { origin: server.url });
    const receiver = service.subscribe();
    await context.addInitScript(
      (sub) => {
        const w = window as unknown as { subscribeAsked?: { userVisibleOnly: boolean; keyBytes: number } };
        PushManager.prototype.getSubscription = async () => null;
        PushManager.prototype.subscribe = async (options) => {
          const key = options?.applicationServerKey as Uint8Array;
          w.subscribeAsked = { userVisibleOnly: options?.userVisibleOnly === true, keyBytes: key.byteLength };
          return {
            endpoint: sub.endpoint,
            toJSON: () => ({ ...sub, expirationTime: null }),
          } as unknown as PushSubscription;
        };
      },
      { endpoint: receiver.endpoint, keys: receiver.keys },
    );
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${server.url}/abfall/adresse/${addressId}`);
    const form = page.locator('form[data-push-form]');
    await form.waitFor({ state: 'visible' });
    expect(await page.locator('[data-push-nojs]').isVisible()).toBe(false);
    await expectAccessible(page);
    await expectNoOverflow(page);
    await shoot(page, 'optin-js-de', '[data-push-opt-in]');

    await page.uncheck('#push-bins-papier');
    await page.selectOption('#push-when', 'morning-05:30');
    await form.locator('button[type=submit]').click();
    const status = page.locator('[data-push-status]');
    await status.getByText('Die Erinnerung ist eingeschaltet.').waitFor();
    expect(await page.evaluate(() => (window as unknown as { subscribeAsked: unknown }).subscribeAsked)).toEqual({
      userVisibleOnly: true,
      keyBytes: 65,
    });
    await expectAccessible(page);

    const { rows } = await server.t.db.query<{ bin_type_keys: string[]; mode: string; hour: number; minute: number }>(
      `SELECT r.bin_type_keys, r.mode, r.hour, r.minute FROM waste_reminders r
         JOIN push_subscriptions s ON s.id = r.subscription_id WHERE s.endpoint = $1`,
      [receiver.endpoint],
    );
    // Every bin was preselected; Papier was unchecked.
    expect(rows).toEqual([
      { bin_type_keys: ['restabfall', 'bioabfall', 'wertstoff'], mode: 'morning', hour: 5, minute: 30 },
    ]);

    // Back on the address page, this browser remembers its reminder and offers to change or cancel it.
    await page.reload();
    await status.getByText('Für diese Adresse ist auf diesem Gerät eine Erinnerung eingeschaltet.').waitFor();
    await Promise.all([page.waitForURL(/\/abfall\/erinnerungen\/[A-Za-z0-9_-]{43}$/), status.locator('a').click()]);
    expect(await page.locator('#when').inputValue()).toBe('morning-05:30');
    await expectAccessible(page);

    // The morning of 8 December at 5:30: Restabfall is collected, Papier was not chosen.
    const slot = new Date('2026-12-08T05:30:00+01:00');
    server.t.clock.now = slot;
    expect((await sendSlotReminders(server.t.deps, slot)).enqueued).toBe(1);
    await deliverPending(server.t.deps);
    const got = service.received.filter((m) => m.subscriptionId === receiver.id).map((m) => JSON.parse(m.payload));
    expect(got.map((p) => p.title)).toEqual(['Heute: Restabfall']);
    expect(new URL(got[0].url).pathname).toBe(new URL(page.url()).pathname);

    // The service worker shows what arrives: DevTools hands it the payload as a push service would.
    const cdp = await context.newCDPSession(page);
    const registrationId = new Promise<string>((resolve) => {
      cdp.on('ServiceWorker.workerRegistrationUpdated', ({ registrations }) => {
        const ours = registrations.find((r) => r.scopeURL.startsWith(server.url) && !r.isDeleted);
        if (ours) resolve(ours.registrationId);
      });
    });
    await cdp.send('ServiceWorker.enable');
    const payload = service.received.find((m) => m.subscriptionId === receiver.id)?.payload ?? '';
    await cdp.send('ServiceWorker.deliverPushMessage', {
      origin: server.url,
      registrationId: await registrationId,
      data: payload,
    });
    // Polled from here: page.waitForFunction takes a pending promise for a truthy answer.
    const shown = await waitFor('the notification the service worker shows', async () => {
      const notes = await page.evaluate(async () =>
        (await (await navigator.serviceWorker.ready).getNotifications()).map((n) => ({
          title: n.title,
          body: n.body,
          tag: n.tag,
          url: n.data?.url,
        })),
      );
      return notes.length > 0 ? notes : undefined;
    });
    expect(shown).toEqual([
      { title: got[0].title, body: got[0].body, tag: got[0].tag, url: new URL(got[0].url).pathname },
    ]);

    // Cancelled: the address page forgets the reminder this browser remembered.
    await Promise.all([page.waitForURL(/abbestellt$/), page.click('[data-manage-cancel]')]);
    await page.goto(`${server.url}/abfall/adresse/${addressId}`);
    const key = `bs-waste-reminder:${addressId}`;
    await page.waitForFunction((k) => localStorage.getItem(k) === null, key);
    expect(await status.textContent()).toBe('');
    expect(foreign).toEqual([]);
    await context.close();
  });

  it('without JavaScript: the slot says what to do instead; the manage page changes and cancels', async () => {
    const receiver = service.subscribe();
    const res = await server.t.app.inject({
      method: 'POST',
      url: '/api/waste/reminders',
      headers: { 'content-type': 'application/json' },
      payload: {
        subscription: { endpoint: receiver.endpoint, keys: receiver.keys },
        addressId,
        bins: ['restabfall'],
        mode: 'evening',
        time: '19:00',
        language: 'de',
      },
    });
    const managePath = res.json().managePath as string;
    for (const lang of ['de', 'en']) {
      const { page, context } = await openPage(browser, server.url, { javaScript: false });
      await page.setViewportSize({ width: 390, height: 844 });
      await page.goto(`${server.url}/abfall/adresse/${addressId}?lang=${lang}`);
      expect(await page.locator('form[data-push-form]').isVisible()).toBe(false);
      expect(await page.locator('[data-push-nojs]').isVisible()).toBe(true);
      await expectAccessible(page);
      await expectNoOverflow(page);
      await shoot(page, `optin-nojs-${lang}`, '[data-push-opt-in]');

      await page.goto(`${server.url}${managePath}?lang=${lang}`);
      await expectAccessible(page);
      await expectNoOverflow(page);
      await shoot(page, `manage-${lang}`);
      for (const box of await page.locator('input[name=bins]').all()) await box.uncheck();
      await page.click('[data-manage-save]');
      await page.locator('#bins-error').waitFor();
      await expectAccessible(page);
      await shoot(page, `manage-error-${lang}`);
      await page.check('#bins-papier');
      await page.selectOption('#when', 'evening-21:00');
      await Promise.all([page.waitForURL(/\?gespeichert$/), page.click('[data-manage-save]')]);
      await expectAccessible(page);
      await context.close();
    }
    const { page, context } = await openPage(browser, server.url, { javaScript: false });
    await page.goto(`${server.url}${managePath}`);
    await Promise.all([page.waitForURL(/abbestellt$/), page.click('[data-manage-cancel]')]);
    await expectAccessible(page);
    await shoot(page, 'cancelled-de');
    await context.close();
    const left = await server.t.db.query('SELECT 1 FROM push_subscriptions WHERE endpoint = $1', [receiver.endpoint]);
    expect(left.rows).toEqual([]);
  });
});
