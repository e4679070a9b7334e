import type { StaffPrincipal } from '../../../platform/auth/types.js';
import { AdminLayout, Notice } from '../../../platform/views/admin-layout.js';
import type { PageContext } from '../../../platform/views/context.js';
import type { DashboardCount } from '../../../platform/views/registry.js';

/** The figures the features give for this staff member (reports to triage, overdue …), each a link to its list. */
function Counts({ ctx, counts }: { ctx: PageContext; counts: DashboardCount[] }) {
  if (counts.length === 0) return null;
  const { t } = ctx.i18n;
  return (
    <section aria-labelledby="counts-heading">
      <h2 class="kern-heading-medium" id="counts-heading">
        {t('admin.dashboard.counts')}
      </h2>
      <ul class="bs-dashboard-counts">
        {counts.map((c) => (
          <li key={c.href} class={c.urgent && c.count > 0 ? 'bs-dashboard-counts__urgent' : undefined}>
            <a class="kern-link" href={c.href}>
              <span class="bs-dashboard-counts__number">{ctx.i18n.number(c.count)}</span>{' '}
              <span>{t(c.labelKey, { count: c.count })}</span>
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}

export function DashboardPage({
  ctx,
  staff,
  counts = [],
}: {
  ctx: PageContext;
  staff: StaffPrincipal;
  counts?: DashboardCount[];
}) {
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
      <Counts ctx={ctx} counts={counts} />
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
