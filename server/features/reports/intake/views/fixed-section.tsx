import type { FieldErrors } from '../../../../platform/errors.js';
import { CsrfField, Notice } from '../../../../platform/views/admin-layout.js';
import type { PageContext } from '../../../../platform/views/context.js';
import { ChoiceGroup, ErrorSummary, TextAreaField } from '../../../../platform/views/form-fields.js';
import { maxFixedComment } from '../fixed-service.js';
import type { ReportForReporter } from '../reporter-view.js';

/** The anchor of the question on the status page (the status mail links to it). */
export const fixedAnchor = 'behoben';

export interface FixedForm {
  answer?: string;
  comment?: string;
  errors?: FieldErrors;
}

/**
 * "Ist es behoben?" on the status page: while open (closed as done, 28 days, not answered yet) a form without
 * JavaScript; afterwards what was answered. Nothing when the question never applied.
 */
export function FixedSection({
  ctx,
  report,
  action,
  form,
  notice,
}: {
  ctx: PageContext;
  report: ReportForReporter;
  /** Where the form posts. */
  action: string;
  /** The values and messages of a failed answer. */
  form?: FixedForm;
  /** Set after answering: thanks, and what happens now. */
  notice?: 'fixed' | 'reopened';
}) {
  const { t } = ctx.i18n;
  const q = report.fixedQuestion;
  const answer = q.answer;
  // The thanks only after an answer exists (not for a hand-made URL).
  const thanks = answer ? notice : undefined;
  if (!q.open && !answer) return null;
  return (
    <section class="bs-section bs-stack" id={fixedAnchor} aria-labelledby="fixed-heading">
      <h2 class="kern-heading-medium" id="fixed-heading">
        {t('reports-mine.fixed.heading')}
      </h2>
      {thanks && <Notice kind="success" title={t(`reports-mine.fixed.thanks.${thanks}`)} />}
      {q.open ? (
        <form method="post" action={`${action}#${fixedAnchor}`} class="bs-stack" novalidate>
          <CsrfField ctx={ctx} />
          <p class="kern-body">{t('reports-mine.fixed.intro', { date: ctx.i18n.date(q.endsAt ?? new Date()) })}</p>
          <ErrorSummary ctx={ctx} errors={form?.errors} />
          <ChoiceGroup
            ctx={ctx}
            name="answer"
            type="radio"
            legend={t('reports-mine.fixed.question')}
            options={[
              { value: 'yes', label: t('reports-mine.fixed.yes') },
              { value: 'no', label: t('reports-mine.fixed.no'), hint: t('reports-mine.fixed.noHint') },
            ]}
            selected={form?.answer ? [form.answer] : []}
            error={form?.errors?.answer}
            required
          />
          <TextAreaField
            ctx={ctx}
            name="comment"
            label={t('reports-mine.fixed.comment')}
            hint={t('reports-mine.fixed.commentHint')}
            value={form?.comment ?? ''}
            error={form?.errors?.comment}
            maxLength={maxFixedComment}
          />
          <div class="kern-btn-wrapper">
            <button type="submit" class="kern-btn kern-btn--primary">
              <span class="kern-label">{t('reports-mine.fixed.submit')}</span>
            </button>
          </div>
        </form>
      ) : (
        !thanks &&
        answer && (
          <p class="kern-body">
            {t(answer.fixed ? 'reports-mine.fixed.answeredYes' : 'reports-mine.fixed.answeredNo', {
              date: ctx.i18n.date(answer.at),
            })}
          </p>
        )
      )}
    </section>
  );
}
