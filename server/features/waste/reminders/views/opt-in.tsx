import type { PageContext } from '../../../../platform/views/context.js';
import type { BinType } from '../../core/types.js';
import { defaultReminderTime } from '../slots.js';
import { ReminderChoiceFields, whenValue } from './choice-fields.js';

/**
 * The push opt-in on an address page. Push needs JavaScript (the browser subscribes at its push service), so
 * without it the form stays hidden and the text points to the calendar subscription with an alarm instead; the
 * script (client/push-opt-in.ts) shows the form where the browser can receive push, and says so where it cannot.
 */
export function ReminderOptIn({
  ctx,
  addressId,
  binTypes,
}: {
  ctx: PageContext;
  addressId: number;
  binTypes: BinType[];
}) {
  const { t, lang } = ctx.i18n;
  // Every bin type and event can be chosen; the bins are preselected (events such as Sperrmüll are rare).
  const preselected = binTypes.filter((b) => b.kind === 'bin').map((b) => b.key);
  return (
    <section
      class="bs-section bs-stack"
      aria-labelledby="push-reminders-heading"
      data-push-opt-in="/api/waste/reminders"
      data-push-key="/api/push/vapid-public-key"
      data-msg-denied={t('waste-reminders.optIn.denied')}
      data-msg-failed={t('waste-reminders.optIn.failed')}
      data-msg-done={t('waste-reminders.optIn.done')}
      data-msg-manage={t('waste-reminders.optIn.manage')}
      data-msg-known={t('waste-reminders.optIn.known')}
      data-push-remember={`bs-waste-reminder:${addressId}`}
    >
      <h2 class="kern-heading-medium" id="push-reminders-heading">
        {t('waste-reminders.optIn.title')}
      </h2>
      <p class="kern-body" data-push-nojs>
        {t('waste-reminders.optIn.noJs')}{' '}
        <a class="kern-link" href="#kalender">
          {t('waste-reminders.optIn.toCalendar')}
        </a>
      </p>
      <p class="kern-body" data-push-unsupported hidden>
        {t('waste-reminders.optIn.unsupported')}{' '}
        <a class="kern-link" href="#kalender">
          {t('waste-reminders.optIn.toCalendar')}
        </a>
      </p>
      <form hidden data-push-form novalidate class="bs-stack">
        <input type="hidden" name="addressId" value={String(addressId)} />
        <input type="hidden" name="language" value={lang} />
        <p class="kern-body">{t('waste-reminders.optIn.intro')}</p>
        <ReminderChoiceFields
          ctx={ctx}
          binTypes={binTypes}
          selected={preselected}
          when={whenValue('evening', defaultReminderTime.evening)}
          idPrefix="push-"
        />
        <button type="submit" class="kern-btn kern-btn--primary">
          <span class="kern-label">{t('waste-reminders.optIn.submit')}</span>
        </button>
      </form>
      <div class="kern-body" data-push-status role="status" aria-live="polite" />
    </section>
  );
}
