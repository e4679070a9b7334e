import type { FastifyReply, FastifyRequest } from 'fastify';
import { requireStaff, staffOf } from '../../../platform/auth/guards.js';
import type { StaffPrincipal } from '../../../platform/auth/types.js';
import type { App, Deps } from '../../../platform/deps.js';
import type { FieldErrors } from '../../../platform/errors.js';
import { type FormBody, submit, text } from '../../../platform/http/forms.js';
import {
  formBodySchema,
  idOf,
  idParamsSchema,
  pageId,
  pageQuerySchema,
  photoParamsSchema,
  single,
} from '../../../platform/http/page-schemas.js';
import { pageContext } from '../../../platform/views/context.js';
import { addAdminNavItem } from '../../../platform/views/registry.js';
import { sendHtml } from '../../../platform/views/render.js';
import { listTemplates, templateText } from '../core/note-templates.js';
import type { WorkflowAction } from '../core/policy.js';
import { localErrors } from '../core/views/admin-components.js';
import {
  defaultStatusFor,
  getStaffPhoto,
  getStaffReport,
  inboxCounts,
  inboxGeoJson,
  inboxOptions,
  listInbox,
  listOverdue,
  parseBbox,
  parseInboxQuery,
} from './inbox-service.js';
import { approveScreening, markAbusive, mergeReport, moderateText, reviewPhoto } from './moderation-service.js';
import { noteActions } from './views/action-parts.js';
import { type ActionState, actionPaths, templateKindOf } from './views/actions.js';
import { ReportDetailPage } from './views/detail.js';
import { InboxPage } from './views/inbox.js';
import { OverduePage } from './views/overdue.js';
import {
  acceptReport,
  addInternalNote,
  addPublicNote,
  completeReport,
  forwardReport,
  handToExternal,
  rejectReport,
  reopenReport,
  returnReport,
  startWork,
} from './workflow-service.js';

/** Report work: BSC, admins, department staff (policy.ts narrows department staff to their reports). */
const staffOnly = requireStaff('admin', 'bsc_agent', 'department_staff');
const listPage = { schema: { hide: true, querystring: pageQuerySchema }, preHandler: staffOnly };
const reportPage = {
  schema: { hide: true, params: idParamsSchema, querystring: pageQuerySchema },
  preHandler: staffOnly,
};
const reportForm = {
  schema: { hide: true, params: idParamsSchema, querystring: pageQuerySchema, body: formBodySchema },
  preHandler: staffOnly,
};
const photoPage = { schema: { hide: true, params: photoParamsSchema }, preHandler: staffOnly };
const photoForm = {
  schema: { hide: true, params: photoParamsSchema, querystring: pageQuerySchema, body: formBodySchema },
  preHandler: staffOnly,
};

type Handler = (deps: Deps, staff: StaffPrincipal, id: number, body: FormBody) => Promise<void>;

const handlers: Record<keyof typeof actionPaths, Handler> = {
  forward: (d, s, id, b) =>
    forwardReport(d, s, id, { departmentId: idOf(text(b, 'departmentId')), note: text(b, 'note') }),
  accept: (d, s, id, b) => acceptReport(d, s, id, { note: text(b, 'note') }),
  return: (d, s, id, b) => returnReport(d, s, id, { reason: text(b, 'reason') }),
  progress: (d, s, id, b) => startWork(d, s, id, { note: text(b, 'note') }),
  done: (d, s, id, b) => completeReport(d, s, id, { note: text(b, 'note') }),
  reject: (d, s, id, b) => rejectReport(d, s, id, { note: text(b, 'note') }),
  external: (d, s, id, b) =>
    handToExternal(d, s, id, { externalBodyId: idOf(text(b, 'externalBodyId')), note: text(b, 'note') }),
  reopen: (d, s, id, b) => reopenReport(d, s, id, { note: text(b, 'note') }),
  publicNote: (d, s, id, b) => addPublicNote(d, s, id, { note: text(b, 'note') }),
  note: (d, s, id, b) => addInternalNote(d, s, id, { note: text(b, 'note') }),
  merge: (d, s, id, b) => mergeReport(d, s, id, { reference: text(b, 'reference'), note: text(b, 'note') }),
  moderate: (d, s, id, b) =>
    moderateText(d, s, id, {
      publicDescription: text(b, 'publicDescription', true),
      personal: text(b, 'personal') === '1',
    }),
  abusive: (d, s, id, b) => markAbusive(d, s, id, { abusive: text(b, 'abusive') === '1' }),
  screening: (d, s, id) => approveScreening(d, s, id),
};

