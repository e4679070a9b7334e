import type { PageContext } from '../../../../platform/views/context.js';
import { Layout } from '../../../../platform/views/layout.js';
import { mapAttributes, reportsMapAssets } from '../../../reports/core/views/map-attributes.js';
import type { FacilityState } from '../../core/service.js';
import type { SortKey } from '../sorting.js';
import { Availability, clockOf, DemoNotice, FavouriteButton, scriptTexts } from './parts.js';

export interface ListData {
  states: (FacilityState & { distanceM: number | null })[];
  sort: SortKey;
  /** Where distances are measured from: an address, the visitor's position, or the city centre. */
  origin: { kind: 'address' | 'position' | 'centre'; label: string } | null;
  address: string;
  addressError: boolean;
  now: Date;
}

const distance = (ctx: PageContext, m: number) =>
  m < 1000
    ? `${ctx.i18n.number(Math.round(m / 10) * 10)} m`
    : `${ctx.i18n.number(m / 1000, { maximumFractionDigits: 1 })} km`;

function SortForm({ ctx, data }: { ctx: PageContext; data: ListData }) {
  const { t } = ctx.i18n;
  return (
    <form method="get" action="/parken" class="bs-stack bs-parking-sort" data-parking-sort>
      <fieldset class="kern-fieldset">
        <legend class="kern-label">{t('parking.sort.legend')}</legend>
        <div class="kern-fieldset__body kern-fieldset__body--horizontal">
          {(['free', 'distance', 'name'] as const).map((key) => (
            <div class="kern-form-check" key={key}>
              <input
                class="kern-form-check__radio"
                type="radio"
                name="sortierung"
                id={`sort-${key}`}
                value={key}
                checked={data.sort === key}
              />
              <label class="kern-label" for={`sort-${key}`}>
                {t(`parking.sort.${key}`)}
              </label>
            </div>
          ))}
        </div>
      </fieldset>
      <div class={`kern-form-input${data.addressError ? ' kern-form-input--error' : ''}`}>
        <label class="kern-label" for="parking-address">
          {t('parking.sort.address')}
        </label>
        <div class="kern-hint" id="parking-address-hint">
          {t('parking.sort.addressHint')}
        </div>
        {data.addressError && (
          <p class="kern-error" id="parking-address-error" role="alert">
            <span class="kern-icon kern-icon--danger kern-icon--md" aria-hidden="true" />
            <span class="kern-body">{t('parking.sort.addressUnknown')}</span>
          </p>
        )}
        <input
          class="kern-form-input__input"
          type="text"
          id="parking-address"
          name="adresse"
          value={data.address}
          autocomplete="street-address"
          aria-describedby={data.addressError ? 'parking-address-hint parking-address-error' : 'parking-address-hint'}
        />
      </div>
      <input type="hidden" name="lat" value="" data-parking-lat />
      <input type="hidden" name="lon" value="" data-parking-lon />
      <div class="bs-actions">
        <button type="submit" class="kern-btn kern-btn--primary">
          <span class="kern-label">{t('parking.sort.submit')}</span>
        </button>
        <button type="button" class="kern-btn kern-btn--secondary" data-parking-locate hidden>
          <span class="kern-label">{t('parking.sort.locate')}</span>
        </button>
      </div>
    </form>
  );
}

function FacilityItem({ ctx, state, distanceM }: { ctx: PageContext; state: FacilityState; distanceM: number | null }) {
  const f = state.facility;
  return (
    <li class="bs-parking-item" data-parking-ref={f.ref}>
      <h3 class="kern-heading-small bs-parking-item__name">
        <a class="kern-link" href={`/parken/${f.id}`}>
          {f.name}
        </a>
      </h3>
      <Availability ctx={ctx} state={state} />
      <p class="kern-body bs-muted">
        {f.address}
        {distanceM !== null && <> · {distance(ctx, distanceM)}</>}
      </p>
      <FavouriteButton ctx={ctx} state={state} />
    </li>
  );
}

