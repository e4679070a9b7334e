import type { FastifyInstance } from 'fastify';
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

export type App = FastifyInstance;

/** A feature's HTTP part: a Fastify plugin that receives the dependencies. */
export type FeatureRoutes = (app: App, deps: Deps) => Promise<void>;
