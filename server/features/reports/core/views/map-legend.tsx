import type { PageContext } from '../../../../platform/views/context.js';
import { reportStatuses } from '../statuses.js';
import { markerGroupOf, markerGroups } from './map-attributes.js';

/** What the markers of a map of reports mean: one shape and colour per status group, with the statuses in it. */
export function MapLegend({ ctx, headingLevel = 3 }: { ctx: PageContext; headingLevel?: 2 | 3 }) {
  const { t } = ctx.i18n;
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <div class="bs-map-legend-box">
      <Heading class="kern-heading-small" id="map-legend-heading">
        {t('maps.legend.heading')}
      </Heading>
      <p class="kern-body kern-body--small">{t('maps.legend.intro')}</p>
      <ul class="bs-map-legend" aria-labelledby="map-legend-heading">
        {markerGroups.map((group) => (
          <li key={group} class="bs-map-legend__item">
            <span class={`bs-map-legend__symbol bs-map-symbol--${group}`} aria-hidden="true" />
            <span>
              <strong>{t(`maps.legend.${group}`)}</strong>
              {`: ${reportStatuses
                .filter((s) => markerGroupOf[s] === group)
                .map((s) => t(`reports-public.status.${s}`))
                .join(', ')}`}
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}
