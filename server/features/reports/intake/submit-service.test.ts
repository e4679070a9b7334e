import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../platform/errors.js';
import type { TestApp } from '../../../test/app.js';
import { points } from '../../../test/factories/addresses.js';
import { buildReportsApp, reportInput, solveAltcha } from '../../../test/factories/reports-core.js';
import { appendEvent } from '../core/events.js';
import { findReportByStatusToken } from './reporter-view.js';
import { submitReport } from './submit-service.js';
import { addSupporter } from './supporters.js';

let t: TestApp;
let mid: string;
beforeAll(async () => {
  t = await buildReportsApp();
  mid = t.config.municipality.id;
});
afterAll(() => t.close());

async function fieldErrors(p: Promise<unknown>): Promise<Record<string, string>> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  expect((err as AppError).code).toBe('validation_failed');
  return (err as AppError).details ?? {};
}

describe('submitReport', () => {
  it('files a report by map pin with reference, status link, nearest address, district and due date', async () => {
    const r = await submitReport(t.deps, mid, reportInput({ proofOfWork: await solveAltcha(t.deps) }));
    expect(r.reference).toMatch(/^BI-\d{4}-\d{6}$/);
    expect(r.statusPath).toBe(`/meldungen/status/${r.statusToken}`);
    expect(r.status).toBe('received');
    const view = await findReportByStatusToken(t.deps, r.statusToken);
    expect(view).toMatchObject({
      reference: r.reference,
      status: 'received',
      category: { code: 'wilder-muell' },
      description: 'Am Straßenrand liegen drei Matratzen.',
      location: { district: 'Mitte' },
      photoCount: 0,
    });
    expect(view?.location.addressLabel).toBeTruthy();
    expect(view?.events.map((e) => e.kind)).toEqual(['created']);
    const { rows } = await t.db.query<{ needs_screening: boolean; suggested: number | null; due_at: Date }>(
      'SELECT needs_screening, suggested_department_id AS suggested, due_at FROM reports WHERE id = $1',
      [r.id],
    );
    expect(rows[0]?.needs_screening).toBe(false);
    expect(rows[0]?.suggested).not.toBeNull();
    expect(rows[0]?.due_at.getTime()).toBeGreaterThan(t.deps.now().getTime());
  });

  it('forwards at once by an automatic routing rule', async () => {
    const r = await submitReport(
      t.deps,
      mid,
      reportInput({
        categoryCode: 'strassenbeleuchtung',
        answers: { fehler: 'aus' },
        proofOfWork: await solveAltcha(t.deps),
      }),
    );
    expect(r.status).toBe('forwarded');
    const view = await findReportByStatusToken(t.deps, r.statusToken);
    expect(view?.events.map((e) => e.kind)).toEqual(['created', 'forwarded']);
  });

  it('rejects a point outside the city with a clear field error', async () => {
    const errors = await fieldErrors(
      submitReport(t.deps, mid, reportInput({ location: { method: 'map', ...points.outside } })),
    );
    expect(errors.location).toBe('reports-core.errors.outside_municipality');
  });

  it('finds nothing for a forged token', async () => {
    expect(await findReportByStatusToken(t.deps, 'A'.repeat(43))).toBeUndefined();
    expect(await findReportByStatusToken(t.deps, '../etc')).toBeUndefined();
  });
});

