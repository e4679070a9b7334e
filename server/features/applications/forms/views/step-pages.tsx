import type { FieldErrors } from '../../../../platform/errors.js';
import { assetUrl } from '../../../../platform/views/assets.js';
import type { PageContext } from '../../../../platform/views/context.js';
import { Fact } from '../../../../platform/views/description-list.js';
import { ErrorSummary, TextField } from '../../../../platform/views/form-fields.js';
import { Layout } from '../../../../platform/views/layout.js';
import { type Answers, isVisible } from '../../core/answers.js';
import type { FormDefinition } from '../../core/definition.js';
import type { DraftFileRow } from '../../core/drafts-queries.js';
import { errorText, Field, local, lt } from './fields.js';

// A form's steps and its summary, as plain HTML forms: every step posts to the server, which checks it and shows
// the next one or the same one with the messages beside the fields.

function Progress({ ctx, form, current }: { ctx: PageContext; form: FormDefinition; current: number }) {
  const { t } = ctx.i18n;
  const total = form.steps.length + 1;
  return <p class="kern-body bs-app-progress">{t('applications.form.progress', { n: current + 1, total })}</p>;
}

export interface StepView {
  ctx: PageContext;
  form: FormDefinition;
  draftId: string;
  stepIndex: number;
  answers: Answers;
  files: DraftFileRow[];
  errors: FieldErrors;
  today: string;
  changed: boolean;
  saved?: boolean;
}

export function StepPage(p: StepView) {
  const { ctx, form, stepIndex } = p;
  const { t } = ctx.i18n;
  const step = form.steps[stepIndex]!;
  const stepKeys = new Set(step.fields.map((f) => f.key));
  // Fields whose condition depends on an earlier step are left out when it does not hold; a condition on a field
  // of this very step cannot be judged before the step is sent, so such fields are shown with their condition in words.
  const fields = step.fields.filter((f) => !f.showIf || stepKeys.has(f.showIf.field) || isVisible(form, f, p.answers));
  const multipart = fields.some((f) => f.type === 'file');
  const title = lt(ctx, step.title);
  // The summary above the form names each field, so six times "please fill in this field" still says which.
  const summaryErrors = Object.fromEntries(
    Object.entries(p.errors).map(([k, v]) => {
      const field = step.fields.find((f) => f.key === k);
      return [k, field ? `${lt(ctx, field.label)}: ${errorText(ctx, field, v) ?? v}` : v];
    }),
  );
  return (
    <Layout
      ctx={ctx}
      title={`${Object.keys(p.errors).length ? `${t('applications.form.errorTitle')}: ` : ''}${title} – ${lt(ctx, form.title)}`}
    >
      <p class="kern-body">
        {stepIndex > 0 ? (
          <a class="kern-link" href={`/antraege/${form.slug}/${p.draftId}/${stepIndex}`}>
            {t('applications.form.back')}
          </a>
        ) : (
          <a class="kern-link" href={`/antraege/${form.slug}`}>
            {t('applications.form.backToService')}
          </a>
        )}
      </p>
      <Progress ctx={ctx} form={form} current={stepIndex} />
      <p class="kern-body kern-body--small" lang={local(ctx, form.title).lang}>
        {lt(ctx, form.title)}
      </p>
      <h1 class="kern-heading-large" lang={local(ctx, step.title).lang}>
        {title}
      </h1>
      {p.changed && (
        <div class="kern-alert kern-alert--info" role="status">
          <div class="kern-alert__body">
            <p class="kern-body">{t('applications.form.changed')}</p>
          </div>
        </div>
      )}
      {p.saved && (
        <div class="kern-alert kern-alert--success" role="status">
          <div class="kern-alert__body">
            <p class="kern-body">{t('applications.form.saved', { days: 30 })}</p>
          </div>
        </div>
      )}
      <ErrorSummary ctx={ctx} errors={summaryErrors} />
      {step.intro && <p class="kern-body">{lt(ctx, step.intro)}</p>}
      <form
        method="post"
        action={`/antraege/${form.slug}/${p.draftId}/${stepIndex + 1}`}
        enctype={multipart ? 'multipart/form-data' : undefined}
        novalidate
        class="bs-form"
      >
        <input type="hidden" name="_csrf" value={ctx.csrfToken()} />
        {fields.map((f) => (
          <Field
            key={f.key}
            ctx={ctx}
            form={form}
            field={f}
            answers={p.answers}
            errors={p.errors}
            files={p.files}
            today={p.today}
            sameStepCondition={Boolean(f.showIf && stepKeys.has(f.showIf.field))}
          />
        ))}
        <div class="bs-actions">
          <button class="kern-btn kern-btn--primary" type="submit" name="aktion" value="weiter">
            <span class="kern-label">{t('applications.form.next')}</span>
          </button>
          <button class="kern-btn kern-btn--secondary" type="submit" name="aktion" value="speichern">
            <span class="kern-label">{t('applications.form.saveLater')}</span>
          </button>
        </div>
      </form>
    </Layout>
  );
}

