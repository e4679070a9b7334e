import type { FieldErrors } from '../../../../platform/errors.js';
import type { PageContext } from '../../../../platform/views/context.js';
import {
  ChoiceGroup,
  describedBy,
  FieldError,
  SelectField,
  TextAreaField,
  TextField,
} from '../../../../platform/views/form-fields.js';
import { type Answers, resolveDateBound } from '../../core/answers.js';
import { allFields, type FormDefinition, type FormField, type LocalText } from '../../core/definition.js';
import type { DraftFileRow } from '../../core/drafts-queries.js';

// One form field of a definition as KERN UX markup, with its hint, its condition in words and its error.

/** A definition's text in the page's language, with the language it really is in (German when no translation). */
export function local(ctx: PageContext, text: LocalText | undefined): { text: string; lang?: string } {
  if (!text) return { text: '' };
  if (ctx.i18n.lang === 'de' || !text.en) return { text: text.de, lang: ctx.i18n.lang === 'de' ? undefined : 'de' };
  return { text: text.en };
}

export const lt = (ctx: PageContext, text: LocalText | undefined) => local(ctx, text).text;

/** A field's error message: the field's own pattern message, or an i18n key. */
export function errorText(ctx: PageContext, field: FormField, message: string | undefined): string | undefined {
  if (!message) return undefined;
  if (message.startsWith('pattern:')) return lt(ctx, field.patternMessage) || ctx.i18n.t('applications.errors.pattern');
  return ctx.i18n.t(message, { defaultValue: message });
}

/** "Only needed if you chose … under …" for a field whose condition depends on a field of the same step. */
function conditionHint(ctx: PageContext, form: FormDefinition, field: FormField): string | undefined {
  if (!field.showIf) return undefined;
  const target = allFields(form).find((f) => f.key === field.showIf?.field);
  if (!target) return undefined;
  const wanted = field.showIf.in ?? [field.showIf.equals ?? ''];
  const names = wanted.map((w) =>
    target.type === 'checkbox'
      ? ctx.i18n.t('applications.form.ticked')
      : lt(ctx, target.options?.find((o) => o.value === w)?.label),
  );
  return ctx.i18n.t('applications.form.onlyIf', {
    choices: names.map((n) => `„${n}“`).join(` ${ctx.i18n.t('applications.form.or')} `),
    field: lt(ctx, target.label),
  });
}

function hintOf(ctx: PageContext, form: FormDefinition, field: FormField, sameStep: boolean): string | undefined {
  const parts = [lt(ctx, field.hint), sameStep ? conditionHint(ctx, form, field) : undefined].filter(Boolean);
  return parts.length ? parts.join(' ') : undefined;
}

function FileField(p: {
  ctx: PageContext;
  field: FormField;
  label: string;
  hint?: string;
  error?: string;
  files: DraftFileRow[];
}) {
  const { t } = p.ctx.i18n;
  const id = p.field.key;
  return (
    <div class={`kern-form-input${p.error ? ' kern-form-input--error' : ''}`}>
      <label class="kern-label" for={id}>
        {p.label}
        {!p.field.required && <span class="kern-label__optional"> – {t('admin.form.optional')}</span>}
      </label>
      {p.hint && (
        <div class="kern-hint" id={`${id}-hint`}>
          {p.hint}
        </div>
      )}
      {p.files.length > 0 && (
        <ul class="kern-list bs-app-files" aria-label={t('applications.form.attached')}>
          {p.files.map((f) => (
            <li key={f.id}>
              {`${f.name} (${Math.max(1, Math.round(f.size / 1024))} KB) `}
              <button class="kern-btn kern-btn--tertiary kern-btn--small" type="submit" name="entfernen" value={f.id}>
                <span class="kern-label">{t('applications.form.remove', { name: f.name })}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <input
        class="kern-form-input__input"
        type="file"
        id={id}
        name={id}
        accept={p.field.accept?.join(',')}
        aria-describedby={describedBy(id, p.hint, p.error)}
        aria-invalid={p.error ? 'true' : undefined}
      />
      <FieldError ctx={p.ctx} id={`${id}-error`} message={p.error} />
    </div>
  );
}

/** One field of the step, filled with the draft's answer. */
export function Field(p: {
  ctx: PageContext;
  form: FormDefinition;
  field: FormField;
  answers: Answers;
  errors: FieldErrors;
  files: DraftFileRow[];
  today: string;
  sameStepCondition: boolean;
}) {
  const { ctx, field: f } = p;
  const label = lt(ctx, f.label);
  const hint = hintOf(ctx, p.form, f, p.sameStepCondition);
  const error = errorText(ctx, f, p.errors[f.key]);
  const raw = p.answers[f.key];
  const value = Array.isArray(raw) ? (raw[0] ?? '') : (raw ?? '');
  const optional = !f.required;
  const attrs = { 'data-show-if': f.showIf ? JSON.stringify(f.showIf) : undefined };
  const common = { ctx, name: f.key, label, hint, value, error, optional };
  let control: preact.JSX.Element;
  switch (f.type) {
    case 'textarea':
      control = <TextAreaField {...common} maxLength={f.maxLength ?? 2000} />;
      break;
    case 'select':
      control = (
        <SelectField
          {...common}
          empty={ctx.i18n.t('applications.form.choose')}
          options={(f.options ?? []).map((o) => ({ value: o.value, label: lt(ctx, o.label) }))}
        />
      );
      break;
    case 'radio':
    case 'checkboxes':
      control = (
        <ChoiceGroup
          ctx={ctx}
          name={f.key}
          legend={label + (optional ? ` – ${ctx.i18n.t('admin.form.optional')}` : '')}
          hint={hint}
          error={error}
          type={f.type === 'radio' ? 'radio' : 'checkbox'}
          selected={Array.isArray(raw) ? raw : value ? [value] : []}
          options={(f.options ?? []).map((o) => ({ value: o.value, label: lt(ctx, o.label) }))}
        />
      );
      break;
    case 'checkbox':
      control = (
        <ChoiceGroup
          ctx={ctx}
          name={f.key}
          legend={ctx.i18n.t('applications.form.confirmLegend')}
          hint={hint}
          error={error}
          type="checkbox"
          selected={value === 'yes' ? ['yes'] : []}
          options={[{ value: 'yes', label }]}
        />
      );
      break;
    case 'file':
      control = (
        <FileField
          ctx={ctx}
          field={f}
          label={label}
          hint={hint}
          error={error}
          files={p.files.filter((x) => x.fieldKey === f.key)}
        />
      );
      break;
    default: {
      const type = f.type === 'number' ? 'text' : f.type;
      const bound = (b: FormField['min']) => (typeof b === 'string' ? resolveDateBound(b, p.today) : undefined);
      control = (
        <TextField
          {...common}
          hint={f.type === 'date' && !hint ? ctx.i18n.t('applications.form.dateHint') : hint}
          type={type as 'text'}
          autocomplete={f.autocomplete}
          maxLength={f.maxLength}
          min={bound(f.min)}
          max={bound(f.max)}
          inputMode={f.type === 'number' ? 'decimal' : undefined}
        />
      );
    }
  }
  return (
    <div class="bs-app-field" {...attrs}>
      {control}
    </div>
  );
}
