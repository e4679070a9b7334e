import { Type as T } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { Db } from '../db.js';
import { isMigrated } from '../migrate.js';

const statusSchema = T.Object({
  status: T.String(),
  database: T.Optional(T.String({ description: 'ok, unreachable, or timeout (no answer within READY_TIMEOUT_MS)' })),
  migrations: T.Optional(T.String()),
});

type Check = { database: 'ok' | 'unreachable' | 'timeout'; migrations: 'ok' | 'pending' | 'unknown' };

async function checkDatabase(db: Db): Promise<Check> {
  try {
    await db.query('SELECT 1');
    return { database: 'ok', migrations: (await isMigrated(db)) ? 'ok' : 'pending' };
  } catch {
    return { database: 'unreachable', migrations: 'unknown' };
  }
}

/** The check, or `timeout` once `ms` have passed (the check itself is bounded by the pool's own deadlines). */
async function checkWithin(db: Db, ms: number): Promise<Check> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<Check>((resolve) => {
    timer = setTimeout(() => resolve({ database: 'timeout', migrations: 'unknown' }), ms);
  });
  try {
    return await Promise.race([checkDatabase(db), deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * /health answers while the process lives; /ready only when the database answers and is migrated, and 503 when
 * it does not answer within `readyTimeoutMs` (a hung database must not hang the load balancer's probe).
 */
export function registerHealth(app: FastifyInstance, db: Db, readyTimeoutMs: number): void {
  app.get(
    '/health',
    { schema: { tags: ['operations'], summary: 'Liveness', response: { 200: statusSchema } } },
    async () => ({ status: 'ok' }),
  );
  app.get(
    '/ready',
    {
      schema: { tags: ['operations'], summary: 'Readiness', response: { 200: statusSchema, 503: statusSchema } },
    },
    async (_request, reply) => {
      const check = await checkWithin(db, readyTimeoutMs);
      const ready = check.database === 'ok' && check.migrations === 'ok';
      return reply.status(ready ? 200 : 503).send({ status: ready ? 'ready' : 'not_ready', ...check });
    },
  );
}
