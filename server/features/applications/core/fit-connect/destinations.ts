import type { JWK } from 'jose';
import type { Deps } from '../../../../platform/deps.js';
import { AppError } from '../../../../platform/errors.js';
import { FitConnectClient, FitConnectError } from './client.js';
import type { FitConnectConfig } from './config.js';

// The platform's FIT-Connect access as both rooms need it: forms/ encrypts for a destination's current key, the
// fit-connect/ room delivers and reads the event log. One client per configuration, so its access token is reused;
// a destination's key is kept a few minutes, so a busy form does not ask FIT-Connect on every send.

/** The job that delivers a stored application to its destination (defined in the fit-connect room). */
export const deliverJobName = 'applications.deliver-fit-connect';

type DestinationKey = JWK & { kid: string; n: string; e: string };
interface Access {
  client: FitConnectClient;
  keys: Map<string, { key: DestinationKey; expiresAt: number }>;
}

// A rotated key reaches new applications after at most this long; the delivery checks the ciphertext's kid anyway.
const keyTtlMs = 5 * 60_000;
const accesses = new WeakMap<FitConnectConfig, Access>();

const notOnline = () => new AppError('unavailable', 'This service does not take online applications at the moment');

/** Whether FIT-Connect is configured (then a FIT-Connect service is offered online; no request is made). */
export const fitConnectEnabled = (deps: Deps): boolean => deps.config.fitConnect !== undefined;

function accessOf(deps: Deps): Access {
  const config = deps.config.fitConnect;
  if (!config) throw notOnline();
  let access = accesses.get(config);
  if (!access) {
    access = { client: new FitConnectClient(config), keys: new Map() };
    accesses.set(config, access);
  }
  return access;
}

/** The FIT-Connect client of this configuration; throws `unavailable` when FIT-Connect is not configured. */
export function getFitConnectClient(deps: Deps): FitConnectClient {
  return accessOf(deps).client;
}

/**
 * The destination's current encryption key (public JWK with kid), cached a few minutes. Throws `unavailable` when
 * FIT-Connect is not configured or not reachable, or the destination is unknown, not active or its key unusable.
 */
export async function getDestinationKey(deps: Deps, destinationId: string): Promise<DestinationKey> {
  const access = accessOf(deps);
  const now = deps.now().getTime();
  const cached = access.keys.get(destinationId);
  if (cached && now < cached.expiresAt) return cached.key;
  try {
    const destination = await access.client.findDestination(destinationId);
    if (destination?.status !== 'active') throw notOnline();
    const key = (await access.client.getEncryptionKey(destinationId, destination.encryptionKid)) as DestinationKey;
    access.keys.set(destinationId, { key, expiresAt: now + keyTtlMs });
    return key;
  } catch (err) {
    if (err instanceof FitConnectError) throw notOnline();
    throw err;
  }
}
