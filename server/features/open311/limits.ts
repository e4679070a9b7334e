import { createHash } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { Config } from '../../platform/config.js';
import { rawParams, single } from './params.js';

/**
 * Rate limit for POST requests, counted per API key (a partner's server may send from several addresses), or per
 * address when no key is sent. Runs after the body is parsed, since the key travels in the form body.
 */
export function keyedRateLimit(limits: Config['rateLimit']) {
  const perKey = Math.max(limits.publicWritesPerMinute, Math.ceil(limits.apiPerMinute / 10));
  return {
    hook: 'preHandler' as const,
    timeWindow: '1 minute',
    keyGenerator: (request: FastifyRequest) => {
      const key = single(rawParams(request.body), 'api_key');
      return key ? `k:${createHash('sha256').update(key).digest('hex').slice(0, 24)}` : `ip:${request.ip}`;
    },
    max: (_request: FastifyRequest, key: string) => (key.startsWith('k:') ? perKey : limits.publicWritesPerMinute),
  };
}
