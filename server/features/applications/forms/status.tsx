import { createHash } from 'node:crypto';
import { Type as T } from '@sinclair/typebox';
import type { App, Deps } from '../../../platform/deps.js';
import { notFound } from '../../../platform/errors.js';
import { pageQuerySchema } from '../../../platform/http/page-schemas.js';
import { pageContext } from '../../../platform/views/context.js';
import { sendHtml } from '../../../platform/views/render.js';
import { selectApplicationByToken, selectEvents } from '../core/applications-queries.js';
import { selectForm } from '../core/forms-queries.js';
import { StatusPage } from './views/status-page.js';

// The applicant's status link (/antraege/status/<token>): the receipt after sending and, without an account, the
// application's mailbox. Only the token's SHA-256 is stored; the page is personal and never cached.

const params = T.Object({ token: T.String() });

export default async function applicationStatusPages(app: App, deps: Deps): Promise<void> {
  const m = deps.config.municipality.id;
  app.get(
    '/antraege/status/:token',
    { schema: { hide: true, params, querystring: pageQuerySchema } },
    async (request, reply) => {
      const { token } = request.params;
      if (!/^[A-Za-z0-9_-]{43}$/.test(token)) throw notFound('Application');
      const application = await selectApplicationByToken(deps.db, m, createHash('sha256').update(token).digest('hex'));
      if (!application) throw notFound('Application');
      const [form, events] = await Promise.all([
        selectForm(deps.db, m, application.formSlug),
        selectEvents(deps.db, application.id),
      ]);
      const ctx = pageContext(request, reply);
      reply.header('cache-control', 'no-store');
      reply.header('referrer-policy', 'no-referrer');
      return sendHtml(
        reply,
        <StatusPage
          ctx={ctx}
          application={application}
          definition={form?.definition}
          events={events}
          fresh={ctx.query.neu === '1'}
          link={`${deps.config.publicUrl}/antraege/status/${token}`}
        />,
      );
    },
  );
}
