import type { FieldErrors } from '../../../../platform/errors.js';
import { ActionSection, AdminFormPage, formFields } from '../../../../platform/views/admin-form.js';
import type { PageContext } from '../../../../platform/views/context.js';
import { SelectField, TextAreaField, TextField } from '../../../../platform/views/form-fields.js';
import { type TemplateRow, templateKinds } from '../../core/note-templates.js';
import { localName } from '../../core/views/admin-components.js';
import { reportStyles } from '../../core/views/styles.js';
import { SettingsListPage } from './settings-list.js';

export interface TemplateFormValues {
  status: string;
  title: string;
  bodyDe: string;
  bodyEn: string;
  sort: string;
  categoryId: string;
}

/** The categories a template can be meant for (leaf categories). */
export type TemplateCategory = { id: number; name: { de: string; en?: string } };

export function templateValues(x?: TemplateRow): TemplateFormValues {
  return {
    status: x?.status ?? '',
    title: x?.title ?? '',
    bodyDe: x?.body.de ?? '',
    bodyEn: x?.body.en ?? '',
    sort: x ? String(x.sort) : '0',
    categoryId: x?.categoryId ? String(x.categoryId) : '',
  };
}

const notices = ['created', 'saved', 'deleted'] as const;

export function TemplatesPage({
  ctx,
  templates,
  categories,
}: {
  ctx: PageContext;
  templates: TemplateRow[];
  categories: TemplateCategory[];
}) {
  const { t } = ctx.i18n;
  const categoryName = (id: number | null) => {
    const c = id === null ? undefined : categories.find((x) => x.id === id);
    return c ? localName(ctx, c.name) : t('reports-admin.templates.allCategories');
  };
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
            {t('reports-admin.templates.category')}
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
            <td class="kern-table__cell">{categoryName(x.categoryId)}</td>
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
  categories,
}: {
  ctx: PageContext;
  categories: TemplateCategory[];
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
  const field = formFields(ctx, values, errors);
  return (
    <AdminFormPage
      ctx={ctx}
      title={title}
      back={{ href: '/admin/meldungen/vorlagen', label: t('reports-admin.templates.back') }}
      errors={errors}
      action={action}
      submitLabel={t(template ? 'reports-admin.form.save' : 'reports-admin.templates.create')}
      styles={reportStyles()}
      after={
        template && (
          <ActionSection
            ctx={ctx}
            id="delete"
            title={t('reports-admin.templates.deleteTitle')}
            text={t('reports-admin.templates.deleteText')}
            action={`/admin/meldungen/vorlagen/${template.id}/loeschen`}
            label={t('reports-admin.form.delete')}
          />
        )
      }
    >
      <SelectField
        {...field('status')}
        label={t('reports-admin.templates.kind')}
        hint={t('reports-admin.templates.kindHint')}
        empty={t('reports-admin.actions.choose')}
        options={templateKinds.map((k) => ({ value: k, label: t(`reports-admin.templates.kinds.${k}`) }))}
        required
      />
      <SelectField
        {...field('categoryId')}
        label={t('reports-admin.templates.category')}
        hint={t('reports-admin.templates.categoryHint')}
        empty={t('reports-admin.templates.allCategories')}
        options={categories.map((c) => ({ value: String(c.id), label: localName(ctx, c.name) }))}
        optional
      />
      <TextField
        {...field('title')}
        label={t('reports-admin.templates.titleField')}
        hint={t('reports-admin.templates.titleHint')}
        required
        maxLength={120}
      />
      <TextAreaField
        {...field('bodyDe')}
        label={t('reports-admin.templates.bodyDe')}
        required
        maxLength={4000}
        rows={6}
      />
      <TextAreaField
        {...field('bodyEn')}
        label={t('reports-admin.templates.bodyEn')}
        hint={t('reports-admin.templates.bodyEnHint')}
        optional
        maxLength={4000}
        rows={6}
      />
      <TextField
        {...field('sort')}
        label={t('reports-admin.templates.sort')}
        hint={t('reports-admin.templates.sortHint')}
        optional
        maxLength={6}
      />
    </AdminFormPage>
  );
}
