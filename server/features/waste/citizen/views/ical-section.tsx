import type { PageContext } from '../../../../platform/views/context.js';
import { SelectField } from '../../../../platform/views/form-fields.js';
import { type Reminder, reminderOptions } from '../reminder.js';

export interface IcalSectionProps {
  ctx: PageContext;
  action: string;
  binKeys: string[];
  month: string;
  reminder?: Reminder | undefined;
  feedUrl: string;
  /** The QR code of the webcal link (SVG from qr.ts). */
  qr: string;
}

function reminderLabel(ctx: PageContext, r: Reminder): string {
  const [when, hour] = r.split('-');
  return when === 'vortag'
    ? ctx.i18n.t('waste-citizen.ical.reminderEvening', { hour })
    : ctx.i18n.t('waste-citizen.ical.reminderMorning');
}

/** The subscription: a GET form for the reminder, then the webcal and https links and a QR code of them. */
export function IcalSection({ ctx, action, binKeys, month, reminder, feedUrl, qr }: IcalSectionProps) {
  const { t } = ctx.i18n;
  const webcal = feedUrl.replace(/^https?:\/\//, 'webcal://');
  return (
    <section class="bs-section bs-box" aria-labelledby="ical-heading" id="kalender">
      <h2 class="kern-heading-medium" id="ical-heading">
        {t('waste-citizen.ical.heading')}
      </h2>
      <p class="kern-body">{t('waste-citizen.ical.intro')}</p>
      <form method="get" action={`${action}#kalender`} class="bs-form">
        {binKeys.length > 0 && <input type="hidden" name="arten" value={binKeys.join(',')} />}
        <input type="hidden" name="monat" value={month} />
        <SelectField
          ctx={ctx}
          name="erinnerung"
          label={t('waste-citizen.ical.reminder')}
          value={reminder ?? ''}
          empty={t('waste-citizen.ical.reminderNone')}
          options={reminderOptions.map((r) => ({ value: r, label: reminderLabel(ctx, r) }))}
        />
        <div class="kern-btn-wrapper">
          <button type="submit" class="kern-btn kern-btn--secondary">
            <span class="kern-label">{t('waste-citizen.ical.submit')}</span>
          </button>
        </div>
      </form>
      <div class="bs-waste-subscribe">
        <ul class="bs-waste-feed-links">
          <li>
            <a class="kern-btn kern-btn--primary" href={webcal}>
              <span class="kern-label">{t('waste-citizen.ical.webcal')}</span>
            </a>
          </li>
          <li>
            <p class="kern-body kern-body--small">{t('waste-citizen.ical.https')}</p>
            <a class="kern-link bs-waste-url" href={feedUrl}>
              {feedUrl}
            </a>
          </li>
        </ul>
        <figure class="bs-waste-qr">
          <div
            class="bs-waste-qr__code"
            role="img"
            aria-label={t('waste-citizen.ical.qrLabel', { url: webcal })}
            dangerouslySetInnerHTML={{ __html: qr }}
          />
          <figcaption class="kern-body kern-body--small">{t('waste-citizen.ical.qrHint')}</figcaption>
        </figure>
      </div>
    </section>
  );
}
