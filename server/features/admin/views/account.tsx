import type { StaffPrincipal } from '../../../platform/auth/types.js';
import type { FieldErrors } from '../../../platform/errors.js';
import { ActionSection, AdminForm } from '../../../platform/views/admin-form.js';
import { AdminLayout, Notice } from '../../../platform/views/admin-layout.js';
import type { PageContext } from '../../../platform/views/context.js';
import { ErrorSummary, TextField } from '../../../platform/views/form-fields.js';

export function AccountPage({
  ctx,
  staff,
  departmentNames,
  errors,
}: {
  ctx: PageContext;
  staff: StaffPrincipal;
  departmentNames: string[];
  errors?: FieldErrors;
}) {
  const { t } = ctx.i18n;
  const required = staff.mustChangePassword === true;
  return (
    <AdminLayout ctx={ctx} title={t('admin.account.title')}>
      <h1 class="kern-heading-large">{t('admin.account.title')}</h1>
      {required && <Notice kind="warning" title={t('admin.account.required')} />}
      {!errors && ctx.query.done === 'password' && <Notice kind="success" title={t('admin.account.passwordChanged')} />}
      <dl class="kern-description-list">
        <div class="kern-description-list-item">
          <dt class="kern-description-list-item__key">{t('auth.fields.displayName')}</dt>
          <dd class="kern-description-list-item__value">{staff.displayName}</dd>
        </div>
        <div class="kern-description-list-item">
          <dt class="kern-description-list-item__key">{t('auth.fields.email')}</dt>
          <dd class="kern-description-list-item__value">{staff.email}</dd>
        </div>
        <div class="kern-description-list-item">
          <dt class="kern-description-list-item__key">{t('auth.fields.role')}</dt>
          <dd class="kern-description-list-item__value">{t(`auth.roles.${staff.role}`)}</dd>
        </div>
        {departmentNames.length > 0 && (
          <div class="kern-description-list-item">
            <dt class="kern-description-list-item__key">{t('auth.fields.departments')}</dt>
            <dd class="kern-description-list-item__value">{departmentNames.join(', ')}</dd>
          </div>
        )}
      </dl>
      <section aria-labelledby="password-heading" class="bs-section">
        <h2 class="kern-heading-medium" id="password-heading">
          {t('admin.account.passwordTitle')}
        </h2>
        <ErrorSummary ctx={ctx} errors={errors} />
        <AdminForm ctx={ctx} action="/admin/account/password" submitLabel={t('admin.account.changePassword')}>
          {/* Lets password managers file the new password under the right account. */}
          <input type="hidden" name="username" value={staff.email} autocomplete="username" />
          <TextField
            ctx={ctx}
            name="currentPassword"
            type="password"
            label={t('admin.account.currentPassword')}
            error={errors?.currentPassword}
            autocomplete="current-password"
            required
          />
          <TextField
            ctx={ctx}
            name="newPassword"
            type="password"
            label={t('admin.account.newPassword')}
            hint={t('admin.account.newPasswordHint')}
            error={errors?.newPassword}
            autocomplete="new-password"
            required
          />
          <TextField
            ctx={ctx}
            name="confirmPassword"
            type="password"
            label={t('admin.account.confirmPassword')}
            error={errors?.confirmPassword}
            autocomplete="new-password"
            required
          />
        </AdminForm>
      </section>
      <ActionSection
        ctx={ctx}
        id="sessions"
        title={t('admin.account.sessionsTitle')}
        text={t('admin.account.sessionsText')}
        action="/admin/logout-everywhere"
        label={t('admin.account.logoutEverywhere')}
      />
    </AdminLayout>
  );
}
