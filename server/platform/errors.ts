import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { type ErrorCode, errorStatus, type FieldErrors, type Problem, problemType } from '../../shared/errors.js';

export type { ErrorCode, FieldErrors };

/** The one application error. Services throw it; the error handler turns it into a response. */
export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: FieldErrors,
  ) {
    super(message);
    this.status = errorStatus[code];
  }
}

export const notFound = (what: string) => new AppError('not_found', `${what} not found`);
export const forbidden = (message = 'You may not do this') => new AppError('forbidden', message);

/** Turns ajv validation errors (Fastify schema validation) into field → message. */
function fieldsFromValidation(err: FastifyError): FieldErrors {
  const out: FieldErrors = {};
  for (const v of err.validation ?? []) {
    const params = v.params as Record<string, unknown>;
    let field = v.instancePath.replace(/^\//, '').replaceAll('/', '.');
    if (params.missingProperty) field = field ? `${field}.${params.missingProperty}` : String(params.missingProperty);
    if (params.additionalProperty) {
      field = field ? `${field}.${params.additionalProperty}` : String(params.additionalProperty);
      out[field] = 'unknown field';
      continue;
    }
    out[field || String(err.validationContext ?? 'body')] = v.message ?? 'invalid';
  }
  return out;
}

/** Maps any thrown error to an AppError; unknown errors become `internal` without internals. */
export function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  const e = err as FastifyError & { statusCode?: number };
  if (e.validation) return new AppError('validation_failed', 'The request has invalid fields', fieldsFromValidation(e));
  switch (e.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new AppError('invalid_json', 'The request body is not valid JSON');
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
    case 'FST_REQ_FILE_TOO_LARGE':
    case 'FST_FILES_LIMIT':
    case 'FST_FIELDS_LIMIT':
    case 'FST_PARTS_LIMIT':
      return new AppError('payload_too_large', 'The request body is too large');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new AppError('unsupported_media_type', 'This content type is not accepted here');
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return new AppError('uri_too_long', 'A part of the URL is too long');
    case 'FST_ERR_BAD_URL':
      return new AppError('bad_request', 'The URL is not validly encoded');
    case 'FST_CSRF_INVALID_TOKEN':
    case 'FST_CSRF_MISSING_SECRET':
      return new AppError('csrf_invalid', 'The form has expired or was not sent from this site; please try again');
  }
  // Busboy's malformed-body errors are plain errors without a code or status (no boundary, truncated data).
  if (e.statusCode === undefined && /multipart/i.test(e.message ?? '')) {
    return new AppError('bad_request', 'The multipart body is malformed');
  }
  if (e.statusCode === 429) return new AppError('rate_limited', 'Too many requests; please wait a moment');
  if (e.statusCode === 404) return new AppError('not_found', 'Not found');
  if (e.statusCode === 405) return new AppError('method_not_allowed', 'Method not allowed');
  if (e.statusCode && e.statusCode >= 400 && e.statusCode < 500) return new AppError('bad_request', e.message);
  return new AppError('internal', 'An internal error occurred');
}

export function toProblem(err: AppError, instance?: string): Problem {
  const problem: Problem = {
    type: problemType(err.code),
    title: err.message,
    status: err.status,
    code: err.code,
  };
  if (instance) problem.instance = instance;
  if (err.details) problem.errors = Object.entries(err.details).map(([field, message]) => ({ field, message }));
  return problem;
}

export function sendProblem(reply: FastifyReply, err: AppError, request?: FastifyRequest): FastifyReply {
  return reply
    .status(err.status)
    .type('application/problem+json; charset=utf-8')
    .send(JSON.stringify(toProblem(err, request?.url.split('?')[0])));
}

/** Renders an HTML error page for page routes; registered by the views layer. */
export type HtmlErrorRenderer = (request: FastifyRequest, reply: FastifyReply, err: AppError) => FastifyReply;

/** True for requests that should get HTML (pages) rather than problem+json (APIs). */
export function wantsHtml(request: FastifyRequest): boolean {
  const url = request.url;
  if (url.startsWith('/api/') || url.startsWith('/open311/')) return false;
  const accept = request.headers.accept ?? '';
  return accept.includes('text/html') || request.headers['content-type']?.includes('form') === true;
}

/**
 * The one answer to any error: logged, then problem+json for APIs or the HTML error page for pages. The error
 * handler uses it, and so does Fastify's `frameworkErrors` option, for what the router refuses before any route
 * or hook runs (a path parameter over maxParamLength: 414; a URL with broken percent-encoding: 400).
 */
export function answerError(renderHtml: HtmlErrorRenderer) {
  return (error: unknown, request: FastifyRequest, reply: FastifyReply): FastifyReply => {
    const err = toAppError(error);
    const log = request.server.logger;
    if (err.status >= 500) log.error({ reqId: request.id, err: error }, 'request failed');
    else log.info({ reqId: request.id, code: err.code, status: err.status }, 'request rejected');
    if (error && typeof error === 'object' && 'headers' in error && (error as { headers?: object }).headers) {
      reply.headers((error as { headers: Record<string, string> }).headers);
    }
    return wantsHtml(request) ? renderHtml(request, reply, err) : sendProblem(reply, err, request);
  };
}

/** Installs the single error handler and the not-found handler. */
export function installErrorHandler(app: FastifyInstance, renderHtml: HtmlErrorRenderer): void {
  app.setErrorHandler(answerError(renderHtml));
  app.setNotFoundHandler((request, reply) => {
    const err = new AppError('not_found', 'Not found');
    return wantsHtml(request) ? renderHtml(request, reply, err) : sendProblem(reply, err, request);
  });
}

/**
 * An error whose field messages are message keys of one section (`prefix`, e.g. 'reports-core.'), translated for an
 * API client; other messages stay as they are. `title` replaces the message when given.
 */
export function translateFieldErrors(
  err: AppError,
  t: (key: string) => string,
  prefix: string,
  title: string = err.message,
): AppError {
  if (!err.details) return err;
  const details = Object.fromEntries(
    Object.entries(err.details).map(([field, message]) => [field, message.startsWith(prefix) ? t(message) : message]),
  );
  return new AppError(err.code, title, details);
}
