import type { StaffPrincipal } from '../../../platform/auth/types.js';
import { AdminLayout, Notice } from '../../../platform/views/admin-layout.js';
import type { PageContext } from '../../../platform/views/context.js';

export function DashboardPage({ ctx, staff }: { ctx: PageContext; staff: StaffPrincipal }) {
  const { t } = ctx.i18n;
  const links = [
    ...ctx.adminNav
      .filter((item) => item.href !== '/admin')
      .map((item) => ({ href: item.href, label: t(item.labelKey) })),
    { href: '/admin/account', label: t('admin.account.title') },
  ];
  return (
    <AdminLayout ctx={ctx} title={t('admin.dashboard.title')}>
      <h1 class="kern-heading-large">{t('admin.dashboard.greeting', { name: staff.displayName })}</h1>
      {ctx.query.done === 'password' && <Notice kind="success" title={t('admin.account.passwordChanged')} />}
      <p class="kern-body">{t('admin.dashboard.role', { role: t(`auth.roles.${staff.role}`) })}</p>
      <h2 class="kern-heading-medium">{t('admin.dashboard.tasks')}</h2>
      <ul class="bs-admin-tiles">
        {links.map((l) => (
          <li key={l.href}>
            <a class="kern-link" href={l.href}>
              {l.label}
            </a>
          </li>
        ))}
      </ul>
    </AdminLayout>
  );
}
