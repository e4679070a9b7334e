import type { FieldErrors } from '../../../platform/errors.js';
import { AdminForm } from '../../../platform/views/admin-form.js';
import { AdminLayout, Notice } from '../../../platform/views/admin-layout.js';
import type { PageContext } from '../../../platform/views/context.js';
import { ErrorSummary, TextField } from '../../../platform/views/form-fields.js';

export function LoginPage({
  ctx,
  email,
  next,
  errors,
}: {
  ctx: PageContext;
  email?: string;
  next?: string;
  errors?: FieldErrors;
}) {
  const { t } = ctx.i18n;
  const loggedOut = ctx.query.loggedOut;
  return (
    <AdminLayout ctx={ctx} title={t('auth.login.title')}>
      <h1 class="kern-heading-large">{t('auth.login.title')}</h1>
      {!errors && ctx.query.expired === '1' && <Notice kind="info" title={t('auth.login.expired')} />}
      {!errors && loggedOut && (
        <Notice
          kind="success"
          title={t(loggedOut === 'everywhere' ? 'auth.login.loggedOutEverywhere' : 'auth.login.loggedOut')}
        />
      )}
      <ErrorSummary ctx={ctx} errors={errors} />
      <p class="kern-body">{t('auth.login.intro', { city: ctx.municipality.name })}</p>
      <AdminForm ctx={ctx} action="/admin/login" submitLabel={t('auth.login.submit')}>
        {next && <input type="hidden" name="next" value={next} />}
        <TextField
          ctx={ctx}
          name="email"
          type="email"
          label={t('auth.fields.email')}
          value={email}
          error={errors?.email}
          autocomplete="username"
          required
        />
        <TextField
          ctx={ctx}
          name="password"
          type="password"
          label={t('auth.fields.password')}
          error={errors?.password}
          autocomplete="current-password"
          required
        />
      </AdminForm>
      <p class="kern-body">{t('auth.login.help')}</p>
    </AdminLayout>
  );
}
