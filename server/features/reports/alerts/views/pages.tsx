import type { FieldErrors } from '../../../../platform/errors.js';
import { CsrfField, Notice } from '../../../../platform/views/admin-layout.js';
import { assetUrl } from '../../../../platform/views/assets.js';
import type { PageContext } from '../../../../platform/views/context.js';
import { ChoiceGroup, ErrorSummary, SelectField, TextField } from '../../../../platform/views/form-fields.js';
import { Layout } from '../../../../platform/views/layout.js';
import { AddressField } from '../../../addresses/views/address-field.js';
import { PrivateHead } from '../../core/views/private-page.js';
import { type AlertView, alertRadii, alertsPath, areaLine } from '../service.js';

/** What the subscribe form had (re-shown after an error). */
export interface AlertFormValues {
  area: string;
  districtId: string;
  address: string;
  addressId: string;
  radius: string;
  email: string;
}

export const emptyAlertForm: AlertFormValues = {
  area: 'district',
  districtId: '',
  address: '',
  addressId: '',
  radius: '500',
  email: '',
};

const styles = () => [assetUrl('reports.css')];

/** The area choice (district, or address and radius); `prefix` keeps ids unique when two forms share a page. */
function AreaFields(p: {
  ctx: PageContext;
  districts: { id: number; name: string }[];
  values: AlertFormValues;
  errors?: FieldErrors | undefined;
  prefix?: string;
}) {
  const { t } = p.ctx.i18n;
  const n = (name: string) => `${p.prefix ?? ''}${name}`;
  const e = (name: string) => p.errors?.[name];
  return (
    <>
      <ChoiceGroup
        ctx={p.ctx}
        name={n('area')}
        legend={t('reports-alerts.form.area')}
        type="radio"
        options={[
          { value: 'district', label: t('reports-alerts.form.areaDistrict') },
          { value: 'radius', label: t('reports-alerts.form.areaRadius') },
        ]}
        selected={[p.values.area]}
        error={e('area')}
      />
      <SelectField
        ctx={p.ctx}
        name={n('districtId')}
        label={t('reports-alerts.form.district')}
        hint={t('reports-alerts.form.districtHint')}
        empty={t('reports-alerts.form.districtEmpty')}
        options={p.districts.map((d) => ({ value: String(d.id), label: d.name }))}
        value={p.values.districtId}
        error={e('districtId')}
      />
      <AddressField
        ctx={p.ctx}
        name={n('address')}
        label={t('reports-alerts.form.address')}
        hint={t('reports-alerts.form.addressHint')}
        value={p.values.address}
        error={e('address') && p.ctx.i18n.t(e('address') as string)}
        idField={{ name: n('addressId'), value: p.values.addressId }}
      />
      <SelectField
        ctx={p.ctx}
        name={n('radius')}
        label={t('reports-alerts.form.radius')}
        options={alertRadii.map((r) => ({
          value: String(r),
          label: t('reports-alerts.form.radiusOption', { radius: r }),
        }))}
        value={p.values.radius}
        error={e('radius')}
      />
    </>
  );
}

/** /meldungen/benachrichtigungen: subscribe by e-mail (no JavaScript needed) or, where the browser can, by push. */
export function SubscribePage(p: {
  ctx: PageContext;
  districts: { id: number; name: string }[];
  values: AlertFormValues;
  errors?: FieldErrors | undefined;
}) {
  const { t, lang } = p.ctx.i18n;
  return (
    <Layout ctx={p.ctx} title={t('reports-alerts.subscribe.title')} styles={styles()}>
      <h1 class="kern-heading-large">{t('reports-alerts.subscribe.title')}</h1>
      <p class="kern-body">{t('reports-alerts.subscribe.intro')}</p>
      <ErrorSummary ctx={p.ctx} errors={p.errors} />
      <section class="bs-section bs-stack" aria-labelledby="alert-mail-heading">
        <h2 class="kern-heading-medium" id="alert-mail-heading">
          {t('reports-alerts.subscribe.mailHeading')}
        </h2>
        <p class="kern-body">{t('reports-alerts.subscribe.mailIntro')}</p>
        <form method="post" action={alertsPath} class="bs-stack" novalidate>
          <CsrfField ctx={p.ctx} />
          <AreaFields ctx={p.ctx} districts={p.districts} values={p.values} errors={p.errors} />
          <TextField
            ctx={p.ctx}
            name="email"
            type="email"
            autocomplete="email"
            label={t('reports-alerts.form.email')}
            hint={t('reports-alerts.form.emailHint')}
            value={p.values.email}
            error={p.errors?.email}
            maxLength={254}
          />
          <button type="submit" class="kern-btn kern-btn--primary">
            <span class="kern-label">{t('reports-alerts.subscribe.mailSubmit')}</span>
          </button>
        </form>
      </section>
      <section
        class="bs-section bs-stack"
        aria-labelledby="alert-push-heading"
        data-push-opt-in="/api/reports/alerts"
        data-push-key="/api/push/vapid-public-key"
        data-msg-denied={t('reports-alerts.push.denied')}
        data-msg-failed={t('reports-alerts.push.failed')}
        data-msg-done={t('reports-alerts.push.done')}
        data-msg-manage={t('reports-alerts.push.manage')}
        data-msg-known={t('reports-alerts.push.known')}
      >
        <h2 class="kern-heading-medium" id="alert-push-heading">
          {t('reports-alerts.subscribe.pushHeading')}
        </h2>
        <p class="kern-body" data-push-nojs>
          {t('reports-alerts.push.noJs')}
        </p>
        <p class="kern-body" data-push-unsupported hidden>
          {t('reports-alerts.push.unsupported')}
        </p>
        <form hidden data-push-form novalidate class="bs-stack">
          <input type="hidden" name="language" value={lang} />
          <p class="kern-body">{t('reports-alerts.push.intro')}</p>
          <AreaFields ctx={p.ctx} districts={p.districts} values={emptyAlertForm} prefix="push-" />
          <button type="submit" class="kern-btn kern-btn--primary">
            <span class="kern-label">{t('reports-alerts.push.submit')}</span>
          </button>
        </form>
        <div class="kern-body" data-push-status role="status" aria-live="polite" />
      </section>
      <p class="kern-body bs-section">{t('reports-alerts.subscribe.privacy')}</p>
    </Layout>
  );
}

