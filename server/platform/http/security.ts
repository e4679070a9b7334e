import compress from '@fastify/compress';
import cookie from '@fastify/cookie';
import csrf from '@fastify/csrf-protection';
import formbody from '@fastify/formbody';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import helmet from 'helmet';
import type { Config } from '../config.js';
import { AppError } from '../errors.js';

const unsafe = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** Machine APIs authenticate by key or accept JSON only (no cross-site form can send it); forms need a token. */
const csrfExempt = (url: string) => url.startsWith('/api/') || url.startsWith('/open311/');

/** Runs helmet once against a stand-in response and keeps the headers it sets. */
function securityHeaders(options: Parameters<typeof helmet>[0]): Record<string, string> {
  const headers: Record<string, string> = {};
  const res = {
    setHeader: (name: string, value: string | number) => {
      headers[name.toLowerCase()] = String(value);
    },
    removeHeader: (name: string) => {
      delete headers[name.toLowerCase()];
    },
  };
  helmet(options)({} as never, res as never, (err?: unknown) => {
    if (err) throw err;
  });
  return headers;
}

/** Cookies, CSRF on every state-changing form, security headers, compression, rate limiting. */
export async function registerSecurity(app: FastifyInstance, config: Config): Promise<void> {
  const https = config.publicUrl.startsWith('https://');
  const tileOrigin = config.municipality.map.tileUrl
    ? new URL(config.municipality.map.tileUrl.replace(/[{}]/g, '')).origin
    : undefined;
  await app.register(compress, { global: true, threshold: 512, encodings: ['br', 'gzip'] });
  const headers = securityHeaders({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:', 'blob:', ...(tileOrigin ? [tileOrigin] : [])],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        manifestSrc: ["'self'"],
        workerSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        ...(https ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    strictTransportSecurity: https ? { maxAge: 31536000, includeSubDomains: true } : false,
    referrerPolicy: { policy: 'same-origin' },
    frameguard: { action: 'deny' },
    crossOriginEmbedderPolicy: false,
  });
  // helmet builds the headers; they never change, so they are computed once instead of on every request.
  app.addHook('onRequest', (_request, reply, done) => {
    reply.headers(headers);
    done();
  });
  await app.register(cookie, { secret: config.sessionSecret });
  await app.register(formbody, { bodyLimit: config.bodyLimitBytes });
  await app.register(csrf, {
    sessionPlugin: '@fastify/cookie',
    cookieKey: 'bs_csrf',
    cookieOpts: { signed: true, httpOnly: true, sameSite: 'lax', secure: https, path: '/' },
    getToken: (req) =>
      (req.body as Record<string, string> | undefined)?._csrf ?? (req.headers['x-csrf-token'] as string),
  });
  app.addHook('preHandler', (request, reply, done) => {
    if (!unsafe.has(request.method)) return done();
    if (!csrfExempt(request.url)) return app.csrfProtection(request, reply, done);
    // A cookie-authenticated API write must be JSON: a cross-site form cannot send that without a CORS preflight,
    // and no CORS is allowed. Key-authenticated clients (Open311) send no session cookie.
    const type = request.headers['content-type']?.split(';')[0]?.trim();
    if (request.cookies.bs_session && type && type !== 'application/json') {
      return done(new AppError('unsupported_media_type', 'Requests signed in by cookie must send application/json'));
    }
    done();
  });
  await app.register(rateLimit, { global: false, max: config.rateLimit.apiPerMinute, timeWindow: '1 minute' });
}
