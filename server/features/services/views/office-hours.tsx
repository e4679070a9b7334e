import type { OpeningRule } from '../../waste/info/opening-hours.js';
import { dayText, weekdayOrder } from '../hours.js';
import type { TextContext } from './texts.js';

/** A weekday's name (0 = Sunday) in the page's language, from Intl (2026-11-01 was a Sunday). */
export function weekdayName(lang: string, day: number): string {
  const locale = lang === 'de' ? 'de-DE' : 'en-GB';
  return new Intl.DateTimeFormat(locale, { weekday: 'long', timeZone: 'UTC' }).format(Date.UTC(2026, 10, 1 + day));
}

/** Opening hours Monday to Sunday, closed days said in words. */
export function OfficeHours({ ctx, hours }: { ctx: TextContext; hours: OpeningRule[] }) {
  const { t, lang } = ctx.i18n;
  return (
    <ul class="bs-waste-hours">
      {weekdayOrder.map((day) => {
        const text = dayText(hours, day);
        return (
          <li key={day}>
            <strong>{weekdayName(lang, day)}</strong>
            {`: ${text ? t('services.office.time', { times: text }) : t('services.office.closedDay')}`}
          </li>
        );
      })}
    </ul>
  );
}

/** "Open now" / "Closed now" in words (the colour only repeats it). */
export function OpenNow({ ctx, open }: { ctx: TextContext; open: boolean }) {
  const { t } = ctx.i18n;
  return (
    <p class={`bs-waste-open${open ? ' bs-waste-open--yes' : ''}`}>
      <strong>{open ? t('services.office.openNow') : t('services.office.closedNow')}</strong>
    </p>
  );
}
