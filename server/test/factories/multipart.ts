import type { TestApp } from '../app.js';
import type { Browserish } from './report-form.js';

export interface FilePart {
  field: string;
  data: Buffer;
  name: string;
  /** The type the browser claims (default application/pdf); the server checks the content anyway. */
  type?: string;
}

/** POSTs a form as multipart/form-data, as a browser does: the session's cookies and CSRF token, fields, files. */
export async function postMultipart(
  t: TestApp,
  session: Browserish,
  url: string,
  fields: Record<string, string | string[]>,
  files: FilePart[] = [],
) {
  const form = new FormData();
  form.append('_csrf', session.csrf);
  for (const [k, v] of Object.entries(fields)) for (const x of ([] as string[]).concat(v)) form.append(k, x);
  for (const f of files) {
    form.append(f.field, new Blob([new Uint8Array(f.data)], { type: f.type ?? 'application/pdf' }), f.name);
  }
  const request = new Request('http://local/', { method: 'POST', body: form });
  return t.app.inject({
    method: 'POST',
    url,
    payload: Buffer.from(await request.arrayBuffer()),
    headers: { cookie: session.cookie, 'content-type': request.headers.get('content-type') ?? '', accept: 'text/html' },
  });
}
