import { describe, expect, it } from 'vitest';
import { backoffMs, judgeAnswer, parseRetryAfter, TokenBucket } from './outcome.js';

const now = new Date('2026-03-29T00:30:00Z');

describe('judging a push service answer', () => {
  it.each([
    [201, 'sent'],
    [202, 'sent'],
    [404, 'gone'],
    [410, 'gone'],
    [400, 'failed'],
    [403, 'failed'],
    [413, 'failed'],
    [429, 'retry'],
    [500, 'retry'],
    [503, 'retry'],
    [0, 'retry'],
  ])('HTTP %i → %s', (status, kind) => {
    expect(judgeAnswer({ status }, 1, 5, now).kind).toBe(kind);
  });

  it('retries after the longer of the backoff and Retry-After, and gives up after the last attempt', () => {
    expect(judgeAnswer({ status: 429, retryAfter: '5' }, 1, 5, now)).toMatchObject({
      at: new Date(now.getTime() + 30_000),
    });
    expect(judgeAnswer({ status: 429, retryAfter: '3600' }, 1, 5, now)).toMatchObject({
      at: new Date(now.getTime() + 3_600_000),
    });
    expect(judgeAnswer({ status: 500 }, 5, 5, now)).toEqual({
      kind: 'failed',
      reason: 'HTTP 500 (attempts exhausted)',
    });
    expect([1, 2, 3, 20].map(backoffMs)).toEqual([30_000, 60_000, 120_000, 6 * 3_600_000]);
  });

  it('reads Retry-After as seconds or as an HTTP date, and ignores nonsense', () => {
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter('Sun, 29 Mar 2026 01:30:00 GMT', now)).toBe(3_600_000);
    expect(parseRetryAfter('Sun, 29 Mar 2026 00:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
  });
});

describe('the per-origin token bucket', () => {
  it('allows a burst of one second, then one token per 1/rate seconds', () => {
    let t = 0;
    const bucket = new TokenBucket(4, () => t);
    expect([1, 2, 3, 4].map(() => bucket.take())).toEqual([0, 0, 0, 0]);
    expect(bucket.take()).toBe(250);
    t += 250;
    expect(bucket.take()).toBe(0);
    expect(bucket.take()).toBe(250);
  });
});
