import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, type LiveServer, launchBrowser, openPage, startServer } from '../../test/browser.js';
import { seedTestAddresses } from '../../test/factories/addresses.js';

let browser: Browser;
let server: LiveServer;
beforeAll(async () => {
  [browser, server] = await Promise.all([launchBrowser(), startServer()]);
  await seedTestAddresses(server.t.deps);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('address search without JavaScript', () => {
  it('is a plain form that lists results, accessible before and after searching', async () => {
    const { page, context, foreign } = await openPage(browser, server.url, { javaScript: false });
    await page.goto(`${server.url}/adressen`);
    await expectAccessible(page);
    expect(await page.getAttribute('#q', 'role')).toBeNull();
    await page.fill('#q', 'herforder str 22');
    await Promise.all([page.waitForURL(/\/adressen\?q=/), page.click('main button[type="submit"]')]);
    expect(await page.locator('tbody tr').first().locator('th').textContent()).toBe('Herforder Straße 22');
    expect(await page.locator('tbody tr').first().locator('td').last().textContent()).toBe('Mitte');
    await expectAccessible(page);
    await page.goto(`${server.url}/adressen?q=Xylophonweg`);
    expect(await page.locator('.kern-alert').textContent()).toContain('Keine Adresse gefunden');
    await expectAccessible(page);
    await page.goto(`${server.url}/adressen?q=a`);
    expect(await page.getAttribute('#q', 'aria-invalid')).toBe('true');
    await expectAccessible(page);
    expect(foreign).toEqual([]);
    await context.close();
  });
});

describe('address autocomplete with JavaScript', () => {
  it('suggests addresses as a combobox: arrow keys, Enter fills the field, Escape closes', async () => {
    const { page, context, foreign } = await openPage(browser, server.url);
    const queries: string[] = [];
    page.on('request', (r) => {
      const url = new URL(r.url());
      if (url.pathname === '/api/addresses') queries.push(url.searchParams.get('q') ?? '');
    });
    await page.goto(`${server.url}/adressen`);
    const input = page.locator('#q');
    await expect.poll(() => input.getAttribute('role')).toBe('combobox');
    expect(await input.getAttribute('aria-expanded')).toBe('false');
    const listId = await input.getAttribute('aria-controls');
    const list = page.locator(`#${listId}`);
    expect(await list.getAttribute('role')).toBe('listbox');
    expect(await list.getAttribute('aria-labelledby')).toBe('q-label');

    await input.focus();
    await page.keyboard.type('he');
    await page.keyboard.type('rforder str 22');
    await list.locator('[role="option"]').first().waitFor();
    expect(await input.getAttribute('aria-expanded')).toBe('true');
    const options = list.locator('[role="option"]');
    expect(await options.count()).toBe(8);
    expect(await options.first().locator('.bs-autocomplete__label').textContent()).toBe('Herforder Straße 22');
    await expect.poll(() => page.locator('[role="status"]').textContent()).toContain('8 Adressen gefunden');
    expect(queries.length).toBeGreaterThan(0);
    expect(queries.every((q) => q.length >= 3)).toBe(true);
    await expectAccessible(page);

    await page.keyboard.press('ArrowDown');
    const first = await options.nth(0).getAttribute('id');
    expect(await input.getAttribute('aria-activedescendant')).toBe(first);
    expect(await options.nth(0).getAttribute('aria-selected')).toBe('true');
    await page.keyboard.press('ArrowDown');
    expect(await input.getAttribute('aria-activedescendant')).toBe(await options.nth(1).getAttribute('id'));
    expect(await options.nth(0).getAttribute('aria-selected')).toBe('false');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp'); // wraps to the last
    expect(await input.getAttribute('aria-activedescendant')).toBe(await options.nth(7).getAttribute('id'));
    await page.keyboard.press('ArrowDown'); // wraps to the first
    await page.keyboard.press('ArrowDown');
    const chosen = await options.nth(1).locator('.bs-autocomplete__label').textContent();
    await page.keyboard.press('Enter');
    expect(await input.inputValue()).toBe(chosen);
    expect(await input.getAttribute('aria-expanded')).toBe('false');
    expect(await list.isHidden()).toBe(true);
    expect(page.url()).toBe(`${server.url}/adressen`); // Enter took the suggestion, it did not submit

    // Escape closes an open list; with the list closed Enter submits the form as usual.
    await page.keyboard.press('Backspace');
    await list.locator('[role="option"]').first().waitFor();
    await page.keyboard.press('Escape');
    expect(await list.isHidden()).toBe(true);
    await Promise.all([page.waitForURL(/\/adressen\?q=/), page.keyboard.press('Enter')]);
    expect(await page.locator('tbody tr').count()).toBeGreaterThan(0);
    expect(foreign).toEqual([]);
    await context.close();
  });

  it('does not ask the server below three characters', async () => {
    const { page, context } = await openPage(browser, server.url);
    const queries: string[] = [];
    page.on('request', (r) => {
      if (new URL(r.url()).pathname === '/api/addresses') queries.push(r.url());
    });
    await page.goto(`${server.url}/adressen`);
    await expect.poll(() => page.getAttribute('#q', 'role')).toBe('combobox');
    await page.focus('#q');
    await page.keyboard.type('ja');
    await page.keyboard.press('ArrowDown');
    expect(await page.getAttribute('#q', 'aria-expanded')).toBe('false');
    // a third character does ask; the two before it never did
    await page.keyboard.type('h');
    await page.locator('[role="option"]').first().waitFor();
    expect(queries).toHaveLength(1);
    expect(new URL(queries[0] ?? '').searchParams.get('q')).toBe('jah');
    await context.close();
  });
});
