import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { toAppError } from '../../platform/errors.js';
import type { I18n } from '../../platform/i18n.js';
import { Open311Error, type Open311Problem, type Open311Status } from './errors.js';
import { rawParams, single } from './params.js';
import { xmlDocument } from './xml.js';

export type Format = 'json' | 'xml';
export const formats: readonly string[] = ['json', 'xml'];
/** True for the extensions this endpoint answers. */
export const isFormat = (f: string): f is Format => formats.includes(f);
const contentTypes: Record<Format, string> = {
  json: 'application/json; charset=utf-8',
  xml: 'text/xml; charset=utf-8',
};

/** The format a request asked for by its extension; XML (the required format) when there is none. */
export function formatOf(request: FastifyRequest): Format {
  const given = single(rawParams(request.params), 'format');
  if (given && isFormat(given)) return given;
  const ext = /\.(json|xml)$/.exec(request.url.split('?')[0] ?? '')?.[1];
  return ext && isFormat(ext) ? ext : 'xml';
}

export function send(reply: FastifyReply, format: Format, root: string, body: unknown, status = 200): FastifyReply {
  return reply
    .status(status)
    .type(contentTypes[format])
    .send(format === 'json' ? JSON.stringify(body) : xmlDocument(root, body));
}

export const unknownFormat = (format: string) =>
  new Open311Error(404, [{ key: 'formatUnknown', param: 'format', params: { value: format } }]);

/** Platform errors with a message of ours in every language. */
const knownErrors: Partial<Record<string, string>> = {
  rate_limited: 'rateLimited',
  payload_too_large: 'tooLarge',
  unsupported_media_type: 'formRequired',
};

const statusOf = (status: number): Open311Status => {
  if (status === 401 || status === 403) return 403;
  if (status === 404 || status === 413 || status === 429 || status === 503) return status;
  return status >= 500 ? 500 : 400;
};

function describe(i18n: I18n, p: Open311Problem): string {
  const text = p.text ?? i18n.t(`open311.errors.${p.key}`, p.params ?? {});
  return p.param ? `${p.param}: ${text}` : text;
}

/**
 * GeoReport errors for everything that goes wrong in the scope, in the request's format and language: the
 * specification's list of {code, description}; 5xx never show internals.
 */
export function installErrorHandlers(app: FastifyInstance, i18nOf: (request: FastifyRequest) => I18n): void {
  app.setErrorHandler((error, request, reply) => {
    const i18n = i18nOf(request);
    let status: Open311Status;
    let problems: Open311Problem[];
    if (error instanceof Open311Error) {
      status = error.status;
      problems = error.problems;
    } else {
      const err = toAppError(error);
      status = statusOf(err.status);
      if (err.status >= 500) request.server.logger.error({ reqId: request.id, err: error }, 'open311 request failed');
      const details = Object.entries(err.details ?? {});
      const known = knownErrors[err.code];
      problems =
        status >= 500
          ? [{ key: 'internal' }]
          : known
            ? [{ key: known }]
            : details.length > 0
              ? details.map(([field, message]) => ({ key: 'requestInvalid', text: message, param: field }))
              : [{ key: 'requestInvalid', text: err.message }];
      const headers = (error as { headers?: Record<string, string> } | undefined)?.headers;
      if (headers) reply.headers(headers);
    }
    const body = problems.map((p) => ({ code: status, description: describe(i18n, p) }));
    return send(reply.header('content-language', i18n.lang), formatOf(request), 'errors', body, status);
  });
  app.setNotFoundHandler((request, reply) => {
    const i18n = i18nOf(request);
    const body = [{ code: 404, description: i18n.t('open311.errors.pathUnknown') }];
    return send(reply, formatOf(request), 'errors', body, 404);
  });
}
