import { once } from 'node:events';
import { type AddressInfo, createServer, type Server, type Socket } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.js';
import { buildTestApp, type TestApp } from '../../test/app.js';
import { testEnv } from '../../test/env.js';
import { loadConfig } from '../config.js';
import { type Db, postgresDb } from '../db.js';
import { createQueue } from '../jobs/queue.js';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

describe('operations endpoints', () => {
  it('answers /health while alive', async () => {
    const res = await t.app.inject({ url: '/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok' });
  });

  it('answers /ready when the database is migrated', async () => {
    const res = await t.app.inject({ url: '/ready' });
    expect(res.json()).toEqual({ status: 'ready', database: 'ok', migrations: 'ok' });
  });

  it('answers unknown API paths with problem+json', async () => {
    const res = await t.app.inject({ url: '/api/nothing-here' });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json()).toMatchObject({ status: 404, code: 'not_found', instance: '/api/nothing-here' });
  });

  it('serves the OpenAPI document', async () => {
    const res = await t.app.inject({ url: '/api/openapi.json' });
    expect(res.json().openapi).toBe('3.0.3');
    expect(Object.keys(res.json().paths)).toContain('/health');
  });

  it('exposes Prometheus metrics with request counts', async () => {
    await t.app.inject({ url: '/health' });
    const res = await t.app.inject({ url: '/metrics' });
    expect(res.body).toMatch(/http_requests_total\{method="GET",route="\/health",status="200"\} \d+/);
  });
});

describe('/ready with a hung PostgreSQL', () => {
  const sockets = new Set<Socket>();
  let hung: Server;
  let app: FastifyInstance;
  let db: Db;
  beforeAll(async () => {
    // Accepts connections and never answers, like a database whose host froze.
    hung = createServer((socket) => {
      sockets.add(socket);
      socket.on('error', () => undefined);
    }).listen(0, '127.0.0.1');
    await once(hung, 'listening');
    const url = `postgres://root@127.0.0.1:${(hung.address() as AddressInfo).port}/test`;
    const config = loadConfig(testEnv({ DATABASE_URL: url, READY_TIMEOUT_MS: '500' }));
    db = postgresDb(url, 2, config.database);
    const now = () => new Date();
    app = await buildApp({ config, db, jobs: createQueue({ config, db, now }, []), now });
    await app.ready();
  });
  afterAll(async () => {
    await app?.close();
    for (const s of sockets) s.destroy();
    hung?.close();
    await db?.close();
  });

  it('answers 503 at its deadline instead of hanging', async () => {
    const res = await app.inject({ url: '/ready' });
    expect(res.statusCode).toBe(503);
    expect(res.json()).toEqual({ status: 'not_ready', database: 'timeout', migrations: 'unknown' });
    expect(sockets.size).toBeGreaterThan(0); // it did reach the hung server
  });
});

describe('/metrics', () => {
  const production = { NODE_ENV: 'production', MAIL_TRANSPORT: 'file' };

  it('does not exist in production without METRICS_TOKEN', async () => {
    const app = await buildTestApp({ env: production, db: t.db });
    try {
      const res = await app.app.inject({ url: '/metrics' });
      expect(res.statusCode).toBe(404);
      expect(res.body).not.toContain('http_requests_total');
    } finally {
      await app.close();
    }
  });

  it('requires the token when one is set', async () => {
    const token = 'metrics-token-0123456789';
    const app = await buildTestApp({ env: { ...production, METRICS_TOKEN: token }, db: t.db });
    try {
      const without = await app.app.inject({ url: '/metrics' });
      expect(without.statusCode).toBe(401);
      expect(without.body).not.toContain('http_requests_total');
      const wrong = await app.app.inject({ url: '/metrics', headers: { authorization: `Bearer ${token}x` } });
      expect(wrong.statusCode).toBe(401);
      const right = await app.app.inject({ url: '/metrics', headers: { authorization: `Bearer ${token}` } });
      expect(right.statusCode).toBe(200);
      expect(right.body).toContain('http_requests_total');
    } finally {
      await app.close();
    }
  });
});
