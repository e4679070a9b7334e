import { createServer as createNetServer } from 'node:net';
import { AxeBuilder } from '@axe-core/playwright';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { expect, inject } from 'vitest';
import { buildTestApp, type TestApp } from './app.js';
import { launchOptions } from './chromium.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The one Chromium the browser tests of a run share (see browser-setup.ts); unset when run otherwise. */
    browserWsEndpoint?: string;
  }
}

/**
 * The run's shared Chromium (one launch for all browser test files; each test opens its own contexts, which share
 * nothing), or a Chromium of its own when no shared one was provided. `close()` only disconnects from a shared one.
 */
export function launchBrowser(): Promise<Browser> {
  const endpoint = inject('browserWsEndpoint');
  return endpoint ? chromium.connect(endpoint) : chromium.launch(launchOptions);
}

/** A free loopback port, so PUBLIC_URL (and with it the SAML ACS URL an IdP posts to) can name it before the start. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createNetServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

export interface LiveServer {
  url: string;
  t: TestApp;
  close(): Promise<void>;
}

/** The whole app listening on a free loopback port, for the browser. */
export async function startServer(options: Parameters<typeof buildTestApp>[0] = {}): Promise<LiveServer> {
  const t = await buildTestApp(options);
  const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
  return { url: address, t, close: () => t.close() };
}

export interface TrackedPage {
  page: Page;
  context: BrowserContext;
  /** Every request the page tried to send to another origin (blocked). Must stay empty. */
  foreign: string[];
}

/**
 * German without JavaScript, English with it: each language and each way of using a page is checked (axe-core too)
 * at half the cost of all four pairings, which CI's time on two cores cannot afford for every flow.
 */
export const languageAndScript = [
  ['de', false],
  ['en', true],
] as const;

/** A new context and page; requests to any other origin are recorded and aborted. */
export async function openPage(
  browser: Browser,
  baseUrl: string,
  options: { javaScript?: boolean; locale?: string } = {},
): Promise<TrackedPage> {
  const context = await browser.newContext({
    javaScriptEnabled: options.javaScript ?? true,
    locale: options.locale ?? 'de-DE',
    serviceWorkers: options.javaScript === false ? 'block' : 'allow',
  });
  // Playwright's 30 s default is too tight for a page load or click on a loaded 2-core machine.
  context.setDefaultTimeout(60_000);
  const origin = new URL(baseUrl).origin;
  const foreign: string[] = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(origin) || url.startsWith('data:') || url.startsWith('blob:')) return route.continue();
    foreign.push(url);
    return route.abort();
  });
  const page = await context.newPage();
  if (options.javaScript === false) noScript.add(context);
  return { page, context, foreign };
}

/** Contexts opened with JavaScript disabled: axe-core cannot run inside them. */
const noScript = new WeakSet<BrowserContext>();

/**
 * axe-core needs script to run, which a context without JavaScript refuses. So the exact DOM the scriptless page
 * shows (also after a form POST) is loaded into a twin context that serves that HTML for the page's URL and blocks
 * every script, and axe-core checks it there.
 */
async function scriptlessTwin(page: Page): Promise<{ page: Page; close(): Promise<void> }> {
  const source = page.context();
  const browser = source.browser();
  if (!browser) throw new Error('page has no browser');
  const html = await page.content();
  const url = page.url();
  const context = await browser.newContext({ serviceWorkers: 'block', storageState: await source.storageState() });
  let served = false;
  await context.route('**/*', (route) => {
    const request = route.request();
    if (request.resourceType() === 'script') return route.abort();
    if (!served && request.isNavigationRequest() && request.url() === url) {
      served = true;
      return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html });
    }
    return route.continue();
  });
  const twin = await context.newPage();
  await twin.goto(url);
  return { page: twin, close: () => context.close() };
}

/** Runs axe-core (WCAG 2.1 A/AA rules and best practices) and fails with a readable list of violations. */
export async function expectAccessible(page: Page): Promise<void> {
  if (noScript.has(page.context())) {
    const twin = await scriptlessTwin(page);
    try {
      return await expectAccessible(twin.page);
    } finally {
      await twin.close();
    }
  }
  // Legacy mode runs axe.run in the page itself (our pages have no cross-origin frames) instead of opening a blank
  // page per check for axe.finishRun; only violations carry their nodes. Same rules, same verdict, a fraction of the
  // time: a check of a long page took 15 s on a loaded 2-core machine the other way.
  const result = await new AxeBuilder({ page })
    .options({ resultTypes: ['violations'] })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
    .setLegacyMode(true)
    .analyze();
  const summary = result.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help} → ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
  expect(summary, `axe violations on ${page.url()}`).toEqual([]);
}
