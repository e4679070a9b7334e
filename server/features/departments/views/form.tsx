import type { FieldErrors } from '../../../platform/errors.js';
import { AdminLayout, PostButton } from '../../../platform/views/admin-layout.js';
import type { PageContext } from '../../../platform/views/context.js';
import { ErrorSummary, TextField } from '../../../platform/views/form-fields.js';
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
  return (
    <AdminLayout ctx={ctx} title={title}>
      <p>
        <a class="kern-link" href="/admin/departments">
          {t('departments.form.back')}
        </a>
      </p>
      <h1 class="kern-heading-large">{title}</h1>
      <ErrorSummary ctx={ctx} errors={errors} />
      <form method="post" action={action} novalidate class="bs-form">
        <input type="hidden" name="_csrf" value={ctx.csrfToken()} />
        <TextField
          ctx={ctx}
          name="name"
          label={t('departments.fields.name')}
          value={values.name}
          error={errors?.name}
          required
          maxLength={200}
        />
        <TextField
          ctx={ctx}
          name="slug"
          label={t('departments.fields.slug')}
          hint={t('departments.form.slugHint')}
          value={values.slug}
          error={errors?.slug}
          optional
          maxLength={60}
        />
        <TextField
          ctx={ctx}
          name="email"
          type="email"
          label={t('departments.fields.email')}
          hint={t('departments.form.emailHint')}
          value={values.email}
          error={errors?.email}
          autocomplete="off"
          optional
        />
        <TextField
          ctx={ctx}
          name="phone"
          type="tel"
          label={t('departments.fields.phone')}
          value={values.phone}
          error={errors?.phone}
          autocomplete="off"
          optional
        />
        <div class="kern-btn-wrapper">
          <button type="submit" class="kern-btn kern-btn--primary">
            <span class="kern-label">{t(department ? 'departments.form.save' : 'departments.form.create')}</span>
          </button>
        </div>
      </form>
      {department && (
        <section aria-labelledby="status-heading" class="bs-section">
          <h2 class="kern-heading-medium" id="status-heading">
            {t('departments.fields.status')}
          </h2>
          <p class="kern-body" id="status-text">
            {t(department.active ? 'departments.form.activeText' : 'departments.form.inactiveText')}
          </p>
          <PostButton
            ctx={ctx}
            action={`/admin/departments/${department.id}/${department.active ? 'deactivate' : 'activate'}`}
            label={t(department.active ? 'departments.form.deactivate' : 'departments.form.activate')}
            describedBy="status-text"
          />
        </section>
      )}
    </AdminLayout>
  );
}
