import { createHash, createHmac, randomBytes } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { citizenSessionCookieName } from '../../platform/auth/sessions.js';
import type { Config } from '../../platform/config.js';
import type { Deps } from '../../platform/deps.js';
import { markPersonal } from '../../platform/http/response-cache.js';
import { countExpiredAssertions, purgeExpiredAssertions } from './assertion-queries.js';
import type { CitizenAttribute, CitizenAttributes } from './attributes.js';
import { countExpiredLoginCompletions, purgeExpiredLoginCompletions } from './completion-queries.js';
import type { TrustLevel } from './levels.js';
import type { LoginOutcome } from './login-outcome.js';
import { type CitizenProvider, upsertCitizen } from './queries.js';
import { countExpiredLoginRequests, purgeExpiredLoginRequests } from './request-queries.js';
import {
  countExpiredCitizenSessions,
  deleteCitizenSession,
  findLiveCitizenSession,
  insertCitizenSession,
  purgeExpiredCitizenSessions,
  touchCitizenSession,
} from './session-queries.js';

export { type CitizenAttribute, citizenAttributes } from './attributes.js';
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

/** What a session is started from: an accepted login, the pseudonym already as its HMAC. */
export interface SessionGrant {
  provider: CitizenProvider;
  pseudonymHash: string;
  level: TrustLevel;
  attributes: CitizenAttributes;
}

/** The session grant of an accepted login (the pseudonym is hashed here and never kept in the clear). */
export function grantOf(config: Config, login: Extract<LoginOutcome, { ok: true }>): SessionGrant {
  const { provider, level, attributes } = login;
  return { provider, level, attributes, pseudonymHash: pseudonymHash(config, provider, login.pseudonym) };
}

/**
 * Completes an accepted login: finds or creates the citizen by pseudonym, stores a new session with the level and
 * the attributes of this login, and sets the cookie. Returns the citizen id.
 */
export async function startCitizenSession(deps: Deps, reply: FastifyReply, login: SessionGrant): Promise<number> {
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
      pseudonymHash: login.pseudonymHash,
      now,
    });
    await insertCitizenSession(tx, {
      idHash: digest(value),
      municipalityId,
      citizenId: id,
      level: login.level,
      attributes: login.attributes,
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

/** Expired rows per kind: sessions, login requests, completion codes, assertion IDs. */
export interface PurgeCounts {
  sessions: number;
  requests: number;
  completions: number;
  assertions: number;
}

/** Deletes up to `limit` expired rows of each kind (sessions and completions with their attributes); the counts. */
export async function purgeExpired(deps: Pick<Deps, 'db' | 'now'>, limit: number): Promise<PurgeCounts> {
  const now = deps.now();
  return {
    sessions: await purgeExpiredCitizenSessions(deps.db, now, limit),
    requests: await purgeExpiredLoginRequests(deps.db, now, limit),
    completions: await purgeExpiredLoginCompletions(deps.db, now, limit),
    assertions: await purgeExpiredAssertions(deps.db, now, limit),
  };
}

/**
 * The nightly sweep: deletes every expired row in batches of `batch` per kind (short statements, short locks), at
 * most `maxRounds` rounds so a huge backlog cannot hold the job past its timeout (the next night takes the rest).
 * A dry run only counts. Returns the counts.
 */
export async function purgeAllExpired(
  deps: Pick<Deps, 'db' | 'now'>,
  o: { dryRun: boolean; batch?: number; maxRounds?: number },
): Promise<PurgeCounts> {
  if (o.dryRun) return countExpired(deps);
  const batch = o.batch ?? 1000;
  const total: PurgeCounts = { sessions: 0, requests: 0, completions: 0, assertions: 0 };
  for (let round = 0; round < (o.maxRounds ?? 500); round++) {
    const deleted = await purgeExpired(deps, batch);
    for (const kind of Object.keys(total) as (keyof PurgeCounts)[]) total[kind] += deleted[kind];
    if (Object.values(deleted).every((n) => n < batch)) break;
  }
  return total;
}

/** How many rows of each kind `purgeExpired` would delete now (a dry run). */
export async function countExpired(deps: Pick<Deps, 'db' | 'now'>): Promise<PurgeCounts> {
  const now = deps.now();
  return {
    sessions: await countExpiredCitizenSessions(deps.db, now),
    requests: await countExpiredLoginRequests(deps.db, now),
    completions: await countExpiredLoginCompletions(deps.db, now),
    assertions: await countExpiredAssertions(deps.db, now),
  };
}
