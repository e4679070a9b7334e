import type { FieldErrors } from '../../../../platform/errors.js';
import { AdminLayout, CsrfField } from '../../../../platform/views/admin-layout.js';
import type { PageContext } from '../../../../platform/views/context.js';
import { ErrorSummary, fieldMessage, TextAreaField } from '../../../../platform/views/form-fields.js';
import type { ImportOutcome } from '../service.js';

/** Paste the city's facility export (CSV or GeoJSON); row errors are listed, nothing is saved until all pass. */
export function FacilityImportPage(p: {
  ctx: PageContext;
  text?: string;
  errors?: FieldErrors;
  rowErrors?: ImportOutcome['errors'];
}) {
  const { ctx } = p;
  const { t } = ctx.i18n;
  return (
    <AdminLayout ctx={ctx} title={t('parking.admin.import.title')}>
      <p>
        <a class="kern-link" href="/admin/parken">
          {t('parking.admin.back')}
        </a>
      </p>
      <h1 class="kern-heading-large">{t('parking.admin.import.title')}</h1>
      <p class="kern-body">{t('parking.admin.import.intro')}</p>
      <ErrorSummary ctx={ctx} errors={p.errors} />
      {p.rowErrors && p.rowErrors.length > 0 && (
        <div class="kern-alert kern-alert--danger" role="alert">
          <div class="kern-alert__header">
            <span class="kern-icon kern-icon--danger" aria-hidden="true" />
            <p class="kern-title">{t('parking.admin.import.rowErrors', { count: p.rowErrors.length })}</p>
          </div>
          <div class="kern-alert__body">
            <ul class="kern-body">
              {p.rowErrors.slice(0, 50).map((e) => (
                <li key={`${e.line}-${e.field}`}>
                  {t('parking.admin.import.rowError', {
                    line: e.line,
                    field: t(`parking.admin.fields.${e.field}`),
                    message: fieldMessage(ctx, e.message),
                  })}
                </li>
              ))}
            </ul>
          </div>
        </div>
      )}
      <form method="post" action="/admin/parken/import" class="bs-stack">
        <CsrfField ctx={ctx} />
        <TextAreaField
          ctx={ctx}
          name="file"
          label={t('parking.admin.import.label')}
          hint={t('parking.admin.import.hint')}
          value={p.text ?? ''}
          rows={12}
          error={fieldMessage(ctx, p.errors?.file)}
        />
        <div class="bs-actions">
          <button type="submit" class="kern-btn kern-btn--primary">
            <span class="kern-label">{t('parking.admin.import.submit')}</span>
          </button>
        </div>
      </form>
    </AdminLayout>
  );
}
