// Fetching a feed or an image over HTTP with a deadline and a size limit; conditional GET for feeds.

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

/** GETs an image's bytes (at most `maxBytes`); throws FetchProblem. */
export async function fetchImage(url: string, limits: { timeoutMs: number; maxBytes: number }): Promise<Buffer> {
  const res = await get(url, { accept: 'image/*' }, limits.timeoutMs);
  if (!res.ok) throw new FetchProblem(`HTTP ${res.status}`);
  return readLimited(res, limits.maxBytes);
}
