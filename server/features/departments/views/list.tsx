import { AdminLayout, Notice } from '../../../platform/views/admin-layout.js';
import type { PageContext } from '../../../platform/views/context.js';
import { ListTable } from '../../../platform/views/list-table.js';
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
        <ListTable
          caption={t('departments.list.caption', { count: departments.length })}
          item={{
            header: t('departments.fields.name'),
            href: (d) => `/admin/departments/${d.id}`,
            name: (d) => d.name,
          }}
          rows={departments}
          columns={[
            { header: t('departments.fields.slug'), cell: (d) => <code>{d.slug}</code> },
            { header: t('departments.fields.email'), cell: (d) => d.email ?? '—' },
            { header: t('departments.fields.phone'), cell: (d) => d.phone ?? '—' },
            {
              header: t('departments.fields.status'),
              cell: (d) => (
                <span class={`kern-badge kern-badge--${d.active ? 'success' : 'warning'}`}>
                  <span class="kern-label">
                    {t(d.active ? 'departments.status.active' : 'departments.status.inactive')}
                  </span>
                </span>
              ),
            },
          ]}
        />
      )}
    </AdminLayout>
  );
}
