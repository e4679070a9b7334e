import { AdminLayout, Notice } from '../../../platform/views/admin-layout.js';
import type { PageContext } from '../../../platform/views/context.js';
import { ListTable } from '../../../platform/views/list-table.js';
import type { Department } from '../../departments/service.js';
import type { StaffUser } from '../present.js';

const notices = ['saved', 'disabled', 'enabled'] as const;

function Status({ ctx, user }: { ctx: PageContext; user: StaffUser }) {
  const { t } = ctx.i18n;
  if (user.disabled)
    return (
      <span class="kern-badge kern-badge--danger">
        <span class="kern-label">{t('users.status.disabled')}</span>
      </span>
    );
  if (user.locked)
    return (
      <span class="kern-badge kern-badge--warning">
        <span class="kern-label">{t('users.status.locked')}</span>
      </span>
    );
  return (
    <span class="kern-badge kern-badge--success">
      <span class="kern-label">
        {t(user.mustChangePassword ? 'users.status.passwordPending' : 'users.status.active')}
      </span>
    </span>
  );
}

export function UserListPage({
  ctx,
  users,
  departments,
}: {
  ctx: PageContext;
  users: StaffUser[];
  departments: Department[];
}) {
  const { t } = ctx.i18n;
  const names = new Map(departments.map((d) => [d.id, d.name]));
  const notice = notices.find((n) => ctx.query.done === n);
  return (
    <AdminLayout ctx={ctx} title={t('users.list.title')}>
      <h1 class="kern-heading-large">{t('users.list.title')}</h1>
      {notice && <Notice kind="success" title={t(`users.notices.${notice}`)} />}
      <p>
        <a class="kern-btn kern-btn--primary" href="/admin/users/new">
          <span class="kern-label">{t('users.list.create')}</span>
        </a>
      </p>
      <ListTable
        caption={t('users.list.caption', { count: users.length })}
        item={{
          header: t('users.fields.displayName'),
          href: (u) => `/admin/users/${u.id}`,
          name: (u) => u.displayName,
        }}
        rows={users}
        columns={[
          { header: t('users.fields.email'), cell: (u) => u.email },
          { header: t('users.fields.role'), cell: (u) => t(`auth.roles.${u.role}`) },
          {
            header: t('users.fields.departments'),
            cell: (u) =>
              u.departmentIds.length ? u.departmentIds.map((id) => names.get(id) ?? `#${id}`).join(', ') : '—',
          },
          { header: t('users.fields.status'), cell: (u) => <Status ctx={ctx} user={u} /> },
          {
            header: t('users.fields.lastLogin'),
            cell: (u) => (u.lastLoginAt ? ctx.i18n.dateTime(u.lastLoginAt) : t('users.list.neverLoggedIn')),
          },
        ]}
      />
    </AdminLayout>
  );
}
