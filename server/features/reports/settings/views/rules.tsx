import type { FieldErrors } from '../../../../platform/errors.js';
import { ActionSection, AdminFormPage, formFields } from '../../../../platform/views/admin-form.js';
import type { PageContext } from '../../../../platform/views/context.js';
import { CheckboxField, SelectField } from '../../../../platform/views/form-fields.js';
import { localName } from '../../core/views/admin-components.js';
import { reportStyles } from '../../core/views/styles.js';
import type { RoutingRuleRow } from '../rules-service.js';
import { SettingsListPage } from './settings-list.js';

export interface RuleChoices {
  categories: { id: number; name: { de: string; en: string }; active: boolean }[];
  districts: { id: number; name: string }[];
  departments: { id: number; name: string }[];
}

export interface RuleFormValues {
  categoryId: string;
  districtId: string;
  departmentId: string;
  autoForward: boolean;
}

export function ruleValues(r?: RoutingRuleRow): RuleFormValues {
  return {
    categoryId: r ? String(r.category_id) : '',
    districtId: r?.district_id ? String(r.district_id) : '',
    departmentId: r ? String(r.department_id) : '',
    autoForward: r?.auto_forward ?? false,
  };
}

const notices = ['created', 'saved', 'deleted'] as const;

export function RulesPage({
  ctx,
  rules,
  autoForward,
}: {
  ctx: PageContext;
  rules: RoutingRuleRow[];
  autoForward: boolean;
}) {
  const { t } = ctx.i18n;
  return (
    <SettingsListPage
      ctx={ctx}
      section="rules"
      createHref="/admin/meldungen/regeln/neu"
      notices={notices}
      count={rules.length}
      extra={!autoForward && <p class="kern-body">{t('reports-admin.rules.autoForwardOff')}</p>}
    >
      <thead class="kern-table__head">
        <tr class="kern-table__row">
          <th scope="col" class="kern-table__header">
            {t('reports-admin.rules.category')}
          </th>
          <th scope="col" class="kern-table__header">
            {t('reports-admin.rules.district')}
          </th>
          <th scope="col" class="kern-table__header">
            {t('reports-admin.rules.department')}
          </th>
          <th scope="col" class="kern-table__header">
            {t('reports-admin.rules.autoForward')}
          </th>
        </tr>
      </thead>
      <tbody class="kern-table__body">
        {rules.map((r) => (
          <tr class="kern-table__row" key={r.id}>
            <th scope="row" class="kern-table__header">
              <a class="kern-link" href={`/admin/meldungen/regeln/${r.id}`}>
                {localName(ctx, r.category_name)}
                {r.district_name ? ` – ${r.district_name}` : ''}
              </a>
            </th>
            <td class="kern-table__cell">{r.district_name ?? t('reports-admin.rules.allDistricts')}</td>
            <td class="kern-table__cell">{r.department_name}</td>
            <td class="kern-table__cell">
              {t(r.auto_forward ? 'reports-admin.rules.automatic' : 'reports-admin.rules.suggestion')}
            </td>
          </tr>
        ))}
      </tbody>
    </SettingsListPage>
  );
}

export function RuleFormPage({
  ctx,
  rule,
  values,
  choices,
  errors,
}: {
  ctx: PageContext;
  rule?: RoutingRuleRow;
  values: RuleFormValues;
  choices: RuleChoices;
  /** Already translated. */
  errors?: FieldErrors;
}) {
  const { t } = ctx.i18n;
  const title = t(rule ? 'reports-admin.rules.editTitle' : 'reports-admin.rules.newTitle');
  const action = rule ? `/admin/meldungen/regeln/${rule.id}` : '/admin/meldungen/regeln';
  const field = formFields(ctx, values, errors);
  return (
    <AdminFormPage
      ctx={ctx}
      title={title}
      back={{ href: '/admin/meldungen/regeln', label: t('reports-admin.rules.back') }}
      errors={errors}
      action={action}
      submitLabel={t(rule ? 'reports-admin.form.save' : 'reports-admin.rules.create')}
      styles={reportStyles()}
      after={
        rule && (
          <ActionSection
            ctx={ctx}
            id="delete"
            title={t('reports-admin.rules.deleteTitle')}
            text={t('reports-admin.rules.deleteText')}
            action={`/admin/meldungen/regeln/${rule.id}/loeschen`}
            label={t('reports-admin.form.delete')}
          />
        )
      }
    >
      <SelectField
        {...field('categoryId')}
        label={t('reports-admin.rules.category')}
        empty={t('reports-admin.actions.choose')}
        options={choices.categories.map((c) => ({
          value: String(c.id),
          label: c.active ? localName(ctx, c.name) : `${localName(ctx, c.name)} (${t('reports-admin.rules.inactive')})`,
        }))}
        required
      />
      <SelectField
        {...field('districtId')}
        label={t('reports-admin.rules.district')}
        hint={t('reports-admin.rules.districtHint')}
        empty={t('reports-admin.rules.allDistricts')}
        options={choices.districts.map((d) => ({ value: String(d.id), label: d.name }))}
      />
      <SelectField
        {...field('departmentId')}
        label={t('reports-admin.rules.department')}
        empty={t('reports-admin.actions.choose')}
        options={choices.departments.map((d) => ({ value: String(d.id), label: d.name }))}
        required
      />
      <CheckboxField
        name="autoForward"
        label={t('reports-admin.rules.autoForwardLabel')}
        hint={t('reports-admin.rules.autoForwardHint')}
        checked={values.autoForward}
      />
    </AdminFormPage>
  );
}
