import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import type { Config } from './config.js';
import type { Db } from './db.js';
import type { Jobs } from './jobs/index.js';

/** Everything a feature needs from the outside, passed down from main.ts (or the test builder). */
export interface Deps {
  config: Config;
  db: Db;
  jobs: Jobs;
  /** The clock; tests shift it instead of waiting. */
  now: () => Date;
}

/**
 * The Fastify instance features register on: the TypeBox type provider types `request.body/query/params` from
 * the route's schema, so handlers need no casts.
 */
export type App = FastifyInstance<Server, IncomingMessage, ServerResponse, FastifyBaseLogger, TypeBoxTypeProvider>;

/** A feature's HTTP part: a Fastify plugin that receives the dependencies. */
export type FeatureRoutes = (app: App, deps: Deps) => Promise<void>;
