import type { PageContext } from '../../../../platform/views/context.js';
import { reportStatuses } from '../../core/statuses.js';
import type { NearbyReport } from '../nearby.js';

interface DuplicateProps {
  ctx: PageContext;
  report: NearbyReport;
  categoryName: string;
}

/** One open report nearby, with the button that makes the reporter a supporter instead. */
function DuplicateItem({ ctx, report, categoryName }: DuplicateProps) {
  const { t } = ctx.i18n;
  const id = `duplicate-${report.reference}`;
  // Street level only, as on the public pages: a house number could point at someone's home.
  const street = report.street;
  const meta = t('reports.duplicates.meta', {
    status: t(`reports.status.${report.status}`, { defaultValue: report.status }),
    distance: ctx.i18n.number(report.distanceMetres),
    date: ctx.i18n.date(report.createdAt, 'medium'),
  });
  return (
    <li class="bs-duplicate">
      <h3 class="kern-title bs-duplicate__title" id={id}>
        <a href={`/meldungen/${encodeURIComponent(report.reference)}`} target="_blank" rel="noopener">
          {`${categoryName} ${report.reference}`}
          <span class="kern-sr-only"> {t('reports.duplicates.newTab')}</span>
        </a>
      </h3>
      <p class="kern-body bs-duplicate__meta">{meta}</p>
      {street && <p class="kern-body">{t('reports.duplicates.near', { place: street })}</p>}
      {report.description && <p class="kern-body bs-duplicate__text">{report.description}</p>}
      {report.supporterCount > 0 && (
        <p class="kern-body bs-muted">{t('reports.duplicates.supporters', { count: report.supporterCount })}</p>
      )}
      <button
        type="submit"
        class="kern-btn kern-btn--secondary"
        name="supportReference"
        value={report.reference}
        formaction="/melden/unterstuetzen"
        formnovalidate
        aria-describedby={id}
      >
        <span class="kern-label">{t('reports.duplicates.support')}</span>
      </button>
    </li>
  );
}

/**
 * Section between location and description: open reports of the same category within about 250 m. Filled by the
 * server on the no-JavaScript check step (and before sending when it was skipped), live by the script otherwise
 * (it clones the item template). Hidden while there is nothing to show.
 */
export function DuplicatesSection({
  ctx,
  duplicates,
  categoryName,
}: {
  ctx: PageContext;
  duplicates: NearbyReport[] | undefined;
  categoryName: string;
}) {
  const { t } = ctx.i18n;
  const list = duplicates ?? [];
  const labels = Object.fromEntries(reportStatuses.map((s) => [s, t(`reports.status.${s}`)]));
  return (
    <>
      <section
        class="bs-report-duplicates"
        aria-labelledby="duplicates-heading"
        data-duplicates
        data-src="/api/reports/nearby"
        data-status-labels={JSON.stringify(labels)}
        data-msg-meta={t('reports.duplicates.meta', { status: '{status}', distance: '{distance}', date: '{date}' })}
        data-msg-near={t('reports.duplicates.near', { place: '{place}' })}
        data-msg-found-one={t('reports.duplicates.found', { count: 1 })}
        data-msg-found-other={t('reports.duplicates.found', { count: 2 })}
        hidden={list.length === 0}
      >
        <h2 class="kern-heading-medium" id="duplicates-heading">
          {t('reports.duplicates.heading')}
        </h2>
        <p class="kern-body">{t('reports.duplicates.intro')}</p>
        <ul class="bs-duplicates" data-duplicates-list>
          {list.map((d) => (
            <DuplicateItem key={d.reference} ctx={ctx} report={d} categoryName={categoryName} />
          ))}
        </ul>
        <p class="kern-body">{t('reports.duplicates.otherwise')}</p>
      </section>
      <div class="kern-sr-only" role="status" aria-live="polite" aria-atomic="true" data-duplicates-status />
    </>
  );
}

/** The markup the script clones for each report it finds (texts filled in on the client). */
export function DuplicateTemplate({ ctx }: { ctx: PageContext }) {
  const { t } = ctx.i18n;
  return (
    <template id="duplicate-template">
      <li class="bs-duplicate">
        <h3 class="kern-title bs-duplicate__title" data-slot="title">
          <a href="/meldungen" target="_blank" rel="noopener" data-slot="link">
            <span data-slot="name" />
            <span class="kern-sr-only"> {t('reports.duplicates.newTab')}</span>
          </a>
        </h3>
        <p class="kern-body bs-duplicate__meta" data-slot="meta" />
        <p class="kern-body" data-slot="near" />
        <p class="kern-body bs-duplicate__text" data-slot="text" />
        <button
          type="submit"
          class="kern-btn kern-btn--secondary"
          name="supportReference"
          formaction="/melden/unterstuetzen"
          formnovalidate
          data-slot="support"
        >
          <span class="kern-label">{t('reports.duplicates.support')}</span>
        </button>
      </li>
    </template>
  );
}