const formValues = (body: FormBody): Record<string, string> =>
  Object.fromEntries(
    Object.keys(body)
      .filter((k) => k !== '_csrf')
      .map((k) => [k, text(body, k, true)]),
  );

/** Mängelmelder back office: inbox, overdue list, map data, report detail with its actions, rules, templates. */
export default async function reportAdminPages(app: App, deps: Deps): Promise<void> {
  addAdminNavItem(app, {
    href: '/admin/meldungen',
    labelKey: 'reports-admin.nav',
    roles: ['admin', 'bsc_agent', 'department_staff'],
    order: 10,
    counts: async (staff) => {
      const c = await inboxCounts(deps, staff);
      if (staff.role === 'department_staff') {
        return [
          { href: '/admin/meldungen', labelKey: 'reports-admin.counts.open', count: c.open },
          {
            href: '/admin/meldungen/ueberfaellig',
            labelKey: 'reports-admin.counts.overdue',
            count: c.overdue,
            urgent: true,
          },
        ];
      }
      return [
        { href: '/admin/meldungen', labelKey: 'reports-admin.counts.triage', count: c.triage },
        {
          href: '/admin/meldungen?status=department',
          labelKey: 'reports-admin.counts.withDepartment',
          count: c.withDepartment,
        },
        {
          href: '/admin/meldungen/ueberfaellig',
          labelKey: 'reports-admin.counts.overdue',
          count: c.overdue,
          urgent: true,
        },
        {
          href: '/admin/meldungen?status=open&screening=1',
          labelKey: 'reports-admin.counts.screening',
          count: c.screening,
          urgent: true,
        },
      ];
    },
  });

  app.get('/admin/meldungen', listPage, async (request, reply) => {
    const staff = staffOf(request);
    const query = parseInboxQuery(request.query, defaultStatusFor(staff.role));
    const [options, data, counts] = await Promise.all([
      inboxOptions(deps, staff),
      listInbox(deps, staff, query),
      inboxCounts(deps, staff),
    ]);
    const ctx = pageContext(request, reply);
    return sendHtml(reply, <InboxPage ctx={ctx} query={query} options={options} data={data} counts={counts} />);
  });

  app.get('/admin/meldungen/karte.geojson', listPage, async (request, reply) => {
    const t = request.i18n.t;
    const staff = staffOf(request);
    const body = await inboxGeoJson(deps, staff, parseInboxQuery(request.query, defaultStatusFor(staff.role)), {
      bbox: parseBbox(single(request.query.bbox)),
      reportId: idOf(single(request.query.report)),
      label: (r) => {
        const category = (request.i18n.lang === 'en' && r.category.en) || r.category.de;
        const status = t(`reports-admin.status.${r.status}`);
        const overdue = r.overdue ? `, ${t('reports-admin.due.overdue')}` : '';
        return { category, status, title: `${r.reference}: ${category}, ${status}${overdue}` };
      },
    });
    return reply.type('application/geo+json; charset=utf-8').header('cache-control', 'no-store').send(body);
  });

  app.get('/admin/meldungen/ueberfaellig', listPage, async (request, reply) => {
    const groups = await listOverdue(deps, staffOf(request));
    return sendHtml(reply, <OverduePage ctx={pageContext(request, reply)} groups={groups} />);
  });

  /** The report's page, with a template's text in its form (`?vorlage=<id>`) or a failed form's values. */
  const renderDetail = async (
    request: FastifyRequest,
    reply: FastifyReply,
    id: number,
    state: ActionState & { vorlage?: string | undefined },
    status = 200,
  ) => {
    const [detail, templates] = await Promise.all([getStaffReport(deps, staffOf(request), id), listTemplates(deps)]);
    const ctx = pageContext(request, reply);
    const chosen = idOf(state.vorlage);
    const template = chosen && templates.find((x) => x.id === chosen);
    if (template && !state.prefill) {
      const action = (Object.keys(templateKindOf) as WorkflowAction[]).find(
        (a) => templateKindOf[a] === template.status,
      );
      if (action) state = { ...state, prefill: { action, note: templateText(template, detail.report.language) } };
    }
    const errors = localErrors(ctx, state.failed?.errors);
    const failed = state.failed && { ...state.failed, errors: errors ?? {} };
    return sendHtml(
      reply,
      <ReportDetailPage ctx={ctx} detail={detail} templates={templates} state={{ ...state, failed }} errors={errors} />,
      status,
    );
  };

  app.get('/admin/meldungen/:id', reportPage, async (request, reply) =>
    renderDetail(request, reply, pageId(request.params.id), { vorlage: single(request.query.vorlage) }),
  );

  app.get('/admin/meldungen/:id/fotos/:photoId', photoPage, async (request, reply) => {
    const { id, photoId } = request.params;
    const photo = await getStaffPhoto(deps, staffOf(request), pageId(id), pageId(photoId));
    return reply.type(photo.contentType).header('cache-control', 'private, no-store').send(photo.data);
  });

  app.post('/admin/meldungen/:id/fotos/:photoId', photoForm, async (request, reply) => {
    const id = pageId(request.params.id);
    const photoId = pageId(request.params.photoId);
    const review = text(request.body, 'review');
    const result = await submit(() => reviewPhoto(deps, staffOf(request), id, { photoId, review }));
    if (!result.ok) {
      const errors = prefixed('photo', result.errors);
      const failed = { action: 'photo' as const, values: {}, errors };
      return renderDetail(request, reply, id, { failed, vorlage: single(request.query.vorlage) }, result.status);
    }
    return reply.redirect(`/admin/meldungen/${id}?done=photo#foto-${photoId}`, 303);
  });

  /**
   * "Insert template" without JavaScript: the action's form comes here with what was typed; the page is rendered
   * again with the typed note and the template's text below it, the action's panel open. Nothing is stored.
   */
  app.post('/admin/meldungen/:id/vorlage', reportForm, async (request, reply) => {
    const id = pageId(request.params.id);
    const body = request.body;
    const action = (Object.keys(actionPaths) as (keyof typeof actionPaths)[]).find(
      (a) => a === text(body, 'templateAction'),
    );
    const templates = await listTemplates(deps);
    const chosen = idOf(text(body, 'vorlage'));
    const template = templates.find((x) => x.id === chosen);
    if (!action || !template) return reply.redirect(`/admin/meldungen/${id}`, 303);
    const detail = await getStaffReport(deps, staffOf(request), id);
    const field = noteActions[action]?.field ?? 'note';
    const values = formValues(body);
    values[field] = appendTemplate(values[field] ?? '', templateText(template, detail.report.language));
    return renderDetail(request, reply, id, { failed: { action, values, errors: {} } });
  });

  for (const [action, path] of Object.entries(actionPaths) as [keyof typeof actionPaths, string][]) {
    app.post(`/admin/meldungen/:id/${path}`, reportForm, async (request, reply) => {
      const id = pageId(request.params.id);
      const body = request.body;
      const staff = staffOf(request);
      const result = await submit(() => handlers[action](deps, staff, id, body));
      if (!result.ok) {
        const failed = { action, values: formValues(body), errors: prefixed(action, result.errors) };
        return renderDetail(request, reply, id, { failed, vorlage: single(request.query.vorlage) }, result.status);
      }
      // A department that gave a report back can no longer open it: it lands in its inbox.
      if (action === 'return' && staff.role === 'department_staff') {
        return reply.redirect('/admin/meldungen?done=return', 303);
      }
      return reply.redirect(`/admin/meldungen/${id}?done=${action}`, 303);
    });
  }
}

/** The typed note with a template's text added below it (a blank line between). */
export function appendTemplate(typed: string, template: string): string {
  const before = typed.replace(/\s+$/, '');
  return before ? `${before}\n\n${template}` : template;
}

/** Field errors of one action form, keyed by the field ids on the page (`<action>-<field>`). */
function prefixed(action: WorkflowAction, errors: FieldErrors): FieldErrors {
  return Object.fromEntries(Object.entries(errors).map(([k, v]) => [`${action}-${k}`, v]));
}
