import { AdminLayout, Notice } from '../../../platform/views/admin-layout.js';
import type { PageContext } from '../../../platform/views/context.js';
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
      <div class="bs-table-scroll">
        <table class="kern-table kern-table--striped">
          <caption class="kern-title">{t('users.list.caption', { count: users.length })}</caption>
          <thead class="kern-table__head">
            <tr class="kern-table__row">
              <th scope="col" class="kern-table__header">
                {t('users.fields.displayName')}
              </th>
              <th scope="col" class="kern-table__header">
                {t('users.fields.email')}
              </th>
              <th scope="col" class="kern-table__header">
                {t('users.fields.role')}
              </th>
              <th scope="col" class="kern-table__header">
                {t('users.fields.departments')}
              </th>
              <th scope="col" class="kern-table__header">
                {t('users.fields.status')}
              </th>
              <th scope="col" class="kern-table__header">
                {t('users.fields.lastLogin')}
              </th>
            </tr>
          </thead>
          <tbody class="kern-table__body">
            {users.map((u) => (
              <tr class="kern-table__row" key={u.id}>
                <th scope="row" class="kern-table__header">
                  <a class="kern-link" href={`/admin/users/${u.id}`}>
                    {u.displayName}
                  </a>
                </th>
                <td class="kern-table__cell">{u.email}</td>
                <td class="kern-table__cell">{t(`auth.roles.${u.role}`)}</td>
                <td class="kern-table__cell">
                  {u.departmentIds.length ? u.departmentIds.map((id) => names.get(id) ?? `#${id}`).join(', ') : '—'}
                </td>
                <td class="kern-table__cell">
                  <Status ctx={ctx} user={u} />
                </td>
                <td class="kern-table__cell">
                  {u.lastLoginAt ? ctx.i18n.dateTime(u.lastLoginAt) : t('users.list.neverLoggedIn')}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </AdminLayout>
  );
}
