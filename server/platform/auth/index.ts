import type { FastifyInstance } from 'fastify';
import type { Deps } from '../deps.js';

/** Staff sessions: filled in by the staff accounts work. */
export async function registerAuth(_app: FastifyInstance, _deps: Deps): Promise<void> {}
