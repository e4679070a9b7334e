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

export function FieldError({ ctx, id, message }: { ctx: PageContext; id: string; message?: string }) {
  if (!message) return null;
  return (
    <p class="kern-error" id={id}>
      <span class="kern-icon kern-icon--danger" aria-hidden="true" />
      <span>
        <span class="kern-sr-only">{ctx.i18n.t('admin.form.errorPrefix')} </span>
        {message}
      </span>
    </p>
  );
}

function describedBy(id: string, hint?: string, error?: string): string | undefined {
  return [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ') || undefined;
}

function Label({ ctx, id, label, optional }: { ctx: PageContext; id: string; label: string; optional?: boolean }) {
  return (
    <label class="kern-label" for={id}>
      {label}
      {optional && <span class="kern-label__optional"> – {ctx.i18n.t('admin.form.optional')}</span>}
    </label>
  );
}

export interface SelectOption {
  value: string;
  label: string;
}

/** A labelled select with hint and error; `empty` adds a first option with value ''. */
export function SelectField(p: {
  ctx: PageContext;
  name: string;
  id?: string;
  label: string;
  options: SelectOption[];
  value?: string;
  empty?: string;
  error?: string;
  hint?: string;
  optional?: boolean;
  required?: boolean;
}) {
  const id = p.id ?? p.name;
  return (
    <div class={`kern-form-input${p.error ? ' kern-form-input--error' : ''}`}>
      <Label ctx={p.ctx} id={id} label={p.label} optional={p.optional} />
      {p.hint && (
        <div class="kern-hint" id={`${id}-hint`}>
          {p.hint}
        </div>
      )}
      <div class="kern-form-input__select-wrapper">
        <select
          class={`kern-form-input__select${p.error ? ' kern-form-input__select--error' : ''}`}
          id={id}
          name={p.name}
          required={p.required}
          aria-describedby={describedBy(id, p.hint, p.error)}
          aria-invalid={p.error ? 'true' : undefined}
        >
          {p.empty !== undefined && <option value="">{p.empty}</option>}
          {p.options.map((o) => (
            <option key={o.value} value={o.value} selected={o.value === p.value}>
              {o.label}
            </option>
          ))}
        </select>
      </div>
      <FieldError ctx={p.ctx} id={`${id}-error`} message={p.error} />
    </div>
  );
}

/** A labelled multi-line text field with hint and error. */
export function TextAreaField(p: {
  ctx: PageContext;
  name: string;
  id?: string;
  label: string;
  value?: string;
  error?: string;
  hint?: string;
  optional?: boolean;
  required?: boolean;
  maxLength?: number;
  rows?: number;
}) {
  const id = p.id ?? p.name;
  return (
    <div class={`kern-form-input${p.error ? ' kern-form-input--error' : ''}`}>
      <Label ctx={p.ctx} id={id} label={p.label} optional={p.optional} />
      {p.hint && (
        <div class="kern-hint" id={`${id}-hint`}>
          {p.hint}
        </div>
      )}
      <textarea
        class={`kern-form-input__input${p.error ? ' kern-form-input__input--error' : ''}`}
        id={id}
        name={p.name}
        rows={p.rows ?? 4}
        required={p.required}
        maxLength={p.maxLength}
        aria-describedby={describedBy(id, p.hint, p.error)}
        aria-invalid={p.error ? 'true' : undefined}
      >
        {p.value ?? ''}
      </textarea>
      <FieldError ctx={p.ctx} id={`${id}-error`} message={p.error} />
    </div>
  );
}

/** One checkbox with its label (and optional hint). */
export function CheckboxField(p: {
  name: string;
  id?: string;
  label: string;
  checked: boolean;
  hint?: string;
  value?: string;
}) {
  const id = p.id ?? p.name;
  return (
    <div class="kern-form-check">
      <input
        class="kern-form-check__checkbox"
        type="checkbox"
        id={id}
        name={p.name}
        value={p.value ?? '1'}
        checked={p.checked}
        aria-describedby={p.hint ? `${id}-hint` : undefined}
      />
      <label class="kern-label" for={id}>
        {p.label}
      </label>
      {p.hint && (
        <div class="kern-hint" id={`${id}-hint`}>
          {p.hint}
        </div>
      )}
    </div>
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