/** After the e-mail form: look for the confirmation mail. */
export function SentPage({ ctx }: { ctx: PageContext }) {
  const { t } = ctx.i18n;
  return (
    <Layout ctx={ctx} title={t('reports-alerts.sent.title')} head={<PrivateHead />} styles={styles()}>
      <h1 class="kern-heading-large">{t('reports-alerts.sent.title')}</h1>
      <Notice kind="info" title={t('reports-alerts.sent.notice')}>
        <p class="kern-body">{t('reports-alerts.sent.text')}</p>
      </Notice>
      <p class="kern-body bs-section">
        <a class="kern-link" href="/meldungen">
          {t('reports-alerts.manage.toList')}
        </a>
      </p>
    </Layout>
  );
}

/** /meldungen/benachrichtigungen/<token>: confirm (e-mail), see, and end an alert. Works without JavaScript. */
export function ManagePage(p: { ctx: PageContext; action: string; alert: AlertView; done?: 'confirmed' | 'ended' }) {
  const { t } = p.ctx.i18n;
  const a = p.alert;
  return (
    <Layout ctx={p.ctx} title={t('reports-alerts.manage.title')} head={<PrivateHead />} styles={styles()}>
      <h1 class="kern-heading-large">{t('reports-alerts.manage.title')}</h1>
      {p.done && <Notice kind="success" title={t(`reports-alerts.manage.done.${p.done}`)} />}
      <dl class="kern-description-list">
        {(
          [
            ['area', areaLine(t, a.area)],
            ['channel', t(`reports-alerts.manage.channels.${a.channel}`)],
            ['state', t(`reports-alerts.manage.states.${a.state}`)],
          ] as const
        ).map(([key, value]) => (
          <div class="kern-description-list-item" key={key}>
            <dt class="kern-description-list-item__key">{t(`reports-alerts.manage.${key}`)}</dt>
            <dd class="kern-description-list-item__value">{value}</dd>
          </div>
        ))}
      </dl>
      {a.state === 'pending' && (
        <section class="bs-section bs-stack" aria-labelledby="confirm-heading">
          <h2 class="kern-heading-medium" id="confirm-heading">
            {t('reports-alerts.manage.confirmHeading')}
          </h2>
          <p class="kern-body">{t('reports-alerts.manage.confirmText')}</p>
          <form method="post" action={`${p.action}/bestaetigen`}>
            <CsrfField ctx={p.ctx} />
            <button type="submit" class="kern-btn kern-btn--primary">
              <span class="kern-label">{t('reports-alerts.manage.confirm')}</span>
            </button>
          </form>
        </section>
      )}
      {a.state === 'expired' && (
        <p class="kern-body bs-section">
          {t('reports-alerts.manage.expired')}{' '}
          <a class="kern-link" href={alertsPath}>
            {t('reports-alerts.manage.again')}
          </a>
        </p>
      )}
      {(a.state === 'active' || a.state === 'pending') && (
        <section class="bs-section bs-stack" aria-labelledby="end-heading">
          <h2 class="kern-heading-medium" id="end-heading">
            {t('reports-alerts.manage.endHeading')}
          </h2>
          <p class="kern-body">{t('reports-alerts.manage.endText')}</p>
          <form method="post" action={`${p.action}/abbestellen`} class="bs-stack">
            <CsrfField ctx={p.ctx} />
            <div>
              <button type="submit" class="kern-btn kern-btn--secondary">
                <span class="kern-label">{t('reports-alerts.manage.end')}</span>
              </button>
            </div>
            {a.channel === 'email' && (
              <div>
                <button type="submit" name="scope" value="all" class="kern-btn kern-btn--tertiary">
                  <span class="kern-label">{t('reports-alerts.manage.endAll')}</span>
                </button>
              </div>
            )}
          </form>
        </section>
      )}
      {a.state === 'ended' && (
        <p class="kern-body bs-section">
          <a class="kern-link" href={alertsPath}>
            {t('reports-alerts.manage.again')}
          </a>
        </p>
      )}
      <p class="kern-body bs-section">
        <a class="kern-link" href="/meldungen">
          {t('reports-alerts.manage.toList')}
        </a>
      </p>
    </Layout>
  );
}

/** After ending a push alert whose browser had nothing else with us: the alert is gone with its subscription. */
export function EndedPage({ ctx }: { ctx: PageContext }) {
  const { t } = ctx.i18n;
  return (
    <Layout ctx={ctx} title={t('reports-alerts.manage.title')} head={<PrivateHead />} styles={styles()}>
      <h1 class="kern-heading-large">{t('reports-alerts.manage.title')}</h1>
      <Notice kind="success" title={t('reports-alerts.manage.done.ended')} />
      <p class="kern-body bs-section">
        <a class="kern-link" href={alertsPath}>
          {t('reports-alerts.manage.again')}
        </a>
      </p>
    </Layout>
  );
}
