import type { ComponentChildren } from 'preact';
import type { PageContext } from './context.js';
import { Layout } from './layout.js';

export interface AdminLayoutProps {
  ctx: PageContext;
  title: string;
  children: ComponentChildren;
  /** Extra built stylesheets and module scripts of this page only (see Layout). */
  styles?: readonly string[];
  scripts?: readonly string[];
}

/** aria-current for a navigation link: the page itself, or the section it leads to. */
function currentness(ctx: PageContext, href: string): 'page' | 'true' | undefined {
  if (ctx.path === href) return 'page';
  if (href !== '/admin' && ctx.path.startsWith(`${href}/`)) return 'true';
  return undefined;
}

function AdminNav({ ctx }: { ctx: PageContext }) {
  const { t } = ctx.i18n;
  if (!ctx.user) return null;
  return (
    <div class="bs-admin-bar">
      <div class="kern-container bs-admin-bar__inner">
        <nav class="bs-admin-nav" aria-label={t('admin.nav.label')}>
          <ul>
            {ctx.adminNav.map((item) => (
              <li key={item.href}>
                <a href={item.href} aria-current={currentness(ctx, item.href)}>
                  {t(item.labelKey)}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <div class="bs-admin-user">
          <a href="/admin/account" aria-current={currentness(ctx, '/admin/account')}>
            <span class="kern-sr-only">{t('admin.nav.signedInAs')} </span>
            {ctx.user.displayName}
          </a>{' '}
          <span class="bs-admin-user__role">({t(`auth.roles.${ctx.user.role}`)})</span>
          <form method="post" action="/admin/logout" class="bs-inline-form">
            <CsrfField ctx={ctx} />
            <button type="submit" class="kern-btn kern-btn--tertiary">
              <span class="kern-label">{t('admin.nav.logout')}</span>
            </button>
          </form>
        </div>
      </div>
    </div>
  );
}

/** The back-office page frame: the shared layout with the role's navigation, the user's name and a logout button. */
export function AdminLayout({ ctx, title, children, styles, scripts }: AdminLayoutProps) {
  return (
    <Layout ctx={ctx} title={title} area="admin" nav={<AdminNav ctx={ctx} />} styles={styles} scripts={scripts}>
      {children}
    </Layout>
  );
}

/** The hidden CSRF field every state-changing form carries. */
export function CsrfField({ ctx }: { ctx: PageContext }) {
  return <input type="hidden" name="_csrf" value={ctx.csrfToken()} />;
}

/** A success, info or warning message (text first; the colour only repeats it). */
export function Notice({
  kind,
  title,
  children,
}: {
  kind: 'success' | 'info' | 'warning' | 'danger';
  title: string;
  children?: ComponentChildren;
}) {
  return (
    <div class={`kern-alert kern-alert--${kind}`} role={kind === 'success' || kind === 'info' ? 'status' : 'alert'}>
      <div class="kern-alert__header">
        <span class={`kern-icon kern-icon--${kind}`} aria-hidden="true" />
        <p class="kern-title">{title}</p>
      </div>
      {children && <div class="kern-alert__body">{children}</div>}
    </div>
  );
}

/** A form with one button that POSTs to `action` (logout, disable, …); works without JavaScript. */
export function PostButton({
  ctx,
  action,
  label,
  variant = 'secondary',
  id,
  describedBy,
}: {
  ctx: PageContext;
  action: string;
  label: string;
  variant?: 'primary' | 'secondary' | 'tertiary';
  id?: string;
  describedBy?: string;
}) {
  return (
    <form method="post" action={action} class="bs-inline-form">
      <CsrfField ctx={ctx} />
      <button type="submit" class={`kern-btn kern-btn--${variant}`} id={id} aria-describedby={describedBy}>
        <span class="kern-label">{label}</span>
      </button>
    </form>
  );
}
