import type { JobState } from '../../../platform/jobs/types.js';
import { CsrfField } from '../../../platform/views/admin-layout.js';
import type { PageContext } from '../../../platform/views/context.js';
import { stateTone } from '../present.js';

/** A job's state in words, with a colour that only repeats them. */
export function StateBadge({ ctx, state }: { ctx: PageContext; state: JobState }) {
  return (
    <span class={`kern-badge kern-badge--${stateTone[state]}`}>
      <span class="kern-label">{ctx.i18n.t(`jobs.states.${state}`)}</span>
    </span>
  );
}

/** A job's short title in the reader's language (falls back to its internal name). */
export function jobTitle(ctx: PageContext, name: string): string {
  return ctx.i18n.t(`jobs.titles.${name.replaceAll('.', '_')}`, { defaultValue: name });
}

/** A definition's description in the reader's language (falls back to the one in code). */
export function describeJob(ctx: PageContext, name: string, fallback?: string): string {
  return ctx.i18n.t(`jobs.descriptions.${name.replaceAll('.', '_')}`, { defaultValue: fallback ?? name });
}

/** "Run again" for a failed job; `back` decides where the admin lands afterwards. */
export function RetryButton({
  ctx,
  id,
  back,
  describedBy,
}: {
  ctx: PageContext;
  id: string;
  back: 'overview' | 'detail';
  describedBy?: string;
}) {
  return (
    <form method="post" action={`/admin/jobs/${id}/retry`} class="bs-inline-form">
      <CsrfField ctx={ctx} />
      <input type="hidden" name="back" value={back} />
      <button type="submit" class="kern-btn kern-btn--secondary" aria-describedby={describedBy}>
        <span class="kern-label">{ctx.i18n.t('jobs.actions.retry')}</span>
      </button>
    </form>
  );
}

/** A time in the municipality's zone, or a dash. */
export function Time({ ctx, value }: { ctx: PageContext; value: Date | null | undefined }) {
  if (!value) return <>—</>;
  return <time dateTime={value.toISOString()}>{ctx.i18n.dateTime(value)}</time>;
}
