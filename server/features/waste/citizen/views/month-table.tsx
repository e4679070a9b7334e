import type { PageContext } from '../../../../platform/views/context.js';
import { addDays } from '../../core/dates.js';
import type { BinType, Collection } from '../../core/types.js';
import { binAbbreviations, binName } from '../labels.js';
import { monthWeeks, shiftMonth } from '../month.js';
import { formatDay } from './format.js';

export interface MonthTableProps {
  ctx: PageContext;
  month: string;
  today: string;
  binTypes: BinType[];
  collections: Collection[];
  /** The page's URL for another month ('YYYY-MM' → href). */
  monthHref: (month: string) => string;
}

/**
 * A month as a real table (weeks × Monday–Sunday). Each day names its bins in words; on narrow screens a short mark
 * is shown instead and the words stay for screen readers, with a legend below.
 */
export function MonthTable({ ctx, month, today, binTypes, collections, monthHref }: MonthTableProps) {
  const { i18n } = ctx;
  const { t } = i18n;
  const marks = binAbbreviations(binTypes, i18n.lang);
  const byDay = new Map<string, Collection[]>();
  for (const c of collections) byDay.set(c.date, [...(byDay.get(c.date) ?? []), c]);
  const weeks = monthWeeks(month);
  const monday = weeks[0]?.find((d) => d !== null) ?? `${month}-01`;
  // Weekday names from a known Monday (2026-11-30).
  const weekdays = Array.from({ length: 7 }, (_, i) => formatDay(i18n, addDays('2026-11-30', i), 'weekday'));
  const shown = binTypes.filter((b) => collections.some((c) => c.binType.key === b.key));
  return (
    <section class="bs-section" aria-labelledby="month-heading">
      <h2 class="kern-heading-medium" id="month-heading">
        {t('waste-citizen.month.heading')}
      </h2>
      <nav class="bs-waste-month-nav" aria-label={t('waste-citizen.month.heading')}>
        <a class="kern-link" href={monthHref(shiftMonth(month, -1))} rel="prev">
          <span aria-hidden="true">← </span>
          {t('waste-citizen.month.previous')}
        </a>
        <a class="kern-link" href={monthHref(shiftMonth(month, 1))} rel="next">
          {t('waste-citizen.month.next')}
          <span aria-hidden="true"> →</span>
        </a>
      </nav>
      <table class="kern-table bs-waste-month" data-first-day={monday}>
        <caption class="kern-title">
          {t('waste-citizen.month.caption', { month: formatDay(i18n, `${month}-01`, 'month') })}
        </caption>
        <thead class="kern-table__head">
          <tr class="kern-table__row">
            {weekdays.map((w) => (
              <th scope="col" class="kern-table__header" key={w}>
                {w}
              </th>
            ))}
          </tr>
        </thead>
        <tbody class="kern-table__body">
          {weeks.map((week) => (
            <tr class="kern-table__row" key={week.find(Boolean) ?? ''}>
              {week.map((day, i) =>
                day === null ? (
                  <td class="kern-table__cell bs-waste-day bs-waste-day--empty" key={`e${i}`} />
                ) : (
                  <td
                    class={`kern-table__cell bs-waste-day${byDay.has(day) ? ' bs-waste-day--collection' : ''}${day === today ? ' bs-waste-day--today' : ''}`}
                    key={day}
                    aria-current={day === today ? 'date' : undefined}
                  >
                    <span class="bs-waste-day__number">{Number(day.slice(8))}</span>
                    {day === today && <span class="bs-waste-day__today">{t('waste-citizen.month.todayMark')}</span>}
                    {(byDay.get(day) ?? []).map((c) => (
                      <span class="bs-waste-day__bin" key={c.binType.key}>
                        <span class="bs-waste-day__mark" aria-hidden="true">
                          {marks.get(c.binType.key)}
                        </span>
                        <span class="bs-waste-day__name">{binName(c.binType, i18n.lang)}</span>
                      </span>
                    ))}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
      {collections.length === 0 ? (
        <p class="kern-body">{t('waste-citizen.month.noneInMonth')}</p>
      ) : (
        <div class="bs-waste-legend">
          <p class="kern-body kern-body--small">{t('waste-citizen.pdf.legend')}</p>
          <dl>
            {shown.map((b) => (
              <div key={b.key}>
                <dt>{marks.get(b.key)}</dt>
                <dd>{binName(b, i18n.lang)}</dd>
              </div>
            ))}
          </dl>
        </div>
      )}
    </section>
  );
}
