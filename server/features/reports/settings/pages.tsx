import { requireStaff } from '../../../platform/auth/guards.js';
import type { App, Deps } from '../../../platform/deps.js';
import { pageContext } from '../../../platform/views/context.js';
import { sendHtml } from '../../../platform/views/render.js';
import { asForm, type FormBody, submit, text } from '../../admin/forms.js';
import { listDepartments } from '../../departments/service.js';
import { getExternalBody, listExternalBodies } from '../core/external-bodies.js';
import { getTemplate, listTemplates } from '../core/note-templates.js';
import { param } from '../core/page-params.js';
import { listDistrictOptions, listLeafCategories } from '../core/routing.js';
import { localErrors } from '../core/views/admin-components.js';
import { createExternalBody, updateExternalBody } from './external-bodies-service.js';
import { createRule, getRule, listRules, removeRule, updateRule } from './rules-service.js';
import { createTemplate, removeTemplate, updateTemplate } from './templates-service.js';
import { ExternalBodiesPage, ExternalBodyFormPage, externalBodyValues } from './views/external-bodies.js';
import { RuleFormPage, RulesPage, ruleValues } from './views/rules.js';
import { TemplateFormPage, TemplatesPage, templateValues } from './views/templates.js';

const hide = { hide: true };
const adminPage = { schema: hide, preHandler: requireStaff('admin') };
const templatePage = { schema: hide, preHandler: requireStaff('admin', 'bsc_agent') };

/** The Mängelmelder's settings: routing rules and external bodies (admins), note templates (admins, BSC). */
export default async function reportSettingsPages(app: App, deps: Deps): Promise<void> {
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
