import { assetUrl } from '../../../../platform/views/assets.js';
import type { PageContext } from '../../../../platform/views/context.js';
import { Layout } from '../../../../platform/views/layout.js';
import { tileLayerAttributes } from '../../../maps/service.js';
import { weekdayRanges } from '../opening-hours.js';
import type { RecyclingCentre } from '../service.js';

/** A weekday's name (0 = Sunday) in the page's language, from Intl (2026-11-01 was a Sunday). */
function weekdayName(ctx: PageContext, day: number): string {
  const locale = ctx.i18n.lang === 'de' ? 'de-DE' : 'en-GB';
  return new Intl.DateTimeFormat(locale, { weekday: 'long', timeZone: 'UTC' }).format(Date.UTC(2026, 10, 1 + day));
}

function Hours({ ctx, centre }: { ctx: PageContext; centre: RecyclingCentre }) {
  const { t } = ctx.i18n;
  return (
    <ul class="bs-waste-hours">
      {centre.hours.flatMap((rule) =>
        weekdayRanges(rule).map(([from, to]) => (
          <li key={`${from}-${rule.opens}`}>
            <strong>
              {from === to ? weekdayName(ctx, from) : `${weekdayName(ctx, from)} – ${weekdayName(ctx, to)}`}
            </strong>
            {`: ${t('waste-citizen.centres.time', { opens: rule.opens, closes: rule.closes })}`}
          </li>
        )),
      )}
    </ul>
  );
}

/** The map's data attributes (client/reports-map.ts), from the municipality's configuration. */
function mapAttributes(ctx: PageContext): Record<string, string> {
  const { t } = ctx.i18n;
  const m = ctx.municipality.map;
  const attrs: Record<string, string> = {
    'data-reports-map': '',
    'data-src': '/abfall/wertstoffhoefe/karte.geojson',
    'data-lat': String(m.lat),
    'data-lon': String(m.lon),
    'data-zoom': String(m.zoom),
    'data-districts': '/api/districts',
    'data-label': t('waste-citizen.centres.mapLabel'),
    'data-msg-count-one': t('waste-citizen.centres.count', { count: 1 }),
    'data-msg-count-other': t('waste-citizen.centres.count', { count: 2 }),
    'data-msg-none': t('waste-citizen.centres.mapNone'),
    'data-msg-error': t('waste-citizen.centres.mapError'),
    'data-msg-tiles-unavailable': t('maps.unavailable'),
    'data-msg-attribution': t('maps.attribution'),
    ...tileLayerAttributes(ctx.municipality),
  };
  return attrs;
}

/** The Wertstoffhöfe: address, hours, "open now" in words, and a map (a list of coordinates without JavaScript). */
export function CentresPage({ ctx, centres }: { ctx: PageContext; centres: RecyclingCentre[] }) {
  const { t } = ctx.i18n;
  return (
    <Layout
      ctx={ctx}
      title={t('waste-citizen.centres.title')}
      styles={[assetUrl('reports.css')]}
      scripts={[assetUrl('reports-map.js')]}
    >
      <h1 class="kern-heading-large">{t('waste-citizen.centres.title')}</h1>
      <p class="kern-body bs-lead">{t('waste-citizen.centres.intro')}</p>
      <ul class="bs-waste-centres">
        {centres.map((c) => (
          <li key={c.key} id={`hof-${c.key}`} class="bs-waste-centre">
            <h2 class="kern-heading-small">{c.name}</h2>
            <p class={`bs-waste-open${c.openNow ? ' bs-waste-open--yes' : ''}`}>
              <strong>{c.openNow ? t('waste-citizen.centres.open') : t('waste-citizen.centres.closed')}</strong>
            </p>
            <address class="kern-body">
              {c.street}
              <br />
              {`${c.postcode} ${c.city}`}
            </address>
            <h3 class="kern-label">{t('waste-citizen.centres.hours')}</h3>
            <Hours ctx={ctx} centre={c} />
            <p class="kern-body kern-body--small">{t('waste-citizen.centres.holidays')}</p>
          </li>
        ))}
      </ul>
      <section class="bs-section" aria-labelledby="centres-map">
        <h2 class="kern-heading-medium" id="centres-map">
          {t('waste-citizen.centres.mapHeading')}
        </h2>
        <div class="bs-map" {...mapAttributes(ctx)}>
          <p class="kern-body">{t('waste-citizen.centres.mapFallback')}</p>
          <ul class="kern-list kern-list--bullet">
            {centres.map((c) => (
              <li key={c.key}>
                <a class="kern-link" href={`geo:${c.lat},${c.lon}`}>
                  {`${c.name}: ${t('waste-citizen.centres.coordinates', { lat: c.lat, lon: c.lon })}`}
                </a>
              </li>
            ))}
          </ul>
        </div>
      </section>
    </Layout>
  );
}
