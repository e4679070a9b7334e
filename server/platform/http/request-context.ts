import { fastifyCookie } from '@fastify/cookie';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../config.js';
import { type I18n, i18nFor, type Language, negotiateLanguage } from '../i18n.js';
import './types.js';

declare module 'fastify' {
  interface FastifyInstance {
    applyRequestContext: RequestContextApplier;
  }
}

const year = 365 * 24 * 3600;

function cookieValue(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq !== -1 && part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return undefined;
}

export type RequestContextApplier = (request: FastifyRequest, reply: FastifyReply) => void;

/**
 * Language, translator and municipality for a request; remembers ?lang= in a cookie. Page scopes run it as a hook
 * (`useRequestContext`); anything else that renders HTML (the not-found page) calls `ensureRequestContext`.
 */
export function registerRequestContext(app: FastifyInstance, config: Config): RequestContextApplier {
  const m = config.municipality;
  // One translator per language for the process: they hold no request state.
  const translators = new Map<string, I18n>(m.languages.map((l) => [l, i18nFor(l as Language, m.timeZone)]));
  const apply: RequestContextApplier = (request, reply) => {
    const query = (request.query ?? {}) as Record<string, string | undefined>;
    const cookie = request.cookies?.lang ?? cookieValue(request.headers.cookie, 'lang');
    const lang = negotiateLanguage(
      m.languages as Language[],
      m.defaultLanguage as Language,
      query.lang,
      cookie,
      request.headers['accept-language'],
    );
    if (query.lang === lang && cookie !== lang) {
      // Outside the page scope (a 404) the cookie plugin is not loaded; the header is then written directly.
      const options = { path: '/', maxAge: year, sameSite: 'lax', httpOnly: true } as const;
      if (reply.setCookie) reply.setCookie('lang', lang, options);
      else reply.header('set-cookie', fastifyCookie.serialize('lang', lang, options));
    }
    request.municipality = m;
    request.i18n = translators.get(lang) ?? i18nFor(lang, m.timeZone);
    request.demoMode = config.demoData;
    reply.header('content-language', lang);
    reply.header('vary', 'Accept-Language, Cookie');
  };
  app.decorateRequest('municipality', null as never);
  app.decorateRequest('i18n', null as never);
  app.decorateRequest('demoMode', false);
  app.decorate('applyRequestContext', apply);
  return apply;
}

/** Registers the context hook on a scope of HTML pages. */
export function useRequestContext(scope: FastifyInstance, apply: RequestContextApplier): void {
  scope.addHook('onRequest', (request, reply, done) => {
    apply(request, reply);
    done();
  });
}

/** For requests that reach HTML rendering outside a page scope (a 404): applies the context once. */
export function ensureRequestContext(request: FastifyRequest, reply: FastifyReply): void {
  if (!request.i18n) request.server.applyRequestContext(request, reply);
}
