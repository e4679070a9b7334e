import type { FastifyRequest } from 'fastify';
import type { Municipality } from '../config-municipality.js';
import type { App } from '../deps.js';
import { toAppError, translateFieldErrors } from '../errors.js';
import { i18nFor, type Language, negotiateLanguage } from '../i18n.js';

/** The language a JSON body asks for (`language`), else the one `Accept-Language` asks for, else the default. */
export function bodyLanguage(m: Municipality, asked: unknown, request: FastifyRequest): Language {
  return negotiateLanguage(
    m.languages,
    m.defaultLanguage,
    typeof asked === 'string' ? asked : undefined,
    undefined,
    request.headers['accept-language'],
  );
}

/**
 * For a JSON scope whose bodies may name a `language` (the push opt-ins): field errors come back as sentences in that
 * language, else in the one `Accept-Language` asks for; `prefix` is the catalogue section of the field messages.
 */
export function translateErrorsByBodyLanguage(scope: App, m: Municipality, prefix: string): void {
  scope.setErrorHandler((error, request) => {
    const body: unknown = request.body;
    const asked = body && typeof body === 'object' ? Reflect.get(body, 'language') : undefined;
    const lang = bodyLanguage(m, asked, request);
    throw translateFieldErrors(toAppError(error), i18nFor(lang, m.timeZone).t, prefix);
  });
}
