import { requireStaff, staffOf } from '../../../platform/auth/guards.js';
import type { App, Deps } from '../../../platform/deps.js';
import { type FormBody, submit, text } from '../../../platform/http/forms.js';
import { formBodySchema, idParamsSchema, pageId } from '../../../platform/http/page-schemas.js';
import { pageContext } from '../../../platform/views/context.js';
import { sendHtml } from '../../../platform/views/render.js';
import { listDepartments } from '../../departments/service.js';
import { getExternalBody, listExternalBodies } from '../core/external-bodies.js';
import { getTemplate, listTemplates } from '../core/note-templates.js';
import { listDistrictOptions, listLeafCategories } from '../core/routing.js';
import { localErrors } from '../core/views/admin-components.js';
import { createExternalBody, updateExternalBody } from './external-bodies-service.js';
import { createRule, getRule, listRules, removeRule, updateRule } from './rules-service.js';
import { createTemplate, removeTemplate, updateTemplate } from './templates-service.js';
import { ExternalBodiesPage, ExternalBodyFormPage, externalBodyValues } from './views/external-bodies.js';
import { RuleFormPage, RulesPage, ruleValues } from './views/rules.js';
import { TemplateFormPage, TemplatesPage, templateValues } from './views/templates.js';

const admins = requireStaff('admin');
const templateStaff = requireStaff('admin', 'bsc_agent');
const list = { hide: true };
const form = { hide: true, body: formBodySchema };
const item = { hide: true, params: idParamsSchema };
const itemForm = { hide: true, params: idParamsSchema, body: formBodySchema };

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

  app.get('/admin/meldungen/regeln', { schema: list, preHandler: admins }, async (request, reply) => {
    const rules = await listRules(deps);
    const ctx = pageContext(request, reply);
    return sendHtml(reply, <RulesPage ctx={ctx} rules={rules} autoForward={deps.config.reports.autoForward} />);
  });

  app.get('/admin/meldungen/regeln/neu', { schema: list, preHandler: admins }, async (request, reply) => {
    const ctx = pageContext(request, reply);
    return sendHtml(reply, <RuleFormPage ctx={ctx} values={ruleValues()} choices={await ruleChoices()} />);
  });

  app.post('/admin/meldungen/regeln', { schema: form, preHandler: admins }, async (request, reply) => {
    const input = ruleInput(request.body);
    const result = await submit(() => createRule(deps, staffOf(request), input));
    if (!result.ok) {
      const ctx = pageContext(request, reply);
      const page = (
        <RuleFormPage ctx={ctx} values={input} choices={await ruleChoices()} errors={localErrors(ctx, result.errors)} />
      );
      return sendHtml(reply, page, result.status);
    }
    return reply.redirect('/admin/meldungen/regeln?done=created', 303);
  });

  app.get('/admin/meldungen/regeln/:id', { schema: item, preHandler: admins }, async (request, reply) => {
    const rule = await getRule(deps, pageId(request.params.id));
    const ctx = pageContext(request, reply);
    return sendHtml(
      reply,
      <RuleFormPage ctx={ctx} rule={rule} values={ruleValues(rule)} choices={await ruleChoices()} />,
    );
  });

  app.post('/admin/meldungen/regeln/:id', { schema: itemForm, preHandler: admins }, async (request, reply) => {
    const rule = await getRule(deps, pageId(request.params.id));
    const input = ruleInput(request.body);
    const result = await submit(() => updateRule(deps, staffOf(request), rule.id, input));
    if (!result.ok) {
      const ctx = pageContext(request, reply);
      const errors = localErrors(ctx, result.errors);
      const page = <RuleFormPage ctx={ctx} rule={rule} values={input} choices={await ruleChoices()} errors={errors} />;
      return sendHtml(reply, page, result.status);
    }
    return reply.redirect('/admin/meldungen/regeln?done=saved', 303);
  });

  app.post('/admin/meldungen/regeln/:id/loeschen', { schema: item, preHandler: admins }, async (request, reply) => {
    await removeRule(deps, staffOf(request), pageId(request.params.id));
    return reply.redirect('/admin/meldungen/regeln?done=deleted', 303);
  });

  const templateInput = (b: FormBody) => ({
    status: text(b, 'status'),
    title: text(b, 'title'),
    bodyDe: text(b, 'bodyDe'),
    bodyEn: text(b, 'bodyEn'),
    sort: text(b, 'sort'),
    categoryId: text(b, 'categoryId'),
  });

  app.get('/admin/meldungen/vorlagen', { schema: list, preHandler: templateStaff }, async (request, reply) => {
    const [templates, categories] = await Promise.all([listTemplates(deps), listLeafCategories(deps)]);
    const ctx = pageContext(request, reply);
    return sendHtml(reply, <TemplatesPage ctx={ctx} templates={templates} categories={categories} />);
  });

  app.get('/admin/meldungen/vorlagen/neu', { schema: list, preHandler: templateStaff }, async (request, reply) =>
    sendHtml(
      reply,
      <TemplateFormPage
        ctx={pageContext(request, reply)}
        categories={await listLeafCategories(deps)}
        values={templateValues()}
      />,
    ),
  );

  app.post('/admin/meldungen/vorlagen', { schema: form, preHandler: templateStaff }, async (request, reply) => {
    const input = templateInput(request.body);
    const result = await submit(() => createTemplate(deps, staffOf(request), input));
    if (!result.ok) {
      const ctx = pageContext(request, reply);
      const errors = localErrors(ctx, result.errors);
      return sendHtml(
        reply,
        <TemplateFormPage ctx={ctx} categories={await listLeafCategories(deps)} values={input} errors={errors} />,
        result.status,
      );
    }
    return reply.redirect('/admin/meldungen/vorlagen?done=created', 303);
  });

  app.get('/admin/meldungen/vorlagen/:id', { schema: item, preHandler: templateStaff }, async (request, reply) => {
    const template = await getTemplate(deps, pageId(request.params.id));
    const ctx = pageContext(request, reply);
    return sendHtml(
      reply,
      <TemplateFormPage
        ctx={ctx}
        categories={await listLeafCategories(deps)}
        template={template}
        values={templateValues(template)}
      />,
    );
  });

  app.post('/admin/meldungen/vorlagen/:id', { schema: itemForm, preHandler: templateStaff }, async (request, reply) => {
    const template = await getTemplate(deps, pageId(request.params.id));
    const input = templateInput(request.body);
    const result = await submit(() => updateTemplate(deps, staffOf(request), template.id, input));
    if (!result.ok) {
      const ctx = pageContext(request, reply);
      const errors = localErrors(ctx, result.errors);
      const page = (
        <TemplateFormPage
          ctx={ctx}
          categories={await listLeafCategories(deps)}
          template={template}
          values={input}
          errors={errors}
        />
      );
      return sendHtml(reply, page, result.status);
    }
    return reply.redirect('/admin/meldungen/vorlagen?done=saved', 303);
  });

  app.post(
    '/admin/meldungen/vorlagen/:id/loeschen',
    { schema: item, preHandler: templateStaff },
    async (request, reply) => {
      await removeTemplate(deps, staffOf(request), pageId(request.params.id));
      return reply.redirect('/admin/meldungen/vorlagen?done=deleted', 303);
    },
  );

  const bodyInput = (b: FormBody) => ({
    name: text(b, 'name'),
    email: text(b, 'email'),
    phone: text(b, 'phone'),
    website: text(b, 'website'),
    active: text(b, 'active') === '1',
  });

  app.get('/admin/meldungen/externe-stellen', { schema: list, preHandler: admins }, async (request, reply) => {
    const bodies = await listExternalBodies(deps);
    return sendHtml(reply, <ExternalBodiesPage ctx={pageContext(request, reply)} bodies={bodies} />);
  });

  app.get('/admin/meldungen/externe-stellen/neu', { schema: list, preHandler: admins }, async (request, reply) =>
    sendHtml(reply, <ExternalBodyFormPage ctx={pageContext(request, reply)} values={externalBodyValues()} />),
  );

  app.post('/admin/meldungen/externe-stellen', { schema: form, preHandler: admins }, async (request, reply) => {
    const input = bodyInput(request.body);
    const result = await submit(() => createExternalBody(deps, staffOf(request), input));
    if (!result.ok) {
      const ctx = pageContext(request, reply);
      const errors = localErrors(ctx, result.errors);
      return sendHtml(reply, <ExternalBodyFormPage ctx={ctx} values={input} errors={errors} />, result.status);
    }
    return reply.redirect('/admin/meldungen/externe-stellen?done=created', 303);
  });

  app.get('/admin/meldungen/externe-stellen/:id', { schema: item, preHandler: admins }, async (request, reply) => {
    const body = await getExternalBody(deps.db, deps.config.municipality.id, pageId(request.params.id));
    const ctx = pageContext(request, reply);
    return sendHtml(reply, <ExternalBodyFormPage ctx={ctx} body={body} values={externalBodyValues(body)} />);
  });

  app.post('/admin/meldungen/externe-stellen/:id', { schema: itemForm, preHandler: admins }, async (request, reply) => {
    const body = await getExternalBody(deps.db, deps.config.municipality.id, pageId(request.params.id));
    const input = bodyInput(request.body);
    const result = await submit(() => updateExternalBody(deps, staffOf(request), body.id, input));
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
