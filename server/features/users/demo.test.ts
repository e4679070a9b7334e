import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { staffRoles } from '../../platform/auth/types.js';
import { buildTestApp, type TestApp } from '../../test/app.js';
import { login } from '../../test/factories/users.js';
import { seedDemoStaff } from './demo.js';

let t: TestApp;
beforeAll(async () => {
  // This file's database is its own, so the demo can use Bielefeld's id and e-mail domain.
  t = await buildTestApp({ municipality: { id: 'bielefeld' } });
});
afterAll(() => t.close());

describe('demo staff', () => {
  it('creates the departments and one account per role that can sign in; a second run does nothing', async () => {
    const credentials = await seedDemoStaff(t.deps);
    expect(credentials.map((c) => c.role).sort()).toEqual([...staffRoles, ...Array(4).fill('department_staff')].sort());
    for (const c of credentials) expect(c.email).toMatch(/@bielefeld\.example$/);
    expect(credentials.filter((c) => c.department).map((c) => c.department)).toEqual([
      'Umweltbetrieb',
      'Amt für Verkehr',
      'Ordnungsamt',
      'Umweltamt – Grünflächen',
      'Amt für Straßenbau und Entwässerung',
    ]);
    const { rows } = await t.db.query<{ name: string; email: string }>(
      'SELECT name, email FROM departments WHERE municipality_id = $1 ORDER BY id',
      ['bielefeld'],
    );
    expect(rows.map((r) => r.name)).toEqual([
      'Umweltbetrieb',
      'Amt für Verkehr',
      'Ordnungsamt',
      'Umweltamt – Grünflächen',
      'Amt für Straßenbau und Entwässerung',
    ]);
    expect(rows.every((r) => r.email.endsWith('@bielefeld.example'))).toBe(true);
    for (const c of credentials) {
      const session = await login(t, c);
      const res = await t.app.inject({ url: '/admin', headers: { cookie: session.cookie, accept: 'text/html' } });
      expect(res.statusCode, c.email).toBe(200);
    }
    const passwords = new Set(credentials.map((c) => c.password));
    expect(passwords.size).toBe(credentials.length);

    expect(await seedDemoStaff(t.deps)).toEqual([]);
    const count = await t.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM staff_users WHERE municipality_id = $1',
      ['bielefeld'],
    );
    expect(count.rows[0]!.n).toBe(credentials.length);
  });

  it('every department a demo routing rule names has a demo account', async () => {
    // The demo routing rules (reports/demo seeds them from this file).
    const file = new URL('../reports/data/bielefeld-demo.json', import.meta.url);
    const demo = JSON.parse(readFileSync(file, 'utf8')) as { routingRules: { department: string }[] };
    const slugs = new Set(demo.routingRules.map((r) => r.department));
    const { rows } = await t.db.query<{ slug: string; accounts: number }>(
      `SELECT d.slug, count(u.id)::int AS accounts FROM departments d
       LEFT JOIN staff_user_departments sd ON sd.department_id = d.id
       LEFT JOIN staff_users u ON u.id = sd.user_id AND u.role = 'department_staff'
       WHERE d.municipality_id = $1 GROUP BY d.slug`,
      ['bielefeld'],
    );
    const accounts = new Map(rows.map((r) => [r.slug, r.accounts]));
    expect(slugs.size).toBeGreaterThan(0);
    for (const slug of slugs) expect(accounts.get(slug) ?? 0, slug).toBeGreaterThan(0);
  });
});
