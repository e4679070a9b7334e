import { requireStaff } from '../../platform/auth/guards.js';
import type { App, Deps } from '../../platform/deps.js';
import { submit } from '../../platform/http/forms.js';
import { pageContext } from '../../platform/views/context.js';
import { addAdminNavItem } from '../../platform/views/registry.js';
import { sendHtml } from '../../platform/views/render.js';
import { presentAuditRow } from './present.js';
import { type AuditQuery, listAudit, listAuditVocabulary } from './service.js';
import { AuditLogPage } from './views/audit-log.js';

function auditQuery(raw: unknown): AuditQuery {
  const q = (raw ?? {}) as Record<string, string | undefined>;
  const s = (k: string) => (typeof q[k] === 'string' && q[k]!.trim() ? q[k]!.trim() : undefined);
  const page = Number(s('page') ?? 1);
  return {
    actor: s('actor'),
    action: s('action'),
    entityType: s('entityType'),
    from: s('from'),
    to: s('to'),
    page: Number.isSafeInteger(page) && page > 0 ? page : 1,
  };
}

/** The audit log for administrators: filter by actor, action, entity type and days; newest first; paginated. */
export default async function auditPages(app: App, deps: Deps): Promise<void> {
  const m = deps.config.municipality;
  addAdminNavItem(app, { href: '/admin/audit', labelKey: 'audit.nav', roles: ['admin'], order: 90 });

  app.get('/admin/audit', { schema: { hide: true }, preHandler: requireStaff('admin') }, async (request, reply) => {
    const query = auditQuery(request.query);
    const result = await submit(() => listAudit(deps.db, m.id, m.timeZone, query));
    const ctx = pageContext(request, reply);
    if (!result.ok) {
      const vocabulary = await listAuditVocabulary(deps.db, m.id);
      const data = { entries: [], total: 0, page: 1, pages: 1, ...vocabulary };
      return sendHtml(reply, <AuditLogPage ctx={ctx} query={query} data={data} errors={result.errors} />, 400);
    }
    const data = { ...result.value, entries: result.value.rows.map(presentAuditRow) };
    return sendHtml(reply, <AuditLogPage ctx={ctx} query={query} data={data} />);
  });
}