describe('submitReport: rules and failure safety', () => {
  it('accepts a web report without proof of work but marks it for screening', async () => {
    const r = await submitReport(t.deps, mid, reportInput());
    const { rows } = await t.db.query<{ needs_screening: boolean }>(
      'SELECT needs_screening FROM reports WHERE id = $1',
      [r.id],
    );
    expect(rows[0]?.needs_screening).toBe(true);
  });

  it('checks answers, categories and group nodes', async () => {
    expect(await fieldErrors(submitReport(t.deps, mid, reportInput({ answers: {} })))).toEqual({
      'answers.abfallart': 'reports-core.errors.answer_required',
    });
    expect(await fieldErrors(submitReport(t.deps, mid, reportInput({ answers: { abfallart: 'gold' } })))).toEqual({
      'answers.abfallart': 'reports-core.errors.answer_not_in_list',
    });
    for (const categoryCode of ['sauberkeit', 'gibt-es-nicht']) {
      expect((await fieldErrors(submitReport(t.deps, mid, reportInput({ categoryCode })))).category).toBe(
        'reports-core.errors.category_unknown',
      );
    }
    const errors = await fieldErrors(
      submitReport(t.deps, mid, reportInput({ description: ' \n\t ', location: { method: 'map' } })),
    );
    expect(errors).toMatchObject({
      description: 'reports-core.errors.description_required',
      lat: 'reports-core.errors.coordinates_required',
      location: 'reports-core.errors.location_required',
    });
    const honeypot = await fieldErrors(submitReport(t.deps, mid, reportInput({ honeypot: 'x' })));
    expect(honeypot).toEqual({ website: 'reports-core.errors.spam' });
  });

  it('keeps the free-text answer of a string question and the optional licence plate', async () => {
    const r = await submitReport(
      t.deps,
      mid,
      reportInput({ categoryCode: 'falschparker', answers: { kennzeichen: ' BI-AB 123 ', wo: 'radweg' } }),
    );
    const view = await findReportByStatusToken(t.deps, r.statusToken);
    expect(view?.answers).toEqual({ kennzeichen: 'BI-AB 123', wo: 'radweg' });
  });

  it('hands out unique, gapless references to concurrent submissions', async () => {
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) => submitReport(t.deps, mid, reportInput({ description: `Parallel ${i}` }))),
    );
    const numbers = results.map((r) => Number(r.reference.split('-')[2])).sort((a, b) => a - b);
    expect(new Set(numbers).size).toBe(12);
    expect((numbers.at(-1) as number) - (numbers[0] as number)).toBe(11);
  });

  it('creates one report for concurrent requests with the same idempotency key', async () => {
    const key = `k-${Date.now()}-parallel`;
    const input = reportInput({ description: 'Doppelklick' });
    const results = await Promise.all(
      Array.from({ length: 4 }, () => submitReport(t.deps, mid, input, { idempotencyKey: key })),
    );
    expect(new Set(results.map((r) => r.reference)).size).toBe(1);
    const { rows } = await t.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM reports WHERE municipality_id = $1 AND description = 'Doppelklick'`,
      [mid],
    );
    expect(rows[0]?.n).toBe(1);
  });

  it('stores nothing when the transaction fails after the report was written', async () => {
    // A failure at the very end (the event insert) must take report, photos, counter and idempotency with it.
    await t.db.query(`CREATE OR REPLACE FUNCTION test_fail_event() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF EXISTS (SELECT 1 FROM reports WHERE id = NEW.report_id AND description = 'FAIL LATE') THEN
          RAISE EXCEPTION 'test failure';
        END IF;
        RETURN NEW;
      END $$`);
    await t.db.query(
      'CREATE TRIGGER test_fail_event BEFORE INSERT ON report_events FOR EACH ROW EXECUTE FUNCTION test_fail_event()',
    );
    const count = async () =>
      (
        await t.db.query(
          `SELECT (SELECT count(*)::int FROM reports) AS reports, (SELECT count(*)::int FROM report_photos) AS photos,
                  (SELECT count(*)::int FROM report_events) AS events,
                  (SELECT count(*)::int FROM idempotent_requests) AS idem,
                  (SELECT coalesce(sum(last_number), 0)::int FROM report_reference_counters) AS counter`,
        )
      ).rows[0];
    try {
      const before = await count();
      const photo = await sharp({ create: { width: 20, height: 20, channels: 3, background: '#123' } })
        .jpeg()
        .toBuffer();
      const input = reportInput({
        description: 'FAIL LATE',
        photos: [{ data: photo }],
        proofOfWork: await solveAltcha(t.deps),
      });
      await expect(submitReport(t.deps, mid, input, { idempotencyKey: 'fail-late-1' })).rejects.toThrow();
      expect(await count()).toEqual(before);
    } finally {
      await t.db.query('DROP TRIGGER test_fail_event ON report_events');
    }
  });

  it('enqueues the receipt mail with the created event when the reporter asked for updates (with proof of work)', async () => {
    const r = await submitReport(
      t.deps,
      mid,
      reportInput({
        contact: { email: 'erika@example.org', notifyEmail: true, consent: true },
        proofOfWork: await solveAltcha(t.deps),
      }),
    );
    expect(r.emailConfirmation).toBe('confirmed');
    const { rows } = await t.db.query<{ id: number }>(
      `SELECT id FROM report_events WHERE report_id = $1 AND kind = 'created'`,
      [r.id],
    );
    const jobs = await t.db.query<{ data: { eventId: number } }>(
      `SELECT data FROM pgboss.job WHERE name = 'reports.notify-status' AND (data->>'eventId')::bigint = $1`,
      [rows[0]?.id],
    );
    expect(jobs.rows).toHaveLength(1);
    const silent = await submitReport(
      t.deps,
      mid,
      reportInput({ contact: { email: 'x@example.org', notifyEmail: false, consent: true } }),
    );
    const none = await t.db.query(
      `SELECT 1 FROM pgboss.job j JOIN report_events e ON (j.data->>'eventId')::bigint = e.id
        WHERE j.name = 'reports.notify-status' AND e.report_id = $1`,
      [silent.id],
    );
    expect(none.rows).toHaveLength(0);
  });

  it('shows the reporter public events and notes only', async () => {
    const r = await submitReport(t.deps, mid, reportInput());
    await t.db.transaction(async (tx) => {
      await appendEvent(tx, {
        municipalityId: mid,
        reportId: r.id,
        kind: 'note',
        internalNote: 'Nachbar ruft ständig an',
        at: t.deps.now(),
      });
      await appendEvent(tx, {
        municipalityId: mid,
        reportId: r.id,
        kind: 'status',
        statusFrom: 'received',
        statusTo: 'in_progress',
        public: true,
        publicNote: 'Wir kümmern uns.',
        internalNote: 'intern',
        at: t.deps.now(),
      });
    });
    const view = await findReportByStatusToken(t.deps, r.statusToken);
    expect(view?.events.map((e) => [e.kind, e.note])).toEqual([
      ['created', null],
      ['status', 'Wir kümmern uns.'],
    ]);
    expect(JSON.stringify(view)).not.toContain('intern');
    expect(JSON.stringify(view)).not.toContain('Nachbar');
    // The token is compared by hash: a token differing in one character finds nothing.
    const other = `${r.statusToken.slice(0, -1)}${r.statusToken.endsWith('A') ? 'B' : 'A'}`;
    expect(await findReportByStatusToken(t.deps, other)).toBeUndefined();
  });

  it('refuses supporters for closed reports', async () => {
    const r = await submitReport(t.deps, mid, reportInput());
    await t.db.query(`UPDATE reports SET status = 'done', closed_at = now() WHERE id = $1`, [r.id]);
    await expect(addSupporter(t.deps, mid, r.reference, { notifyEmail: false, language: 'de' })).rejects.toMatchObject({
      code: 'conflict',
    });
  });
});

describe('proof of work and routing settings', () => {
  it('refuses a solution older than a day, accepts one made offline 20 hours ago', async () => {
    const old = await solveAltcha(t.deps);
    const recent = await solveAltcha(t.deps);
    t.clock.advance(20 * 60 * 60 * 1000);
    const r = await submitReport(t.deps, mid, reportInput({ source: 'app', proofOfWork: recent }));
    expect(r.reference).toBeTruthy();
    t.clock.advance(5 * 60 * 60 * 1000);
    expect(await fieldErrors(submitReport(t.deps, mid, reportInput({ source: 'app', proofOfWork: old })))).toEqual({
      altcha: 'reports-core.errors.altcha_expired',
    });
  });

  it('only suggests the department when automatic forwarding is off', async () => {
    const manual = await buildReportsApp({ REPORT_AUTO_FORWARD: 'false' });
    try {
      const m = manual.config.municipality.id;
      const r = await submitReport(
        manual.deps,
        m,
        reportInput({ categoryCode: 'strassenbeleuchtung', answers: { fehler: 'flackert' } }),
      );
      expect(r.status).toBe('received');
      const { rows } = await manual.db.query<{ department_id: number | null; suggested_department_id: number | null }>(
        'SELECT department_id, suggested_department_id FROM reports WHERE id = $1',
        [r.id],
      );
      expect(rows[0]?.department_id).toBeNull();
      expect(rows[0]?.suggested_department_id).not.toBeNull();
    } finally {
      await manual.close();
    }
  });
});
