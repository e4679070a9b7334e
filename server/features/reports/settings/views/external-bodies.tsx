import type { FieldErrors } from '../../../../platform/errors.js';
import { AdminLayout } from '../../../../platform/views/admin-layout.js';
import type { PageContext } from '../../../../platform/views/context.js';
import { CheckboxField, ErrorSummary, TextField } from '../../../../platform/views/form-fields.js';
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
  return (
    <AdminLayout ctx={ctx} title={title} styles={reportStyles()}>
      <p>
        <a class="kern-link" href="/admin/meldungen/externe-stellen">
          {t('reports-admin.externalBodies.back')}
        </a>
      </p>
      <h1 class="kern-heading-large">{title}</h1>
      <ErrorSummary ctx={ctx} errors={errors} />
      <form method="post" action={action} novalidate class="bs-form">
        <input type="hidden" name="_csrf" value={ctx.csrfToken()} />
        <TextField
          ctx={ctx}
          name="name"
          label={t('reports-admin.externalBodies.name')}
          value={values.name}
          error={errors?.name}
          required
          maxLength={200}
        />
        <TextField
          ctx={ctx}
          name="email"
          type="email"
          label={t('reports-admin.externalBodies.email')}
          value={values.email}
          error={errors?.email}
          autocomplete="off"
          optional
        />
        <TextField
          ctx={ctx}
          name="phone"
          type="tel"
          label={t('reports-admin.externalBodies.phone')}
          value={values.phone}
          error={errors?.phone}
          autocomplete="off"
          optional
        />
        <TextField
          ctx={ctx}
          name="website"
          label={t('reports-admin.externalBodies.website')}
          hint={t('reports-admin.externalBodies.websiteHint')}
          value={values.website}
          error={errors?.website}
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
        <div class="kern-btn-wrapper">
          <button type="submit" class="kern-btn kern-btn--primary">
            <span class="kern-label">
              {t(body ? 'reports-admin.form.save' : 'reports-admin.externalBodies.create')}
            </span>
          </button>
        </div>
      </form>
    </AdminLayout>
  );
}
