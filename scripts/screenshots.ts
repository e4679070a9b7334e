// `npm run screenshots`: starts the app on a temporary embedded database with the Bielefeld demo data and a pinned
// clock, and writes PNGs of the citizen pages (phone, 390×844) and the clerk's inbox and report page (laptop,
// 1366×900), in German and English, with and without JavaScript, into screenshots/ (gitignored).
//
// Pages are reached by their stable URLs and waited for by their <h1>, never by a form's inner structure, so the
// script keeps working while the pages change. A page that fails is reported and skipped; the exit code is 1 then.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { type AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { buildApp } from '../server/app.js';
import { seedDemoIfEmpty } from '../server/features/demo/service.js';
import { jobDefinitions } from '../server/jobs.js';
import { loadConfig } from '../server/platform/config.js';
import { openDbAtStart } from '../server/platform/db-start.js';
import type { Deps } from '../server/platform/deps.js';
import { createQueue } from '../server/platform/jobs/queue.js';
import { createLogger } from '../server/platform/log.js';
import { migrate } from '../server/platform/migrate.js';
import { upsertMunicipality } from '../server/platform/municipality.js';
import { launchOptions } from '../server/test/chromium.js';

const outDir = join(process.cwd(), 'screenshots');
/** The pinned clock: a Tuesday morning in May, so due dates and "overdue" look like a working day. */
const pinned = new Date(process.env.SCREENSHOTS_NOW ?? '2026-05-12T07:30:00Z');
const phone = { width: 390, height: 844 };
const laptop = { width: 1366, height: 900 };
const langs = ['de', 'en'] as const;

let failures = 0;

/** A free loopback port, so the app's public URL (status links on receipts and in mails) is the real one. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

async function startApp() {
  const dataDir = mkdtempSync(join(tmpdir(), 'bs-screenshots-'));
  const port = await freePort();
  const env = {
    ...process.env,
    NODE_ENV: 'development',
    DATA_DIR: dataDir,
    DATABASE_URL: '',
    DEMO_DATA: 'true',
    ROLES: 'web',
    HOST: '127.0.0.1',
    PORT: String(port),
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    LOG_LEVEL: 'warn',
    SMTP_URL: '',
  };
  const config = loadConfig(env);
  const log = createLogger(config);
  const db = await openDbAtStart(config, log);
  await migrate(db);
  await upsertMunicipality(db, config.municipality);
  const now = () => new Date(pinned);
  const queue = createQueue({ config, db, now }, jobDefinitions);
  const deps: Deps = { config, db, jobs: queue, now };
  await queue.install();
  const app = await buildApp(deps);
  console.log('loading the demo data (a minute on a first start) …');
  const seeded = await seedDemoIfEmpty(deps, app.logger, () => {});
  await app.listen({ port, host: '127.0.0.1' });
  return {
    url: `http://127.0.0.1:${port}`,
    staff: seeded?.staff ?? [],
    db,
    async close() {
      await app.close();
      await queue.stop();
      await db.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

type App = Awaited<ReturnType<typeof startApp>>;

async function shoot(context: BrowserContext, url: string, file: string): Promise<string | undefined> {
  const page = await context.newPage();
  try {
    await page.goto(url, { waitUntil: 'load', timeout: 60_000 });
    await page.locator('h1').first().waitFor({ timeout: 30_000 });
    // Maps draw after load; give their data a moment by waiting for the network to settle.
    await page.waitForLoadState('networkidle', { timeout: 15_000 }).catch(() => {});
    await page.screenshot({ path: join(outDir, file), fullPage: true });
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth > document.documentElement.clientWidth,
    );
    console.log(`${overflow ? '! horizontal overflow' : 'ok'}  ${file}  ${url}`);
    return page.url();
  } catch (error) {
    failures++;
    console.error(`FAILED ${file} ${url}: ${(error as Error).message.split('\n')[0]}`);
    return undefined;
  } finally {
    await page.close();
  }
}

async function citizen(browser: Browser, app: App, lang: string, js: boolean) {
  const context = await browser.newContext({ viewport: phone, javaScriptEnabled: js, locale: lang });
  const suffix = `${lang}-${js ? 'js' : 'nojs'}`;
  const { rows } = await app.db.query<{ reference: string }>(
    `SELECT reference FROM reports WHERE NOT needs_screening AND NOT abusive AND merged_into_id IS NULL
     AND public_description IS NOT NULL ORDER BY created_at DESC LIMIT 1`,
  );
  const pages: [string, string][] = [
    ['01-start', '/'],
    ['02-report-form', '/melden'],
    ['03-report-list', '/meldungen'],
    ['04-report-map', '/meldungen/karte'],
    ['08-area-alerts', '/meldungen/benachrichtigungen'],
  ];
  if (rows[0]) pages.push(['05-report-detail', `/meldungen/${encodeURIComponent(rows[0].reference)}`]);
  for (const [name, path] of pages) {
    const sep = path.includes('?') ? '&' : '?';
    await shoot(context, `${app.url}${path}${sep}lang=${lang}`, `citizen-${name}-phone-${suffix}.png`);
  }
  await context.close();
}

/** Saves the page as it is now (full page) and reports horizontal overflow. */
async function capture(page: Page, file: string) {
  await page.screenshot({ path: join(outDir, file), fullPage: true });
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth > document.documentElement.clientWidth,
  );
  console.log(`${overflow ? '! horizontal overflow' : 'ok'}  ${file}  ${page.url()}`);
}

