import { createHmac } from 'node:crypto';
import fastifySession from '@fastify/session';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Deps } from '../deps.js';
import '../http/types.js';
import { StaffSessionStore } from './session-store.js';
import {
  findSessionPrincipal,
  hashSessionId,
  type SessionLimits,
  sessionCookieName,
  sessionExpiry,
  sessionLimits,
  touchSession,
} from './sessions.js';

// A write per request is not needed to keep a session alive; once a minute is precise enough.
const touchEveryMs = 60_000;

/**
 * Staff sessions: @fastify/session with the database store and a hook that sets `request.staff` for a live session
 * of an enabled user, or `request.sessionExpired` when the request carries a session cookie that matches none.
 * Citizens never get a session (nothing is saved until a login).
 */
export async function registerAuth(app: FastifyInstance, deps: Deps): Promise<void> {
  const { config } = deps;
  const limits = sessionLimits(config);
  const secure = config.publicUrl.startsWith('https://');
  if (secure && !config.trustProxy) {
    // Secure cookies are only set on requests Fastify sees as https; behind a TLS proxy that needs TRUST_PROXY.
    app.logger.warn('PUBLIC_URL is https but TRUST_PROXY is off: staff logins only work if TLS ends in this process');
  }
  await app.register(fastifySession, {
    // A key of its own, derived from the one secret, so session and CSRF cookie signatures never mix.
    secret: createHmac('sha256', config.sessionSecret).update('staff-session').digest('base64url'),
    cookieName: sessionCookieName,
    store: new StaffSessionStore(deps),
    saveUninitialized: false,
    rolling: false,
    cookie: {
      // Only the back office reads it: citizen pages and APIs never receive the staff session.
      path: '/admin',
      httpOnly: true,
      sameSite: 'lax',
      secure,
      maxAge: limits.maxAgeMs,
    },
  });
  app.decorateRequest('staff', undefined);
  app.decorateRequest('sessionExpired', false);
  app.addHook('onRequest', async (request) => {
    if (typeof request.session?.userId === 'number') {
      const live = await loadPrincipal(request, deps, limits);
      if (live) {
        request.staff = live;
        return;
      }
    }
    if (request.cookies[sessionCookieName]) request.sessionExpired = true;
  });
}

async function loadPrincipal(request: FastifyRequest, deps: Deps, limits: SessionLimits) {
  const idHash = hashSessionId(request.session.sessionId);
  const now = deps.now();
  const live = await findSessionPrincipal(deps.db, idHash, deps.config.municipality.id, now);
  if (!live) return undefined;
  const next = sessionExpiry(live.createdAt, now, limits);
  if (next.getTime() - live.expiresAt.getTime() >= touchEveryMs) await touchSession(deps.db, idHash, next);
  return live.principal;
}

/** The stored-id digest of the request's session (to create it at login or to spare it when ending others). */
export function currentSessionIdHash(request: FastifyRequest): string {
  return hashSessionId(request.session.sessionId);
}

/** Drops the old session (fixation) and gives the request a fresh id; call before a login stores the new one. */
export async function regenerateSession(request: FastifyRequest): Promise<string> {
  await request.session.regenerate();
  return hashSessionId(request.session.sessionId);
}

/** Marks the regenerated session as the user's, so the cookie is sent with this response. */
export function bindSession(request: FastifyRequest, userId: number): void {
  request.session.set('userId', userId);
}

/** Forgets the session on this request and tells the browser to drop the cookie. */
export async function endSessionCookie(request: FastifyRequest, reply: FastifyReply): Promise<void> {
  if (request.session?.sessionId) await request.session.destroy();
  reply.clearCookie(sessionCookieName, { path: '/admin' });
}
