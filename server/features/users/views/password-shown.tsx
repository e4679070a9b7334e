import { AdminLayout, Notice } from '../../../platform/views/admin-layout.js';
import type { PageContext } from '../../../platform/views/context.js';

/** Shows a new account's or a reset password exactly once (the response is never cached). */
export function PasswordShownPage({
  ctx,
  kind,
  user,
  password,
}: {
  ctx: PageContext;
  kind: 'created' | 'reset';
  user: { id: number; displayName: string; email: string };
  /** Absent when the administrator chose the password. */
  password?: string;
}) {
  const { t } = ctx.i18n;
  const title = t(`users.shown.${kind}Title`);
  return (
    <AdminLayout ctx={ctx} title={title}>
      <h1 class="kern-heading-large">{title}</h1>
      <Notice kind="success" title={t(`users.shown.${kind}Notice`, { name: user.displayName, email: user.email })} />
      {password ? (
        <section aria-labelledby="password-heading" class="bs-section">
          <h2 class="kern-heading-medium" id="password-heading">
            {t('users.shown.passwordTitle')}
          </h2>
          <p class="kern-body">
            <code class="bs-secret" id="one-time-password">
              {password}
            </code>
          </p>
          <p class="kern-body">{t('users.shown.passwordText')}</p>
        </section>
      ) : (
        <p class="kern-body">{t('users.shown.passwordChosen')}</p>
      )}
      <ul class="bs-link-list">
        <li>
          <a class="kern-link" href={`/admin/users/${user.id}`}>
            {t('users.shown.toUser', { name: user.displayName })}
          </a>
        </li>
        <li>
          <a class="kern-link" href="/admin/users">
            {t('users.shown.toList')}
          </a>
        </li>
        {kind === 'created' && (
          <li>
            <a class="kern-link" href="/admin/users/new">
              {t('users.shown.another')}
            </a>
          </li>
        )}
      </ul>
    </AdminLayout>
  );
}
