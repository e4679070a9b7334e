import { createHash, createHmac, randomBytes } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { citizenSessionCookieName } from '../../platform/auth/sessions.js';
import type { Config } from '../../platform/config.js';
import type { Deps } from '../../platform/deps.js';
import { markPersonal } from '../../platform/http/response-cache.js';
import { purgeExpiredAssertions } from './assertion-queries.js';
import type { CitizenAttribute, CitizenAttributes } from './attributes.js';
import type { TrustLevel } from './levels.js';
import type { LoginOutcome } from './login-outcome.js';
import { upsertCitizen } from './queries.js';
import { purgeExpiredLoginRequests } from './request-queries.js';
import {
  deleteCitizenSession,
  findLiveCitizenSession,
  insertCitizenSession,
  purgeExpiredCitizenSessions,
  touchCitizenSession,
} from './session-queries.js';

export type { CitizenAttribute } from './attributes.js';
export type { TrustLevel } from './levels.js';

/** The citizen of a request, as other features see them: an id, how and how strongly they logged in, what was shared. */
export interface CitizenPrincipal {
  id: number;
  provider: 'saml' | 'oidc';
  level: TrustLevel;
  attributes: Partial<Record<CitizenAttribute, string>>;
}

/** The citizen session cookie; its path keeps it off every page but the online applications. */
export const citizenCookieName = citizenSessionCookieName;
export const citizenCookiePath = '/antraege';
export const loginPath = '/antraege/anmelden';
export const logoutPath = '/antraege/abmelden';

// A write per request is not needed to keep a session alive; once a minute is precise enough.
const touchEveryMs = 60_000;
// Expired rows cleared per login; small, so a login never waits on a backlog (the nightly job takes the rest).
const purgeBatch = 100;

const digest = (id: string) => createHash('sha256').update(id).digest('hex');

/** True when this deployment offers a citizen login at all. */
export function citizenLoginEnabled(config: Config): boolean {
  return config.citizenLogin.mode !== 'off';
}

/** The login start URL: after logging in at `level` and sharing `attributes`, the citizen comes back to `next`. */
export function loginUrl(next: string, level: TrustLevel, attributes: readonly CitizenAttribute[]): string {
  const q = new URLSearchParams({ weiter: next, niveau: level });
  if (attributes.length > 0) q.set('merkmale', attributes.join(','));
  return `${loginPath}?${q.toString()}`;
}

function cookieValue(request: FastifyRequest): string | undefined {
  const value = (request as { cookies?: Record<string, string | undefined> }).cookies?.[citizenCookieName];
  return value && /^[A-Za-z0-9_-]{43}$/.test(value) ? value : undefined;
}

/**
 * The logged-in citizen of this request (from the `bs_citizen` cookie), or undefined when there is none or it
 * expired (pages only: API scopes parse no cookies). A page that asks is personal from then on: it never goes
 * into the shared page cache.
 */
export async function findCitizen(deps: Deps, request: FastifyRequest): Promise<CitizenPrincipal | undefined> {
  const value = cookieValue(request);
  if (!value) return undefined;
  markPersonal(request);
  const idHash = digest(value);
  const now = deps.now();
  const session = await findLiveCitizenSession(deps.db, idHash, deps.config.municipality.id, now);
  if (!session) return undefined;
  const idleMs = deps.config.citizenLogin.sessionIdleMinutes * 60_000;
  const next = new Date(Math.min(session.absoluteExpiresAt.getTime(), now.getTime() + idleMs));
  if (next.getTime() - session.expiresAt.getTime() >= touchEveryMs) await touchCitizenSession(deps.db, idHash, next);
  return { id: session.citizenId, provider: session.provider, level: session.level, attributes: session.attributes };
}

/** The stored form of a pseudonym (bPK2 or OIDC sub): an HMAC, stable for a citizen as long as the key stays. */
export function pseudonymHash(config: Config, provider: 'saml' | 'oidc', pseudonym: string): string {
  return createHmac('sha256', config.citizenLogin.pseudonymKey).update(`${provider}:${pseudonym}`).digest('hex');
}

/**
 * Completes an accepted login: finds or creates the citizen by pseudonym, stores a new session with the level and
 * the attributes of this login, and sets the cookie. Returns the citizen id.
 */
export async function startCitizenSession(
  deps: Deps,
  reply: FastifyReply,
  login: Extract<LoginOutcome, { ok: true }>,
): Promise<number> {
  const { config, db } = deps;
  const now = deps.now();
  const municipalityId = config.municipality.id;
  const value = randomBytes(32).toString('base64url');
  const absolute = new Date(now.getTime() + config.citizenLogin.sessionMaxAgeHours * 3_600_000);
  const idle = new Date(Math.min(absolute.getTime(), now.getTime() + config.citizenLogin.sessionIdleMinutes * 60_000));
  const citizenId = await db.transaction(async (tx) => {
    const id = await upsertCitizen(tx, {
      municipalityId,
      provider: login.provider,
      pseudonymHash: pseudonymHash(config, login.provider, login.pseudonym),
      now,
    });
    await insertCitizenSession(tx, {
      idHash: digest(value),
      municipalityId,
      citizenId: id,
      level: login.level,
      attributes: login.attributes satisfies CitizenAttributes,
      now,
      expiresAt: idle,
      absoluteExpiresAt: absolute,
    });
    return id;
  });
  reply.setCookie(citizenCookieName, value, cookieOptions(config));
  await purgeExpired(deps, purgeBatch);
  return citizenId;
}

/** Ends the request's citizen session (if any) and drops the cookie. */
export async function endCitizenSession(deps: Deps, request: FastifyRequest, reply: FastifyReply): Promise<void> {
  const value = cookieValue(request);
  if (value) await deleteCitizenSession(deps.db, digest(value), deps.config.municipality.id);
  reply.clearCookie(citizenCookieName, cookieOptions(deps.config));
}

function cookieOptions(config: Config) {
  // No Max-Age: the cookie ends with the browser session; the server ends it earlier (idle, absolute expiry).
  return {
    path: citizenCookiePath,
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: config.publicUrl.startsWith('https://'),
  };
}

/** Deletes expired sessions (and their attributes), login requests and assertion IDs; returns the counts. */
export async function purgeExpired(deps: Pick<Deps, 'db' | 'now'>, limit: number) {
  const now = deps.now();
  return {
    sessions: await purgeExpiredCitizenSessions(deps.db, now, limit),
    requests: await purgeExpiredLoginRequests(deps.db, now, limit),
    assertions: await purgeExpiredAssertions(deps.db, now, limit),
  };
}
