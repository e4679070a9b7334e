import { createHash } from 'node:crypto';
import { Type as T } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App, Deps } from '../../../platform/deps.js';
import { notFound } from '../../../platform/errors.js';
import { pageQuerySchema } from '../../../platform/http/page-schemas.js';
import { pageContext } from '../../../platform/views/context.js';
import { sendHtml } from '../../../platform/views/render.js';
import { citizenLoginEnabled, loginUrl } from '../../citizens/service.js';
import {
  type ApplicationRow,
  selectApplication,
  selectApplicationByToken,
  selectCitizenApplications,
  selectEventFile,
  selectEvents,
} from '../core/applications-queries.js';
import { listCatalogue } from '../core/catalogue.js';
import { selectForm } from '../core/forms-queries.js';
import { readApplicant } from './applicant.js';
import { MailboxPage } from './views/mailbox-page.js';
import { StatusPage } from './views/status-page.js';

// The applicant's status link (/antraege/status/<token>): the receipt after sending and, without an account, the
// application's mailbox. Only the token's SHA-256 is stored; the page is personal and never cached.

const params = T.Object({ token: T.String() });

export default async function applicationStatusPages(app: App, deps: Deps): Promise<void> {
  const m = deps.config.municipality.id;

  /** The application of a status token; throws not_found for anything else. */
  const byToken = async (token: string) => {
    const found = /^[A-Za-z0-9_-]{43}$/.test(token)
      ? await selectApplicationByToken(deps.db, m, createHash('sha256').update(token).digest('hex'))
      : undefined;
    if (!found) throw notFound('Application');
    return found;
  };

  /** The status page of an application: its mailbox, personal, never cached. */
  const renderStatus = async (
    request: FastifyRequest,
    reply: FastifyReply,
    application: ApplicationRow,
    view: { fresh: boolean; link: string; token?: string; filesBase: string },
  ) => {
    const [form, events] = await Promise.all([
      selectForm(deps.db, m, application.formSlug),
      selectEvents(deps.db, application.id),
    ]);
    reply.header('cache-control', 'no-store');
    return sendHtml(
      reply,
      <StatusPage
        ctx={pageContext(request, reply)}
        application={application}
        definition={form?.definition}
        events={events}
        retentionDays={deps.config.applications.retentionDays}
        {...view}
      />,
    );
  };

  // The logged-in citizen's mailbox: every application sent while logged in, on any device.
  app.get('/antraege/postfach', { schema: { hide: true } }, async (request, reply) => {
    const applicant = await readApplicant(deps, request);
    const ctx = pageContext(request, reply);
    if (applicant.citizenId === undefined) {
      const login = citizenLoginEnabled(deps.config) ? loginUrl('/antraege/postfach', 'basic', []) : undefined;
      return sendHtml(reply, <MailboxPage ctx={ctx} loginHref={login} />);
    }
    const [rows, catalogue] = await Promise.all([
      selectCitizenApplications(deps.db, m, applicant.citizenId),
      listCatalogue(deps, m),
    ]);
    const titles = new Map(catalogue.map((e) => [e.definition.slug, e.definition]));
    return sendHtml(reply, <MailboxPage ctx={ctx} rows={rows} titles={titles} citizen={applicant.citizen} />);
  });

  app.get(
    '/antraege/postfach/:id',
    { schema: { hide: true, params: T.Object({ id: T.String() }) } },
    async (request, reply) => {
      const applicant = await readApplicant(deps, request);
      const { id } = request.params;
      const application =
        applicant.citizenId !== undefined && /^[0-9a-f-]{36}$/.test(id)
          ? await selectApplication(deps.db, m, id)
          : undefined;
      if (!application || application.citizenId !== applicant.citizenId) throw notFound('Application');
      return renderStatus(request, reply, application, {
        fresh: false,
        link: '',
        filesBase: `/antraege/postfach/${application.id}/dokumente`,
      });
    },
  );

  app.get(
    '/antraege/status/:token',
    { schema: { hide: true, params, querystring: pageQuerySchema } },
    async (request, reply) => {
      const { token } = request.params;
      const application = await byToken(token);
      reply.header('referrer-policy', 'no-referrer');
      return renderStatus(request, reply, application, {
        fresh: request.query.neu === '1',
        link: `${deps.config.publicUrl}/antraege/status/${token}`,
        token,
        filesBase: `/antraege/status/${token}/dokumente`,
      });
    },
  );

  // The office's documents, for the applicant only (status token or the citizen's login); never cached.
  const sendDocument = async (reply: FastifyReply, applicationId: string, fileId: string) => {
    const file = /^[0-9a-f-]{36}$/.test(fileId) ? await selectEventFile(deps.db, applicationId, fileId) : undefined;
    if (!file) throw notFound('Document');
    return reply
      .type(file.contentType)
      .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.name)}`)
      .header('cache-control', 'no-store')
      .header('referrer-policy', 'no-referrer')
      .send(file.bytes);
  };

  app.get(
    '/antraege/status/:token/dokumente/:file',
    { schema: { hide: true, params: T.Object({ token: T.String(), file: T.String() }) } },
    async (request, reply) => {
      const { token, file } = request.params;
      const application = await byToken(token);
      return sendDocument(reply, application.id, file);
    },
  );

  app.get(
    '/antraege/postfach/:id/dokumente/:file',
    { schema: { hide: true, params: T.Object({ id: T.String(), file: T.String() }) } },
    async (request, reply) => {
      const applicant = await readApplicant(deps, request);
      const { id, file } = request.params;
      const application =
        applicant.citizenId !== undefined && /^[0-9a-f-]{36}$/.test(id)
          ? await selectApplication(deps.db, m, id)
          : undefined;
      if (!application || application.citizenId !== applicant.citizenId) throw notFound('Document');
      return sendDocument(reply, application.id, file);
    },
  );
}
