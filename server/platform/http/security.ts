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

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * Why this form post carries no CSRF token and needs none: set only where the post is authenticated otherwise
     * (a SAML response: the IdP's signature and a request ID we issued, posted cross-site so no cookie comes along).
     */
    csrfExempt?: string;
  }
  interface FastifyInstance {
    /** Headers every HTML document carries on top of the base ones (page scopes and HTML error pages). */
    documentHeaders: Record<string, string>;
  }
}

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

function cspDirectives(https: boolean) {
  // Map tiles come from our own origin (/tiles/…, fetched upstream by the server), so images need no other source.
  return {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'"],
    imgSrc: ["'self'", 'data:', 'blob:'],
    // font-, connect-, manifest- and worker-src fall back to default-src 'self': not repeated, as every document
    // carries this header uncompressed.
    objectSrc: ["'none'"],
    baseUri: ["'self'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
    ...(https ? { upgradeInsecureRequests: [] } : {}),
  };
}

/** Adds fixed headers to every response of this scope; computed once, not per request. */
function addFixedHeaders(app: FastifyInstance, headers: Record<string, string>): void {
  app.addHook('onRequest', (_request, reply, done) => {
    reply.headers(headers);
    done();
  });
}

/**
 * Every response: the headers that matter for any content type (no sniffing, no document use, no framing,
 * same-origin resources, HSTS over https), and the rate-limit plugin that routes opt into.
 */
export async function registerBaseSecurity(app: FastifyInstance, config: Config): Promise<void> {
  const https = config.publicUrl.startsWith('https://');
  if (config.trustProxy === true) {
    // Refused in production by the config; allowed elsewhere for a quick local setup behind a proxy.
    app.logger.warn(
      'TRUST_PROXY=true trusts every X-Forwarded-For hop: clients can choose their own address and escape the ' +
        'per-IP limits; set the number of proxies (e.g. 1) or their addresses instead',
    );
  }
  addFixedHeaders(
    app,
    securityHeaders({
      // Nothing but pages is ever a document: a CSP that forbids everything (and framing) covers JSON and files;
      // page scopes replace it with their own policy and add the document headers.
      contentSecurityPolicy: { useDefaults: false, directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } },
      crossOriginOpenerPolicy: false,
      crossOriginEmbedderPolicy: false,
      originAgentCluster: false,
      referrerPolicy: false,
      frameguard: false,
      xDnsPrefetchControl: false,
      xDownloadOptions: false,
      xPermittedCrossDomainPolicies: false,
      xXssProtection: false,
      strictTransportSecurity: https ? { maxAge: 31536000, includeSubDomains: true } : false,
    }),
  );
  app.decorate('documentHeaders', documentHeaders(config));
  await app.register(rateLimit, { global: false, max: config.rateLimit.apiPerMinute, timeWindow: '1 minute' });
}

/** The headers an HTML document adds to the base ones: its CSP (no inline script or style), COOP, framing, … */
function documentHeaders(config: Config): Record<string, string> {
  const https = config.publicUrl.startsWith('https://');
  return securityHeaders({
    contentSecurityPolicy: { useDefaults: false, directives: cspDirectives(https) },
    // Headers only old Internet Explorer and Flash read: bytes on every page for nobody.
    xDownloadOptions: false,
    xPermittedCrossDomainPolicies: false,
    xXssProtection: false,
    strictTransportSecurity: false,
    referrerPolicy: { policy: 'same-origin' },
    frameguard: { action: 'deny' },
    xContentTypeOptions: false,
    crossOriginResourcePolicy: false,
    crossOriginEmbedderPolicy: false,
  });
}

/** The cookie holding the CSRF secret of page forms (a form post without it cannot pass the check). */
export const csrfCookieName = 'bs_csrf';

/** HTML pages: the full helmet set with a strict CSP, compression, cookies, form bodies, CSRF on every form. */
export async function registerPageSecurity(app: FastifyInstance, config: Config): Promise<void> {
  const https = config.publicUrl.startsWith('https://');
  // The base headers are already set; these add the document ones (CSP, COOP, …).
  addFixedHeaders(app, app.documentHeaders);
  await registerCompression(app);
  await app.register(cookie, { secret: config.sessionSecret });
  await app.register(formbody, { bodyLimit: config.bodyLimitBytes });
  await app.register(csrf, {
    sessionPlugin: '@fastify/cookie',
    cookieKey: csrfCookieName,
    cookieOpts: { signed: true, httpOnly: true, sameSite: 'lax', secure: https, path: '/' },
    getToken: (req) =>
      (req.body as Record<string, string> | undefined)?._csrf ?? (req.headers['x-csrf-token'] as string),
  });
  // A POST without any body is an empty form: its answer is the CSRF check's 403, not a schema error.
  app.addHook('preValidation', (request, _reply, done) => {
    if (request.body === undefined && unsafe.has(request.method)) request.body = {};
    done();
  });
  app.addHook('preHandler', (request, reply, done) => {
    if (!unsafe.has(request.method) || request.routeOptions.config.csrfExempt) return done();
    app.csrfProtection(request, reply, done);
  });
}

/**
 * Machine APIs (JSON): no cookies are parsed, no language negotiated, nothing but JSON is rendered, so they skip
 * the page pipeline. Their answers are small; an API with large answers registers `registerCompression` in a
 * scope of its own.
 */
export async function registerApiSecurity(app: FastifyInstance): Promise<void> {
  app.addHook('preHandler', (request, _reply, done) => {
    if (!unsafe.has(request.method)) return done();
    // A cookie-authenticated API write must be JSON: a cross-site form cannot send that without a CORS preflight,
    // and no CORS is allowed. Key-authenticated clients (Open311) send no session cookie.
    const type = request.headers['content-type']?.split(';')[0]?.trim();
    if (request.headers.cookie?.includes('bs_session=') && type && type !== 'application/json') {
      return done(new AppError('unsupported_media_type', 'Requests signed in by cookie must send application/json'));
    }
    done();
  });
}

/** Brotli or gzip for answers above 512 bytes when the client accepts it. */
export async function registerCompression(app: FastifyInstance): Promise<void> {
  await app.register(compress, { global: true, threshold: 512, encodings: ['br', 'gzip'] });
}
