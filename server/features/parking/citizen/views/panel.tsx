import type { PageContext } from '../../../../platform/views/context.js';
import type { FacilityState } from '../../core/service.js';

/** The start page's panel: free spaces in the city's garages now, and the way to the list. */
export function ParkingPanel({ ctx, states }: { ctx: Pick<PageContext, 'i18n'>; states: FacilityState[] }) {
  const { t } = ctx.i18n;
  const live = states.filter((s) => s.free !== null && s.status !== 'closed');
  const free = live.reduce((n, s) => n + (s.free ?? 0), 0);
  return (
    <section class="bs-section bs-stack" aria-labelledby="parking-panel-heading">
      <h2 class="kern-heading-medium" id="parking-panel-heading">
        {t('parking.panel.title')}
      </h2>
      <p class="kern-body">
        {live.length > 0
          ? t('parking.panel.free', { free: ctx.i18n.number(free), count: live.length })
          : t('parking.panel.noData')}
      </p>
      <p>
        <a class="kern-link" href="/parken">
          {t('parking.panel.all')}
        </a>
      </p>
    </section>
  );
}
