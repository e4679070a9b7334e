import type { FastifyBaseLogger } from 'fastify';
import type { Deps } from '../../platform/deps.js';

/** Loads the Bielefeld demo data into an empty database. (Implementation: see the demo-data work.) */
export async function seedDemoIfEmpty(_deps: Deps, _log: FastifyBaseLogger): Promise<void> {}
