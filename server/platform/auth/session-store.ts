import type { FastifySessionObject, SessionStore } from '@fastify/session';
import type { Session } from 'fastify';
import type { Deps } from '../deps.js';
import { deleteSession, findLiveSessionData, hashSessionId, updateSessionData } from './sessions.js';

declare module 'fastify' {
  interface Session {
    /** The signed-in staff member; only a login sets it. */
    userId?: number;
  }
}

type Callback = (err?: unknown) => void;

/**
 * @fastify/session store on `staff_sessions`. Rows are keyed by the SHA-256 of the session id. Only the login
 * transaction creates rows (it needs the user and the audit entry); `set` updates existing ones, so a request that
 * was in flight while its session was ended cannot bring it back.
 */
export class StaffSessionStore implements SessionStore {
  constructor(private readonly deps: Pick<Deps, 'db' | 'now'>) {}

  get(sessionId: string, callback: (err: unknown, result?: Session | null) => void): void {
    findLiveSessionData(this.deps.db, hashSessionId(sessionId), this.deps.now()).then(
      (data) => callback(null, data ? (data as unknown as Session) : null),
      (err) => callback(err),
    );
  }

  set(sessionId: string, session: Session, callback: Callback): void {
    const { cookie: _cookie, ...data } = JSON.parse(JSON.stringify(session)) as Record<string, unknown>;
    if (typeof (session as FastifySessionObject).userId !== 'number') {
      callback();
      return;
    }
    updateSessionData(this.deps.db, hashSessionId(sessionId), data).then(() => callback(), callback);
  }

  destroy(sessionId: string, callback: Callback): void {
    deleteSession(this.deps.db, hashSessionId(sessionId)).then(() => callback(), callback);
  }
}
