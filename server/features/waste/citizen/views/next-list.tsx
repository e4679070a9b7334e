import type { PageContext } from '../../../../platform/views/context.js';
import { daysBetween } from '../../core/dates.js';
import type { Collection } from '../../core/types.js';
import { binName } from '../labels.js';
import { formatDay, relativeDay } from './format.js';

/** A bin's colour as a small decorative mark (an SVG fill, which the CSP allows); the name stands beside it. */
export function BinSwatch({ colour }: { colour: string }) {
  const fill = /^#[0-9a-fA-F]{6}$/.test(colour) ? colour : '#666666';
  return (
    <svg class="bs-waste-swatch" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
      <circle cx="8" cy="8" r="7" fill={fill} stroke="currentColor" stroke-width="1" />
    </svg>
  );
}

/** The next collection per bin type: name, relative day in words ("heute" / "morgen" stand out), date. */
export function NextList({ ctx, today, next }: { ctx: PageContext; today: string; next: Collection[] }) {
  const { i18n } = ctx;
  return (
    <ul class="bs-waste-next">
      {next.map((c) => {
        const soon = daysBetween(today, c.date) <= 1;
        return (
          <li key={c.binType.key} class={`bs-waste-next__item${soon ? ' bs-waste-next__item--soon' : ''}`}>
            <span class="bs-waste-next__bin">
              <BinSwatch colour={c.binType.colour} />
              <strong>{binName(c.binType, i18n.lang)}</strong>
            </span>
            <span class="bs-waste-next__when">
              {soon ? (
                <strong class="bs-waste-soon">{relativeDay(i18n, today, c.date)}</strong>
              ) : (
                relativeDay(i18n, today, c.date)
              )}
              {`, ${formatDay(i18n, c.date)}`}
              {c.shiftedFrom && (
                <span class="bs-waste-shifted">
                  {` (${i18n.t('waste-citizen.address.shifted', { date: formatDay(i18n, c.shiftedFrom) })})`}
                </span>
              )}
            </span>
          </li>
        );
      })}
    </ul>
  );
}
