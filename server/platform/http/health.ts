import { Type as T } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { Db } from '../db.js';
import { isMigrated } from '../migrate.js';

const statusSchema = T.Object({
  status: T.String(),
  database: T.Optional(T.String()),
  migrations: T.Optional(T.String()),
});

/** /health answers while the process lives; /ready only when the database answers and is migrated. */
export function registerHealth(app: FastifyInstance, db: Db): void {
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
      let database = 'ok';
      let migrations = 'ok';
      try {
        await db.query('SELECT 1');
        if (!(await isMigrated(db))) migrations = 'pending';
      } catch {
        database = 'unreachable';
        migrations = 'unknown';
      }
      const ready = database === 'ok' && migrations === 'ok';
      return reply.status(ready ? 200 : 503).send({ status: ready ? 'ready' : 'not_ready', database, migrations });
    },
  );
}
