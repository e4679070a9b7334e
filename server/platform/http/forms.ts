import { AppError, type ErrorCode, type FieldErrors } from '../errors.js';

/** A form body as @fastify/formbody parses it: repeated fields become arrays. */
export type FormBody = Record<string, string | string[] | undefined>;

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

export type Outcome<T> = { ok: true; value: T } | { ok: false; errors: FieldErrors; status: number; code: ErrorCode };

/**
 * The one way a page turns an error into form messages: runs a use case for a form; field errors (validation,
 * conflicts) come back to re-render the form beside the fields; every other error goes on to the one error handler.
 */
export async function submit<T>(run: () => Promise<T>): Promise<Outcome<T>> {
  try {
    return { ok: true, value: await run() };
  } catch (err) {
    if (err instanceof AppError && err.details && Object.keys(err.details).length > 0) {
      return { ok: false, errors: err.details, status: err.status, code: err.code };
    }
    throw err;
  }
}
