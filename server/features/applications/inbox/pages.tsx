import multipart, { type MultipartFile } from '@fastify/multipart';
import { Type as T } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { requireStaff, staffOf } from '../../../platform/auth/guards.js';
import type { App, Deps } from '../../../platform/deps.js';
import type { FieldErrors } from '../../../platform/errors.js';
import { AppError } from '../../../platform/errors.js';
import { list, submit, text } from '../../../platform/http/forms.js';
import { formBodySchema, multipartBodySchema, pageQuerySchema, single } from '../../../platform/http/page-schemas.js';
import { csrfCookieName } from '../../../platform/http/security.js';
import { pageContext } from '../../../platform/views/context.js';
import { addAdminNavItem } from '../../../platform/views/registry.js';
import { sendHtml } from '../../../platform/views/render.js';
import { actorOf } from '../../audit/service.js';
import { listDepartments } from '../../departments/service.js';
import {
  changeStatus,
  getInboxItem,
  inboxNames,
  listInbox,
  listInboxOffices,
  listOfficeDepartments,
  maxOfficeDocumentBytes,
  maxOfficeDocuments,
  type OfficeDocument,
  readableOffices,
  setOfficeDepartments,
  uploadOfficeKey,
} from './service.js';
import { InboxItemPage, InboxListPage, KeysPage } from './views/inbox-pages.js';

// Back office of the online applications: department staff, BSC agents and admins see the inbox; the ciphertext is
// opened in the browser with the office's private key, which never reaches the server. Keys: admins only.

const readers = requireStaff('department_staff', 'bsc_agent', 'admin');
const admins = requireStaff('admin');
const base = '/admin/antraege';
const idParams = T.Object({ id: T.String() });

/** Keeps an uploaded document in memory with its truncation flag (the service checks type and size). */
async function keepDocument(part: MultipartFile): Promise<void> {
  const bytes = await part.toBuffer();
  const doc: OfficeDocument = { name: part.filename, bytes, truncated: part.file.truncated };
  (part as unknown as { value: OfficeDocument }).value = doc;
}

