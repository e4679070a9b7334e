// Pure rules: what a push service's answer means for a message (RFC 8030 §5, §8.4 and RFC 9110 Retry-After).

export type Verdict =
  | { kind: 'sent' }
  | { kind: 'gone'; reason: string }
  | { kind: 'failed'; reason: string }
  | { kind: 'retry'; reason: string; at: Date };

const baseDelayMs = 30_000;
const maxDelayMs = 6 * 60 * 60_000;

/** Exponential backoff after the n-th failed attempt (1-based): 30 s, 60 s, 120 s, … at most 6 h. */
export function backoffMs(attempt: number): number {
  return Math.min(maxDelayMs, baseDelayMs * 2 ** Math.max(0, attempt - 1));
}

/** Retry-After as delay in ms from `now`: delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | undefined, now: Date): number | undefined {
  if (!value) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Math.min(Number(text), 7 * 24 * 3600) * 1000;
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now.getTime());
}

/**
 * The verdict on an answer to attempt `attempt` of `maxAttempts`: 2xx sent; 404/410 gone (delete the
 * subscription); 429, 5xx and 408 retried after max(backoff, Retry-After) until attempts run out; other answers
 * (400, 401, 403, 413, …) fail permanently. `status` 0 is a network error or timeout (retried).
 */
export function judgeAnswer(
  answer: { status: number; retryAfter?: string | undefined; error?: string },
  attempt: number,
  maxAttempts: number,
  now: Date,
): Verdict {
  const { status } = answer;
  if (status >= 200 && status < 300) return { kind: 'sent' };
  if (status === 404 || status === 410) return { kind: 'gone', reason: `HTTP ${status}` };
  const reason = status === 0 ? (answer.error ?? 'network error') : `HTTP ${status}`;
  const transient = status === 0 || status === 408 || status === 429 || status >= 500;
  if (!transient) return { kind: 'failed', reason };
  if (attempt >= maxAttempts) return { kind: 'failed', reason: `${reason} (attempts exhausted)` };
  const wait = Math.max(backoffMs(attempt), parseRetryAfter(answer.retryAfter, now) ?? 0);
  return { kind: 'retry', reason, at: new Date(now.getTime() + wait) };
}

/** A token bucket per origin: `rate` requests per second with a burst of one second's worth. */
export class TokenBucket {
  private tokens: number;
  private last: number;
  constructor(
    private readonly rate: number,
    private readonly clock: () => number = () => performance.now(),
  ) {
    this.tokens = rate;
    this.last = clock();
  }

  /** Takes a token; returns 0, or the ms to wait before one is available (nothing is taken then). */
  take(): number {
    const t = this.clock();
    this.tokens = Math.min(this.rate, this.tokens + ((t - this.last) * this.rate) / 1000);
    this.last = t;
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return 0;
    }
    return Math.ceil(((1 - this.tokens) * 1000) / this.rate);
  }
}
