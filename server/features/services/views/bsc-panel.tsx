import { telHref } from '../../../platform/views/layout.js';
import type { BscContact } from '../service.js';
import { OfficeHours, OpenNow } from './office-hours.js';
import { Local, type TextContext } from './texts.js';

/** The start page's BürgerServiceCenter panel: open now, phone, opening hours, the way to the services A–Z. */
export function BscPanel({ ctx, bsc }: { ctx: TextContext; bsc: BscContact }) {
  const { t } = ctx.i18n;
  return (
    <section class="bs-section bs-box" aria-labelledby="bsc-heading">
      <h2 class="kern-heading-medium" id="bsc-heading">
        <Local ctx={ctx} text={bsc.name} />
      </h2>
      <OpenNow ctx={ctx} open={bsc.openNow} />
      <p class="kern-body">
        {`${t('services.channels.phone')}: `}
        <a class="kern-link" href={telHref(bsc.phone)}>
          {bsc.phone}
        </a>
      </p>
      <h3 class="kern-label">{t('services.office.hours')}</h3>
      <OfficeHours ctx={ctx} hours={bsc.hours} />
      {bsc.hoursNote.de && (
        <p class="kern-body kern-body--small">
          <Local ctx={ctx} text={bsc.hoursNote} />
        </p>
      )}
      <p class="kern-body">
        <a class="kern-link" href="/leistungen">
          {t('services.module.title')}
        </a>
      </p>
    </section>
  );
}
