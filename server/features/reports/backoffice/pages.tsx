import type { FastifyReply, FastifyRequest } from 'fastify';
import { requireStaff } from '../../../platform/auth/guards.js';
import type { StaffPrincipal } from '../../../platform/auth/types.js';
import type { App, Deps } from '../../../platform/deps.js';
import { type FieldErrors, notFound } from '../../../platform/errors.js';
import { pageContext } from '../../../platform/views/context.js';
import { addAdminNavItem } from '../../../platform/views/registry.js';
import { sendHtml } from '../../../platform/views/render.js';
import { asForm, type FormBody, submit, text } from '../../admin/forms.js';
import { listDepartments } from '../../departments/service.js';
import type { WorkflowAction } from '../core/policy.js';
import { localErrors } from '../core/views/admin-components.js';
import {
  createExternalBody,
  createRule,
  getExternalBody,
  getRule,
  listDistrictOptions,
  listExternalBodies,
  listLeafCategories,
  listRules,
  removeRule,
  updateExternalBody,
  updateRule,
} from '../settings/routing-service.js';
import {
  createTemplate,
  getTemplate,
  listTemplates,
  removeTemplate,
  templateText,
  updateTemplate,
} from '../settings/templates-service.js';
import { ExternalBodiesPage, ExternalBodyFormPage, externalBodyValues } from '../settings/views/external-bodies.js';
import { RuleFormPage, RulesPage, ruleValues } from '../settings/views/rules.js';
import { TemplateFormPage, TemplatesPage, templateValues } from '../settings/views/templates.js';
import {
  getStaffPhoto,
  getStaffReport,
  inboxGeoJson,
  inboxOptions,
  listInbox,
  listOverdue,
  parseBbox,
  parseInboxQuery,
} from './inbox-service.js';
import { type ActionState, actionPaths, templateKindOf } from './views/actions.js';
import { ReportDetailPage } from './views/detail.js';
import { InboxPage } from './views/inbox.js';
import { OverduePage } from './views/overdue.js';
import {
  acceptReport,
  addInternalNote,
  addPublicNote,
  approveScreening,
  completeReport,
  forwardReport,
  handToExternal,
  markAbusive,
  mergeReport,
  moderateText,
  rejectReport,
  reopenReport,
  returnReport,
  reviewPhoto,
  startWork,
} from './workflow-service.js';

const hide = { hide: true };
/** Report work: BSC, admins, department staff (policy.ts narrows department staff to their reports). */
const workPage = { schema: hide, preHandler: requireStaff('admin', 'bsc_agent', 'department_staff') };
const adminPage = { schema: hide, preHandler: requireStaff('admin') };
const templatePage = { schema: hide, preHandler: requireStaff('admin', 'bsc_agent') };

const idOf = (s: string | undefined): number | undefined =>
  s && /^[1-9]\d{0,15}$/.test(s.trim()) ? Number(s.trim()) : undefined;

function param(params: unknown, name = 'id'): number {
  const id = idOf((params as Record<string, string | undefined>)[name]);
  if (id === undefined) throw notFound('Page');
  return id;
}

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
  });

  app.get('/admin/meldungen', workPage, async (request, reply) => {
    const query = parseInboxQuery(request.query);
    const [options, data] = await Promise.all([
      inboxOptions(deps, request.staff!),
      listInbox(deps, request.staff!, query),
    ]);
    const ctx = pageContext(request, reply);
    return sendHtml(reply, <InboxPage ctx={ctx} query={query} options={options} data={data} />);
  });

  app.get('/admin/meldungen/karte.geojson', workPage, async (request, reply) => {
    const raw = request.query as Record<string, string | undefined>;
    const t = request.i18n.t;
    const body = await inboxGeoJson(deps, request.staff!, parseInboxQuery(raw), {
      bbox: parseBbox(raw.bbox),
      reportId: idOf(raw.report),
      label: (r) => {
        const category = (request.i18n.lang === 'en' && r.category.en) || r.category.de;
        const status = t(`reports-admin.status.${r.status}`);
        const overdue = r.overdue ? `, ${t('reports-admin.due.overdue')}` : '';
        return { category, status, title: `${r.reference}: ${category}, ${status}${overdue}` };
      },
    });
    return reply.type('application/geo+json; charset=utf-8').header('cache-control', 'no-store').send(body);
  });

  app.get('/admin/meldungen/ueberfaellig', workPage, async (request, reply) => {
    const groups = await listOverdue(deps, request.staff!);
    return sendHtml(reply, <OverduePage ctx={pageContext(request, reply)} groups={groups} />);
  });

  const renderDetail = async (
    request: FastifyRequest,
    reply: FastifyReply,
    id: number,
    state: ActionState,
    status = 200,
  ) => {
    const [detail, templates] = await Promise.all([getStaffReport(deps, request.staff!, id), listTemplates(deps)]);
    const ctx = pageContext(request, reply);
    const chosen = idOf((request.query as Record<string, string | undefined>).vorlage);
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

  app.get('/admin/meldungen/:id', workPage, async (request, reply) =>
    renderDetail(request, reply, param(request.params), {}),
  );

  app.get('/admin/meldungen/:id/fotos/:photoId', workPage, async (request, reply) => {
    const photo = await getStaffPhoto(deps, request.staff!, param(request.params), param(request.params, 'photoId'));
    return reply.type(photo.contentType).header('cache-control', 'private, no-store').send(photo.data);
  });

  app.post('/admin/meldungen/:id/fotos/:photoId', workPage, async (request, reply) => {
    const id = param(request.params);
    const photoId = param(request.params, 'photoId');
    const review = text(asForm(request.body), 'review');
    const result = await submit(() => reviewPhoto(deps, request.staff!, id, { photoId, review }));
    if (!result.ok) {
      const errors = prefixed('photo', result.errors);
      return renderDetail(request, reply, id, { failed: { action: 'photo', values: {}, errors } }, result.status);
    }
    return reply.redirect(`/admin/meldungen/${id}?done=photo#foto-${photoId}`, 303);
  });

  for (const [action, path] of Object.entries(actionPaths) as [keyof typeof actionPaths, string][]) {
    app.post(`/admin/meldungen/:id/${path}`, workPage, async (request, reply) => {
      const id = param(request.params);
      const body = asForm(request.body);
      const result = await submit(() => handlers[action](deps, request.staff!, id, body));
      if (!result.ok) {
        const failed = { action, values: formValues(body), errors: prefixed(action, result.errors) };
        return renderDetail(request, reply, id, { failed }, result.status);
      }
      // A department that gave a report back can no longer open it: it lands in its inbox.
      if (action === 'return' && request.staff!.role === 'department_staff') {
        return reply.redirect('/admin/meldungen?done=return', 303);
      }
      return reply.redirect(`/admin/meldungen/${id}?done=${action}`, 303);
    });
  }

  await configPages(app, deps);
}