function answerText(ctx: PageContext, form: FormDefinition, key: string, value: string | string[]): string {
  const field = form.steps.flatMap((s) => s.fields).find((f) => f.key === key);
  const values = Array.isArray(value) ? value : [value];
  if (!field) return values.join(', ');
  if (field.type === 'checkbox')
    return value === 'yes' ? ctx.i18n.t('applications.form.yes') : ctx.i18n.t('applications.form.no');
  if (field.type === 'date' && values[0]) return ctx.i18n.date(`${values[0]}T12:00:00Z`);
  if (field.options)
    return values.map((v) => lt(ctx, field.options?.find((o) => o.value === v)?.label) || v).join(', ');
  return values.join(', ');
}

/** Each answer under its step, with a change link per step, then the ways to send. */
export function SummaryPage(p: {
  ctx: PageContext;
  form: FormDefinition;
  draftId: string;
  answers: Answers;
  files: DraftFileRow[];
  online: boolean;
  notifyEmail: string;
  errors?: FieldErrors;
}) {
  const { ctx, form } = p;
  const { t } = ctx.i18n;
  return (
    <Layout
      ctx={ctx}
      title={`${t('applications.summary.title')} – ${lt(ctx, form.title)}`}
      scripts={[assetUrl('application-send.js')]}
    >
      <p class="kern-body">
        <a class="kern-link" href={`/antraege/${form.slug}/${p.draftId}/${form.steps.length}`}>
          {t('applications.form.back')}
        </a>
      </p>
      <Progress ctx={ctx} form={form} current={form.steps.length} />
      <h1 class="kern-heading-large">{t('applications.summary.title')}</h1>
      <p class="kern-body">{t('applications.summary.intro')}</p>
      <ErrorSummary ctx={ctx} errors={p.errors} />
      {form.steps.map((step, i) => {
        const shown = step.fields.filter((f) => isVisible(form, f, p.answers));
        return (
          <section key={step.key} aria-labelledby={`step-${step.key}`}>
            <h2 class="kern-heading-medium" id={`step-${step.key}`}>
              {lt(ctx, step.title)}
            </h2>
            <dl class="kern-description-list">
              {shown.map((f) => {
                if (f.type === 'file') {
                  const files = p.files.filter((x) => x.fieldKey === f.key);
                  return (
                    <Fact key={f.key} term={lt(ctx, f.label)}>
                      {files.length ? files.map((x) => x.name).join(', ') : t('applications.summary.none')}
                    </Fact>
                  );
                }
                const v = p.answers[f.key];
                const empty = v === undefined || v === '' || (Array.isArray(v) && v.length === 0);
                return (
                  <Fact key={f.key} term={lt(ctx, f.label)}>
                    {empty ? t('applications.summary.none') : answerText(ctx, form, f.key, v)}
                  </Fact>
                );
              })}
            </dl>
            <p class="kern-body">
              <a class="kern-link" href={`/antraege/${form.slug}/${p.draftId}/${i + 1}`}>
                {t('applications.summary.change', { step: lt(ctx, step.title) })}
              </a>
            </p>
          </section>
        );
      })}
      <section aria-labelledby="send-title" class="bs-app-send">
        <h2 class="kern-heading-medium" id="send-title">
          {t('applications.summary.sendTitle')}
        </h2>
        {p.online ? (
          <form method="post" action={`/antraege/${form.slug}/${p.draftId}/senden`} data-encrypt-form class="bs-form">
            <input type="hidden" name="_csrf" value={ctx.csrfToken()} />
            <TextField
              ctx={ctx}
              name="benachrichtigung"
              type="email"
              autocomplete="email"
              label={t('applications.summary.notifyLabel')}
              hint={t('applications.summary.notifyHint')}
              value={p.notifyEmail}
              error={p.errors?.benachrichtigung}
              optional
            />
            <p class="kern-body" data-no-js>
              {t('applications.summary.serverEncryption')}
            </p>
            <p class="kern-body" data-js-only hidden>
              {t('applications.summary.browserEncryption')}
            </p>
            <button class="kern-btn kern-btn--primary" type="submit">
              <span class="kern-label">{t('applications.summary.send')}</span>
            </button>
          </form>
        ) : (
          <p class="kern-body">{t('applications.start.offline')}</p>
        )}
        <h3 class="kern-heading-small">{t('applications.summary.paperTitle')}</h3>
        <p class="kern-body">
          <a class="kern-link" href={`/antraege/${form.slug}/${p.draftId}/antrag.pdf`}>
            {t('applications.summary.filledPdf')}
          </a>
        </p>
        <form method="post" action={`/antraege/${form.slug}/${p.draftId}/verwerfen`}>
          <input type="hidden" name="_csrf" value={ctx.csrfToken()} />
          <button class="kern-btn kern-btn--tertiary" type="submit">
            <span class="kern-label">{t('applications.summary.discard')}</span>
          </button>
        </form>
      </section>
    </Layout>
  );
}
