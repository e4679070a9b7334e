import { type Logger, pino } from 'pino';
import type { Config } from './config.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** The application logger (structured JSON, no personal data); also used when request logging is off. */
    logger: Logger;
  }
}

/** The one pino logger: query strings and cookies never reach the log, as they can carry terms and tokens. */
export function createLogger(config: Pick<Config, 'logLevel'>): Logger {
  return pino({
    level: config.logLevel,
    redact: { paths: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]'], remove: true },
    serializers: {
      req: (req: { method: string; url: string; id: string }) => ({
        method: req.method,
        // Capability URLs (the reporter's status link) are secrets too.
        url: (req.url.split('?')[0] ?? '').replace(/\/(status|unsubscribe|abbestellen)\/[^/]+/, '/$1/[token]'),
        id: req.id,
      }),
    },
  });
}
