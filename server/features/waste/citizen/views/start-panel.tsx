import type { PageContext } from '../../../../platform/views/context.js';
import type { Collection } from '../../core/types.js';
import { addressPath } from '../links.js';
import type { CalendarAddress } from '../service.js';
import { NextList } from './next-list.js';

export interface StartPanelData {
  address: CalendarAddress;
  today: string;
  next: Collection[];
}

/** The start page's answer for a visitor with a saved address: the next collection per bin, one tap away. */
export function WasteStartPanel({ ctx, data }: { ctx: PageContext; data: StartPanelData }) {
  const { t } = ctx.i18n;
  return (
    <section class="bs-section bs-box bs-waste-start" aria-labelledby="waste-start-heading">
      <h2 class="kern-heading-medium" id="waste-start-heading">
        {t('waste-citizen.start.heading')}
        <span class="bs-waste-address">{t('waste-citizen.start.for', { address: data.address.label })}</span>
      </h2>
      {data.next.length === 0 ? (
        <p class="kern-body">{t('waste-citizen.address.noDates')}</p>
      ) : (
        <NextList ctx={ctx} today={data.today} next={data.next} />
      )}
      <p class="kern-body">
        <a class="kern-link" href={addressPath(data.address.id)}>
          {t('waste-citizen.start.all', { address: data.address.label })}
        </a>
      </p>
    </section>
  );
}
