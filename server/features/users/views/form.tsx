import { staffRoles } from '../../../platform/auth/types.js';
import type { FieldErrors } from '../../../platform/errors.js';
import { AdminFormPage, formFields } from '../../../platform/views/admin-form.js';
import { PostButton } from '../../../platform/views/admin-layout.js';
import type { PageContext } from '../../../platform/views/context.js';
import { ChoiceGroup, fieldMessage, TextField } from '../../../platform/views/form-fields.js';
import type { Department } from '../../departments/service.js';
import type { StaffUser } from '../present.js';

export interface UserFormValues {
  displayName: string;
  email: string;
  role: string;
  departmentIds: string[];
}

export function userValues(u?: StaffUser): UserFormValues {
  return {
    displayName: u?.displayName ?? '',
    email: u?.email ?? '',
    role: u?.role ?? '',
    departmentIds: (u?.departmentIds ?? []).map(String),
  };
}

function AccountActions({ ctx, user, errors }: { ctx: PageContext; user: StaffUser; errors?: FieldErrors }) {
  const { t } = ctx.i18n;
  if (ctx.user?.id === user.id) {
    return (
      <p class="kern-body">
        {t('users.form.ownAccount')}{' '}
        <a class="kern-link" href="/admin/account">
          {t('users.form.ownAccountLink')}
        </a>
      </p>
    );
  }
  return (
    <>
      <h3 class="kern-heading-small">{t('users.form.resetTitle')}</h3>
      <p class="kern-body" id="reset-text">
        {t('users.form.resetText')}
      </p>
      <PostButton
        ctx={ctx}
        action={`/admin/users/${user.id}/reset-password`}
        label={t('users.form.reset')}
        describedBy="reset-text"
      />
      <h3 class="kern-heading-small">{t(user.disabled ? 'users.form.enableTitle' : 'users.form.disableTitle')}</h3>
      <p class="kern-body" id="disable-text">
        {t(user.disabled ? 'users.form.enableText' : 'users.form.disableText')}
      </p>
      {errors?.disable && (
        <p class="kern-error" id="disable-error">
          <span class="kern-icon kern-icon--danger" aria-hidden="true" />
          <span>{fieldMessage(ctx, errors.disable)}</span>
        </p>
      )}
      <PostButton
        ctx={ctx}
        id="disable"
        action={`/admin/users/${user.id}/${user.disabled ? 'enable' : 'disable'}`}
        label={t(user.disabled ? 'users.form.enable' : 'users.form.disable')}
        describedBy={errors?.disable ? 'disable-text disable-error' : 'disable-text'}
      />
    </>
  );
}

export function UserFormPage({
  ctx,
  user,
  values,
  departments,
  errors,
}: {
  ctx: PageContext;
  /** The account being edited; absent when creating one. */
  user?: StaffUser;
  values: UserFormValues;
  departments: Department[];
  errors?: FieldErrors;
}) {
  const { t } = ctx.i18n;
  const title = user ? t('users.form.editTitle', { name: user.displayName }) : t('users.form.newTitle');
  // Inactive departments are offered only where the account is still bound to them.
  const offered = departments.filter((d) => d.active || user?.departmentIds.includes(d.id));
  const field = formFields(ctx, values, errors);
  return (
    <AdminFormPage
      ctx={ctx}
      title={title}
      back={{ href: '/admin/users', label: t('users.form.back') }}
      errors={errors}
      action={user ? `/admin/users/${user.id}` : '/admin/users'}
      submitLabel={t(user ? 'users.form.save' : 'users.form.create')}
      after={
        <>
          {user && (
            <section aria-labelledby="account-heading" class="bs-section">
              <h2 class="kern-heading-medium" id="account-heading">
                {t('users.form.accountTitle')}
              </h2>
              <AccountActions ctx={ctx} user={user} errors={errors} />
            </section>
          )}
        </>
      }
    >
      <TextField
        {...field('displayName')}
        label={t('users.fields.displayName')}
        autocomplete="off"
        required
        maxLength={200}
      />
      <TextField
        {...field('email')}
        type="email"
        label={t('users.fields.email')}
        hint={t('users.form.emailHint')}
        autocomplete="off"
        required
        maxLength={254}
      />
      <ChoiceGroup
        ctx={ctx}
        name="role"
        type="radio"
        legend={t('users.fields.role')}
        options={staffRoles.map((r) => ({ value: r, label: t(`auth.roles.${r}`), hint: t(`auth.roleHints.${r}`) }))}
        selected={[values.role]}
        error={errors?.role}
        required
      />
      {offered.length > 0 ? (
        <ChoiceGroup
          ctx={ctx}
          name="departmentIds"
          type="checkbox"
          legend={t('users.fields.departments')}
          hint={t('users.form.departmentsHint')}
          options={offered.map((d) => ({
            value: String(d.id),
            label: d.active ? d.name : t('users.form.inactiveDepartment', { name: d.name }),
          }))}
          selected={values.departmentIds}
          error={errors?.departmentIds}
        />
      ) : (
        <>
          <p class="kern-body" id="departmentIds">
            {t('users.form.noDepartments')}{' '}
            <a class="kern-link" href="/admin/departments/new">
              {t('users.form.createDepartment')}
            </a>
          </p>
          {errors?.departmentIds && (
            <p class="kern-error" id="departmentIds-error">
              <span class="kern-icon kern-icon--danger" aria-hidden="true" />
              <span>{fieldMessage(ctx, errors.departmentIds)}</span>
            </p>
          )}
        </>
      )}
      {!user && (
        <TextField
          ctx={ctx}
          name="password"
          error={errors?.password}
          type="password"
          label={t('users.fields.initialPassword')}
          hint={t('users.form.passwordHint')}
          autocomplete="new-password"
          optional
        />
      )}
    </AdminFormPage>
  );
}
