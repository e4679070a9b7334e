import type { FieldErrors } from '../../../../platform/errors.js';
import type { PageContext } from '../../../../platform/views/context.js';
import { ChoiceGroup, FieldError, TextField } from '../../../../platform/views/form-fields.js';
import type { Category, Question } from '../../core/categories.js';
import { describedBy, localised, type SectionProps, StepButton } from './parts.js';

interface CategorySectionProps extends SectionProps {
  categories: Category[];
  /** The chosen, selectable category (its questions are shown). */
  chosen?: Category;
  /** Reports per category id near the chosen place: most frequent first (groups by their most frequent item). */
  frequency?: Map<number, number> | undefined;
}

/** The groups and their items sorted by how often they were reported at the place (stable: ties keep their order). */
function byFrequency(groups: { group?: Category; items: Category[] }[], frequency: Map<number, number>) {
  const n = (c: Category) => frequency.get(c.id) ?? 0;
  const sorted = groups.map((g) => ({ ...g, items: [...g.items].sort((a, b) => n(b) - n(a)) }));
  const top = (g: { items: Category[] }) => Math.max(0, ...g.items.map(n));
  return sorted.sort((a, b) => top(b) - top(a));
}

/** Groups with their selectable children; top-level categories without children form one more group. */
function groupsOf(categories: Category[]): { group?: Category; items: Category[] }[] {
  const parents = new Set(categories.map((c) => c.parentId).filter((id) => id !== null));
  const groups: { group?: Category; items: Category[] }[] = [];
  const loose: Category[] = [];
  for (const c of categories) {
    if (parents.has(c.id)) groups.push({ group: c, items: categories.filter((x) => x.parentId === c.id) });
    else if (c.parentId === null) loose.push(c);
  }
  if (loose.length > 0) groups.push({ items: loose });
  return groups.filter((g) => g.items.length > 0);
}

/** Section 2 (after the place): the category as radio buttons in one fieldset per group, then the chosen category's questions. */
export function CategorySection({ ctx, values, errors, categories, chosen, frequency }: CategorySectionProps) {
  const { t } = ctx.i18n;
  const error = errors.category;
  let first = true;
  const sorted = frequency && frequency.size > 0;
  const groups = sorted ? byFrequency(groupsOf(categories), frequency) : groupsOf(categories);
  return (
    <fieldset
      class={`kern-fieldset bs-report-section${error ? ' kern-fieldset--error' : ''}`}
      aria-describedby={describedBy('category-hint', error && 'category-error')}
    >
      <legend class="kern-heading-medium bs-report-section__title">{t('reports.form.category.legend')}</legend>
      <div class="kern-hint" id="category-hint">
        {t('reports.form.category.hint')}
        <span data-category-frequent hidden={!sorted}>
          {' '}
          {t('reports.form.category.frequentHint')}
        </span>
      </div>
      <FieldError ctx={ctx} id="category-error" message={error} />
      <div class="bs-report-categories">
        {groups.map(({ group, items }) => (
          <fieldset class="kern-fieldset bs-report-category-group" key={group?.code ?? 'other'}>
            <legend class="kern-label">{group ? localised(ctx, group.name) : t('reports.form.category.other')}</legend>
            <div class="kern-fieldset__body">
              {items.map((c) => {
                const id = first ? 'category' : `category-${c.code}`;
                first = false;
                const hint = localised(ctx, c.description);
                return (
                  <div class="kern-form-check" key={c.code}>
                    <input
                      class={`kern-form-check__radio${error ? ' kern-form-check__radio--error' : ''}`}
                      type="radio"
                      id={id}
                      name="category"
                      value={c.code}
                      checked={values.category === c.code}
                      aria-describedby={hint ? `${id}-hint` : undefined}
                    />
                    <div class="bs-check-text">
                      <label class="kern-label" for={id}>
                        {localised(ctx, c.name)}
                      </label>
                      {hint && (
                        <div class="kern-hint" id={`${id}-hint`}>
                          {hint}
                        </div>
                      )}
                    </div>
                  </div>
                );
              })}
            </div>
          </fieldset>
        ))}
      </div>
      <div id="questions" data-questions>
        {chosen && <Questions ctx={ctx} category={chosen} values={values} errors={errors} />}
      </div>
      {categories
        .filter((c) => c.questions.length > 0 && c.code !== chosen?.code)
        .map((c) => (
          <template key={c.code} data-questions-for={c.code}>
            <Questions ctx={ctx} category={c} values={{ ...values, answers: {} }} errors={{}} />
          </template>
        ))}
      <StepButton label={t('reports.form.category.next')} step="category" target="questions" />
    </fieldset>
  );
}

