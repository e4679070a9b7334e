import type { PageContext } from '../../../../platform/views/context.js';
import { dayText, weekdayOrder } from '../../../services/hours.js';
import type { OfficeNow } from '../../../services/service.js';

/** A weekday's name (0 = Sunday) in the page's language. */
export function weekdayName(lang: string, day: number): string {
  const locale = lang === 'de' ? 'de-DE' : 'en-GB';
  return new Intl.DateTimeFormat(locale, { weekday: 'long', timeZone: 'UTC' }).format(Date.UTC(2026, 10, 1 + day));
}

/** The office's opening hours as lines ("Montag: 08:00–12:00"), closed days left out. */
export function hoursLines(lang: string, hours: OfficeNow['hours']): string[] {
  return weekdayOrder.flatMap((day) => {
    const text = dayText(hours, day);
    return text ? [`${weekdayName(lang, day)}: ${text}`] : [];
  });
}

export function OfficeHoursList({ ctx, hours }: { ctx: PageContext; hours: OfficeNow['hours'] }) {
  const lines = hoursLines(ctx.i18n.lang, hours);
  if (lines.length === 0) return null;
  return (
    <>
      <h4 class="kern-heading-small">{ctx.i18n.t('applications.start.hours')}</h4>
      <ul class="kern-list">
        {lines.map((l) => (
          <li key={l}>{l}</li>
        ))}
      </ul>
    </>
  );
}
