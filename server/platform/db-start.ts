import type { Logger } from 'pino';
import { type Db, type DbConfig, openDb } from './db.js';

/** The database could not be opened at start; the reason is already logged. */
export class DatabaseUnavailableError extends Error {}

/** Socket errors and PostgreSQL's "starting up" / "too many connections": worth another try. */
const transientCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EPIPE',
  '57P03', // cannot_connect_now: the server is starting or shutting down
  '53300', // too_many_connections
]);

/** What the log says about a failed attempt: a code and one line, never a stack. */
function reasonOf(err: unknown): { code: string; reason: string } {
  const e = err as { code?: unknown; message?: unknown; errors?: unknown[] };
  // Node reports a refused dual-stack connect as an AggregateError; its parts carry the codes.
  const first = Array.isArray(e.errors) ? (e.errors[0] as typeof e | undefined) : undefined;
  const code = String(e.code ?? first?.code ?? (/timeout/i.test(String(e.message)) ? 'ETIMEDOUT' : 'unknown'));
  const reason =
    String(e.message || first?.message || err)
      .split('\n')[0]
      ?.slice(0, 300) ?? '';
  return { code, reason };
}

/**
 * Opens the database for a starting server. An unreachable PostgreSQL is retried with exponential backoff
 * (0.5 s, doubling, at most 10 s apart) and one structured warning per attempt, until
 * `database.startTimeoutSeconds` have passed; then one error line, and DatabaseUnavailableError. A refusal that
 * retrying cannot fix (wrong password, unknown database) ends the start at once. PGlite opens directly.
 */
export async function openDbAtStart(config: DbConfig, log: Logger): Promise<Db> {
  const giveUpAt = Date.now() + config.database.startTimeoutSeconds * 1000;
  for (let attempt = 1; ; attempt++) {
    try {
      const db = await openDb(config);
      if (attempt > 1) log.info({ attempt }, 'database reachable');
      return db;
    } catch (err) {
      if (!config.databaseUrl) throw err;
      const { code, reason } = reasonOf(err);
      if (!transientCodes.has(code)) {
        log.error({ attempt, code, reason }, 'database refused the connection; not retrying');
        throw new DatabaseUnavailableError(reason);
      }
      const retryInMs = Math.min(10_000, 500 * 2 ** (attempt - 1));
      if (Date.now() + retryInMs > giveUpAt) {
        const seconds = config.database.startTimeoutSeconds;
        log.error({ attempts: attempt, seconds, code, reason }, `database unreachable after ${seconds} s; giving up`);
        throw new DatabaseUnavailableError(reason);
      }
      log.warn({ attempt, retryInMs, code, reason }, 'database not reachable; retrying');
      await new Promise((resolve) => setTimeout(resolve, retryInMs));
    }
  }
}
