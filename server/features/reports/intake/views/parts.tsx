import type { FieldErrors } from '../../../../platform/errors.js';
import type { PageContext } from '../../../../platform/views/context.js';
import type { CitizenFormValues } from '../citizen-form.js';

/** What every section of the report form gets. */
export interface SectionProps {
  ctx: PageContext;
  values: CitizenFormValues;
  errors: FieldErrors;
}

/** A text in the page's language from a {de, en} pair (German when the other is missing). */
export function localised(ctx: PageContext, text: { de?: string; en?: string } | undefined): string {
  return (ctx.i18n.lang === 'en' ? text?.en : text?.de) || text?.de || '';
}

/** aria-describedby from the ids that exist. */
export function describedBy(...ids: (string | false | undefined)[]): string | undefined {
  return ids.filter(Boolean).join(' ') || undefined;
}

/** A period of days in words: "3 Monate" for 91 days, "12 Monate" for 365, "10 Tage" for 10. */
export function periodText(ctx: PageContext, days: number): string {
  const months = Math.round(days / 30.4);
  if (days >= 58 && Math.abs(months * 30.4 - days) <= 3) return ctx.i18n.t('reports.period.months', { count: months });
  return ctx.i18n.t('reports.period.days', { count: days });
}

/**
 * A no-JavaScript step: sends the form to /melden/schritt, which shows it again with what the step found (the
 * category's questions, the checked place with nearby reports) and jumps to `target`. The script hides it.
 */
export function StepButton({ label, step, target }: { label: string; step: string; target: string }) {
  return (
    <div class="bs-report-step" data-nojs-only>
      <button
        type="submit"
        class="kern-btn kern-btn--secondary"
        name="step"
        value={step}
        formaction={`/melden/schritt#${target}`}
        formnovalidate
      >
        <span class="kern-label">{label}</span>
      </button>
    </div>
  );
}
