import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, type LiveServer, launchBrowser, openPage, startServer } from '../../../test/browser.js';
import { points, seedTestAddresses } from '../../../test/factories/addresses.js';
import { createCategory, createReport } from '../../../test/factories/reports.js';

let browser: Browser;
let server: LiveServer;
let detailRef: string;
let closedRef: string;

beforeAll(async () => {
  [browser, server] = await Promise.all([launchBrowser(), startServer()]);
  const deps = server.t.deps;
  await seedTestAddresses(deps);
  const muell = await createCategory(deps, {
    code: 'wilder-muell',
    name: { de: 'Wilder Müll', en: 'Fly-tipping' },
    questions: [
      {
        code: 'art',
        datatype: 'singlevaluelist',
        required: false,
        label: { de: 'Art des Mülls', en: 'Kind of waste' },
        values: [{ key: 'sperrmuell', name: { de: 'Sperrmüll', en: 'Bulky waste' } }],
        order: 1,
      },
    ],
  });
  const group = await createCategory(deps, { code: 'strasse', name: { de: 'Straße', en: 'Road' } });
  const loch = await createCategory(deps, {
    code: 'schlagloch',
    name: { de: 'Schlagloch', en: 'Pothole' },
    parentId: group,
  });
  const detail = await createReport(deps, {
    categoryId: muell,
    status: 'in_progress',
    publicDescription: 'Sperrmüll am Straßenrand, seit einer Woche.',
    photos: 2,
    photoReview: 'approved',
  });
  detailRef = detail.reference;
  await deps.db.query(`UPDATE reports SET answers = '{"art": "sperrmuell"}', supporter_count = 1 WHERE id = $1`, [
    detail.id,
  ]);
  await deps.db.query(
    `INSERT INTO report_events (municipality_id, report_id, kind, status_from, status_to, public, public_note,
                                created_at)
     VALUES ((SELECT municipality_id FROM reports WHERE id = $1), $1, 'status', 'received', 'in_progress', true, 'Der Abfallbetrieb ist informiert.', now())`,
    [detail.id],
  );
  const closed = await createReport(deps, {
    categoryId: loch,
    status: 'done',
    lat: points.schildesche.lat,
    lon: points.schildesche.lon,
  });
  closedRef = closed.reference;
  for (let i = 0; i < 22; i++) await createReport(deps, { categoryId: muell, publicDescription: null });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const pages = () => ['/meldungen', '/meldungen/karte', `/meldungen/${detailRef}`];

describe.each([false, true])('public report pages (JavaScript %s)', (javaScript) => {
  it.each(['de', 'en'])('are accessible in %s', async (lang) => {
    const { page, context, foreign } = await openPage(browser, server.url, {
      javaScript,
      locale: lang === 'de' ? 'de-DE' : 'en-GB',
    });
    for (const path of pages()) {
      const res = await page.goto(`${server.url}${path}`, { waitUntil: 'networkidle' });
      expect(res?.status(), path).toBe(200);
      expect(await page.getAttribute('html', 'lang')).toBe(lang);
      await expectAccessible(page);
    }
    // A filter that cannot be applied: the form with its messages is accessible too.
    await page.goto(`${server.url}/meldungen?from=2025-02-30&status=nope`);
    expect(await page.getAttribute('#from', 'aria-invalid')).toBe('true');
    await expectAccessible(page);
    expect(foreign).toEqual([]);
    await context.close();
  });
});

describe('without JavaScript', () => {
  it('filters with the plain GET form, pages through the list and opens a report', async () => {
    const { page, context } = await openPage(browser, server.url, { javaScript: false });
    await page.goto(`${server.url}/meldungen`);
    expect(await page.locator('.bs-report-item').count()).toBe(20);
    await Promise.all([page.waitForURL(/page=2/), page.click('a[rel="next"]')]);
    expect(await page.locator('.bs-report-item').count()).toBe(4);
    await page.selectOption('#status', 'closed');
    await Promise.all([page.waitForURL(/status=closed/), page.click('.bs-filter button[type="submit"]')]);
    const items = page.locator('.bs-report-item a');
    expect(await items.count()).toBe(1);
    expect(await items.first().textContent()).toContain(closedRef);
    await page.selectOption('#status', '');
    await page.selectOption('#category', 'strasse');
    await Promise.all([page.waitForURL(/category=strasse/), page.click('.bs-filter button[type="submit"]')]);
    expect(await page.locator('.bs-report-item').count()).toBe(1);
    await Promise.all([
      page.waitForURL(/\/meldungen\/karte\?category=strasse/),
      page.click('text=Auf der Karte ansehen'),
    ]);
    expect(await page.locator('.bs-report-item').count()).toBe(1);
    expect(await page.locator('.bs-report-map__fallback').isVisible()).toBe(true);
    await page.goto(`${server.url}/meldungen/${detailRef}`);
    expect(await page.locator('h1').textContent()).toBe(`Wilder Müll: Meldung ${detailRef}`);
    const photos = page.locator('.bs-report-photos img');
    expect(await photos.count()).toBe(2);
    expect(await photos.first().evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    expect(await page.locator('.bs-report-history').textContent()).toContain('Der Abfallbetrieb ist informiert.');
    await context.close();
  });
});

describe('with JavaScript', () => {
  it('draws the filtered reports on the map as links to their pages, the list still below', async () => {
    const { page, context, foreign } = await openPage(browser, server.url);
    const answers: number[] = [];
    page.on('response', (r) => {
      if (r.url().includes('/api/reports/map.geojson')) answers.push(r.status());
    });
    await page.goto(`${server.url}/meldungen/karte?category=strasse`);
    const markers = page.locator('.bs-map-marker__link');
    await expect.poll(() => markers.count()).toBe(1);
    expect(await markers.first().getAttribute('href')).toBe(`/meldungen/${closedRef}`);
    expect(await markers.first().getAttribute('aria-label')).toContain('Erledigt');
    expect(await page.locator('.bs-report-map__fallback').isHidden()).toBe(true);
    expect(await page.locator('.bs-report-item').count()).toBe(1);
    expect(answers.length).toBeGreaterThan(0);
    expect(answers.every((s) => s === 200)).toBe(true);
    await expectAccessible(page);
    await Promise.all([page.waitForURL(`**/meldungen/${closedRef}`), markers.first().click()]);
    expect(await page.locator('h1').textContent()).toContain(closedRef);
    expect(foreign).toEqual([]);
    await context.close();
  });
});
