import type { ComponentChildren } from 'preact';
import type { FieldErrors } from '../../../../platform/errors.js';
import type { PageContext } from '../../../../platform/views/context.js';

/** A name in German and, where given, English (categories, their groups, list answers). */
export type Localised = { de: string; en?: string };

/** A category (or other bilingual) name in the page's language; English falls back to German. */
export function localName(ctx: PageContext, name: Localised): string {
  return (ctx.i18n.lang === 'en' && name.en) || name.de;
}

/**
 * Field messages are i18n keys of this catalogue (`reports-admin.errors.…`), which the shared form helpers do not
 * recognise as keys because of the hyphen: they are translated here, before any helper sees them.
 */
export function localErrors(ctx: PageContext, errors: FieldErrors | undefined): FieldErrors | undefined {
  if (!errors) return undefined;
  return Object.fromEntries(
    Object.entries(errors).map(([k, v]) => [k, v.startsWith('reports-admin.') ? ctx.i18n.t(v) : v]),
  );
}

const statusVariant: Record<string, string> = {
  received: 'info',
  forwarded: 'info',
  accepted: 'info',
  in_progress: 'info',
  done: 'success',
  rejected: 'warning',
  external: 'success',
};

/** The status as a badge; the text carries the meaning, the colour only repeats it. */
export function StatusBadge({ ctx, status }: { ctx: PageContext; status: string }) {
  return (
    <span class={`kern-badge kern-badge--${statusVariant[status] ?? 'info'}`}>
      <span class="kern-label">{ctx.i18n.t(`reports-admin.status.${status}`)}</span>
    </span>
  );
}

/** A flag badge (overdue, returned, screening, abusive …) with its text. */
export function Flag({ kind, children }: { kind: 'danger' | 'warning' | 'info'; children: ComponentChildren }) {
  return (
    <span class={`kern-badge kern-badge--${kind}`}>
      <span class="kern-label">{children}</span>
    </span>
  );
}

/** The due date; when overdue, said in words ("überfällig seit …"), not by colour alone. */
export function Due({ ctx, dueAt, overdue }: { ctx: PageContext; dueAt: Date | null; overdue: boolean }) {
  const { t } = ctx.i18n;
  if (!dueAt) return <>—</>;
  const date = <time dateTime={dueAt.toISOString()}>{ctx.i18n.date(dueAt, 'medium')}</time>;
  if (!overdue) return date;
  return (
    <strong class="bs-overdue">
      <Flag kind="danger">{t('reports-admin.due.overdue')}</Flag> {t('reports-admin.due.since')} {date}
    </strong>
  );
}

/** The back office's report pages: list, overdue, and (by role) rules, templates and external bodies. */
export function ReportsNav({ ctx }: { ctx: PageContext }) {
  const { t } = ctx.i18n;
  const role = ctx.user?.role;
  const links = [
    { href: '/admin/meldungen', label: t('reports-admin.subnav.inbox'), show: true },
    { href: '/admin/meldungen/ueberfaellig', label: t('reports-admin.subnav.overdue'), show: true },
    { href: '/admin/meldungen/regeln', label: t('reports-admin.subnav.rules'), show: role === 'admin' },
    {
      href: '/admin/meldungen/vorlagen',
      label: t('reports-admin.subnav.templates'),
      show: role === 'admin' || role === 'bsc_agent',
    },
    {
      href: '/admin/meldungen/externe-stellen',
      label: t('reports-admin.subnav.externalBodies'),
      show: role === 'admin',
    },
  ].filter((l) => l.show);
  return (
    <nav class="bs-report-subnav" aria-label={t('reports-admin.subnav.label')}>
      <ul>
        {links.map((l) => (
          <li key={l.href}>
            <a class="kern-link" href={l.href} aria-current={ctx.path === l.href ? 'page' : undefined}>
              {l.label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** Previous / next page links that keep the rest of the query. */
export function Pagination({
  ctx,
  path,
  query,
  page,
  pages,
}: {
  ctx: PageContext;
  path: string;
  query: Record<string, string>;
  page: number;
  pages: number;
}) {
  const { t } = ctx.i18n;
  if (pages <= 1) return null;
  const url = (n: number) => {
    const q = new URLSearchParams(Object.entries(query).filter(([k, v]) => v && k !== 'page'));
    if (n > 1) q.set('page', String(n));
    const s = q.toString();
    return s ? `${path}?${s}` : path;
  };
  return (
    <nav class="bs-pagination" aria-label={t('reports-admin.pagination.label')}>
      <ul>
        {page > 1 && (
          <li>
            <a class="kern-link" href={url(page - 1)} rel="prev">
              {t('reports-admin.pagination.previous')}
            </a>
          </li>
        )}
        <li aria-current="page">{t('reports-admin.pagination.status', { page, pages })}</li>
        {page < pages && (
          <li>
            <a class="kern-link" href={url(page + 1)} rel="next">
              {t('reports-admin.pagination.next')}
            </a>
          </li>
        )}
      </ul>
    </nav>
  );
}
