import type { ComponentChildren } from 'preact';
import type { FieldErrors } from '../errors.js';
import { AdminLayout, CsrfField, PostButton } from './admin-layout.js';
import type { PageContext } from './context.js';
import { ErrorSummary } from './form-fields.js';

/** A form that POSTs to `action`: the CSRF field, the fields, one primary submit button. Works without JavaScript. */
export function AdminForm(p: { ctx: PageContext; action: string; submitLabel: string; children: ComponentChildren }) {
  return (
    <form method="post" action={p.action} novalidate class="bs-form">
      <CsrfField ctx={p.ctx} />
      {p.children}
      <div class="kern-btn-wrapper">
        <button type="submit" class="kern-btn kern-btn--primary">
          <span class="kern-label">{p.submitLabel}</span>
        </button>
      </div>
    </form>
  );
}

/**
 * A back-office form page: the link back to its list, the heading, the summary of a failed form's errors, the form,
 * then whatever follows it (`after`: actions on the item being edited).
 */
export function AdminFormPage(p: {
  ctx: PageContext;
  title: string;
  back: { href: string; label: string };
  errors?: FieldErrors;
  action: string;
  submitLabel: string;
  styles?: readonly string[];
  children: ComponentChildren;
  after?: ComponentChildren;
}) {
  return (
    <AdminLayout ctx={p.ctx} title={p.title} styles={p.styles}>
      <p>
        <a class="kern-link" href={p.back.href}>
          {p.back.label}
        </a>
      </p>
      <h1 class="kern-heading-large">{p.title}</h1>
      <ErrorSummary ctx={p.ctx} errors={p.errors} />
      <AdminForm ctx={p.ctx} action={p.action} submitLabel={p.submitLabel}>
        {p.children}
      </AdminForm>
      {p.after}
    </AdminLayout>
  );
}

/** A section below a form with one action on the item (delete, deactivate): heading, what it does, its button. */
export function ActionSection(p: {
  ctx: PageContext;
  id: string;
  title: string;
  text: string;
  action: string;
  label: string;
}) {
  return (
    <section aria-labelledby={`${p.id}-heading`} class="bs-section">
      <h2 class="kern-heading-medium" id={`${p.id}-heading`}>
        {p.title}
      </h2>
      <p class="kern-body" id={`${p.id}-text`}>
        {p.text}
      </p>
      <PostButton ctx={p.ctx} action={p.action} label={p.label} describedBy={`${p.id}-text`} />
    </section>
  );
}

/**
 * The props every field of a form shares, from its name: `<TextField {...field('email')} label=… />` gets the page
 * context, the value typed so far and the field's error.
 */
export function formFields<V extends object>(ctx: PageContext, values: V, errors?: FieldErrors) {
  return <K extends keyof V & string>(name: K) => ({ ctx, name, value: values[name], error: errors?.[name] });
}
