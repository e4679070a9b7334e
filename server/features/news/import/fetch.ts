// Fetching a feed or an image over HTTP with a deadline and a size limit; conditional GET for feeds.

import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP } from 'node:net';
import { guardedLookup, isForbiddenAddress } from '../../../platform/push/endpoint-guard.js';

export class FetchProblem extends Error {}

export type FeedFetch =
  | { status: 'not_modified' }
  | { status: 'ok'; body: string; etag: string | null; lastModified: string | null };

/** Reads a response body up to `maxBytes`; throws FetchProblem beyond it. */
async function readLimited(res: Response, maxBytes: number): Promise<Buffer> {
  const declared = Number(res.headers.get('content-length') ?? 0);
  if (declared > maxBytes) throw new FetchProblem(`larger than ${maxBytes} bytes`);
  const chunks: Buffer[] = [];
  let size = 0;
  if (!res.body) return Buffer.alloc(0);
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    size += chunk.byteLength;
    if (size > maxBytes) throw new FetchProblem(`larger than ${maxBytes} bytes`);
    chunks.push(Buffer.from(chunk));
  }
  return Buffer.concat(chunks);
}

async function get(url: string, headers: Record<string, string>, timeoutMs: number): Promise<Response> {
  try {
    return await fetch(url, { headers, redirect: 'follow', signal: AbortSignal.timeout(timeoutMs) });
  } catch (err) {
    const name = (err as Error).name;
    if (name === 'TimeoutError' || name === 'AbortError') throw new FetchProblem(`no answer within ${timeoutMs} ms`);
    const cause = (err as { cause?: { code?: string; message?: string } }).cause;
    throw new FetchProblem(`unreachable (${cause?.code ?? cause?.message ?? (err as Error).message})`);
  }
}

/** GETs a feed with If-None-Match / If-Modified-Since; throws FetchProblem for every failure. */
export async function fetchFeed(
  url: string,
  validators: { etag: string | null; lastModified: string | null },
  limits: { timeoutMs: number; maxBytes: number },
): Promise<FeedFetch> {
  const headers: Record<string, string> = {
    accept: 'application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.1',
    'user-agent': 'Buergerservice-News-Import/1.0',
  };
  if (validators.etag) headers['if-none-match'] = validators.etag;
  if (validators.lastModified) headers['if-modified-since'] = validators.lastModified;
  const res = await get(url, headers, limits.timeoutMs);
  if (res.status === 304) return { status: 'not_modified' };
  if (!res.ok) throw new FetchProblem(`HTTP ${res.status}`);
  const body = (await readLimited(res, limits.maxBytes)).toString('utf8');
  return { status: 'ok', body, etag: res.headers.get('etag'), lastModified: res.headers.get('last-modified') };
}

/**
 * GETs an image's bytes (at most `maxBytes`); throws FetchProblem. Feed HTML may name any URL, so unless
 * `allowPrivate` is set every connection (redirects too) is refused when the host resolves to a loopback, private,
 * link-local or otherwise internal address; the check runs at connect time, so DNS rebinding is caught as well.
 */
export async function fetchImage(
  url: string,
  limits: { timeoutMs: number; maxBytes: number; allowPrivate: boolean },
): Promise<Buffer> {
  if (limits.allowPrivate) {
    const res = await get(url, { accept: 'image/*' }, limits.timeoutMs);
    if (!res.ok) throw new FetchProblem(`HTTP ${res.status}`);
    return readLimited(res, limits.maxBytes);
  }
  const deadline = Date.now() + limits.timeoutMs;
  let current = url;
  for (let hop = 0; hop <= maxRedirects; hop++) {
    const res = await guardedGet(current, Math.max(1, deadline - Date.now()), limits.maxBytes);
    if (res.location === undefined) return res.body;
    current = new URL(res.location, current).href;
  }
  throw new FetchProblem(`more than ${maxRedirects} redirects`);
}

const maxRedirects = 3;

function guardedGet(
  target: string,
  timeoutMs: number,
  maxBytes: number,
): Promise<{ body: Buffer; location?: undefined } | { location: string }> {
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    return Promise.reject(new FetchProblem('not a URL'));
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return Promise.reject(new FetchProblem('not http(s)'));
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  if (isIP(host) && isForbiddenAddress(host)) return Promise.reject(new FetchProblem('internal address refused'));
  const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { headers: { accept: 'image/*', 'user-agent': 'Buergerservice-News-Import/1.0' }, lookup: guardedLookup },
      (res) => {
        const status = res.statusCode ?? 0;
        if (status >= 300 && status < 400 && res.headers.location) {
          res.resume();
          resolve({ location: res.headers.location });
          return;
        }
        if (status < 200 || status >= 300) {
          res.resume();
          reject(new FetchProblem(`HTTP ${status}`));
          return;
        }
        if (Number(res.headers['content-length'] ?? 0) > maxBytes) {
          res.destroy();
          reject(new FetchProblem(`larger than ${maxBytes} bytes`));
          return;
        }
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.byteLength;
          if (size > maxBytes) {
            res.destroy();
            reject(new FetchProblem(`larger than ${maxBytes} bytes`));
          } else chunks.push(chunk);
        });
        res.on('end', () => resolve({ body: Buffer.concat(chunks) }));
        res.on('error', (err) => reject(new FetchProblem(err.message)));
      },
    );
    req.setTimeout(timeoutMs, () => req.destroy(new FetchProblem(`no answer within ${timeoutMs} ms`)));
    req.on('error', (err) =>
      reject(
        err instanceof FetchProblem
          ? err
          : new FetchProblem(`unreachable (${(err as NodeJS.ErrnoException).code ?? err.message})`),
      ),
    );
    req.end();
  });
}
