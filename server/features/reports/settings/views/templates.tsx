import type { FieldErrors } from '../../../../platform/errors.js';
import { AdminLayout, PostButton } from '../../../../platform/views/admin-layout.js';
import type { PageContext } from '../../../../platform/views/context.js';
import { ErrorSummary, SelectField, TextAreaField, TextField } from '../../../../platform/views/form-fields.js';
import { type TemplateRow, templateKinds } from '../../core/note-templates.js';
import { reportStyles } from '../../core/views/styles.js';
import { SettingsListPage } from './settings-list.js';

export interface TemplateFormValues {
  status: string;
  title: string;
  bodyDe: string;
  bodyEn: string;
  sort: string;
}

export function templateValues(x?: TemplateRow): TemplateFormValues {
  return {
    status: x?.status ?? '',
    title: x?.title ?? '',
    bodyDe: x?.body.de ?? '',
    bodyEn: x?.body.en ?? '',
    sort: x ? String(x.sort) : '0',
  };
}

const notices = ['created', 'saved', 'deleted'] as const;

export function TemplatesPage({ ctx, templates }: { ctx: PageContext; templates: TemplateRow[] }) {
  const { t } = ctx.i18n;
  return (
    <SettingsListPage
      ctx={ctx}
      section="templates"
      createHref="/admin/meldungen/vorlagen/neu"
      notices={notices}
      count={templates.length}
    >
      <thead class="kern-table__head">
        <tr class="kern-table__row">
          <th scope="col" class="kern-table__header">
            {t('reports-admin.templates.titleField')}
          </th>
          <th scope="col" class="kern-table__header">
            {t('reports-admin.templates.kind')}
          </th>
          <th scope="col" class="kern-table__header">
            {t('reports-admin.templates.bodyDe')}
          </th>
        </tr>
      </thead>
      <tbody class="kern-table__body">
        {templates.map((x) => (
          <tr class="kern-table__row" key={x.id}>
            <th scope="row" class="kern-table__header">
              <a class="kern-link" href={`/admin/meldungen/vorlagen/${x.id}`}>
                {x.title}
              </a>
            </th>
            <td class="kern-table__cell">{t(`reports-admin.templates.kinds.${x.status}`)}</td>
            <td class="kern-table__cell bs-report-text">{x.body.de}</td>
          </tr>
        ))}
      </tbody>
    </SettingsListPage>
  );
}

export function TemplateFormPage({
  ctx,
  template,
  values,
  errors,
}: {
  ctx: PageContext;
  template?: TemplateRow;
  values: TemplateFormValues;
  /** Already translated. */
  errors?: FieldErrors;
}) {
  const { t } = ctx.i18n;
  const title = template
    ? t('reports-admin.templates.editTitle', { title: template.title })
    : t('reports-admin.templates.newTitle');
  const action = template ? `/admin/meldungen/vorlagen/${template.id}` : '/admin/meldungen/vorlagen';
  return (
    <AdminLayout ctx={ctx} title={title} styles={reportStyles()}>
      <p>
        <a class="kern-link" href="/admin/meldungen/vorlagen">
          {t('reports-admin.templates.back')}
        </a>
      </p>
      <h1 class="kern-heading-large">{title}</h1>
      <ErrorSummary ctx={ctx} errors={errors} />
      <form method="post" action={action} novalidate class="bs-form">
        <input type="hidden" name="_csrf" value={ctx.csrfToken()} />
        <SelectField
          ctx={ctx}
          name="status"
          label={t('reports-admin.templates.kind')}
          hint={t('reports-admin.templates.kindHint')}
          empty={t('reports-admin.actions.choose')}
          value={values.status}
          options={templateKinds.map((k) => ({ value: k, label: t(`reports-admin.templates.kinds.${k}`) }))}
          error={errors?.status}
          required
        />
        <TextField
          ctx={ctx}
          name="title"
          label={t('reports-admin.templates.titleField')}
          hint={t('reports-admin.templates.titleHint')}
          value={values.title}
          error={errors?.title}
          required
          maxLength={120}
        />
        <TextAreaField
          ctx={ctx}
          name="bodyDe"
          label={t('reports-admin.templates.bodyDe')}
          value={values.bodyDe}
          error={errors?.bodyDe}
          required
          maxLength={4000}
          rows={6}
        />
        <TextAreaField
          ctx={ctx}
          name="bodyEn"
          label={t('reports-admin.templates.bodyEn')}
          hint={t('reports-admin.templates.bodyEnHint')}
          value={values.bodyEn}
          error={errors?.bodyEn}
          optional
          maxLength={4000}
          rows={6}
        />
        <TextField
          ctx={ctx}
          name="sort"
          label={t('reports-admin.templates.sort')}
          hint={t('reports-admin.templates.sortHint')}
          value={values.sort}
          error={errors?.sort}
          optional
          maxLength={6}
        />
        <div class="kern-btn-wrapper">
          <button type="submit" class="kern-btn kern-btn--primary">
            <span class="kern-label">{t(template ? 'reports-admin.form.save' : 'reports-admin.templates.create')}</span>
          </button>
        </div>
      </form>
      {template && (
        <section aria-labelledby="delete-heading" class="bs-section">
          <h2 class="kern-heading-medium" id="delete-heading">
            {t('reports-admin.templates.deleteTitle')}
          </h2>
          <p class="kern-body" id="delete-text">
            {t('reports-admin.templates.deleteText')}
          </p>
          <PostButton
            ctx={ctx}
            action={`/admin/meldungen/vorlagen/${template.id}/loeschen`}
            label={t('reports-admin.form.delete')}
            describedBy="delete-text"
          />
        </section>
      )}
    </AdminLayout>
  );
}
