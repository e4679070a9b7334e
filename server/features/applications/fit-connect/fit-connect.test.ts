import { createHash } from 'node:crypto';
import { CompactEncrypt, importJWK, type JWK } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, countRows, type TestApp } from '../../../test/app.js';
import { type FilePart, postMultipart } from '../../../test/factories/multipart.js';
import { type Browserish, openForm } from '../../../test/factories/report-form.js';
import { mergeCookies } from '../../../test/factories/users.js';
import {
  type LocalFitConnect,
  type StandInDestination,
  startFitConnectService,
} from '../../../test/fit-connect-service.js';
import { importDefinitions } from '../core/catalogue.js';
import type { ApplicationDocument } from '../core/document.js';

// A service delivered through FIT-Connect, end to end against the local stand-in: sent without JavaScript (the
// server encrypts for the destination's key) or with it, delivered by the job (resuming after a failure, one
// submission only), and the office's accept or reject coming back as mailbox news.

const now = '2026-12-03T09:30:00Z';
const slug = 'bauvoranfrage';
const pdfBytes = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
const sha512 = (b: Uint8Array | string) => createHash('sha512').update(b).digest('hex');

let fit: LocalFitConnect;
let destination: StandInDestination;
let t: TestApp;

const definition = (destinationId: string) => ({
  kind: 'form',
  slug,
  title: { de: 'Bauvoranfrage stellen' },
  summary: { de: 'Vorab klären, ob ein Vorhaben genehmigt werden kann' },
  leistungsschluessel: '99123456760610',
  office: 'bauamt',
  trustLevel: 'none',
  delivery: { kind: 'fit-connect', destinationId },
  steps: [
    {
      key: 'antrag',
      title: { de: 'Ihr Vorhaben' },
      fields: [
        { key: 'name', type: 'text', label: { de: 'Name' }, required: true },
        { key: 'plan', type: 'file', label: { de: 'Lageplan' }, accept: ['application/pdf'], required: true },
      ],
    },
  ],
});

beforeAll(async () => {
  fit = await startFitConnectService();
  destination = await fit.addDestination();
  const c = fit.config;
  t = await buildTestApp({
    now,
    env: {
      FIT_CONNECT_TOKEN_URL: c.tokenUrl,
      FIT_CONNECT_SUBMISSION_API_URL: c.submissionApiUrl,
      FIT_CONNECT_EVENT_JWKS_URL: c.eventJwksUrl,
      FIT_CONNECT_CLIENT_ID: c.clientId,
      FIT_CONNECT_CLIENT_SECRET: c.clientSecret,
    },
  });
  await importDefinitions(t.deps, t.config.municipality.id, [definition(destination.destinationId)]);
}, 120_000);
afterAll(async () => {
  await t.close();
  await fit.close();
});

function multipart(
  app: TestApp,
  session: Browserish,
  url: string,
  fields: Record<string, string | string[]>,
  files: FilePart[] = [],
) {
  return postMultipart(app, session, url, fields, files);
}

const get = (url: string, session?: Browserish) =>
  t.app.inject({ url, headers: { accept: 'text/html', ...(session ? { cookie: session.cookie } : {}) } });

/** A browser that fills in the whole form: its cookies and the draft's URL, ready to send. */
async function completeDraft(name: string): Promise<{ session: Browserish; base: string }> {
  const session = await openForm(t, `/antraege/${slug}`);
  const started = await multipart(t, session, `/antraege/${slug}/start`, {});
  session.cookie = mergeCookies(session.cookie, started.cookies);
  const base = String(started.headers.location).replace(/\/1$/, '');
  const step = await multipart(t, session, `${base}/1`, { name }, [
    { field: 'plan', data: pdfBytes, name: 'lageplan.pdf', type: 'application/pdf' },
  ]);
  expect(step.headers.location).toBe(`${base}/pruefen`);
  return { session, base };
}

/** Sends a complete draft without JavaScript: the status link and the stored application's id. */
async function sendWithoutJs(name: string): Promise<{ statusUrl: string; id: string }> {
  const { session, base } = await completeDraft(name);
  const sent = await multipart(t, session, `${base}/senden`, {});
  expect(sent.statusCode).toBe(303);
  const { rows } = await t.db.query<{ id: string }>(
    'SELECT id FROM applications WHERE municipality_id = $1 ORDER BY created_at DESC, reference DESC LIMIT 1',
    [t.config.municipality.id],
  );
  return { statusUrl: String(sent.headers.location).replace(/\?neu=1$/, ''), id: rows[0]!.id };
}

const deliver = (applicationId: string) =>
  t.queue.runNow('applications.deliver-fit-connect', { applicationId }, { dryRun: false, log: t.app.log });
const poll = () => t.queue.runNow('applications.poll-fit-connect', {}, { dryRun: false, log: t.app.log });

async function deliveryOf(id: string) {
  const { rows } = await t.db.query<{ state: Record<string, unknown>; deliveredAt: Date | null; status: string }>(
    'SELECT delivery_state AS state, delivered_at AS "deliveredAt", status FROM applications WHERE id = $1',
    [id],
  );
  return rows[0]!;
}

