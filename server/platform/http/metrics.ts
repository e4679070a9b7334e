import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { Counter, collectDefaultMetrics, Histogram, Registry } from 'prom-client';
import { AppError } from '../errors.js';

declare module 'fastify' {
  interface FastifyInstance {
    metrics: Registry;
  }
}

const digest = (s: string) => createHash('sha256').update(s).digest();

/** True when the Authorization header carries the token (compared in constant time). */
function authorised(header: string | undefined, token: string): boolean {
  return timingSafeEqual(digest(header ?? ''), digest(`Bearer ${token}`));
}

/**
 * Prometheus metrics at /metrics: requests and latencies per route (jobs register their own). With a token the
 * route requires `Authorization: Bearer <token>`; without one it is open in development and does not exist in
 * production (404), so a public deployment never shows its internals by accident.
 */
export function registerMetrics(app: FastifyInstance, options: { token?: string; production: boolean }): void {
  const { token } = options;
  const registry = new Registry();
  app.decorate('metrics', registry);
  if (!token && options.production) {
    // Nothing is collected either: no one could read it.
    app.logger.info('/metrics is off: in production it needs METRICS_TOKEN');
    return;
  }
  collectDefaultMetrics({ register: registry });
  const requests = new Counter({
    name: 'http_requests_total',
    help: 'HTTP requests by method, route and status',
    labelNames: ['method', 'route', 'status'],
    registers: [registry],
  });
  const latency = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request latency by method and route',
    labelNames: ['method', 'route'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  // Labelled children are looked up once per route and status, not hashed on every request.
  const counters = new Map<string, Counter.Internal>();
  const timers = new Map<string, Histogram.Internal<string>>();
  const observe = (method: string, route: string, status: number, seconds: number) => {
    const key = `${method} ${route}`;
    let timer = timers.get(key);
    if (!timer) {
      timer = latency.labels(method, route);
      timers.set(key, timer);
    }
    const statusKey = `${key} ${status}`;
    let counter = counters.get(statusKey);
    if (!counter) {
      counter = requests.labels(method, route, String(status));
      counters.set(statusKey, counter);
    }
    counter.inc();
    timer.observe(seconds);
  };
  app.addHook('onResponse', (request, reply, done) => {
    observe(request.method, request.routeOptions.url ?? 'unmatched', reply.statusCode, reply.elapsedTime / 1000);
    done();
  });
  // Answers the front cache writes never reach Fastify's hooks; they are counted under their route all the same.
  if (app.frontCache) app.frontCache.onServed = (route, status, seconds) => observe('GET', route, status, seconds);
  app.get('/metrics', { schema: { hide: true } }, async (request, reply) => {
    if (token && !authorised(request.headers.authorization, token)) {
      throw new AppError('unauthenticated', 'A valid metrics token is required');
    }
    return reply.type(registry.contentType).send(await registry.metrics());
  });
}
