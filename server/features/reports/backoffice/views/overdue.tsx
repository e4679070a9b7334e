import { AdminLayout } from '../../../../platform/views/admin-layout.js';
import type { PageContext } from '../../../../platform/views/context.js';
import { ReportsNav } from '../../core/views/admin-components.js';
import { reportStyles } from '../../core/views/styles.js';
import type { OverdueGroup } from '../inbox-service.js';
import { ReportTable } from './inbox.js';

/** Open reports past their due time, one section per department (reports still with the BSC first). */
export function OverduePage({ ctx, groups }: { ctx: PageContext; groups: OverdueGroup[] }) {
  const { t } = ctx.i18n;
  const total = groups.reduce((n, g) => n + g.items.length, 0);
  return (
    <AdminLayout ctx={ctx} title={t('reports-admin.overdue.title')} styles={reportStyles()}>
      <h1 class="kern-heading-large">{t('reports-admin.overdue.title')}</h1>
      <ReportsNav ctx={ctx} />
      <p class="kern-body">{t('reports-admin.overdue.intro')}</p>
      {groups.length === 0 ? (
        <p class="kern-body" role="status">
          {t('reports-admin.overdue.empty')}
        </p>
      ) : (
        <>
          <p class="kern-body">{t('reports-admin.overdue.total', { count: total })}</p>
          <ul class="bs-link-list">
            {groups.map((g) => (
              <li key={g.departmentId ?? 0}>
                <a class="kern-link" href={`#abteilung-${g.departmentId ?? 'bsc'}`}>
                  {g.department ?? t('reports-admin.overdue.noDepartment')}
                </a>{' '}
                ({ctx.i18n.number(g.items.length)})
              </li>
            ))}
          </ul>
          {groups.map((g) => {
            const id = `abteilung-${g.departmentId ?? 'bsc'}`;
            const name = g.department ?? t('reports-admin.overdue.noDepartment');
            return (
              <section key={id} aria-labelledby={id} class="bs-section">
                <h2 class="kern-heading-medium" id={id}>
                  {name}
                </h2>
                <ReportTable
                  ctx={ctx}
                  items={g.items}
                  showDepartment={false}
                  caption={t('reports-admin.overdue.caption', { count: g.items.length, department: name })}
                />
              </section>
            );
          })}
        </>
      )}
    </AdminLayout>
  );
}
