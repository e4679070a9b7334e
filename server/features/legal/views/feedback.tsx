import type { FieldErrors } from '../../../platform/errors.js';
import { CsrfField, Notice } from '../../../platform/views/admin-layout.js';
import type { PageContext } from '../../../platform/views/context.js';
import { ErrorSummary, FieldError, fieldMessage, TextField } from '../../../platform/views/form-fields.js';
import { Layout } from '../../../platform/views/layout.js';
import { feedbackLimits, feedbackRetentionDays } from '../feedback-service.js';
import { Details, ExternalLink } from './parts.js';

export interface FeedbackValues {
  page: string;
  message: string;
  name: string;
  email: string;
  consent: boolean;
  website: string;
}

export const emptyFeedback = (): FeedbackValues => ({
  page: '',
  message: '',
  name: '',
  email: '',
  consent: false,
  website: '',
});

const ids = (...list: (string | false | undefined)[]) => list.filter(Boolean).join(' ') || undefined;

/** The accessibility feedback form (BITV NRW feedback mechanism): works without JavaScript. */
export function FeedbackFormPage({
  ctx,
  values,
  errors,
}: {
  ctx: PageContext;
  values: FeedbackValues;
  errors: FieldErrors;
}) {
  const { t } = ctx.i18n;
  const spam = errors.website;
  const fieldErrors = Object.fromEntries(Object.entries(errors).filter(([k]) => k !== 'website'));
  const months = Math.round(feedbackRetentionDays / 30);
  return (
    <Layout ctx={ctx} title={t('legal.feedback.title')}>
      <div class="bs-prose bs-stack">
        <h1 class="kern-heading-large">{t('legal.feedback.heading')}</h1>
        <p class="kern-body">{t('legal.feedback.intro')}</p>
        <p class="kern-body">
          {t('legal.feedback.alternativesBefore')}{' '}
          <a class="kern-link" href="/barrierefreiheit#feedback-heading">
            {t('legal.feedback.alternativesLink')}
          </a>
          {t('legal.feedback.alternativesAfter')}
        </p>
        {spam && <Notice kind="danger" title={fieldMessage(ctx, spam) ?? ''} />}
        <ErrorSummary ctx={ctx} errors={fieldErrors} />
        <form method="post" action="/barrierefreiheit/rueckmeldung" class="bs-form bs-stack" novalidate>
          <CsrfField ctx={ctx} />
          <TextField
            ctx={ctx}
            name="page"
            label={t('legal.feedback.page')}
            hint={t('legal.feedback.pageHint')}
            value={values.page}
            error={errors.page}
            maxLength={feedbackLimits.page}
            optional
          />
          <div class={`kern-form-input${errors.message ? ' kern-form-input--error' : ''}`}>
            <label class="kern-label" for="message">
              {t('legal.feedback.message')}
            </label>
            <div class="kern-hint" id="message-hint">
              {t('legal.feedback.messageHint', { max: feedbackLimits.message })}
            </div>
            <textarea
              class={`kern-form-input__input${errors.message ? ' kern-form-input__input--error' : ''}`}
              id="message"
              name="message"
              rows={8}
              required
              maxLength={feedbackLimits.message}
              aria-describedby={ids('message-hint', errors.message && 'message-error')}
              aria-invalid={errors.message ? 'true' : undefined}
            >
              {values.message}
            </textarea>
            <FieldError ctx={ctx} id="message-error" message={errors.message} />
          </div>
          <TextField
            ctx={ctx}
            name="name"
            label={t('legal.feedback.name')}
            value={values.name}
            error={errors.name}
            autocomplete="name"
            maxLength={feedbackLimits.name}
            optional
          />
          <TextField
            ctx={ctx}
            name="email"
            type="email"
            label={t('legal.feedback.email')}
            hint={t('legal.feedback.emailHint')}
            value={values.email}
            error={errors.email}
            autocomplete="email"
            maxLength={feedbackLimits.email}
            optional
          />
          <div class="bs-stack" id="consent-text">
            <p class="kern-body">{t('legal.feedback.consentText', { months })}</p>
            <p class="kern-body">
              {t('legal.feedback.privacyBefore')}{' '}
              <a class="kern-link" href="/datenschutz">
                {t('legal.feedback.privacyLink')}
              </a>
              {t('legal.feedback.privacyAfter')}
            </p>
          </div>
          <div class={errors.consent ? 'kern-form-input--error' : undefined}>
            <div class="kern-form-check">
              <input
                class={`kern-form-check__checkbox${errors.consent ? ' kern-form-check__checkbox--error' : ''}`}
                type="checkbox"
                id="consent"
                name="consent"
                value="1"
                checked={values.consent}
                aria-describedby={ids('consent-text', errors.consent && 'consent-error')}
                aria-invalid={errors.consent ? 'true' : undefined}
              />
              <label class="kern-label" for="consent">
                {t('legal.feedback.consent')}
              </label>
            </div>
            <FieldError ctx={ctx} id="consent-error" message={errors.consent} />
          </div>
          <div class="kern-sr-only" aria-hidden="true">
            <label for="website">{t('legal.feedback.honeypot')}</label>
            <input id="website" name="website" type="text" tabindex={-1} autocomplete="off" value={values.website} />
          </div>
          <div class="kern-btn-wrapper bs-actions">
            <button type="submit" class="kern-btn kern-btn--primary">
              <span class="kern-label">{t('legal.feedback.send')}</span>
            </button>
          </div>
        </form>
      </div>
    </Layout>
  );
}

/** After sending: when to expect an answer, and the ombudsman if none comes. */
export function FeedbackThanksPage({ ctx }: { ctx: PageContext }) {
  const { t } = ctx.i18n;
  const a = ctx.municipality.accessibility;
  return (
    <Layout ctx={ctx} title={t('legal.feedback.thanksTitle')}>
      <div class="bs-prose bs-stack">
        <h1 class="kern-heading-large">{t('legal.feedback.thanksHeading')}</h1>
        <Notice kind="success" title={t('legal.feedback.thanksNotice')} />
        <p class="kern-body">
          {t('legal.feedback.thanksAnswer', { min: a.responseWeeks.min, max: a.responseWeeks.max })}
        </p>
        <h2 class="kern-heading-medium">{t('legal.accessibility.enforcementHeading')}</h2>
        <p class="kern-body">{t('legal.accessibility.enforcementText')}</p>
        <Details
          items={[
            [t('common.address'), a.enforcementBody],
            [
              t('common.website'),
              <ExternalLink ctx={ctx} href={a.enforcementUrl}>
                {a.enforcementUrl}
              </ExternalLink>,
            ],
          ]}
        />
        <p class="kern-body">
          <a class="kern-link" href="/barrierefreiheit">
            {t('legal.feedback.back')}
          </a>
        </p>
      </div>
    </Layout>
  );
}
