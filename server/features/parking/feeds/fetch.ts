// GETting a feed with a deadline and a size limit; every failure is a FeedFetchError with a short reason.

export class FeedFetchError extends Error {}

const maxBytes = 5 * 1024 * 1024;

/** The feed's body as text; throws FeedFetchError on timeouts, network errors, non-2xx and oversized bodies. */
export async function fetchFeedText(url: string, timeoutMs: number): Promise<string> {
  let res: Response;
  try {
    res = await fetch(url, {
      headers: { 'user-agent': 'Buergerservice-Parking/1.0', accept: '*/*' },
      redirect: 'follow',
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (err) {
    const name = (err as Error).name;
    if (name === 'TimeoutError' || name === 'AbortError') throw new FeedFetchError(`no answer within ${timeoutMs} ms`);
    const cause = (err as { cause?: { code?: string } }).cause;
    throw new FeedFetchError(`unreachable (${cause?.code ?? (err as Error).message})`);
  }
  if (!res.ok) {
    await res.body?.cancel();
    throw new FeedFetchError(`HTTP ${res.status}`);
  }
  if (Number(res.headers.get('content-length') ?? 0) > maxBytes) throw new FeedFetchError('too large');
  try {
    const text = await res.text();
    if (text.length > maxBytes) throw new FeedFetchError('too large');
    return text;
  } catch (err) {
    if (err instanceof FeedFetchError) throw err;
    throw new FeedFetchError(`body not read (${(err as Error).name})`);
  }
}
