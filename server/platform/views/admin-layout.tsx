import type { ComponentChildren } from 'preact';
import type { FieldErrors } from '../errors.js';
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

/** Field messages are i18n keys (`users.errors.emailTaken`) or, from elsewhere, plain text. */
export function fieldMessage(ctx: PageContext, message: string | undefined): string | undefined {
  if (!message) return undefined;
  return /^[a-z][a-zA-Z-]*(\.[a-zA-Z0-9_]+)+$/.test(message) ? ctx.i18n.t(message, { defaultValue: message }) : message;
}

/** The list of a failed form's problems above it; each links to its field. */
export function ErrorSummary({ ctx, errors }: { ctx: PageContext; errors?: FieldErrors }) {
  const entries = Object.entries(errors ?? {});
  if (entries.length === 0) return null;
  const { t } = ctx.i18n;
  return (
    <div class="kern-alert kern-alert--danger bs-error-summary" role="alert" aria-labelledby="error-summary-title">
      <div class="kern-alert__header">
        <span class="kern-icon kern-icon--danger" aria-hidden="true" />
        <h2 class="kern-title" id="error-summary-title">
          {t('admin.form.errorSummary', { count: entries.length })}
        </h2>
      </div>
      <div class="kern-alert__body">
        <ul class="kern-list">
          {entries.map(([field, message]) => (
            <li key={field}>
              <a class="kern-link" href={`#${field}`}>
                {fieldMessage(ctx, message)}
              </a>
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
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

function FieldError({ ctx, id, message }: { ctx: PageContext; id: string; message?: string }) {
  if (!message) return null;
  return (
    <p class="kern-error" id={id}>
      <span class="kern-icon kern-icon--danger" aria-hidden="true" />
      <span>
        <span class="kern-sr-only">{ctx.i18n.t('admin.form.errorPrefix')} </span>
        {fieldMessage(ctx, message)}
      </span>
    </p>
  );
}

export interface TextFieldProps {
  ctx: PageContext;
  name: string;
  label: string;
  value?: string;
  error?: string;
  hint?: string;
  type?: 'text' | 'email' | 'password' | 'tel' | 'date' | 'search';
  autocomplete?: string;
  required?: boolean;
  optional?: boolean;
  id?: string;
  maxLength?: number;
}

/** A labelled input with hint and an error beside it, tied together with aria-describedby. */
export function TextField(p: TextFieldProps) {
  const id = p.id ?? p.name;
  const describedBy = [p.hint && `${id}-hint`, p.error && `${id}-error`].filter(Boolean).join(' ') || undefined;
  return (
    <div class={`kern-form-input${p.error ? ' kern-form-input--error' : ''}`}>
      <label class="kern-label" for={id}>
        {p.label}
        {p.optional && <span class="kern-label__optional"> – {p.ctx.i18n.t('admin.form.optional')}</span>}
      </label>
      {p.hint && (
        <div class="kern-hint" id={`${id}-hint`}>
          {p.hint}
        </div>
      )}
      <input
        class={`kern-form-input__input${p.error ? ' kern-form-input__input--error' : ''}`}
        id={id}
        name={p.name}
        type={(p.type ?? 'text') as 'text'}
        value={p.type === 'password' ? undefined : p.value}
        autocomplete={p.autocomplete}
        required={p.required}
        maxLength={p.maxLength}
        aria-describedby={describedBy}
        aria-invalid={p.error ? 'true' : undefined}
        spellcheck={p.type === 'email' || p.type === 'password' ? false : undefined}
      />
      <FieldError ctx={p.ctx} id={`${id}-error`} message={p.error} />
    </div>
  );
}

export interface ChoiceOption {
  value: string;
  label: string;
  hint?: string;
}

/** Radio buttons or checkboxes in a fieldset; the first input carries the group's id for the error summary link. */
export function ChoiceGroup(p: {
  ctx: PageContext;
  name: string;
  legend: string;
  type: 'radio' | 'checkbox';
  options: ChoiceOption[];
  selected: string[];
  error?: string;
  hint?: string;
  required?: boolean;
}) {
  const describedBy = [p.hint && `${p.name}-hint`, p.error && `${p.name}-error`].filter(Boolean).join(' ');
  const inputClass = `kern-form-check__${p.type}${p.error ? ` kern-form-check__${p.type}--error` : ''}`;
  return (
    <fieldset
      class={`kern-fieldset${p.error ? ' kern-fieldset--error' : ''}`}
      aria-describedby={describedBy || undefined}
    >
      <legend class="kern-label">{p.legend}</legend>
      {p.hint && (
        <div class="kern-hint" id={`${p.name}-hint`}>
          {p.hint}
        </div>
      )}
      <div class="kern-fieldset__body">
        {p.options.map((o, i) => {
          const id = i === 0 ? p.name : `${p.name}-${o.value}`;
          return (
            <div class="kern-form-check" key={o.value}>
              <input
                class={inputClass}
                type={p.type}
                id={id}
                name={p.name}
                value={o.value}
                checked={p.selected.includes(o.value)}
                required={p.required && p.type === 'radio' ? true : undefined}
                aria-describedby={o.hint ? `${id}-hint` : undefined}
              />
              {o.hint ? (
                <div class="bs-check-text">
                  <label class="kern-label" for={id}>
                    {o.label}
                  </label>
                  <div class="kern-hint" id={`${id}-hint`}>
                    {o.hint}
                  </div>
                </div>
              ) : (
                <label class="kern-label" for={id}>
                  {o.label}
                </label>
              )}
            </div>
          );
        })}
      </div>
      <FieldError ctx={p.ctx} id={`${p.name}-error`} message={p.error} />
    </fieldset>
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
