import { AppError, type FieldErrors } from '../../platform/errors.js';

/** A form body as @fastify/formbody parses it: repeated fields become arrays. */
export type FormBody = Record<string, string | string[] | undefined>;

export function asForm(body: unknown): FormBody {
  return body && typeof body === 'object' ? (body as FormBody) : {};
}

/** One text field, trimmed unless `raw` (passwords keep their spaces). */
export function text(body: FormBody, name: string, raw = false): string {
  const v = body[name];
  const s = Array.isArray(v) ? (v[0] ?? '') : (v ?? '');
  return raw ? s : s.trim();
}

/** A field that may repeat (checkboxes), as a list. */
export function list(body: FormBody, name: string): string[] {
  const v = body[name];
  if (v === undefined) return [];
  return (Array.isArray(v) ? v : [v]).map((s) => s.trim()).filter(Boolean);
}

export type Outcome<T> = { ok: true; value: T } | { ok: false; errors: FieldErrors; status: number };

/**
 * Runs a use case for a form: field errors (validation, conflicts) come back to re-render the form beside the fields;
 * every other error goes on to the one error handler.
 */
export async function submit<T>(run: () => Promise<T>): Promise<Outcome<T>> {
  try {
    return { ok: true, value: await run() };
  } catch (err) {
    if (err instanceof AppError && err.details && Object.keys(err.details).length > 0) {
      return { ok: false, errors: err.details, status: err.status };
    }
    throw err;
  }
}

/** A `?next=` target only if it is a path on this site (no scheme, host or protocol-relative `//`). */
export function localPath(next: string | undefined, fallback = '/admin'): string {
  if (!next?.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return fallback;
  // Control characters and backslashes are how redirects get smuggled to other hosts.
  if ([...next].some((c) => c.charCodeAt(0) < 0x20 || c === '\\')) return fallback;
  try {
    const url = new URL(next, 'http://local.invalid');
    if (url.origin !== 'http://local.invalid') return fallback;
    return `${url.pathname}${url.search}`;
  } catch {
    return fallback;
  }
}
