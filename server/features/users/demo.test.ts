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
    expect(credentials.map((c) => c.role).sort()).toEqual([...staffRoles, 'department_staff'].sort());
    for (const c of credentials) expect(c.email).toMatch(/@bielefeld\.example$/);
    expect(credentials.filter((c) => c.department).map((c) => c.department)).toEqual([
      'Umweltbetrieb',
      'Amt für Verkehr',
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
});