/**
 * The citizen flow with JavaScript on a phone, as a citizen goes through it: the form with a landmark picked by its
 * suggestion (Enter), a category and a description; the receipt; the private status page; "Meine Meldungen".
 */
async function citizenFlow(browser: Browser, app: App, lang: string) {
  const context = await browser.newContext({ viewport: phone, javaScriptEnabled: true, locale: lang });
  context.setDefaultTimeout(60_000);
  const page = await context.newPage();
  try {
    await page.goto(`${app.url}/melden?lang=${lang}`);
    const landmark = page.locator('input[name="landmark"]');
    await landmark.fill('kessel');
    await page.locator('[role="option"]').first().waitFor();
    await page.keyboard.press('Enter');
    await page.locator('input[name="category"]').first().check();
    // Its questions: the first choice of each.
    const questions = await page.$$eval('input[type=radio][name^="answers."]', (inputs) => [
      ...new Set(
        inputs.filter((i) => (i as HTMLElement).offsetParent !== null).map((i) => (i as HTMLInputElement).name),
      ),
    ]);
    for (const name of questions) await page.locator(`input[type=radio][name="${name}"]`).first().check();
    await page
      .locator('textarea[name="description"]')
      .fill(lang === 'de' ? 'Tiefes Schlagloch am Rand des Platzes.' : 'A deep pothole at the edge of the square.');
    await page.locator('input[name="category"]').first().scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(outDir, `citizen-06a-form-filled-phone-${lang}-js.png`) });
    // The proof of work (ALTCHA) solves itself in the browser; the form sends once it has.
    await page.waitForFunction(
      () => (document.querySelector<HTMLInputElement>('input[name="altcha"]')?.value ?? '') !== '',
    );
    await Promise.all([
      page.waitForURL((u) => u.pathname === '/meldungen/eingang'),
      page.locator('[data-report-submit]').click(),
    ]);
    await page.locator('[data-slot="reference"]').waitFor();
    await capture(page, `citizen-06b-receipt-phone-${lang}-js.png`);
    const statusHref = await page.locator('[data-slot="status-link"]').first().getAttribute('href');
    if (statusHref) {
      await page.goto(new URL(statusHref, app.url).toString());
      await page.locator('h1').first().waitFor();
      await capture(page, `citizen-06c-status-page-phone-${lang}-js.png`);
    }
    await page.goto(`${app.url}/meldungen/meine?lang=${lang}`);
    await page.locator('h1').first().waitFor();
    await page.waitForLoadState('networkidle', { timeout: 15_000 }).catch(() => {});
    await capture(page, `citizen-07-my-reports-phone-${lang}-js.png`);
  } catch (error) {
    failures++;
    console.error(`FAILED citizen flow (${lang}) at ${page.url()}: ${(error as Error).message.split('\n')[0]}`);
    await page
      .screenshot({ path: join(outDir, `citizen-06-FAILED-phone-${lang}-js.png`), fullPage: true })
      .catch(() => {});
  } finally {
    await context.close();
  }
}

