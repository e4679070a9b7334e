import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Municipality } from '../config.js';
import { ensureRequestContext } from '../http/request-context.js';
import { markPersonal } from '../http/response-cache.js';
import type { I18n } from '../i18n.js';
import type { AdminNavItem, HomeModule } from './registry.js';

/** The signed-in staff member as views see them. */
export interface ViewUser {
  id: number;
  displayName: string;
  role: string;
}

/** What every page needs besides its own data. */
export interface PageContext {
  i18n: I18n;
  municipality: Municipality;
  demo: boolean;
  /** Path and query of this request, for the language switch and active navigation. */
  path: string;
  query: Record<string, string>;
  csrfToken: () => string;
  user?: ViewUser;
  /** Start-page tiles of the modules that exist. */
  homeModules: readonly HomeModule[];
  /** Back-office navigation entries this user's role may see (empty when signed out). */
  adminNav: readonly AdminNavItem[];
}

export function pageContext(request: FastifyRequest, reply: FastifyReply): PageContext {
  ensureRequestContext(request, reply);
  const [path = '/', search = ''] = request.url.split('?');
  const query = Object.fromEntries(new URLSearchParams(search));
  let token: string | undefined;
  const staff = request.staff;
  return {
    i18n: request.i18n,
    municipality: request.municipality,
    demo: request.demoMode,
    path,
    query,
    csrfToken: () => {
      // The token is this visitor's: the page must never come from or go into the shared page cache.
      markPersonal(request);
      token ??= reply.generateCsrf();
      return token;
    },
    user: staff ? { id: staff.id, displayName: staff.displayName, role: staff.role } : undefined,
    homeModules: request.server.homeModules,
    adminNav: staff ? request.server.adminNav.filter((item) => item.roles.includes(staff.role)) : [],
  };
}

/** The same URL with one query parameter set (used by the language switch). */
export function withQuery(ctx: PageContext, key: string, value: string): string {
  const q = new URLSearchParams({ ...ctx.query, [key]: value });
  return `${ctx.path}?${q.toString()}`;
}
