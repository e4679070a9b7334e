import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/app.js';
import { createStaff, getPage, login } from '../../test/factories/users.js';
import { changesOf } from './present.js';
import { auditPageSize, cliActor, listAudit, recordAudit, systemActor } from './service.js';

let t: TestApp;
let session: { cookie: string; csrf: string };
let m: string;
beforeAll(async () => {
  t = await buildTestApp();
  m = t.config.municipality.id;
  session = await login(t, await createStaff(t, { role: 'admin', displayName: 'Prüferin' }));
});
afterAll(() => t.close());

const rowsOf = (body: string) => body.match(/<tr class="kern-table__row">/g)?.length ?? 0;

describe('recordAudit', () => {
  it('never stores passwords, hashes, secrets or tokens', async () => {
    await recordAudit(t.db, {
      municipalityId: m,
      actor: cliActor,
      action: 'test.redact',
      entityType: 'thing',
      entityId: 1,
      before: { password: 'p', password_hash: '$argon2id$x', nested: { apiKey: 'k', resetToken: 't', keep: 1 } },
      after: { passwordHash: 'h', clientSecret: 's', mustChangePassword: true, list: [{ token: 'x', ok: 2 }] },
    });
    const { rows } = await t.db.query<{ before: unknown; after: unknown; entity_id: string }>(
      `SELECT before, after, entity_id FROM audit_log WHERE action = 'test.redact'`,
    );
    expect(rows[0]).toEqual({
      before: { nested: { keep: 1 } },
      after: { mustChangePassword: true, list: [{ ok: 2 }] },
      entity_id: '1',
    });
  });

  it('rolls back with the transaction it was written in', async () => {
    await expect(
      t.db.transaction(async (tx) => {
        await recordAudit(tx, { municipalityId: m, actor: systemActor, action: 'test.rollback', entityType: 'x' });
        throw new Error('change failed');
      }),
    ).rejects.toThrow('change failed');
    const { rows } = await t.db.query(`SELECT 1 FROM audit_log WHERE action = 'test.rollback'`);
    expect(rows).toHaveLength(0);
  });

  it('shows what changed', () => {
    expect(changesOf({ role: 'a', name: 'x' }, { role: 'b', name: 'x' })).toEqual([
      { field: 'role', before: 'a', after: 'b' },
    ]);
    expect(changesOf(null, { name: 'x' })).toEqual([{ field: 'name', before: undefined, after: 'x' }]);
    expect(changesOf(null, null)).toEqual([]);
  });
});

describe('audit log page', () => {
  beforeAll(async () => {
    // Around the spring DST change in Berlin: 2026-03-29 02:00 CET → 03:00 CEST.
    const at = (iso: string) => new Date(iso);
    const entries = [
      { action: 'test.early', at: at('2026-03-28T22:30:00Z'), actor: { id: null, label: 'Nachtschicht' } }, // 23:30 on the 28th
      { action: 'test.day', at: at('2026-03-28T23:30:00Z'), actor: { id: null, label: 'Frühdienst' } }, // 00:30 on the 29th
      { action: 'test.day', at: at('2026-03-29T21:30:00Z'), actor: { id: null, label: 'Spätdienst' } }, // 23:30 on the 29th
      { action: 'test.late', at: at('2026-03-29T22:30:00Z'), actor: { id: null, label: 'Spätdienst' } }, // 00:30 on the 30th
    ];
    for (const e of entries) {
      await recordAudit(t.db, { municipalityId: m, actor: e.actor, action: e.action, entityType: 'shift', at: e.at });
    }
    for (let i = 0; i < auditPageSize + 5; i++) {
      await recordAudit(t.db, {
        municipalityId: m,
        actor: systemActor,
        action: 'test.bulk',
        entityType: 'bulk',
        entityId: i,
        at: new Date(Date.UTC(2026, 0, 1, 0, i)),
      });
    }
  });

  it('filters by local calendar days in the municipality time zone', async () => {
    const day = await listAudit(t.db, m, 'Europe/Berlin', { from: '2026-03-29', to: '2026-03-29' });
    expect(day.rows.map((r) => r.actor_label)).toEqual(['Spätdienst', 'Frühdienst']);
    const from = await listAudit(t.db, m, 'Europe/Berlin', { from: '2026-03-29', entityType: 'shift' });
    expect(from.total).toBe(3);
    const page = await getPage(t, session, '/admin/audit?from=2026-03-29&to=2026-03-29');
    expect(page.statusCode).toBe(200);
    expect(rowsOf(page.body)).toBe(3); // header row + 2
    expect(page.body).toContain('value="2026-03-29"');
  });

  it('filters by actor text, action and entity type, newest first', async () => {
    const res = await getPage(t, session, '/admin/audit?actor=sp%C3%A4t&action=test.day');
    expect(rowsOf(res.body)).toBe(2);
    expect(res.body).toContain('Spätdienst');
    expect(res.body).not.toContain('Frühdienst');
    expect(res.body).toMatch(/<option value="test\.day" selected>/);
    const byType = await listAudit(t.db, m, 'Europe/Berlin', { entityType: 'shift' });
    expect(byType.rows.map((r) => r.action)).toEqual(['test.late', 'test.day', 'test.day', 'test.early']);
    const wildcard = await listAudit(t.db, m, 'Europe/Berlin', { actor: '%' });
    expect(wildcard.total).toBe(0);
  });

  it('pages through many entries with links that keep the filter', async () => {
    const first = await getPage(t, session, '/admin/audit?entityType=bulk');
    expect(rowsOf(first.body)).toBe(auditPageSize + 1);
    expect(first.body).toContain('Seite 1 von 2');
    expect(first.body).toContain('href="/admin/audit?entityType=bulk&amp;page=2"');
    const second = await getPage(t, session, '/admin/audit?entityType=bulk&page=2');
    expect(rowsOf(second.body)).toBe(6);
    expect(second.body).toContain('Seite 2 von 2');
    expect(second.body).toContain('bulk #0<');
    expect(second.body).not.toContain('bulk #54<');
    expect(first.body).toContain('bulk #54<');
  });

  it('shows filter errors beside the fields with status 400', async () => {
    const res = await getPage(t, session, '/admin/audit?from=2026-13-45&to=gestern');
    expect(res.statusCode).toBe(400);
    expect(res.body).toMatch(/id="from-error"[\s\S]*JJJJ-MM-TT/);
    expect(res.body).toMatch(/id="to-error"[\s\S]*JJJJ-MM-TT/);
    // A day that does not exist is a field error too, not a database error.
    for (const from of ['2026-02-31', '0000-01-01']) {
      const missing = await getPage(t, session, `/admin/audit?from=${from}&to=2028-02-29`);
      expect(missing.statusCode, from).toBe(400);
      expect(missing.body).toMatch(/id="from-error"[\s\S]*JJJJ-MM-TT/);
      expect(missing.body).not.toMatch(/id="to-error"/);
    }
    const order = await getPage(t, session, '/admin/audit?from=2026-03-30&to=2026-03-29');
    expect(order.body).toMatch(/id="to-error"[\s\S]*nicht vor dem Anfang/);
  });

  it('is in English too', async () => {
    const res = await getPage(t, session, '/admin/audit?lang=en&action=test.day');
    expect(res.body).toContain('<html lang="en"');
    expect(res.body).toContain('Audit log');
    expect(res.body).toContain('Filter entries');
  });
});
