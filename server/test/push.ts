import { randomBytes } from 'node:crypto';
import { type Config, loadConfig } from '../platform/config.js';
import { upsertMunicipality } from '../platform/municipality.js';
import type { PushDeps } from '../platform/push/deliver.js';
import { savePushSubscription } from '../platform/push/service.js';
import { testDb } from './app.js';
import { testEnv } from './env.js';
import type { LocalPushService } from './push-service.js';

export interface PushTestBed {
  deps: PushDeps;
  municipalityId: string;
  clock: { now: Date; advance(ms: number): void };
  /** A subscription at the service, saved for `topic`: the receiver and our id. */
  subscribe(service: LocalPushService, topic?: string): Promise<{ receiverId: string; id: number }>;
}

/** The push engine's dependencies on this file's database with a municipality of its own and a pinned clock. */
export async function pushTestBed(options: { now?: string; env?: Record<string, string> } = {}): Promise<PushTestBed> {
  const db = await testDb();
  const base = loadConfig(testEnv(options.env));
  const id = `p-${randomBytes(4).toString('hex')}`;
  const ars = String(Math.floor(Math.random() * 1e12)).padStart(12, '0');
  const config: Config = { ...base, municipality: { ...base.municipality, id, ars } };
  await upsertMunicipality(db, config.municipality);
  const clock = {
    now: new Date(options.now ?? '2026-12-06T17:00:00Z'),
    advance(ms: number) {
      clock.now = new Date(clock.now.getTime() + ms);
    },
  };
  const deps: PushDeps = { db, config, now: () => clock.now };
  return {
    deps,
    municipalityId: id,
    clock,
    async subscribe(service, topic = 'waste') {
      const receiver = service.subscribe();
      const saved = await savePushSubscription(deps, id, receiver, topic);
      return { receiverId: receiver.id, id: saved.id };
    },
  };
}
