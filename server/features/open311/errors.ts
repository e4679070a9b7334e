/**
 * GeoReport v2 errors: an HTTP status (404 for resources that do not exist, 403 for a missing or wrong api_key,
 * 400 for everything else a client can fix) and a list of `{code, description}`. Problems carry i18n keys; the
 * route translates them into the request's language.
 */
export interface Open311Problem {
  /** i18n key below `open311.errors.` */
  key: string;
  params?: Record<string, string | number>;
  /** A message that is already text (from another feature), used instead of the key's. */
  text?: string;
  /** The request parameter the problem is about, e.g. `attribute[plate]`; shown before the description. */
  param?: string;
}

export type Open311Status = 400 | 403 | 404 | 413 | 429 | 500 | 503;

export class Open311Error extends Error {
  constructor(
    readonly status: Open311Status,
    readonly problems: Open311Problem[],
  ) {
    super(problems.map((p) => p.param ?? p.key).join(', '));
  }
}

export const badRequest = (...problems: Open311Problem[]) => new Open311Error(400, problems);
export const notFound = (problem: Open311Problem) => new Open311Error(404, [problem]);
export const forbidden = (problem: Open311Problem) => new Open311Error(403, [problem]);
