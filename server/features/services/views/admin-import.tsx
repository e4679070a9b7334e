import { AdminLayout, CsrfField, Notice } from '../../../platform/views/admin-layout.js';
import type { PageContext } from '../../../platform/views/context.js';
import { describedBy, FieldError } from '../../../platform/views/form-fields.js';
import { type ImportProblem, problemText } from '../import.js';

const maxListed = 100;

export function ServiceImportPage(p: {
  ctx: PageContext;
  problems?: ImportProblem[];
  fileError?: string;
  applied?: { offices: number; services: number };
}) {
  const { ctx, problems, fileError, applied } = p;
  const { t } = ctx.i18n;
  return (
    <AdminLayout ctx={ctx} title={t('services.import.title')}>
      <p>
        <a class="kern-link" href="/admin/leistungen">
          {t('services.admin.back')}
        </a>
      </p>
      <h1 class="kern-heading-large">{t('services.import.title')}</h1>
      {applied && <Notice kind="success" title={t('services.import.applied', applied)} />}
      <p class="kern-body">{t('services.import.intro')}</p>
      <p class="kern-body">
        <a class="kern-link" href="/admin/leistungen/import/format">
          {t('services.import.formatLink')}
        </a>
      </p>
      {problems && problems.length > 0 && (
        <div class="kern-alert kern-alert--danger" role="alert">
          <div class="kern-alert__header">
            <span class="kern-icon kern-icon--danger" aria-hidden="true" />
            <h2 class="kern-title">{t('services.import.problems', { count: problems.length })}</h2>
          </div>
          <div class="kern-alert__body">
            <ul class="kern-list" id="import-problems">
              {problems.slice(0, maxListed).map((x, i) => (
                <li key={`${i}-${x.field}`}>{problemText(t, x)}</li>
              ))}
            </ul>
            {problems.length > maxListed && (
              <p class="kern-body">{t('services.import.problemsMore', { count: problems.length - maxListed })}</p>
            )}
          </div>
        </div>
      )}
      <form method="post" action="/admin/leistungen/import" enctype="multipart/form-data" novalidate class="bs-form">
        <CsrfField ctx={ctx} />
        <div class={`kern-form-input${fileError ? ' kern-form-input--error' : ''}`}>
          <label class="kern-label" for="file">
            {t('services.import.fileLabel')}
          </label>
          <div class="kern-hint" id="file-hint">
            {t('services.import.fileHint')}
          </div>
          <input
            class={`kern-form-input__input${fileError ? ' kern-form-input__input--error' : ''}`}
            id="file"
            name="file"
            type="file"
            accept=".csv,.json,text/csv,application/json"
            required
            aria-describedby={describedBy('file', 'hint', fileError)}
            aria-invalid={fileError ? 'true' : undefined}
          />
          <FieldError ctx={ctx} id="file-error" message={fileError} />
        </div>
        <div class="kern-btn-wrapper">
          <button type="submit" class="kern-btn kern-btn--primary">
            <span class="kern-label">{t('services.import.submit')}</span>
          </button>
        </div>
      </form>
    </AdminLayout>
  );
}
