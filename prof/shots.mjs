import { chromium } from 'playwright-core';

const base = process.env.BASE;
const out = process.env.OUT ?? '/tmp/shots';
const pages = (process.env.PAGES ?? '').split(',').filter(Boolean);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
for (const [name, vp] of [
  ['phone', { width: 390, height: 844 }],
  ['laptop', { width: 1280, height: 800 }],
]) {
  for (const js of [false, true]) {
    for (const lang of ['de', 'en']) {
      const ctx = await browser.newContext({ viewport: vp, javaScriptEnabled: js, locale: lang });
      const page = await ctx.newPage();
      for (const p of pages) {
        const url = `${base}${p}${p.includes('?') ? '&' : '?'}lang=${lang}`;
        const res = await page.goto(url);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1);
        const raw = await page.evaluate(() =>
          (document.body.innerText.match(/\b[a-z]+(\.[a-zA-Z]+){2,}\b/g) ?? []).filter(
            (s) => !s.includes('www') && !s.endsWith('.de') && !s.endsWith('.pdf') && !s.endsWith('.json'),
          ),
        );
        const file = `${out}/${name}-${js ? 'js' : 'nojs'}-${lang}-${p.replace(/[^a-z0-9]+/gi, '_')}.png`;
        await page.screenshot({ path: file, fullPage: true });
        if (overflow || raw.length || res.status() >= 400)
          console.log(file, res.status(), overflow ? 'OVERFLOW' : '', raw.slice(0, 5).join(' '));
      }
      await ctx.close();
    }
  }
}
await browser.close();
console.log('done');