describe('a FIT-Connect service', () => {
  it('is sent without JavaScript, delivered by the job, and the office opens exactly what was sent', async () => {
    const start = await get(`/antraege/${slug}`);
    expect(start.body).toContain(`action="/antraege/${slug}/start"`);
    const { id } = await sendWithoutJs('Erika Mustermann');
    const { rows } = await t.db.query<{ kid: string; metadata_jwe: string; delivery: string }>(
      'SELECT kid, metadata_jwe, delivery FROM applications WHERE id = $1',
      [id],
    );
    expect(rows[0]).toMatchObject({ kid: destination.encryptionKid, delivery: 'fit-connect' });
    expect(rows[0]!.metadata_jwe.split('.')).toHaveLength(5);
    // The delivery job was enqueued with the application.
    expect(
      await countRows(
        t.db,
        `SELECT count(*)::int AS n FROM pgboss.job WHERE name = $1 AND data->>'applicationId' = $2`,
        ['applications.deliver-fit-connect', id],
      ),
    ).toBe(1);

    expect(await deliver(id)).toEqual({ outcome: 'delivered' });
    const delivery = await deliveryOf(id);
    expect(delivery.deliveredAt).toBeInstanceOf(Date);
    expect(delivery.state).toMatchObject({ destinationId: destination.destinationId, submitted: true });

    const [received] = fit
      .received(destination.destinationId)
      .filter((s) => s.submissionId === delivery.state.submissionId);
    expect(received).toMatchObject({
      submitted: true,
      serviceType: { identifier: 'urn:de:fim:leika:leistung:99123456760610' },
    });
    const opened = await received!.decrypt();
    const data = JSON.parse(opened.data) as ApplicationDocument;
    expect(data.service).toMatchObject({ slug, leistungsschluessel: '99123456760610' });
    expect(data.answers).toEqual([{ key: 'name', label: 'Name', value: 'Erika Mustermann', text: 'Erika Mustermann' }]);
    const attachmentId = data.attachments[0]!.id;
    expect(received!.announcedAttachments).toEqual([attachmentId]);
    expect(Buffer.from(opened.attachments[attachmentId]!).equals(pdfBytes)).toBe(true);
    const metadata = JSON.parse(opened.metadata);
    expect(metadata).toMatchObject({
      $schema: expect.stringMatching(/^https:\/\/schema\.fitko\.de\/fit-connect\/metadata\//),
      contentStructure: {
        data: { hash: { type: 'sha512', content: sha512(opened.data) } },
        attachments: [
          {
            attachmentId,
            purpose: 'attachment',
            filename: 'lageplan.pdf',
            mimeType: 'application/pdf',
            hash: { type: 'sha512', content: sha512(pdfBytes) },
          },
        ],
      },
      publicServiceType: { identifier: 'urn:de:fim:leika:leistung:99123456760610' },
    });
    // Run again (a duplicate job): nothing more is sent.
    expect(await deliver(id)).toEqual({ outcome: 'skipped' });
    expect(
      fit.received(destination.destinationId).filter((s) => s.submissionId === delivery.state.submissionId),
    ).toHaveLength(1);
  });

  it('resumes after FIT-Connect failed mid-way: one submission, the attachment uploaded once', async () => {
    const { id } = await sendWithoutJs('Max Mustermann');
    const before = fit.received(destination.destinationId).length;
    fit.failNext(1, 503, (method, path) => method === 'PUT' && path.includes('/attachments/'));
    await expect(deliver(id)).rejects.toMatchObject({ name: 'FitConnectError', retryable: true });
    const halfway = await deliveryOf(id);
    expect(halfway.deliveredAt).toBeNull();
    expect(halfway.state).toMatchObject({ submissionId: expect.any(String), uploaded: [], submitted: false });

    expect(await deliver(id)).toEqual({ outcome: 'delivered' });
    const after = fit.received(destination.destinationId);
    expect(after).toHaveLength(before + 1);
    expect(after.find((s) => s.submissionId === halfway.state.submissionId)?.submitted).toBe(true);
    const uploads = fit.requests.filter(
      (r) => r.method === 'PUT' && r.path.startsWith(`/v1/submissions/${halfway.state.submissionId}/attachments/`),
    );
    expect(uploads.map((r) => r.status)).toEqual([503, 204]);
  });

  it('tells the applicant to use paper when FIT-Connect refuses for good', async () => {
    const { id, statusUrl } = await sendWithoutJs('Lisa Refused');
    fit.failNext(1, 422, (method, path) => method === 'POST' && path === '/v1/submissions');
    expect(await deliver(id)).toEqual({ outcome: 'failed' });
    expect((await deliveryOf(id)).state).toMatchObject({ error: { code: 'fit_connect_refused' } });
    const status = await get(statusUrl);
    expect(status.body).toContain('konnte dem Amt nicht zugestellt werden');
    expect(await deliver(id)).toEqual({ outcome: 'skipped' });
  });

  it('shows the office’s accept as "In Bearbeitung" and its reject as "Entschieden" with the reason, each once', async () => {
    const accepted = await sendWithoutJs('Anna Accepted');
    const rejected = await sendWithoutJs('Rolf Rejected');
    await deliver(accepted.id);
    await deliver(rejected.id);
    expect(await poll()).toMatchObject({ accepted: 0, rejected: 0, failed: 0 });

    await fit.accept(String((await deliveryOf(accepted.id)).state.submissionId));
    await fit.reject(String((await deliveryOf(rejected.id)).state.submissionId), [
      {
        type: 'https://schema.fitko.de/fit-connect/events/problems/missing-attachment',
        title: 'Anlage fehlt',
        detail: 'Der Lageplan ist nicht maßstäblich.',
      },
    ]);
    expect(await poll()).toMatchObject({ accepted: 1, rejected: 1, failed: 0 });
    expect(await poll()).toMatchObject({ accepted: 0, rejected: 0 });

    const a = await get(accepted.statusUrl);
    expect(a.body).toContain('<strong>In Bearbeitung</strong>');
    expect(a.body).toContain('Das Amt hat Ihren Antrag angenommen');
    const r = await get(rejected.statusUrl);
    expect(r.body).toContain('<strong>Entschieden</strong>');
    expect(r.body).toContain('Der Lageplan ist nicht maßstäblich.');
    for (const id of [accepted.id, rejected.id]) {
      expect(
        await countRows(
          t.db,
          `SELECT count(*)::int AS n FROM application_events WHERE application_id = $1 AND sender = 'office'`,
          [id],
        ),
      ).toBe(1);
    }
  });

  it('with JavaScript takes the browser’s ciphertext only together with the metadata', async () => {
    const { session, base } = await completeDraft('Jana Browser');
    const prepared = (await get(`${base}/versand.json`, session)).json() as {
      key: JWK & { kid: string };
      document: ApplicationDocument;
      metadata?: { contentStructure: { data: { hash: { content: string } } } };
      files: { id: string; contentType: string; data: string }[];
    };
    expect(prepared.key.kid).toBe(destination.encryptionKid);
    // The metadata's data hash is of the document as the browser encrypts it.
    const data = JSON.stringify(prepared.document);
    expect(prepared.metadata?.contentStructure.data.hash.content).toBe(sha512(data));
    const publicKey = await importJWK({ kty: 'RSA', n: prepared.key.n, e: prepared.key.e }, 'RSA-OAEP-256');
    const jwe = (plaintext: Uint8Array | string) =>
      new CompactEncrypt(typeof plaintext === 'string' ? new TextEncoder().encode(plaintext) : plaintext)
        .setProtectedHeader({ alg: 'RSA-OAEP-256', enc: 'A256GCM', kid: prepared.key.kid })
        .encrypt(publicKey);
    const files = await Promise.all(
      prepared.files.map(async (f) => ({ id: f.id, jwe: await jwe(Buffer.from(f.data, 'base64')) })),
    );
    const post = (body: object) =>
      t.app.inject({
        method: 'POST',
        url: `${base}/senden-verschluesselt`,
        payload: body,
        headers: { cookie: session.cookie, 'x-csrf-token': session.csrf, accept: 'application/json' },
      });
    expect((await post({ dataJwe: await jwe(data), files })).statusCode).toBe(400);
    const ok = await post({
      dataJwe: await jwe(data),
      metadataJwe: await jwe(JSON.stringify(prepared.metadata)),
      files,
    });
    expect(ok.statusCode).toBe(201);
    const { rows } = await t.db.query<{ id: string }>(
      `SELECT id FROM applications WHERE municipality_id = $1 AND encrypted_by = 'browser'`,
      [t.config.municipality.id],
    );
    expect(await deliver(rows[0]!.id)).toEqual({ outcome: 'delivered' });
    const submissionId = (await deliveryOf(rows[0]!.id)).state.submissionId;
    const opened = await fit
      .received(destination.destinationId)
      .find((s) => s.submissionId === submissionId)!
      .decrypt();
    expect(opened.data).toBe(data);
  });

  it('is not online while FIT-Connect is not configured, and still offers paper', async () => {
    const off = await buildTestApp({ now });
    try {
      await importDefinitions(off.deps, off.config.municipality.id, [definition(destination.destinationId)]);
      const page = await off.app.inject({ url: `/antraege/${slug}`, headers: { accept: 'text/html' } });
      expect(page.body).toContain('nimmt den Antrag gerade nicht online an');
      expect(page.body).not.toContain(`action="/antraege/${slug}/start"`);
      expect(page.body).toContain(`href="/antraege/${slug}/formular.pdf"`);
      expect(await off.queue.runNow('applications.poll-fit-connect', {}, { dryRun: false, log: off.app.log })).toEqual({
        checked: 0,
        accepted: 0,
        rejected: 0,
        failed: 0,
      });
    } finally {
      await off.close();
    }
  });
});
