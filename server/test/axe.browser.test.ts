import { createServer, type Server } from 'node:http';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, launchBrowser, openPage } from './browser.js';

// The check every page's test relies on must itself be able to fail: a page with an unlabelled image, a field
// without a label and grey-on-white text fails it, with and without JavaScript; the same page mended passes.

const page = (broken: boolean) => `<!doctype html>
<html lang="de"><head><meta charset="utf-8"><title>Probe</title></head>
<body><main><h1>Probe</h1>
${broken ? '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">' : '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" alt="Punkt">'}
<form><label for="q">Suche</label><input id="q" name="q">${broken ? '<input name="ohne">' : ''}</form>
<p style="color:${broken ? '#bbb' : '#333'};background:#fff">Lesbarer Text</p>
</main></body></html>`;

let browser: Browser;
let server: Server;
let base: string;
beforeAll(async () => {
  server = createServer((req, res) => {
    res.setHeader('content-type', 'text/html; charset=utf-8');
    res.end(page(req.url === '/kaputt'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
});

describe('expectAccessible', () => {
  for (const javaScript of [true, false]) {
    it(`finds violations and passes the mended page (JavaScript ${javaScript ? 'on' : 'off'})`, async () => {
      const { page: tab, context } = await openPage(browser, base, { javaScript });
      try {
        await tab.goto(`${base}/kaputt`);
        // The assertion's `actual` is the list of violations it found.
        const failure = await expectAccessible(tab).then(
          () => '',
          (err: { actual?: unknown }) => JSON.stringify(err.actual),
        );
        expect(failure).toContain('image-alt');
        expect(failure).toContain('label');
        expect(failure).toContain('color-contrast');
        await tab.goto(`${base}/heil`);
        await expectAccessible(tab);
      } finally {
        await context.close();
      }
    });
  }
});