/** Field errors of one action form, keyed by the field ids on the page (`<action>-<field>`). */
function prefixed(action: WorkflowAction, errors: FieldErrors): FieldErrors {
  return Object.fromEntries(Object.entries(errors).map(([k, v]) => [`${action}-${k}`, v]));
}

/** Routing rules and external bodies (admins) and note templates (admins, BSC). */
async function configPages(app: App, deps: Deps): Promise<void> {
  const ruleChoices = async () => {
    const [categories, districts, departments] = await Promise.all([
      listLeafCategories(deps),
      listDistrictOptions(deps),
      listDepartments(deps.db, deps.config.municipality.id),
    ]);
    return { categories, districts, departments: departments.filter((d) => d.active) };
  };
  const ruleInput = (b: FormBody) => ({
    categoryId: text(b, 'categoryId'),
    districtId: text(b, 'districtId'),
    departmentId: text(b, 'departmentId'),
    autoForward: text(b, 'autoForward') === '1',
  });

  app.get('/admin/meldungen/regeln', adminPage, async (request, reply) => {
    const rules = await listRules(deps);
    const ctx = pageContext(request, reply);
    return sendHtml(reply, <RulesPage ctx={ctx} rules={rules} autoForward={deps.config.reports.autoForward} />);
  });

  app.get('/admin/meldungen/regeln/neu', adminPage, async (request, reply) => {
    const ctx = pageContext(request, reply);
    return sendHtml(reply, <RuleFormPage ctx={ctx} values={ruleValues()} choices={await ruleChoices()} />);
  });

  app.post('/admin/meldungen/regeln', adminPage, async (request, reply) => {
    const input = ruleInput(asForm(request.body));
    const result = await submit(() => createRule(deps, request.staff!, input));
    if (!result.ok) {
      const ctx = pageContext(request, reply);
      const page = (
        <RuleFormPage ctx={ctx} values={input} choices={await ruleChoices()} errors={localErrors(ctx, result.errors)} />
      );
      return sendHtml(reply, page, result.status);
    }
    return reply.redirect('/admin/meldungen/regeln?done=created', 303);
  });

  app.get('/admin/meldungen/regeln/:id', adminPage, async (request, reply) => {
    const rule = await getRule(deps, param(request.params));
    const ctx = pageContext(request, reply);
    return sendHtml(
      reply,
      <RuleFormPage ctx={ctx} rule={rule} values={ruleValues(rule)} choices={await ruleChoices()} />,
    );
  });

  app.post('/admin/meldungen/regeln/:id', adminPage, async (request, reply) => {
    const rule = await getRule(deps, param(request.params));
    const input = ruleInput(asForm(request.body));
    const result = await submit(() => updateRule(deps, request.staff!, rule.id, input));
    if (!result.ok) {
      const ctx = pageContext(request, reply);
      const errors = localErrors(ctx, result.errors);
      const page = <RuleFormPage ctx={ctx} rule={rule} values={input} choices={await ruleChoices()} errors={errors} />;
      return sendHtml(reply, page, result.status);
    }
    return reply.redirect('/admin/meldungen/regeln?done=saved', 303);
  });

  app.post('/admin/meldungen/regeln/:id/loeschen', adminPage, async (request, reply) => {
    await removeRule(deps, request.staff!, param(request.params));
    return reply.redirect('/admin/meldungen/regeln?done=deleted', 303);
  });

  const templateInput = (b: FormBody) => ({
    status: text(b, 'status'),
    title: text(b, 'title'),
    bodyDe: text(b, 'bodyDe'),
    bodyEn: text(b, 'bodyEn'),
    sort: text(b, 'sort'),
  });

  app.get('/admin/meldungen/vorlagen', templatePage, async (request, reply) => {
    const templates = await listTemplates(deps);
    return sendHtml(reply, <TemplatesPage ctx={pageContext(request, reply)} templates={templates} />);
  });

  app.get('/admin/meldungen/vorlagen/neu', templatePage, async (request, reply) =>
    sendHtml(reply, <TemplateFormPage ctx={pageContext(request, reply)} values={templateValues()} />),
  );

  app.post('/admin/meldungen/vorlagen', templatePage, async (request, reply) => {
    const input = templateInput(asForm(request.body));
    const result = await submit(() => createTemplate(deps, request.staff!, input));
    if (!result.ok) {
      const ctx = pageContext(request, reply);
      const errors = localErrors(ctx, result.errors);
      return sendHtml(reply, <TemplateFormPage ctx={ctx} values={input} errors={errors} />, result.status);
    }
    return reply.redirect('/admin/meldungen/vorlagen?done=created', 303);
  });

  app.get('/admin/meldungen/vorlagen/:id', templatePage, async (request, reply) => {
    const template = await getTemplate(deps, param(request.params));
    const ctx = pageContext(request, reply);
    return sendHtml(reply, <TemplateFormPage ctx={ctx} template={template} values={templateValues(template)} />);
  });

  app.post('/admin/meldungen/vorlagen/:id', templatePage, async (request, reply) => {
    const template = await getTemplate(deps, param(request.params));
    const input = templateInput(asForm(request.body));
    const result = await submit(() => updateTemplate(deps, request.staff!, template.id, input));
    if (!result.ok) {
      const ctx = pageContext(request, reply);
      const errors = localErrors(ctx, result.errors);
      const page = <TemplateFormPage ctx={ctx} template={template} values={input} errors={errors} />;
      return sendHtml(reply, page, result.status);
    }
    return reply.redirect('/admin/meldungen/vorlagen?done=saved', 303);
  });

  app.post('/admin/meldungen/vorlagen/:id/loeschen', templatePage, async (request, reply) => {
    await removeTemplate(deps, request.staff!, param(request.params));
    return reply.redirect('/admin/meldungen/vorlagen?done=deleted', 303);
  });

  const bodyInput = (b: FormBody) => ({
    name: text(b, 'name'),
    email: text(b, 'email'),
    phone: text(b, 'phone'),
    website: text(b, 'website'),
    active: text(b, 'active') === '1',
  });

  app.get('/admin/meldungen/externe-stellen', adminPage, async (request, reply) => {
    const bodies = await listExternalBodies(deps);
    return sendHtml(reply, <ExternalBodiesPage ctx={pageContext(request, reply)} bodies={bodies} />);
  });

  app.get('/admin/meldungen/externe-stellen/neu', adminPage, async (request, reply) =>
    sendHtml(reply, <ExternalBodyFormPage ctx={pageContext(request, reply)} values={externalBodyValues()} />),
  );

  app.post('/admin/meldungen/externe-stellen', adminPage, async (request, reply) => {
    const input = bodyInput(asForm(request.body));
    const result = await submit(() => createExternalBody(deps, request.staff!, input));
    if (!result.ok) {
      const ctx = pageContext(request, reply);
      const errors = localErrors(ctx, result.errors);
      return sendHtml(reply, <ExternalBodyFormPage ctx={ctx} values={input} errors={errors} />, result.status);
    }
    return reply.redirect('/admin/meldungen/externe-stellen?done=created', 303);
  });

  app.get('/admin/meldungen/externe-stellen/:id', adminPage, async (request, reply) => {
    const body = await getExternalBody(deps.db, deps.config.municipality.id, param(request.params));
    const ctx = pageContext(request, reply);
    return sendHtml(reply, <ExternalBodyFormPage ctx={ctx} body={body} values={externalBodyValues(body)} />);
  });

  app.post('/admin/meldungen/externe-stellen/:id', adminPage, async (request, reply) => {
    const body = await getExternalBody(deps.db, deps.config.municipality.id, param(request.params));
    const input = bodyInput(asForm(request.body));
    const result = await submit(() => updateExternalBody(deps, request.staff!, body.id, input));
    if (!result.ok) {
      const ctx = pageContext(request, reply);
      const errors = localErrors(ctx, result.errors);
      return sendHtml(
        reply,
        <ExternalBodyFormPage ctx={ctx} body={body} values={input} errors={errors} />,
        result.status,
      );
    }
    return reply.redirect('/admin/meldungen/externe-stellen?done=saved', 303);
  });
}
