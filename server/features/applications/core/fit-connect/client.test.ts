import { randomBytes, randomUUID } from 'node:crypto';
import { Value } from '@sinclair/typebox/value';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type LocalFitConnect,
  type StandInDestination,
  startFitConnectService,
} from '../../../../test/fit-connect-service.js';
import { FitConnectClient, FitConnectError } from './client.js';
import { fitConnectConfigSchema } from './config.js';
import { type Delivery, type DeliveryProgress, deliverSubmission } from './delivery.js';
import { encryptForDestination } from './encrypt.js';

const leikaKey = '99123456760610';
let fc: LocalFitConnect;
let office: StandInDestination;
let otherOffice: StandInDestination;

beforeAll(async () => {
  fc = await startFitConnectService();
  office = await fc.addDestination({ ars: ['05711'] });
  otherOffice = await fc.addDestination({ ars: ['03'] });
}, 120_000);
afterAll(() => fc?.close());

/** A submission as the citizen's browser would encrypt it: metadata, data and two attachments. */
async function newDelivery(forKey = office.publicKey) {
  const plain = {
    metadata: JSON.stringify({ $schema: 'https://schema.fitko.de/fit-connect/metadata/1.0.0/metadata.schema.json' }),
    data: JSON.stringify({ halter: 'Erika Mustermann', hund: 'Bello' }),
    files: new Map([
      [randomUUID(), new Uint8Array(randomBytes(3000))],
      [randomUUID(), new TextEncoder().encode('%PDF-1.7 Impfpass')],
    ]),
  };
  const delivery: Delivery = {
    destinationId: office.destinationId,
    leikaKey,
    serviceName: 'Hundesteuer: Anmeldung',
    encryptedMetadata: await encryptForDestination(forKey, plain.metadata, 'application/json'),
    encryptedData: await encryptForDestination(forKey, plain.data, 'application/json'),
    attachments: await Promise.all(
      [...plain.files].map(async ([id, bytes]) => ({ id, jwe: await encryptForDestination(forKey, bytes) })),
    ),
  };
  return { plain, delivery };
}

const requestsTo = (method: string, path: string) =>
  fc.requests.filter((r) => r.method === method && r.path === path).length;

async function caught(promise: Promise<unknown>): Promise<FitConnectError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(FitConnectError);
  return err as FitConnectError;
}

