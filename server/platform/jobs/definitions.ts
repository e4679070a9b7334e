import { Value } from '@sinclair/typebox/value';
import { AppError } from '../errors.js';
import { assertCron } from './schedule.js';
import type { JobDefinition } from './types.js';

/** Checks a payload against its definition's schema; throws AppError validation_failed with field messages. */
export function checkPayload(def: JobDefinition, payload: unknown): unknown {
  if (Value.Check(def.payload, payload)) return payload;
  const details: Record<string, string> = {};
  for (const err of Value.Errors(def.payload, payload)) {
    const field = err.path.replace(/^\//, '').replaceAll('/', '.') || 'payload';
    details[field] ??= err.message;
  }
  throw new AppError('validation_failed', `Invalid payload for job ${def.name}`, details);
}

/** The payload a run without input uses: the schedule's, else {} if the schema accepts it. */
export function defaultPayload(def: JobDefinition): unknown {
  if (def.schedule) return def.schedule.payload;
  return Value.Check(def.payload, {}) ? {} : undefined;
}

const MAX_TIMEOUT_SECONDS = 23 * 60 * 60; // pg-boss expires jobs after less than 24 h

/** Throws when a definition cannot work (bad name, duplicate, timeout out of range, bad cron or schedule payload). */
export function validateDefinitions(definitions: JobDefinition[]): void {
  const seen = new Set<string>();
  for (const def of definitions) {
    const problem = (text: string) => new Error(`Job definition ${def.name}: ${text}`);
    if (!/^[a-z0-9-]+\.[a-z0-9-]+$/.test(def.name)) throw problem('name must look like <feature>.<verb-noun>');
    if (seen.has(def.name)) throw problem('defined twice');
    seen.add(def.name);
    const timeout = def.timeoutSeconds ?? 1;
    if (!Number.isInteger(timeout) || timeout < 1 || timeout > MAX_TIMEOUT_SECONDS) {
      throw problem(`timeoutSeconds must be an integer from 1 to ${MAX_TIMEOUT_SECONDS}`);
    }
    if (def.retry && !(Number.isInteger(def.retry.limit) && def.retry.limit >= 0)) {
      throw problem('retry.limit must be an integer >= 0');
    }
    if (def.retry && !(Number.isInteger(def.retry.delaySeconds) && def.retry.delaySeconds >= 0)) {
      throw problem('retry.delaySeconds must be an integer >= 0');
    }
    if (def.schedule) {
      assertCron(def.schedule.cron);
      checkPayload(def, def.schedule.payload);
    }
  }
}
