import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/app.js';
import { seedTestAddresses } from '../../test/factories/addresses.js';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
  await seedTestAddresses(t.deps);
});
afterAll(() => t.close());

const page = (url: string) => t.app.inject({ method: 'GET', url, headers: { accept: 'text/html' } });

/** The rows of the result table as "address | postcode | district". */
function resultRows(html: string): string[] {
  const body = html.match(/<tbody[^>]*>([\s\S]*?)<\/tbody>/)?.[1] ?? '';
  return [...body.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map((row) =>
    [...(row[1] ?? '').matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((c) => c[1]).join(' | '),
  );
}

describe('/adressen', () => {
  it('shows the empty form: label, hint, submit button, no results', async () => {
    const res = await page('/adressen');
    expect(res.statusCode).toBe(200);
    const html = res.body;
    expect(html).toContain('<html lang="de"');
    expect(html).toContain('<h1 class="kern-heading-large">Adresse finden</h1>');
    expect(html).toMatch(/<search><form method="get" action="\/adressen"/);
    expect(html).toContain('<label class="kern-label" for="q" id="q-label">Straße und Hausnummer</label>');
    expect(html).toMatch(/<input[^>]*id="q"[^>]*name="q"[^>]*aria-describedby="q-hint"/);
    expect(html).toContain('data-address-autocomplete');
    expect(html).toMatch(/<button type="submit"[^>]*><span class="kern-label">Suchen<\/span><\/button>/);
    expect(html).not.toContain('<table');
    expect(html).not.toContain('Keine Adresse gefunden');
  });

  it('lists matching addresses with postcode and Stadtbezirk', async () => {
    const res = await page(`/adressen?q=${encodeURIComponent('herforder str 22')}`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<caption class="kern-title">20 Adressen für „herforder str 22“</caption>');
    expect(resultRows(res.body).slice(0, 3)).toEqual([
      'Herforder Straße 22 | 33602 Bielefeld | Mitte',
      'Herforder Straße 22a | 33602 Bielefeld | Mitte',
      'Herforder Straße 22b | 33602 Bielefeld | Mitte',
    ]);
    expect(res.body).toMatch(/<input[^>]*id="q"[^>]*value="herforder str 22"/);
    expect(res.body).toContain('<title>Adresse finden: herforder str 22');
  });

  it('says so when nothing is found', async () => {
    const res = await page('/adressen?q=Xylophonweg+3');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Keine Adresse gefunden für „Xylophonweg 3“');
    expect(res.body).not.toContain('<table');
  });

  it('puts a bad query beside the field and in an error summary', async () => {
    const res = await page('/adressen?q=a');
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('role="alert"');
    expect(res.body).toContain('<a class="kern-link" href="#q">Bitte geben Sie mindestens 2 Zeichen ein.</a>');
    expect(res.body).toMatch(/<input[^>]*aria-describedby="q-hint q-error"[^>]*aria-invalid="true"/);
    expect(res.body).toContain('id="q-error"');
    const number = await page('/adressen?q=22');
    expect(number.body).toContain('Bitte geben Sie einen Straßennamen ein, nicht nur eine Hausnummer.');
  });

  it('escapes what was typed', async () => {
    const res = await page(`/adressen?q=${encodeURIComponent('<script>alert(1)</script>')}`);
    expect(res.body).not.toContain('<script>alert(1)');
    expect(res.body).toContain('&lt;script>alert(1)&lt;/script>');
  });

  it('speaks English', async () => {
    const res = await page('/adressen?lang=en&q=jahnplatz');
    expect(res.body).toContain('<html lang="en"');
    expect(res.body).toContain('<h1 class="kern-heading-large">Find an address</h1>');
    expect(res.body).toContain('3 addresses for “jahnplatz”');
  });

  it('is listed on the start page', async () => {
    const res = await page('/');
    expect(res.body).toContain('href="/adressen"');
    expect(res.body).toContain('Adresse finden');
  });
});
