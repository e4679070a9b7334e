import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../../platform/config.js';
import type { Deps } from '../../platform/deps.js';
import { insertLoginCompletion, type LoginCompletion, takeLoginCompletion } from './completion-queries.js';
import { loginRequestTtlMs } from './saml-cache.js';

/**
 * Login CSRF: a login completes only in the browser that started it. The start sets `bs_citizen_login` (random,
 * httpOnly, SameSite=Lax) and the request row keeps its SHA-256; the OIDC callback and the SAML completion step
 * (both top-level GET navigations, which carry a Lax cookie) compare. A response an attacker posts into someone
 * else's browser finds no matching cookie there.
 */
export const loginCookieName = 'bs_citizen_login';
export const completionPath = '/antraege/anmelden/abschluss';
// The code only bridges the ACS post and the browser's redirected GET right after it.
export const completionTtlMs = 2 * 60_000;
// As long as a login may take at the IdP, plus the completion step; no longer.
const loginCookieMaxAgeSeconds = (loginRequestTtlMs + completionTtlMs) / 1000;
const tokenFormat = /^[A-Za-z0-9_-]{43}$/;

const digest = (value: string) => createHash('sha256').update(value).digest('hex');

function loginCookieOf(request: FastifyRequest): string | undefined {
  const value = (request as { cookies?: Record<string, string | undefined> }).cookies?.[loginCookieName];
  return value && tokenFormat.test(value) ? value : undefined;
}

function cookieOptions(config: Config) {
  return {
    path: '/antraege',
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: config.publicUrl.startsWith('https://'),
  };
}

/**
 * Ties a login that is starting to this browser and returns the digest to store with the request. A cookie a
 * previous start set is reused (and its life renewed), so starting again in a second tab does not break the first.
 */
export function bindLoginToBrowser(config: Config, request: FastifyRequest, reply: FastifyReply): string {
  const value = loginCookieOf(request) ?? randomBytes(32).toString('base64url');
  reply.setCookie(loginCookieName, value, { ...cookieOptions(config), maxAge: loginCookieMaxAgeSeconds });
  return digest(value);
}

/** The digest of this browser's login cookie, or undefined when it sent none. */
export function browserHashOf(request: FastifyRequest): string | undefined {
  const value = loginCookieOf(request);
  return value ? digest(value) : undefined;
}

/** True when the browser's digest is the one stored with the login (constant time); false if either is missing. */
export function sameBrowser(stored: string | undefined, presented: string | undefined): boolean {
  if (!stored || !presented || stored.length !== presented.length) return false;
  return timingSafeEqual(Buffer.from(stored), Buffer.from(presented));
}

/** Drops the login cookie once a login is complete. */
export function clearLoginCookie(config: Config, reply: FastifyReply): void {
  reply.clearCookie(loginCookieName, cookieOptions(config));
}

/** Holds an accepted login under a new one-time code (only its digest stored); returns the completion URL. */
export async function holdLoginCompletion(deps: Deps, completion: LoginCompletion): Promise<string> {
  const code = randomBytes(32).toString('base64url');
  const now = deps.now();
  await insertLoginCompletion(deps.db, deps.config.municipality.id, {
    ...completion,
    codeHash: digest(code),
    now,
    expiresAt: new Date(now.getTime() + completionTtlMs),
  });
  return `${completionPath}?${new URLSearchParams({ code }).toString()}`;
}

/** The completion of `code` if it is fresh and unused; taking it spends it, whatever happens next. */
export async function takeCompletion(deps: Deps, code: string | undefined): Promise<LoginCompletion | undefined> {
  if (!code || !tokenFormat.test(code)) return undefined;
  return takeLoginCompletion(deps.db, deps.config.municipality.id, digest(code), deps.now());
}
