import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/app.js';
import { negotiateLanguage } from '../i18n.js';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

describe('language negotiation', () => {
  it('prefers ?lang=, then the cookie, then Accept-Language, then the default', () => {
    expect(negotiateLanguage(['de', 'en'], 'de', 'en', 'de', 'de')).toBe('en');
    expect(negotiateLanguage(['de', 'en'], 'de', undefined, 'en', 'de')).toBe('en');
    expect(negotiateLanguage(['de', 'en'], 'de', undefined, undefined, 'fr-FR, en-GB;q=0.8, de;q=0.5')).toBe('en');
    expect(negotiateLanguage(['de', 'en'], 'de', undefined, undefined, 'en;q=0, de;q=0.1')).toBe('de');
    expect(negotiateLanguage(['de', 'en'], 'de', 'xx', 'yy', 'fr')).toBe('de');
    expect(negotiateLanguage(['de'], 'de', 'en', undefined, 'en')).toBe('de');
  });

  it('answers German by default and remembers ?lang=en in a cookie', async () => {
    const de = await t.app.inject({ url: '/' });
    expect(de.body).toContain('<html lang="de"');
    expect(de.headers['content-language']).toBe('de');

    const en = await t.app.inject({ url: '/?lang=en' });
    expect(en.body).toContain('<html lang="en"');
    const cookie = en.cookies.find((c) => c.name === 'lang');
    expect(cookie).toMatchObject({ value: 'en', httpOnly: true, sameSite: 'Lax' });

    const again = await t.app.inject({ url: '/', cookies: { lang: 'en' } });
    expect(again.body).toContain('<html lang="en"');
  });

  it('follows Accept-Language when nothing else is chosen', async () => {
    const res = await t.app.inject({ url: '/', headers: { 'accept-language': 'en-US,en;q=0.9' } });
    expect(res.body).toContain('<html lang="en"');
  });
});