async function clerk(browser: Browser, app: App, lang: string, js: boolean) {
  const bsc = app.staff.find((s) => s.role === 'bsc_agent');
  if (!bsc) {
    failures++;
    console.error('FAILED: no demo BSC account (was the demo data already there?)');
    return;
  }
  const context = await browser.newContext({ viewport: laptop, javaScriptEnabled: js, locale: lang });
  const suffix = `${lang}-${js ? 'js' : 'nojs'}`;
  const page = await context.newPage();
  await page.goto(`${app.url}/admin/login?lang=${lang}`);
  await page.locator('input[type=email], input[name=email]').first().fill(bsc.email);
  await page.locator('input[type=password]').first().fill(bsc.password);
  await Promise.all([
    page.waitForURL((u) => !u.pathname.endsWith('/login')),
    page.locator('form button[type=submit]').first().click(),
  ]);
  await page.close();
  const { rows } = await app.db.query<{ id: number; needs_screening: boolean; status: string }>(
    `(SELECT id, needs_screening, status FROM reports WHERE status = 'received' AND NOT needs_screening
      ORDER BY created_at DESC LIMIT 1)
     UNION ALL (SELECT id, needs_screening, status FROM reports WHERE needs_screening ORDER BY created_at DESC LIMIT 1)
     UNION ALL (SELECT id, needs_screening, status FROM reports WHERE status = 'in_progress' ORDER BY created_at DESC LIMIT 1)`,
  );
  await shoot(context, `${app.url}/admin?lang=${lang}`, `clerk-01-start-laptop-${suffix}.png`);
  await shoot(context, `${app.url}/admin/meldungen?lang=${lang}`, `clerk-02-inbox-laptop-${suffix}.png`);
  const names = ['received', 'screening', 'in-progress'];
  for (const [i, r] of rows.entries()) {
    const name = r.needs_screening ? 'screening' : r.status === 'in_progress' ? 'in-progress' : names[i];
    await shoot(
      context,
      `${app.url}/admin/meldungen/${r.id}?lang=${lang}`,
      `clerk-03-report-${name}-laptop-${suffix}.png`,
    );
  }
  await context.close();
}

/** Parking list and a garage's page on the phone and the laptop. */
async function parking(browser: Browser, app: App, lang: string, js: boolean) {
  const suffix = `${lang}-${js ? 'js' : 'nojs'}`;
  const { rows } = await app.db.query<{ id: number }>(
    "SELECT id::int AS id FROM parking_facilities WHERE ref = 'PLS04' ORDER BY id LIMIT 1",
  );
  for (const [device, viewport] of [
    ['phone', phone],
    ['laptop', laptop],
  ] as const) {
    const context = await browser.newContext({ viewport, javaScriptEnabled: js, locale: lang });
    await shoot(context, `${app.url}/parken?lang=${lang}`, `citizen-09-parking-list-${device}-${suffix}.png`);
    if (rows[0]) {
      const file = `citizen-10-parking-detail-${device}-${suffix}.png`;
      await shoot(context, `${app.url}/parken/${rows[0].id}?lang=${lang}`, file);
    }
    await context.close();
  }
}

// SCREENSHOTS_ONLY=parking shoots the parking pages only.
const only = process.env.SCREENSHOTS_ONLY;

async function main() {
  mkdirSync(outDir, { recursive: true });
  const app = await startApp();
  const browser = await chromium.launch(launchOptions);
  try {
    for (const lang of langs) {
      if (!only) await citizenFlow(browser, app, lang);
      for (const js of [true, false]) {
        if (!only) await citizen(browser, app, lang, js);
        if (!only) await clerk(browser, app, lang, js);
        if (!only || only === 'parking') await parking(browser, app, lang, js);
      }
    }
  } finally {
    await browser.close();
    await app.close();
  }
  console.log(`screenshots in ${outDir}${failures ? ` (${failures} failed)` : ''}`);
  process.exitCode = failures ? 1 : 0;
}

await main();
