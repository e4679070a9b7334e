// `npm run screenshots`: starts the app on a temporary embedded database with the Bielefeld demo data and a pinned
// clock, and writes PNGs of the citizen pages (phone, 390×844) and the clerk's inbox and report page (laptop,
// 1366×900), in German and English, with and without JavaScript, into screenshots/ (gitignored).
//
// Pages are reached by their stable URLs and waited for by their <h1>, never by a form's inner structure, so the
// script keeps working while the pages change. A page that fails is reported and skipped; the exit code is 1 then.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, type BrowserContext, chromium } from 'playwright-core';
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

async function startApp() {
  const dataDir = mkdtempSync(join(tmpdir(), 'bs-screenshots-'));
  const env = {
    ...process.env,
    NODE_ENV: 'development',
    DATA_DIR: dataDir,
    DATABASE_URL: '',
    DEMO_DATA: 'true',
    ROLES: 'web',
    HOST: '127.0.0.1',
    PORT: '0',
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
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
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
  ];
  if (rows[0]) pages.push(['05-report-detail', `/meldungen/${encodeURIComponent(rows[0].reference)}`]);
  for (const [name, path] of pages) {
    const sep = path.includes('?') ? '&' : '?';
    await shoot(context, `${app.url}${path}${sep}lang=${lang}`, `citizen-${name}-phone-${suffix}.png`);
  }
  await context.close();
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

async function main() {
  mkdirSync(outDir, { recursive: true });
  const app = await startApp();
  const browser = await chromium.launch(launchOptions);
  try {
    for (const lang of langs) {
      for (const js of [true, false]) {
        await citizen(browser, app, lang, js);
        await clerk(browser, app, lang, js);
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
