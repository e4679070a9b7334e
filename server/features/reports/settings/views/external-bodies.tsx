import type { FieldErrors } from '../../../../platform/errors.js';
import { AdminFormPage, formFields } from '../../../../platform/views/admin-form.js';
import type { PageContext } from '../../../../platform/views/context.js';
import { CheckboxField, TextField } from '../../../../platform/views/form-fields.js';
import type { ExternalBodyRow } from '../../core/external-bodies.js';
import { Flag } from '../../core/views/admin-components.js';
import { reportStyles } from '../../core/views/styles.js';
import { SettingsListPage } from './settings-list.js';

export interface ExternalBodyFormValues {
  name: string;
  email: string;
  phone: string;
  website: string;
  active: boolean;
}

export function externalBodyValues(b?: ExternalBodyRow): ExternalBodyFormValues {
  return {
    name: b?.name ?? '',
    email: b?.email ?? '',
    phone: b?.phone ?? '',
    website: b?.website ?? '',
    active: b?.active ?? true,
  };
}

const notices = ['created', 'saved'] as const;

export function ExternalBodiesPage({ ctx, bodies }: { ctx: PageContext; bodies: ExternalBodyRow[] }) {
  const { t } = ctx.i18n;
  return (
    <SettingsListPage
      ctx={ctx}
      section="externalBodies"
      createHref="/admin/meldungen/externe-stellen/neu"
      notices={notices}
      count={bodies.length}
    >
      <thead class="kern-table__head">
        <tr class="kern-table__row">
          <th scope="col" class="kern-table__header">
            {t('reports-admin.externalBodies.name')}
          </th>
          <th scope="col" class="kern-table__header">
            {t('reports-admin.externalBodies.email')}
          </th>
          <th scope="col" class="kern-table__header">
            {t('reports-admin.externalBodies.phone')}
          </th>
          <th scope="col" class="kern-table__header">
            {t('reports-admin.externalBodies.state')}
          </th>
        </tr>
      </thead>
      <tbody class="kern-table__body">
        {bodies.map((b) => (
          <tr class="kern-table__row" key={b.id}>
            <th scope="row" class="kern-table__header">
              <a class="kern-link" href={`/admin/meldungen/externe-stellen/${b.id}`}>
                {b.name}
              </a>
            </th>
            <td class="kern-table__cell">{b.email ?? '—'}</td>
            <td class="kern-table__cell">{b.phone ?? '—'}</td>
            <td class="kern-table__cell">
              <Flag kind={b.active ? 'info' : 'warning'}>
                {t(b.active ? 'reports-admin.externalBodies.active' : 'reports-admin.externalBodies.inactive')}
              </Flag>
            </td>
          </tr>
        ))}
      </tbody>
    </SettingsListPage>
  );
}

export function ExternalBodyFormPage({
  ctx,
  body,
  values,
  errors,
}: {
  ctx: PageContext;
  body?: ExternalBodyRow;
  values: ExternalBodyFormValues;
  /** Already translated. */
  errors?: FieldErrors;
}) {
  const { t } = ctx.i18n;
  const title = body
    ? t('reports-admin.externalBodies.editTitle', { name: body.name })
    : t('reports-admin.externalBodies.newTitle');
  const action = body ? `/admin/meldungen/externe-stellen/${body.id}` : '/admin/meldungen/externe-stellen';
  const field = formFields(ctx, values, errors);
  return (
    <AdminFormPage
      ctx={ctx}
      title={title}
      back={{ href: '/admin/meldungen/externe-stellen', label: t('reports-admin.externalBodies.back') }}
      errors={errors}
      action={action}
      submitLabel={t(body ? 'reports-admin.form.save' : 'reports-admin.externalBodies.create')}
      styles={reportStyles()}
    >
      <TextField {...field('name')} label={t('reports-admin.externalBodies.name')} required maxLength={200} />
      <TextField
        {...field('email')}
        type="email"
        label={t('reports-admin.externalBodies.email')}
        autocomplete="off"
        optional
      />
      <TextField
        {...field('phone')}
        type="tel"
        label={t('reports-admin.externalBodies.phone')}
        autocomplete="off"
        optional
      />
      <TextField
        {...field('website')}
        label={t('reports-admin.externalBodies.website')}
        hint={t('reports-admin.externalBodies.websiteHint')}
        autocomplete="off"
        optional
        maxLength={500}
      />
      <CheckboxField
        name="active"
        label={t('reports-admin.externalBodies.activeLabel')}
        hint={t('reports-admin.externalBodies.activeHint')}
        checked={values.active}
      />
    </AdminFormPage>
  );
}
