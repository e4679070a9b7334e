import { expect } from 'vitest';
import type { TestApp } from '../app.js';
import { mergeCookies } from './users.js';

// The citizen report form (/melden) as a browser without JavaScript uses it: open it, post its multipart steps.

export interface Browserish {
  cookie: string;
  csrf: string;
}

export type Fields = Record<string, string | string[]>;

/** Opens the form as a browser would: its CSRF cookie and token. */
export async function openForm(t: TestApp, url = '/melden'): Promise<Browserish & { body: string }> {
  const res = await t.app.inject({ url, headers: { accept: 'text/html' } });
  expect(res.statusCode).toBe(200);
  const csrf = /name="_csrf" value="([^"]+)"/.exec(res.body)?.[1];
  if (!csrf) throw new Error('form without CSRF token');
  return { cookie: mergeCookies('', res.cookies), csrf, body: res.body };
}

/** POSTs the form as multipart/form-data (like the browser does), with photos as file parts. */
export async function postForm(
  t: TestApp,
  session: Browserish,
  url: string,
  fields: Fields,
  photos: { data: Buffer; name: string; type?: string }[] = [],
) {
  const form = new FormData();
  if (!('_csrf' in fields)) form.append('_csrf', session.csrf);
  for (const [name, value] of Object.entries(fields)) {
    for (const v of ([] as string[]).concat(value)) form.append(name, v);
  }
  for (const p of photos)
    form.append('photos', new Blob([new Uint8Array(p.data)], { type: p.type ?? 'image/jpeg' }), p.name);
  if (photos.length === 0) form.append('photos', new Blob([], { type: 'application/octet-stream' }), '');
  const request = new Request('http://local/', { method: 'POST', body: form });
  const payload = Buffer.from(await request.arrayBuffer());
  return t.app.inject({
    method: 'POST',
    url,
    payload,
    headers: {
      cookie: session.cookie,
      'content-type': request.headers.get('content-type') ?? '',
      accept: 'text/html',
    },
  });
}