describe('FIT-Connect delivery', () => {
  it('delivers data and two attachments that the office decrypts to exactly what was sent', async () => {
    expect(Value.Check(fitConnectConfigSchema, fc.config)).toBe(true);
    const client = new FitConnectClient(fc.config);
    const { plain, delivery } = await newDelivery();
    const saved: DeliveryProgress[] = [];
    const result = await deliverSubmission(client, delivery, { onProgress: (p) => void saved.push(p) });

    expect(result.submitted).toBe(true);
    expect(saved.map((p) => [p.uploaded.length, p.submitted])).toEqual([
      [0, false],
      [1, false],
      [2, false],
      [2, true],
    ]);
    const [received] = fc.received(office.destinationId).filter((s) => s.submissionId === result.submissionId);
    expect(received?.serviceType).toEqual({
      identifier: `urn:de:fim:leika:leistung:${leikaKey}`,
      name: 'Hundesteuer: Anmeldung',
    });
    const opened = await received!.decrypt();
    expect(opened.metadata).toBe(plain.metadata);
    expect(opened.data).toBe(plain.data);
    expect(Object.keys(opened.attachments).sort()).toEqual([...plain.files.keys()].sort());
    for (const [id, bytes] of plain.files) expect(Buffer.from(opened.attachments[id]!)).toEqual(Buffer.from(bytes));

    await fc.accept(result.submissionId);
    const events = await client.listEvents(result.caseId, office.destinationId);
    expect(events.map((e) => [e.type, e.submissionId])).toEqual([
      ['submit-submission', result.submissionId],
      ['accept-submission', result.submissionId],
    ]);
    expect(events[1]!.issuer).toBe(office.destinationId);
    expect(events[1]!.issuedAt.getTime()).toBeLessThanOrEqual(Date.now());
  });

  it('caches the token, renews it before it expires and once after a 401', async () => {
    let now = Date.now();
    const client = new FitConnectClient(fc.config, { now: () => now });
    const issued = fc.tokensIssued;
    await client.findDestination(office.destinationId);
    await client.findDestination(office.destinationId);
    expect(fc.tokensIssued).toBe(issued + 1);

    fc.expireTokens();
    const unauthorised = fc.requests.filter((r) => r.status === 401).length;
    expect((await client.findDestination(office.destinationId))?.encryptionKid).toBe(office.encryptionKid);
    expect(fc.tokensIssued).toBe(issued + 2);
    expect(fc.requests.filter((r) => r.status === 401).length).toBe(unauthorised + 1);

    now += 300_000 - 29_000; // within 30 s of the 300 s lifetime: renewed without a 401
    await client.findDestination(office.destinationId);
    expect(fc.tokensIssued).toBe(issued + 3);
    expect(fc.requests.filter((r) => r.status === 401).length).toBe(unauthorised + 1);
  });

  it('resumes after a 503 without a second submission and without uploading finished attachments again', async () => {
    const client = new FitConnectClient(fc.config);
    const { plain, delivery } = await newDelivery();
    const [first, second] = delivery.attachments;
    let stored: DeliveryProgress | undefined;
    const onProgress = (p: DeliveryProgress) => {
      stored = p;
    };

    fc.failNext(1, 503, (method, path) => method === 'POST' && path === '/v1/submissions');
    const creates = requestsTo('POST', '/v1/submissions');
    const e1 = await caught(deliverSubmission(client, delivery, { onProgress }));
    expect([e1.code, e1.retryable, e1.problem.status]).toEqual(['fit_connect_unavailable', true, 503]);
    expect(stored).toBeUndefined();

    const secondPath = (id: string) => `/v1/submissions/${id}/attachments/${second!.id}`;
    fc.failNext(1, 503, (method, path) => method === 'PUT' && path.endsWith(`/attachments/${second!.id}`));
    const e2 = await caught(deliverSubmission(client, delivery, { progress: stored, onProgress }));
    expect(e2.retryable).toBe(true);
    expect(stored).toMatchObject({ uploaded: [first!.id], submitted: false });
    const { submissionId } = stored!;

    const result = await deliverSubmission(client, delivery, { progress: stored, onProgress });
    expect(result).toMatchObject({ submissionId, submitted: true, uploaded: [first!.id, second!.id] });
    expect(requestsTo('POST', '/v1/submissions')).toBe(creates + 2); // the refused one and one that created
    expect(fc.received(office.destinationId).filter((s) => s.submissionId === submissionId)).toHaveLength(1);
    expect(requestsTo('PUT', `/v1/submissions/${submissionId}/attachments/${first!.id}`)).toBe(1);
    expect(requestsTo('PUT', secondPath(submissionId!))).toBe(2);
    const opened = await fc
      .received(office.destinationId)
      .find((s) => s.submissionId === submissionId)!
      .decrypt();
    expect(opened.data).toBe(plain.data);

    // Done is done: a further call sends nothing.
    const before = fc.requests.length;
    expect(await deliverSubmission(client, delivery, { progress: result })).toEqual(result);
    expect(fc.requests.length).toBe(before);
  });

  it('treats a lost submit answer as submitted when the signed event log has the submit', async () => {
    const client = new FitConnectClient(fc.config);
    const { delivery } = await newDelivery();
    const done = await deliverSubmission(client, delivery);
    const retried = await deliverSubmission(client, delivery, { progress: { ...done, submitted: false } });
    expect(retried).toMatchObject({ submissionId: done.submissionId, submitted: true });
  });

  it('makes a 4xx permanent, with the problem detail', async () => {
    const client = new FitConnectClient(fc.config);
    const { delivery } = await newDelivery();
    const created = await client.createSubmission({
      destinationId: office.destinationId,
      serviceType: { identifier: `urn:de:fim:leika:leistung:${leikaKey}`, name: 'Hundesteuer' },
      announcedAttachments: delivery.attachments.map((a) => a.id),
    });
    const err = await caught(client.submit(created.submissionId, delivery));
    expect([err.code, err.retryable, err.problem.status]).toEqual(['fit_connect_refused', false, 422]);
    expect(err.problem.detail).toContain(delivery.attachments[0]!.id);
    expect(err.message).toContain('announced attachments not uploaded');

    const tooLarge = await caught(
      client.uploadAttachment(created.submissionId, delivery.attachments[0]!.id, 'a'.repeat(1024 * 1024 + 1)),
    );
    expect([tooLarge.code, tooLarge.problem.status]).toEqual(['fit_connect_refused', 413]);

    const other = await caught(
      client.createSubmission({
        destinationId: office.destinationId,
        serviceType: { identifier: 'urn:de:fim:leika:leistung:99000000000000', name: 'Something else' },
        announcedAttachments: [],
      }),
    );
    expect([other.code, other.problem.type]).toEqual([
      'fit_connect_refused',
      'https://schema.fitko.de/fit-connect/submission-api/problems/service-not-allowed',
    ]);
  });

  it('refuses a ciphertext for another key or a body that is no JWE before sending anything', async () => {
    const client = new FitConnectClient(fc.config);
    const { delivery } = await newDelivery();
    const creates = requestsTo('POST', '/v1/submissions');
    const forOther = await encryptForDestination(otherOffice.publicKey, 'x', 'application/json');
    const cases: Partial<Delivery>[] = [
      { encryptedData: forOther },
      { encryptedMetadata: '{"plain":"json"}' },
      { attachments: [{ id: randomUUID(), jwe: 'eyJhbGciOiJQUzUxMiJ9.e30.c2ln' }] },
    ];
    for (const change of cases) {
      const err = await caught(deliverSubmission(client, { ...delivery, ...change }));
      expect(err.code).toBe('fit_connect_ciphertext_invalid');
    }
    expect(requestsTo('POST', '/v1/submissions')).toBe(creates);
  });

  it('refuses a weak or a signing key', async () => {
    const client = new FitConnectClient(fc.config);
    const weak = await fc.addDestination({ keyBits: 2048 });
    const signing = await fc.addDestination({ keyUse: 'sig' });
    expect((await client.getEncryptionKey(office.destinationId, office.encryptionKid)).kid).toBe(office.encryptionKid);
    const e1 = await caught(client.getEncryptionKey(weak.destinationId, weak.encryptionKid));
    expect([e1.code, e1.message]).toEqual(['fit_connect_key_invalid', expect.stringContaining('2048 bits')]);
    const e2 = await caught(client.getEncryptionKey(signing.destinationId, signing.encryptionKid));
    expect(e2.code).toBe('fit_connect_key_invalid');
    expect((await caught(encryptForDestination(weak.publicKey, 'x'))).code).toBe('fit_connect_key_invalid');
  });

  it('reads a rejection with its problems and refuses a forged event', async () => {
    const client = new FitConnectClient(fc.config);
    const { delivery } = await newDelivery();
    const done = await deliverSubmission(client, delivery);
    const problem = { type: 'https://example.org/unreadable', title: 'Unreadable', detail: 'Anlage nicht lesbar' };
    await fc.reject(done.submissionId, [problem]);
    const events = await client.listEvents(done.caseId);
    expect(events.at(-1)).toMatchObject({ type: 'reject-submission', problems: [problem] });

    await fc.forgeEvent(done.submissionId);
    const forged = await caught(client.listEvents(done.caseId));
    expect([forged.code, forged.message]).toEqual(['fit_connect_event_invalid', expect.stringContaining('signature')]);
    // Someone else's office may not decide on this case.
    const e = await caught(new FitConnectClient(fc.config).listEvents(done.caseId, otherOffice.destinationId));
    expect(e.code).toBe('fit_connect_event_invalid');
  });

  it('gives up on a stalled request at its deadline and keeps secrets out of errors', async () => {
    const client = new FitConnectClient(fc.config, { timeoutMs: 300 });
    fc.stallNext(1, 1000, (_m, path) => path.startsWith('/v1/destinations/'));
    const stalled = await caught(client.findDestination(office.destinationId));
    expect([stalled.code, stalled.message]).toEqual(['fit_connect_unavailable', expect.stringContaining('300 ms')]);

    const wrong = new FitConnectClient({ ...fc.config, clientSecret: 'not-the-secret-4711' });
    const refused = await caught(wrong.findDestination(office.destinationId));
    expect([refused.code, refused.problem.status]).toEqual(['fit_connect_refused', 401]);
    expect(JSON.stringify({ ...refused, message: refused.message })).not.toContain('4711');
  });

  it('finds the responsible destination by Leistungsschlüssel and Regionalschlüssel', async () => {
    const client = new FitConnectClient(fc.config);
    const routes = await client.findRoutes(`urn:de:fim:leika:leistung:${leikaKey}`, '057110000000');
    expect(routes.map((r) => r.destinationId)).toContain(office.destinationId);
    expect(routes.map((r) => r.destinationId)).not.toContain(otherOffice.destinationId);
    expect((await caught(client.findRoutes(leikaKey, '5711'))).code).toBe('fit_connect_refused');
  });
});