/** The category's extra questions (defined as data), each field named `answers.<code>`. */
export function Questions({
  ctx,
  category,
  values,
  errors,
}: {
  ctx: PageContext;
  category: Category;
  values: SectionProps['values'];
  errors: FieldErrors;
}) {
  if (category.questions.length === 0) return null;
  const { t } = ctx.i18n;
  return (
    <fieldset class="kern-fieldset bs-report-questions">
      <legend class="kern-heading-small">
        {t('reports.form.questions.legend', { category: localised(ctx, category.name) })}
      </legend>
      <div class="kern-fieldset__body bs-stack">
        {category.questions.map((q) => (
          // The offline queue checks required answers before it accepts a report (client/report-form.ts).
          <div
            key={q.code}
            data-question={q.code}
            data-required={q.required ? 'true' : undefined}
            data-label={localised(ctx, q.label)}
          >
            <QuestionField ctx={ctx} q={q} value={values.answers[q.code]} error={errors[`answers.${q.code}`]} />
          </div>
        ))}
      </div>
    </fieldset>
  );
}

function QuestionField({
  ctx,
  q,
  value,
  error,
}: {
  ctx: PageContext;
  q: Question;
  value: string | string[] | undefined;
  error?: string;
}) {
  const name = `answers.${q.code}`;
  const label = localised(ctx, q.label);
  const hint = q.hint ? localised(ctx, q.hint) : undefined;
  const optional = !q.required;
  const one = Array.isArray(value) ? (value[0] ?? '') : (value ?? '');
  if (q.datatype === 'singlevaluelist' || q.datatype === 'multivaluelist') {
    const suffix = optional ? ` – ${ctx.i18n.t('admin.form.optional')}` : '';
    return (
      <ChoiceGroup
        ctx={ctx}
        name={name}
        legend={`${label}${suffix}`}
        type={q.datatype === 'singlevaluelist' ? 'radio' : 'checkbox'}
        options={(q.values ?? []).map((v) => ({ value: v.key, label: localised(ctx, v.name) }))}
        selected={value === undefined ? [] : ([] as string[]).concat(value)}
        error={error}
        hint={hint}
      />
    );
  }
  if (q.datatype === 'text') {
    return (
      <div class={`kern-form-input${error ? ' kern-form-input--error' : ''}`}>
        <label class="kern-label" for={name}>
          {label}
          {optional && <span class="kern-label__optional"> – {ctx.i18n.t('admin.form.optional')}</span>}
        </label>
        {hint && (
          <div class="kern-hint" id={`${name}-hint`}>
            {hint}
          </div>
        )}
        <textarea
          class={`kern-form-input__input${error ? ' kern-form-input__input--error' : ''}`}
          id={name}
          name={name}
          rows={3}
          maxLength={2000}
          aria-describedby={describedBy(hint && `${name}-hint`, error && `${name}-error`)}
          aria-invalid={error ? 'true' : undefined}
        >
          {one}
        </textarea>
        <FieldError ctx={ctx} id={`${name}-error`} message={error} />
      </div>
    );
  }
  return (
    <TextField
      ctx={ctx}
      name={name}
      label={label}
      hint={hint ?? (q.datatype === 'number' ? ctx.i18n.t('reports.form.questions.numberHint') : undefined)}
      value={one}
      error={error}
      optional={optional}
      type={q.datatype === 'datetime' ? 'date' : 'text'}
      maxLength={200}
    />
  );
}
