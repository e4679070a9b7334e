import { AdminLayout, Notice } from '../../../platform/views/admin-layout.js';
import type { PageContext } from '../../../platform/views/context.js';
import type { Department } from '../present.js';

const notices = ['created', 'saved', 'deactivated', 'activated'] as const;

export function DepartmentListPage({ ctx, departments }: { ctx: PageContext; departments: Department[] }) {
  const { t } = ctx.i18n;
  const notice = notices.find((n) => ctx.query.done === n);
  return (
    <AdminLayout ctx={ctx} title={t('departments.list.title')}>
      <h1 class="kern-heading-large">{t('departments.list.title')}</h1>
      {notice && <Notice kind="success" title={t(`departments.notices.${notice}`)} />}
      <p class="kern-body">{t('departments.list.intro')}</p>
      <p>
        <a class="kern-btn kern-btn--primary" href="/admin/departments/new">
          <span class="kern-label">{t('departments.list.create')}</span>
        </a>
      </p>
      {departments.length === 0 ? (
        <p class="kern-body">{t('departments.list.empty')}</p>
      ) : (
        <div class="bs-table-scroll">
          <table class="kern-table kern-table--striped">
            <caption class="kern-title">{t('departments.list.caption', { count: departments.length })}</caption>
            <thead class="kern-table__head">
              <tr class="kern-table__row">
                <th scope="col" class="kern-table__header">
                  {t('departments.fields.name')}
                </th>
                <th scope="col" class="kern-table__header">
                  {t('departments.fields.slug')}
                </th>
                <th scope="col" class="kern-table__header">
                  {t('departments.fields.email')}
                </th>
                <th scope="col" class="kern-table__header">
                  {t('departments.fields.phone')}
                </th>
                <th scope="col" class="kern-table__header">
                  {t('departments.fields.status')}
                </th>
              </tr>
            </thead>
            <tbody class="kern-table__body">
              {departments.map((d) => (
                <tr class="kern-table__row" key={d.id}>
                  <th scope="row" class="kern-table__header">
                    <a class="kern-link" href={`/admin/departments/${d.id}`}>
                      {d.name}
                    </a>
                  </th>
                  <td class="kern-table__cell">
                    <code>{d.slug}</code>
                  </td>
                  <td class="kern-table__cell">{d.email ?? '—'}</td>
                  <td class="kern-table__cell">{d.phone ?? '—'}</td>
                  <td class="kern-table__cell">
                    <span class={`kern-badge kern-badge--${d.active ? 'success' : 'warning'}`}>
                      <span class="kern-label">
                        {t(d.active ? 'departments.status.active' : 'departments.status.inactive')}
                      </span>
                    </span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </AdminLayout>
  );
}
