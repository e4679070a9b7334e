import type { StaffPrincipal } from '../auth/types.js';
import type { Municipality } from '../config.js';
import type { I18n } from '../i18n.js';

declare module 'fastify' {
  interface FastifyRequest {
    i18n: I18n;
    municipality: Municipality;
    demoMode: boolean;
    /** Set when a valid staff session is present. */
    staff?: StaffPrincipal;
    /** True when the request carried a session cookie that no longer matches a live session. */
    sessionExpired?: boolean;
  }
  interface FastifyContextConfig {
    /** Route renders HTML pages (errors become error pages, not problem+json). */
    html?: boolean;
  }
}
