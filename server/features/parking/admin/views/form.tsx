import type { FieldErrors } from '../../../../platform/errors.js';
import { AdminLayout, CsrfField } from '../../../../platform/views/admin-layout.js';
import type { PageContext } from '../../../../platform/views/context.js';
import { ErrorSummary, fieldMessage, SelectField, TextField } from '../../../../platform/views/form-fields.js';
import { facilityKinds } from '../../core/statuses.js';
import { type FacilityField, type FacilityValues, facilityFields } from '../validation.js';

const required: FacilityField[] = ['ref', 'name', 'lat', 'lon', 'capacity'];

/** A facility's form (new or existing): every field of the facility, errors beside the fields. */
export function FacilityFormPage(p: { ctx: PageContext; id?: number; values: FacilityValues; errors?: FieldErrors }) {
  const { ctx, values } = p;
  const { t } = ctx.i18n;
  const title = p.id ? t('parking.admin.editTitle', { name: values.name }) : t('parking.admin.new');
  const error = (f: FacilityField) => fieldMessage(ctx, p.errors?.[f]);
  return (
    <AdminLayout ctx={ctx} title={title}>
      <p>
        <a class="kern-link" href="/admin/parken">
          {t('parking.admin.back')}
        </a>
      </p>
      <h1 class="kern-heading-large">{title}</h1>
      <ErrorSummary ctx={ctx} errors={p.errors} />
      <form method="post" action={p.id ? `/admin/parken/${p.id}` : '/admin/parken'} class="bs-stack" novalidate>
        <CsrfField ctx={ctx} />
        {facilityFields.map((f) =>
          f === 'kind' ? (
            <SelectField
              key={f}
              ctx={ctx}
              name={f}
              label={t('parking.admin.fields.kind')}
              value={values.kind}
              options={facilityKinds.map((k) => ({ value: k, label: t(`parking.kinds.${k}`) }))}
              error={error(f)}
            />
          ) : (
            <TextField
              key={f}
              ctx={ctx}
              name={f}
              label={t(`parking.admin.fields.${f}`)}
              value={values[f]}
              error={error(f)}
              optional={!required.includes(f)}
              required={required.includes(f)}
            />
          ),
        )}
        <div class="bs-actions">
          <button type="submit" class="kern-btn kern-btn--primary">
            <span class="kern-label">{t('parking.admin.save')}</span>
          </button>
        </div>
      </form>
    </AdminLayout>
  );
}
