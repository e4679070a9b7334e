import { localParts } from '../../../../platform/time.js';
import type { PageContext } from '../../../../platform/views/context.js';
import type { FacilityState } from '../../core/service.js';
import type { Trend } from '../../core/statuses.js';

/** "14:05" in the municipality's time zone. */
export function clockOf(ctx: Pick<PageContext, 'municipality'>, at: Date): string {
  const p = localParts(at, ctx.municipality.timeZone);
  return `${String(p.hour).padStart(2, '0')}:${String(p.minute).padStart(2, '0')}`;
}

/** Shown on every parking page while demo facilities are listed: the figures are simulated, not measured. */
export function DemoNotice({ ctx }: { ctx: PageContext }) {
  const { t } = ctx.i18n;
  return (
    <div class="kern-alert kern-alert--warning" role="note">
      <div class="kern-alert__header">
        <span class="kern-icon kern-icon--warning" aria-hidden="true" />
        <p class="kern-title">{t('parking.demo.title')}</p>
      </div>
      <div class="kern-alert__body">
        <p class="kern-body">{t('parking.demo.text')}</p>
      </div>
    </div>
  );
}

const arrows: Record<Trend, string> = { rising: '↑', falling: '↓', steady: '→' };

/** Free spaces with status and trend, or the honest "no current data". */
export function Availability({ ctx, state }: { ctx: PageContext; state: FacilityState }) {
  const { t } = ctx.i18n;
  const capacity = ctx.i18n.number(state.facility.capacity);
  if (state.free === null) {
    return (
      <p class="kern-body bs-parking-free bs-parking-free--none" data-parking-free>
        <strong>{t('parking.noData')}</strong>
        {state.reading && (
          <span class="bs-muted">
            {' '}
            {t('parking.lastReading', { time: ctx.i18n.dateTime(state.reading.observedAt) })}
          </span>
        )}
      </p>
    );
  }
  return (
    <p class={`kern-body bs-parking-free bs-parking-free--${state.status}`} data-parking-free>
      {state.status === 'closed' ? (
        <strong>{t('parking.status.closed')}</strong>
      ) : (
        <>
          <strong class="bs-parking-count">{ctx.i18n.number(state.free)}</strong> {t('parking.freeOf', { capacity })}
          {state.status === 'full' && <strong> · {t('parking.status.full')}</strong>}
        </>
      )}
      {state.trend && state.status !== 'closed' && (
        <span class={`bs-parking-trend bs-parking-trend--${state.trend}`}>
          {' '}
          <span aria-hidden="true">{arrows[state.trend]}</span> {t(`parking.trend.${state.trend}`)}
        </span>
      )}
    </p>
  );
}

/** A button that keeps a facility among the favourites (localStorage); hidden until the script shows it. */
export function FavouriteButton({ ctx, state }: { ctx: PageContext; state: FacilityState }) {
  const { t } = ctx.i18n;
  return (
    <button
      type="button"
      class="kern-btn kern-btn--tertiary bs-parking-fav"
      data-parking-fav={state.facility.ref}
      aria-pressed="false"
      hidden
    >
      <span class="kern-label">{t('parking.favourite.add', { name: state.facility.name })}</span>
    </button>
  );
}

/** The data attributes the script needs to rename the favourite buttons and to refresh the figures. */
export function scriptTexts(ctx: PageContext): Record<string, string> {
  const { t } = ctx.i18n;
  return {
    'data-msg-fav-add': t('parking.favourite.add', { name: '{name}' }),
    'data-msg-fav-remove': t('parking.favourite.remove', { name: '{name}' }),
    'data-msg-free-of': t('parking.freeOf', { capacity: '{capacity}' }),
    'data-msg-no-data': t('parking.noData'),
    'data-msg-closed': t('parking.status.closed'),
    'data-msg-full': t('parking.status.full'),
    'data-msg-updated': t('parking.updatedAt', { time: '{time}' }),
    'data-msg-locate-failed': t('parking.sort.locateFailed'),
  };
}