/** The live list (sorted by free spaces, distance or name), favourites (script), the map (script), open data. */
export function ParkingListPage({ ctx, data }: { ctx: PageContext; data: ListData }) {
  const { t } = ctx.i18n;
  const demo = data.states.some((s) => s.facility.demo);
  const totalFree = data.states.reduce((n, s) => n + (s.free ?? 0), 0);
  const live = data.states.filter((s) => s.live === 'live').length;
  const assets = reportsMapAssets();
  return (
    <Layout ctx={ctx} title={t('parking.list.title')} {...assets}>
      <div class="bs-stack" data-parking-page {...scriptTexts(ctx)}>
        <h1 class="kern-heading-large">{t('parking.list.title')}</h1>
        {demo && <DemoNotice ctx={ctx} />}
        <p class="kern-body bs-lead">{t('parking.list.intro', { city: ctx.municipality.name })}</p>
        <p class="kern-body" data-parking-updated aria-live="polite">
          {t('parking.list.summary', {
            free: ctx.i18n.number(totalFree),
            live,
            count: data.states.length,
            time: clockOf(ctx, data.now),
          })}
        </p>
      </div>
      <SortForm ctx={ctx} data={data} />
      <section class="bs-section bs-stack" aria-labelledby="parking-favourites-heading" data-parking-favourites hidden>
        <h2 class="kern-heading-medium" id="parking-favourites-heading">
          {t('parking.favourite.heading')}
        </h2>
        <ul class="bs-parking-list" data-parking-favourites-list />
      </section>
      <section class="bs-section bs-stack" aria-labelledby="parking-list-heading">
        <h2 class="kern-heading-medium" id="parking-list-heading">
          {t('parking.list.heading', { count: data.states.length })}
        </h2>
        {data.origin && (
          <p class="kern-body bs-muted">{t(`parking.sort.from.${data.origin.kind}`, { place: data.origin.label })}</p>
        )}
        {data.states.length === 0 ? (
          <p class="kern-body">{t('parking.list.empty')}</p>
        ) : (
          <ul class="bs-parking-list" data-parking-list>
            {data.states.map((s) => (
              <FacilityItem key={s.facility.id} ctx={ctx} state={s} distanceM={s.distanceM} />
            ))}
          </ul>
        )}
      </section>
      <section class="bs-section bs-stack" aria-labelledby="parking-map-heading">
        <h2 class="kern-heading-medium" id="parking-map-heading">
          {t('parking.map.heading')}
        </h2>
        <div
          class="bs-report-map__canvas bs-parking-map"
          data-reports-map
          data-src={`/api/parking/lots.geojson?lang=${ctx.i18n.lang}`}
          {...mapAttributes(ctx)}
          data-label={t('parking.map.label')}
          data-msg-count-one={t('parking.map.count', { count: 1 })}
          data-msg-count-other={t('parking.map.count', { count: 2 })}
          data-msg-none={t('parking.map.none')}
        >
          <p class="kern-body bs-report-map__fallback">{t('parking.map.fallback')}</p>
        </div>
      </section>
      <section class="bs-section bs-stack" aria-labelledby="parking-opendata-heading">
        <h2 class="kern-heading-medium" id="parking-opendata-heading">
          {t('parking.openData.heading')}
        </h2>
        <p class="kern-body">{t('parking.openData.text')}</p>
        <ul class="bs-link-list">
          <li>
            <a class="kern-link" href="/api/parking/lots">
              {t('parking.openData.parkapi')}
            </a>
          </li>
          <li>
            <a class="kern-link" href="/api/parking/lots.geojson">
              {t('parking.openData.geojson')}
            </a>
          </li>
          <li>
            <a class="kern-link" href="/api/parking/datex2.xml">
              {t('parking.openData.datex')}
            </a>
          </li>
          <li>
            <a class="kern-link" href="/api/docs">
              {t('parking.openData.docs')}
            </a>
          </li>
        </ul>
      </section>
    </Layout>
  );
}
