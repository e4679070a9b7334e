import { createECDH } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pushTestBed } from '../../test/push.js';
import { type LocalPushService, startPushService } from '../../test/push-service.js';
import { AppError } from '../errors.js';
import { deliverPending } from './deliver.js';
import { checkEndpoint, isForbiddenAddress } from './endpoint-guard.js';
import { createPushSender } from './sender.js';
import { enqueuePush, savePushSubscription } from './service.js';

const strict = { allowPrivate: false };
const keys = { p256dh: `B${'A'.repeat(86)}`, auth: 'AAAAAAAAAAAAAAAAAAAAAA' };

describe('SSRF guard outside test mode', () => {
  it.each([
    ['https://127.0.0.1/push/1'],
    ['https://10.20.30.40/push'],
    ['https://192.168.178.1/push'],
    ['https://172.16.5.4/push'],
    ['https://169.254.169.254/latest/meta-data'],
    ['https://100.64.1.1/push'],
    ['https://224.0.0.251/push'],
    ['https://[::1]/push'],
    ['https://[fc00::1]/push'],
    ['https://[fd12:3456::1]/push'],
    ['https://[fe80::1]/push'],
    ['https://[::ffff:127.0.0.1]/push'],
    ['https://[::ffff:a00:1]/push'],
    ['https://0.0.0.0/push'],
  ])('refuses %s', async (endpoint) => {
    expect(await checkEndpoint(endpoint, strict)).toBe('forbidden_address');
  });

  it('refuses a name that resolves to a loopback address (localhost), and one with any private address', async () => {
    expect(await checkEndpoint('https://localhost:8443/push/1', strict)).toBe('forbidden_address');
    const mixed = async () => ['93.184.215.14', '10.0.0.7'];
    expect(await checkEndpoint('https://push.example/x', { ...strict, resolve: mixed })).toBe('forbidden_address');
  });

  it('accepts any public https endpoint (UnifiedPush distributors too), refuses http and credentials', async () => {
    const resolve = async () => ['2a01:4f8::1', '93.184.215.14'];
    expect(await checkEndpoint('https://ntfy.example.org/upAbc?up=1', { ...strict, resolve })).toBeUndefined();
    expect(await checkEndpoint('https://8.8.8.8/push', strict)).toBeUndefined();
    expect(await checkEndpoint('http://push.example/x', { ...strict, resolve })).toBe('not_https');
    expect(await checkEndpoint('https://u:p@push.example/x', { ...strict, resolve })).toBe('invalid');
    expect(await checkEndpoint('not a url', strict)).toBe('invalid');
    expect(await checkEndpoint('https://no-such-host.invalid/x', strict)).toBe('unresolvable');
    expect(isForbiddenAddress('2001:4860:4860::8888')).toBe(false);
  });

  it('test mode (PUSH_ALLOW_PRIVATE_ENDPOINTS) lets the local push service through', async () => {
    expect(await checkEndpoint('http://127.0.0.1:4000/push/1', { allowPrivate: true })).toBeUndefined();
    expect(await checkEndpoint('ftp://127.0.0.1/push/1', { allowPrivate: true })).toBe('not_https');
  });
});

describe('saving a subscription', () => {
  it('answers field errors for a private endpoint and malformed keys', async () => {
    const bed = await pushTestBed({ env: { PUSH_ALLOW_PRIVATE_ENDPOINTS: 'false' } });
    const err = await savePushSubscription(
      bed.deps,
      bed.municipalityId,
      { endpoint: 'https://192.168.0.10/push', keys: { p256dh: 'abc', auth: 'xyz' } },
      'waste',
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).details).toEqual({
      endpoint: 'points to a private or local address',
      'keys.p256dh': 'must be an uncompressed P-256 public key (base64url)',
      'keys.auth': 'must be 16 bytes (base64url)',
    });
  });

  it('upserts by endpoint and adds topics; a manage token is returned once and stored only as a hash', async () => {
    const bed = await pushTestBed();
    const p256dh = createECDH('prime256v1').generateKeys().toString('base64url');
    const service = { endpoint: 'http://127.0.0.1:9/push/1', keys: { ...keys, p256dh } };
    const first = await savePushSubscription(bed.deps, bed.municipalityId, service, 'waste', { manageToken: true });
    const second = await savePushSubscription(bed.deps, bed.municipalityId, service, 'reports');
    expect(second.id).toBe(first.id);
    expect(first.manageToken).toMatch(/^[A-Za-z0-9_-]{32}$/);
    const { rows } = await bed.deps.db.query<{ topics: string[]; manage_token_hash: string }>(
      'SELECT topics, manage_token_hash FROM push_subscriptions WHERE id = $1',
      [first.id],
    );
    expect(rows[0]!.topics).toEqual(['waste', 'reports']);
    expect(rows[0]!.manage_token_hash).not.toContain(first.manageToken);
  });
});

describe('the guard when sending', () => {
  let service: LocalPushService;
  beforeAll(async () => {
    service = await startPushService();
  });
  afterAll(() => service.close());

  it('refuses to connect to a name that resolves to loopback, even for a subscription already stored', async () => {
    const bed = await pushTestBed();
    const receiver = service.subscribe();
    const endpoint = receiver.endpoint.replace('127.0.0.1', 'localhost');
    const { id } = await savePushSubscription(bed.deps, bed.municipalityId, { ...receiver, endpoint }, 'waste');
    await bed.deps.db.transaction((tx) =>
      enqueuePush(tx, bed.municipalityId, [
        { subscriptionId: id, dedupeKey: 'ssrf', topic: 'waste', payload: {}, ttl: 60, urgency: 'normal' },
      ]),
    );
    const sender = createPushSender({ ...bed.deps.config.push, allowPrivateEndpoints: false }, { ca: service.cert! });
    expect(await deliverPending(bed.deps, { sender })).toMatchObject({ sent: 0, failed: 1 });
    sender.close();
    expect(service.counts.get(receiver.id)).toBeUndefined();
  });
});
