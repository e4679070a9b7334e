import type { FieldErrors } from '../../../../platform/errors.js';
import { CsrfField, Notice } from '../../../../platform/views/admin-layout.js';
import type { PageContext } from '../../../../platform/views/context.js';
import { ErrorSummary } from '../../../../platform/views/form-fields.js';
import { Layout } from '../../../../platform/views/layout.js';
import type { BinType } from '../../core/types.js';
import { ReminderChoiceFields } from './choice-fields.js';

function PrivateHead() {
  return (
    <>
      <meta name="referrer" content="no-referrer" />
      <meta name="robots" content="noindex, nofollow" />
    </>
  );
}

export interface ManagePageProps {
  ctx: PageContext;
  action: string;
  addressLabel: string;
  addressId: number;
  binTypes: BinType[];
  selected: string[];
  when: string;
  errors?: FieldErrors | undefined;
  saved?: boolean;
}

/** /abfall/erinnerungen/<token>: change bins and time, or cancel. Works without JavaScript. */
export function ManagePage(p: ManagePageProps) {
  const { t } = p.ctx.i18n;
  return (
    <Layout ctx={p.ctx} title={t('waste-reminders.manage.title')} head={<PrivateHead />}>
      <h1 class="kern-heading-large">{t('waste-reminders.manage.title')}</h1>
      <p class="kern-body">{t('waste-reminders.manage.intro', { address: p.addressLabel })}</p>
      {p.saved && <Notice kind="success" title={t('waste-reminders.manage.saved')} />}
      <ErrorSummary ctx={p.ctx} errors={p.errors} />
      <form method="post" action={p.action} class="bs-section bs-stack" novalidate>
        <CsrfField ctx={p.ctx} />
        <ReminderChoiceFields ctx={p.ctx} binTypes={p.binTypes} selected={p.selected} when={p.when} errors={p.errors} />
        <button type="submit" class="kern-btn kern-btn--primary" data-manage-save>
          <span class="kern-label">{t('waste-reminders.manage.save')}</span>
        </button>
      </form>
      <section class="bs-section bs-stack" aria-labelledby="cancel-heading">
        <h2 class="kern-heading-medium" id="cancel-heading">
          {t('waste-reminders.manage.cancelHeading')}
        </h2>
        <p class="kern-body">{t('waste-reminders.manage.cancelText')}</p>
        <form method="post" action={`${p.action}/abbestellen`}>
          <CsrfField ctx={p.ctx} />
          <button type="submit" class="kern-btn kern-btn--secondary" data-manage-cancel>
            <span class="kern-label">{t('waste-reminders.manage.cancel')}</span>
          </button>
        </form>
      </section>
      <p class="kern-body bs-section">
        <a class="kern-link" href={`/abfall/adresse/${p.addressId}`}>
          {t('waste-reminders.manage.calendar', { address: p.addressLabel })}
        </a>
      </p>
    </Layout>
  );
}

/** After cancelling: the reminder is gone; the calendar stays a tap away. */
export function CancelledPage({ ctx }: { ctx: PageContext }) {
  const { t } = ctx.i18n;
  return (
    <Layout ctx={ctx} title={t('waste-reminders.cancelled.title')} head={<PrivateHead />}>
      <h1 class="kern-heading-large">{t('waste-reminders.cancelled.title')}</h1>
      <p class="kern-body">{t('waste-reminders.cancelled.text')}</p>
      <p class="kern-body">
        <a class="kern-link" href="/abfall">
          {t('waste-reminders.cancelled.calendar')}
        </a>
      </p>
    </Layout>
  );
}
