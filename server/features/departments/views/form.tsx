import type { FieldErrors } from '../../../platform/errors.js';
import { ActionSection, AdminFormPage, formFields } from '../../../platform/views/admin-form.js';
import type { PageContext } from '../../../platform/views/context.js';
import { TextField } from '../../../platform/views/form-fields.js';
import type { Department } from '../present.js';

export interface DepartmentFormValues {
  name: string;
  slug: string;
  email: string;
  phone: string;
}

export function departmentValues(d?: Department): DepartmentFormValues {
  return { name: d?.name ?? '', slug: d?.slug ?? '', email: d?.email ?? '', phone: d?.phone ?? '' };
}

export function DepartmentFormPage({
  ctx,
  department,
  values,
  errors,
}: {
  ctx: PageContext;
  /** The department being edited; absent when creating one. */
  department?: Department;
  values: DepartmentFormValues;
  errors?: FieldErrors;
}) {
  const { t } = ctx.i18n;
  const title = department
    ? t('departments.form.editTitle', { name: department.name })
    : t('departments.form.newTitle');
  const action = department ? `/admin/departments/${department.id}` : '/admin/departments';
  const field = formFields(ctx, values, errors);
  return (
    <AdminFormPage
      ctx={ctx}
      title={title}
      back={{ href: '/admin/departments', label: t('departments.form.back') }}
      errors={errors}
      action={action}
      submitLabel={t(department ? 'departments.form.save' : 'departments.form.create')}
      after={
        department && (
          <ActionSection
            ctx={ctx}
            id="status"
            title={t('departments.fields.status')}
            text={t(department.active ? 'departments.form.activeText' : 'departments.form.inactiveText')}
            action={`/admin/departments/${department.id}/${department.active ? 'deactivate' : 'activate'}`}
            label={t(department.active ? 'departments.form.deactivate' : 'departments.form.activate')}
          />
        )
      }
    >
      <TextField {...field('name')} label={t('departments.fields.name')} required maxLength={200} />
      <TextField
        {...field('slug')}
        label={t('departments.fields.slug')}
        hint={t('departments.form.slugHint')}
        optional
        maxLength={60}
      />
      <TextField
        {...field('email')}
        type="email"
        label={t('departments.fields.email')}
        hint={t('departments.form.emailHint')}
        autocomplete="off"
        optional
      />
      <TextField {...field('phone')} type="tel" label={t('departments.fields.phone')} autocomplete="off" optional />
    </AdminFormPage>
  );
}
