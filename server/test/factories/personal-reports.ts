import { Writable } from 'node:stream';
import pino from 'pino';
import { appendEvent } from '../../features/reports/core/events.js';
import type { TestApp } from '../app.js';
import { createReport, type TestReportOverrides } from './reports.js';

// Reports full of personal data, and ways to look for that data anywhere afterwards (the retention tests).

/** Everything personal about one report, as unique strings, to search the whole database for afterwards. */
export interface Personal {
  name: string;
  email: string;
  phone: string;
  description: string;
  plate: string;
  landmark: string;
  supporter: string;
  note: string;
}
export const personal = (tag: string): Personal => ({
  name: `Erika ${tag}mann`,
  email: `erika.${tag}@example.org`,
  phone: `+49 521 ${tag.length}0${tag.charCodeAt(0)}99`,
  description: `Vor dem Haus von Familie ${tag}huber liegt Müll`,
  plate: `BI-${tag.toUpperCase().slice(0, 2)} 4711`,
  landmark: `Hinter dem Garten von ${tag}schmidt`,
  supporter: `nachbar.${tag}@example.org`,
  note: `Frau ${tag}mann hat angerufen`,
});

export interface Made {
  id: number;
  reference: string;
  statusToken: string;
  p: Personal;
}

/** A report full of personal data: contact, personal text, free-text answer, photos, supporters, notes. */
export async function makePersonalReport(
  app: TestApp,
  place: { categoryId: number; addressId: number },
  tag: string,
  o: TestReportOverrides & { closedAt?: Date } = {},
): Promise<Made> {
  const { categoryId, addressId } = place;
  const p = personal(tag);
  const r = await createReport(app.deps, {
    categoryId,
    reporterName: p.name,
    reporterEmail: p.email,
    reporterPhone: p.phone,
    description: p.description,
    landmark: p.landmark,
    lat: 52.0151234,
    lon: 8.5309876,
    addressLabel: 'Herforder Straße 5',
    photos: 2,
    photoReview: 'pending',
    ...o,
  });
  await app.db.transaction(async (tx) => {
    await tx.query(
      `UPDATE reports SET description_personal = true, answers = $2, address_id = $3, closed_at = $4,
              public_description = description
        WHERE id = $1`,
      [r.id, JSON.stringify({ kennzeichen: p.plate, art: 'sperrmuell' }), addressId, o.closedAt ?? null],
    );
    await tx.query(`UPDATE report_photos SET review = 'approved' WHERE report_id = $1 AND sort = 0`, [r.id]);
    await tx.query(
      `INSERT INTO report_photos (municipality_id, report_id, content_type, data, width, height, byte_size, review,
                                  sort)
       VALUES ((SELECT municipality_id FROM reports WHERE id = $1), $1, 'image/jpeg', '\\xffd8ff', 1, 1, 3, 'hidden', 5)`,
      [r.id],
    );
    await tx.query(
      `INSERT INTO report_supporters (municipality_id, report_id, email, notify_email, created_at, unsubscribe_nonce,
                                      unsubscribe_token_hash)
       VALUES ($5, $1, $2, true, $3, 'nonce', $4), ($5, $1, NULL, false, $3, NULL, NULL)`,
      [r.id, p.supporter, app.deps.now(), `hash-${r.id}`, app.config.municipality.id],
    );
    await tx.query('UPDATE reports SET supporter_count = 2 WHERE id = $1', [r.id]);
    const eventId = await appendEvent(tx, {
      municipalityId: app.config.municipality.id,
      reportId: r.id,
      kind: 'note',
      public: true,
      publicNote: 'Wir kümmern uns darum.',
      internalNote: p.note,
      at: app.deps.now(),
    });
    await tx.query(
      `INSERT INTO report_notifications (municipality_id, event_id, recipient_kind, supporter_id, outcome, at)
       VALUES ($3, $1, 'reporter', 0, 'sent', $2)`,
      [eventId, app.deps.now(), app.config.municipality.id],
    );
    await tx.query(
      `INSERT INTO idempotent_requests (scope, key, request_hash, response, created_at) VALUES ('reports.submit', $1,
       'h', $2, $3)`,
      [`key-${r.id}`, JSON.stringify({ reference: r.reference, statusToken: r.statusToken }), app.deps.now()],
    );
  });
  return { ...r, p };
}

/** Every table this feature writes, as rows of the test municipality, for before/after comparisons. */
export type Dump = Record<'reports' | 'photos' | 'supporters' | 'events' | 'notifications' | 'idempotent', Row[]>;
export type Row = Record<string, unknown>;

export async function dump(app: TestApp): Promise<Dump> {
  const m = app.config.municipality.id;
  const q = async (sql: string) => (await app.db.query<Row>(sql, [m])).rows;
  const ofReports = 'report_id IN (SELECT id FROM reports WHERE municipality_id = $1)';
  return {
    reports: await q('SELECT * FROM reports WHERE municipality_id = $1 ORDER BY id'),
    photos: await q(`SELECT * FROM report_photos WHERE ${ofReports} ORDER BY id`),
    supporters: await q(`SELECT * FROM report_supporters WHERE ${ofReports} ORDER BY id`),
    events: await q(`SELECT * FROM report_events WHERE ${ofReports} ORDER BY id`),
    notifications: await q(
      `SELECT * FROM report_notifications WHERE event_id IN (SELECT id FROM report_events WHERE ${ofReports})
       ORDER BY event_id`,
    ),
    idempotent: await q(`SELECT * FROM idempotent_requests WHERE $1::text IS NOT NULL ORDER BY key`),
  };
}

/** Every row of every table in the database as text (public and job schemas). */
export async function wholeDatabaseText(app: TestApp): Promise<string> {
  const { rows } = await app.db.query<{ schema: string; name: string }>(
    `SELECT table_schema AS schema, table_name AS name FROM information_schema.tables
      WHERE table_schema IN ('public', 'pgboss') AND table_type = 'BASE TABLE'`,
  );
  const parts: string[] = [];
  for (const r of rows) {
    const res = await app.db.query<{ row: string }>(`SELECT t::text AS row FROM "${r.schema}"."${r.name}" t`);
    parts.push(...res.rows.map((x) => x.row));
  }
  return parts.join('\n');
}

/** A logger whose lines the test can read. */
export function captureLog() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { log: pino({ level: 'info' }, stream), lines };
}
