import type { FieldErrors } from '../errors.js';
import type { PageContext } from './context.js';

// The back office's form fields (KERN UX markup): label, hint and error tied together with aria-describedby, the
// error also in a summary above the form that links to each field.

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

/** The ids of a field's hint and error, for aria-describedby. */
export function describedBy(id: string, hint?: string, error?: string): string | undefined {
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

function Hint({ id, text }: { id: string; text?: string }) {
  if (!text) return null;
  return (
    <div class="kern-hint" id={`${id}-hint`}>
      {text}
    </div>
  );
}

/** A field's error message (i18n keys are translated), read out with an "Error:" prefix and tied to it by `id`. */
export function FieldError({
  ctx,
  id,
  message,
  focusable,
}: {
  ctx: PageContext;
  id: string;
  message?: string;
  /** The error summary links to the message itself (a group of ways has no single field to focus). */
  focusable?: boolean;
}) {
  if (!message) return null;
  return (
    <p class="kern-error" id={id} tabindex={focusable ? -1 : undefined}>
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
  /** Bounds of a date field (ISO dates). */
  min?: string;
  max?: string;
  inputMode?: 'decimal' | 'numeric';
}

/** A labelled input with hint and an error beside it, tied together with aria-describedby. */
export function TextField(p: TextFieldProps) {
  const id = p.id ?? p.name;
  return (
    <div class={`kern-form-input${p.error ? ' kern-form-input--error' : ''}`}>
      <Label ctx={p.ctx} id={id} label={p.label} optional={p.optional} />
      <Hint id={id} text={p.hint} />
      <input
        class={`kern-form-input__input${p.error ? ' kern-form-input__input--error' : ''}`}
        id={id}
        name={p.name}
        type={(p.type ?? 'text') as 'text'}
        value={p.type === 'password' ? undefined : p.value}
        autocomplete={p.autocomplete}
        required={p.required}
        maxLength={p.maxLength}
        min={p.min}
        max={p.max}
        inputMode={p.inputMode}
        aria-describedby={describedBy(id, p.hint, p.error)}
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
  const inputClass = `kern-form-check__${p.type}${p.error ? ` kern-form-check__${p.type}--error` : ''}`;
  return (
    <fieldset
      class={`kern-fieldset${p.error ? ' kern-fieldset--error' : ''}`}
      aria-describedby={describedBy(p.name, p.hint, p.error)}
    >
      <legend class="kern-label">{p.legend}</legend>
      <Hint id={p.name} text={p.hint} />
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
                  <Hint id={id} text={o.hint} />
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
      <Hint id={id} text={p.hint} />
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
      <Hint id={id} text={p.hint} />
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
      <Hint id={id} text={p.hint} />
    </div>
  );
}
