import type { FastifyRequest } from 'fastify';
import type { Deps } from '../../platform/deps.js';
import { findLiveOpen311Client } from './keys-service.js';
import { rawParams, single } from './params.js';

/**
 * Rate limit for POST requests, counted per client (a partner's server may send from several addresses) once its
 * API key is known to be live, else per address: a made-up key per request must not open a fresh allowance each
 * time. Runs after the body is parsed, since the key travels in the form body.
 */
export function keyedRateLimit(deps: Deps) {
  const limits = deps.config.rateLimit;
  const perKey = Math.max(limits.publicWritesPerMinute, Math.ceil(limits.apiPerMinute / 10));
  return {
    hook: 'preHandler' as const,
    timeWindow: '1 minute',
    keyGenerator: async (request: FastifyRequest) => {
      const key = single(rawParams(request.body), 'api_key');
      const client = await findLiveOpen311Client(deps, deps.config.municipality.id, key);
      return client === undefined ? `ip:${request.ip}` : `c:${client}`;
    },
    max: (_request: FastifyRequest, key: string) => (key.startsWith('c:') ? perKey : limits.publicWritesPerMinute),
  };
}
