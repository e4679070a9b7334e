import { Type as T } from '@sinclair/typebox';
import pino from 'pino';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { JobDefinition } from '../../platform/jobs/types.js';
import { expectAccessible, type LiveServer, launchBrowser, openPage, startServer } from '../../test/browser.js';
import { createStaff, type TestStaff } from '../../test/factories/users.js';
import { waitFor } from '../../test/wait.js';

const failing: JobDefinition = {
  name: 'browser-test.send-digest',
  description: 'Sends a digest',
  payload: T.Object({ week: T.Integer() }, { additionalProperties: false }),
  retry: { limit: 0, delaySeconds: 0, backoff: false },
  async run() {
    throw new Error('mail relay refused the connection');
  },
};

let browser: Browser;
let server: LiveServer;
let admin: TestStaff;
const failedIds: string[] = [];

beforeAll(async () => {
  [browser, server] = await Promise.all([
    launchBrowser(),
    startServer({ jobs: [failing], env: { JOBS_POLL_SECONDS: '0.5' } }),
  ]);
  admin = await createStaff(server.t, { role: 'admin' });
  await server.t.queue.startWorker(pino({ level: 'silent' }));
  for (const week of [47, 48]) failedIds.push((await server.t.queue.enqueue(failing.name, { week })) as string);
  await waitFor(
    'both test jobs to fail',
    async () => (await server.t.queue.listJobs({ name: failing.name, state: 'failed' })).total >= 2,
  );
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

for (const javaScript of [true, false]) {
  it(`job overview and job page are accessible; a failed job runs again (JavaScript ${javaScript ? 'on' : 'off'})`, {
    timeout: 90_000,
  }, async () => {
    const { page, context, foreign } = await openPage(browser, server.url, { javaScript });
    await page.goto(`${server.url}/admin/login`);
    await page.fill('#email', admin.email);
    await page.fill('#password', admin.password);
    await Promise.all([
      page.waitForURL((u) => !u.pathname.startsWith('/admin/login')),
      page.click('form.bs-form button'),
    ]);

    // axe in both languages once; without JavaScript the same markup is served, so one check suffices there.
    for (const lang of javaScript ? ['de', 'en'] : ['de']) {
      await page.goto(`${server.url}/admin/jobs?lang=${lang}`);
      expect(await page.getAttribute('html', 'lang')).toBe(lang);
      await expectAccessible(page);
      await page.goto(`${server.url}/admin/jobs/${failedIds[0]}?lang=${lang}`);
      expect(await page.textContent('main')).toContain('mail relay refused the connection');
      if (javaScript) await expectAccessible(page);
    }

    await page.goto(`${server.url}/admin/jobs?lang=de`);
    await page.selectOption('#state', 'failed');
    await Promise.all([page.waitForURL(/state=failed/), page.click('form.bs-admin-filters button[type=submit]')]);
    const states = await page.locator('#jobs tbody tr td:nth-child(2)').allTextContents();
    expect(states.length).toBeGreaterThan(0);
    expect(new Set(states)).toEqual(new Set(['Fehlgeschlagen']));

    const id = failedIds[javaScript ? 0 : 1] as string;
    await Promise.all([page.waitForURL(/done=retried/), page.click(`form[action="/admin/jobs/${id}/retry"] button`)]);
    expect(await page.textContent('.kern-alert')).toContain('Der Auftrag wird erneut ausgeführt.');
    await expectAccessible(page);
    expect(foreign).toEqual([]);
    await context.close();
  });
}
