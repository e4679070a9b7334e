import type { PageContext } from '../../../../platform/views/context.js';
import { Layout } from '../../../../platform/views/layout.js';
import { reportsMapAssets } from '../../../reports/core/views/map-attributes.js';
import { PlaceMap } from '../../../reports/core/views/place-map.js';
import type { FacilityState } from '../../core/service.js';
import type { Forecast } from '../../forecast/service.js';
import type { DayCurves } from '../../history/service.js';
import { DayChart } from './chart.js';
import { Availability, clockOf, DemoNotice, FavouriteButton, scriptTexts } from './parts.js';

function Facts({ ctx, state }: { ctx: PageContext; state: FacilityState }) {
  const { t } = ctx.i18n;
  const f = state.facility;
  const n = (v: number | null) => (v === null ? null : ctx.i18n.number(v));
  const rows: [string, string | null][] = [
    [t('parking.facts.address'), f.address || null],
    [t('parking.facts.kind'), t(`parking.kinds.${f.kind}`)],
    [t('parking.facts.operator'), f.operator || null],
    [t('parking.facts.capacity'), n(f.capacity)],
    [t('parking.facts.disabled'), n(f.capacityDisabled)],
    [t('parking.facts.ev'), n(f.capacityEv)],
    [t('parking.facts.family'), n(f.capacityFamily)],
    [
      t('parking.facts.maxHeight'),
      f.maxHeightCm === null ? null : `${ctx.i18n.number(f.maxHeightCm / 100, { minimumFractionDigits: 2 })} m`,
    ],
    [t('parking.facts.hours'), f.openingHours || null],
    [t('parking.facts.prices'), f.prices || null],
    [t('parking.facts.payment'), f.payment || null],
    [t('parking.facts.entrances'), f.entrances || null],
  ];
  return (
    <section class="bs-section" aria-labelledby="facts-heading">
      <h2 class="kern-heading-medium" id="facts-heading">
        {t('parking.facts.heading')}
      </h2>
      <dl class="bs-parking-facts">
        {rows
          .filter((r): r is [string, string] => r[1] !== null)
          .map(([term, value]) => (
            <div key={term}>
              <dt class="kern-label">{term}</dt>
              <dd class="kern-body">{value}</dd>
            </div>
          ))}
      </dl>
      {/* A still map of the garage (client/reports-map.ts); without JavaScript the link opens the phone's map app. */}
      <PlaceMap ctx={ctx} lat={f.lat} lon={f.lon} label={t('parking.facts.mapLabel', { name: f.name })} />
      <p class="kern-body">
        <a class="kern-link" href={`geo:${f.lat},${f.lon}?q=${f.lat},${f.lon}(${encodeURIComponent(f.name)})`}>
          {t('parking.facts.mapsApp', { lat: ctx.i18n.number(f.lat), lon: ctx.i18n.number(f.lon) })}
        </a>
      </p>
    </section>
  );
}

function ForecastSection({ ctx, forecast }: { ctx: PageContext; forecast: Forecast | undefined }) {
  const { t } = ctx.i18n;
  return (
    <section class="bs-section bs-stack" aria-labelledby="forecast-heading">
      <h2 class="kern-heading-medium" id="forecast-heading">
        {t('parking.forecast.heading')}
      </h2>
      {!forecast ? (
        <p class="kern-body">{t('parking.forecast.none')}</p>
      ) : (
        <>
          <p class="kern-body">
            {t('parking.forecast.confidence', {
              count: forecast.days,
              basis: t(`parking.dayTypes.${forecast.basis}`),
            })}
          </p>
          <section class="bs-table-scroll" tabindex={0} aria-label={t('parking.forecast.caption')}>
            <table class="kern-table kern-table--small">
              <caption class="kern-title" id="forecast-caption">
                {t('parking.forecast.caption')}
              </caption>
              <thead class="kern-table__head">
                <tr class="kern-table__row">
                  <th scope="col" class="kern-table__header">
                    {t('parking.forecast.time')}
                  </th>
                  <th scope="col" class="kern-table__header">
                    {t('parking.forecast.expected')}
                  </th>
                  <th scope="col" class="kern-table__header">
                    {t('parking.forecast.range')}
                  </th>
                </tr>
              </thead>
              <tbody class="kern-table__body">
                {forecast.points.map((p) => (
                  <tr class="kern-table__row" key={p.at.toISOString()}>
                    <th scope="row" class="kern-table__header">
                      {clockOf(ctx, p.at)}
                    </th>
                    <td class="kern-table__cell">{ctx.i18n.number(p.free)}</td>
                    <td class="kern-table__cell">
                      {t('parking.forecast.between', { low: ctx.i18n.number(p.low), high: ctx.i18n.number(p.high) })}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
          <p class="kern-body bs-muted">{t('parking.forecast.note')}</p>
        </>
      )}
    </section>
  );
}

/** One facility: live figure or "no current data", forecast with its confidence, today vs a typical day, facts. */
export function ParkingDetailPage(p: {
  ctx: PageContext;
  state: FacilityState;
  forecast: Forecast | undefined;
  curves: DayCurves;
}) {
  const { ctx, state } = p;
  const { t } = ctx.i18n;
  const f = state.facility;
  return (
    <Layout ctx={ctx} title={f.name} {...reportsMapAssets()}>
      <p>
        <a class="kern-link" href="/parken">
          {t('parking.detail.back')}
        </a>
      </p>
      <div class="bs-stack" data-parking-page {...scriptTexts(ctx)}>
        <h1 class="kern-heading-large">{f.name}</h1>
        {f.demo && <DemoNotice ctx={ctx} />}
        <div class="bs-parking-item" data-parking-ref={f.ref}>
          <Availability ctx={ctx} state={state} />
          {state.live === 'live' && state.reading && (
            <p class="kern-body bs-muted" data-parking-updated>
              {t('parking.updatedAt', { time: clockOf(ctx, state.reading.observedAt) })}
            </p>
          )}
          {state.live === 'stale' && <p class="kern-body">{t('parking.staleExplained')}</p>}
          <FavouriteButton ctx={ctx} state={state} />
        </div>
      </div>
      <ForecastSection ctx={ctx} forecast={p.forecast} />
      <section class="bs-section bs-stack" aria-labelledby="chart-heading">
        <h2 class="kern-heading-medium" id="chart-heading">
          {t('parking.chart.heading')}
        </h2>
        {p.curves.today.length === 0 && p.curves.typical.length === 0 ? (
          <p class="kern-body">{t('parking.chart.none')}</p>
        ) : (
          <DayChart ctx={ctx} curves={p.curves} capacity={f.capacity} />
        )}
      </section>
      <Facts ctx={ctx} state={state} />
    </Layout>
  );
}
