import type { FastifyInstance } from 'fastify';
import type { Config } from '../config.js';
import { i18nFor, type Language, negotiateLanguage } from '../i18n.js';
import './types.js';

const year = 365 * 24 * 3600;

/** Attaches language, translator and municipality to every request; remembers ?lang= in a cookie. */
export function registerRequestContext(app: FastifyInstance, config: Config): void {
  const m = config.municipality;
  app.decorateRequest('municipality', null as never);
  app.decorateRequest('i18n', null as never);
  app.decorateRequest('demoMode', false);
  // One translator per language for the process: they hold no request state.
  const translators = new Map(m.languages.map((l) => [l, i18nFor(l as Language, m.timeZone)]));
  app.addHook('onRequest', (request, reply, done) => {
    const query = (request.query ?? {}) as Record<string, string | undefined>;
    const lang = negotiateLanguage(
      m.languages as Language[],
      m.defaultLanguage as Language,
      query.lang,
      request.cookies.lang,
      request.headers['accept-language'],
    );
    if (query.lang === lang && request.cookies.lang !== lang) {
      reply.setCookie('lang', lang, { path: '/', maxAge: year, sameSite: 'lax', httpOnly: true });
    }
    request.municipality = m;
    request.i18n = translators.get(lang) ?? i18nFor(lang, m.timeZone);
    request.demoMode = config.demoData;
    reply.header('content-language', lang);
    reply.header('vary', 'Accept-Language, Cookie');
    done();
  });
}