export default async function applicationInboxPages(app: App, deps: Deps): Promise<void> {
  const m = deps.config.municipality.id;
  /** The keys page: every inbox office with its key and responsible departments; after a failed form, its errors. */
  const renderKeys = async (
    request: FastifyRequest,
    reply: FastifyReply,
    failed?: { errors: FieldErrors; values: { office: string; jwk: string }; status: number },
  ) => {
    const [offices, names, departments, assigned] = await Promise.all([
      listInboxOffices(deps, m),
      inboxNames(deps, m),
      listDepartments(deps.db, m),
      listOfficeDepartments(deps, m),
    ]);
    return sendHtml(
      reply,
      <KeysPage
        ctx={pageContext(request, reply)}
        offices={offices}
        names={names}
        departments={departments.filter((d) => d.active)}
        assigned={assigned}
        errors={failed?.errors}
        values={failed?.values}
      />,
      failed?.status ?? 200,
    );
  };
  addAdminNavItem(app, {
    href: base,
    labelKey: 'applications.inbox.nav',
    roles: ['department_staff', 'bsc_agent', 'admin'],
    order: 25,
  });

  app.get(
    base,
    { schema: { hide: true, querystring: pageQuerySchema }, preHandler: readers },
    async (request, reply) => {
      const offices = await readableOffices(deps, m, staffOf(request));
      const wanted = single(request.query.amt);
      const office = wanted && offices.includes(wanted) ? wanted : undefined;
      const [rows, names] = await Promise.all([listInbox(deps, m, staffOf(request), office), inboxNames(deps, m)]);
      const ctx = pageContext(request, reply);
      return sendHtml(reply, <InboxListPage ctx={ctx} rows={rows} offices={offices} office={office} names={names} />);
    },
  );

  app.get(`${base}/schluessel`, { schema: { hide: true }, preHandler: admins }, async (request, reply) => {
    return renderKeys(request, reply);
  });

  app.post(
    `${base}/schluessel`,
    { schema: { hide: true, body: formBodySchema }, preHandler: admins },
    async (request, reply) => {
      const values = { office: text(request.body, 'office'), jwk: text(request.body, 'jwk') };
      const outcome = await submit(() =>
        uploadOfficeKey(deps, m, values.office, values.jwk, actorOf(staffOf(request))),
      );
      if (outcome.ok) return reply.redirect(`${base}/schluessel?done=key`, 303);
      return renderKeys(request, reply, { errors: outcome.errors, values, status: outcome.status });
    },
  );

  app.post(
    `${base}/zustaendigkeit`,
    { schema: { hide: true, body: formBodySchema }, preHandler: admins },
    async (request, reply) => {
      const office = text(request.body, 'office');
      const ids = list(request.body, `departments-${office}`).map(Number).filter(Number.isInteger);
      await setOfficeDepartments(deps, m, office, ids, actorOf(staffOf(request)));
      return reply.redirect(`${base}/schluessel?done=departments`, 303);
    },
  );

  app.get(`${base}/:id`, { schema: { hide: true, params: idParams }, preHandler: readers }, async (request, reply) => {
    const item = await getInboxItem(deps, m, staffOf(request), request.params.id);
    reply.header('cache-control', 'no-store');
    return sendHtml(
      reply,
      <InboxItemPage ctx={pageContext(request, reply)} item={item} names={await inboxNames(deps, m)} />,
    );
  });

  app.get(
    `${base}/:id/antrag.jwe`,
    { schema: { hide: true, params: idParams }, preHandler: readers },
    async (request, reply) => {
      const item = await getInboxItem(deps, m, staffOf(request), request.params.id);
      return reply
        .type('application/jose')
        .header('content-disposition', `attachment; filename="${item.application.reference}.jwe"`)
        .header('cache-control', 'no-store')
        .send(item.application.dataJwe);
    },
  );

  // Status changes may carry documents: multipart, the CSRF token in the body (checked after parsing), the size
  // refused by the declared length before anything is read.
  await app.register(async (upload: App) => {
    upload.addHook('onRequest', async (request) => {
      if (!request.cookies[csrfCookieName]) {
        throw new AppError('csrf_invalid', 'The form has expired or was not sent from this site; please try again');
      }
      const length = Number(request.headers['content-length']);
      if (Number.isFinite(length) && length > (maxOfficeDocuments + 1) * maxOfficeDocumentBytes) {
        throw new AppError('payload_too_large', 'The request body is too large');
      }
    });
    await upload.register(multipart, {
      attachFieldsToBody: 'keyValues',
      onFile: keepDocument,
      throwFileSizeLimit: false,
      limits: { fileSize: maxOfficeDocumentBytes, files: maxOfficeDocuments + 1, fields: 20, fieldSize: 20_000 },
    });
    upload.post(
      `${base}/:id/status`,
      { schema: { hide: true, params: idParams, body: multipartBodySchema }, preHandler: readers },
      async (request, reply) => {
        const body = request.body as Record<string, unknown>;
        const field = (name: string) => (typeof body[name] === 'string' ? (body[name] as string) : '');
        const values = { status: field('status'), message: field('message') };
        const documents = ([] as unknown[])
          .concat(body.dokumente ?? [])
          .filter((d): d is OfficeDocument =>
            Boolean(
              d &&
                typeof d === 'object' &&
                'bytes' in d &&
                ((d as OfficeDocument).bytes.length > 0 || (d as OfficeDocument).truncated),
            ),
          );
        const outcome = await submit(() =>
          changeStatus(
            deps,
            m,
            staffOf(request),
            request.params.id,
            { ...values, documents },
            actorOf(staffOf(request)),
          ),
        );
        if (outcome.ok) return reply.redirect(`${base}/${request.params.id}?done=status`, 303);
        const item = await getInboxItem(deps, m, staffOf(request), request.params.id);
        return sendHtml(
          reply,
          <InboxItemPage
            ctx={pageContext(request, reply)}
            item={item}
            names={await inboxNames(deps, m)}
            errors={outcome.errors}
            values={values}
          />,
          outcome.status,
        );
      },
    );
  });
}
