import { FieldError, TextField } from '../../../../platform/views/form-fields.js';
import { describedBy, periodText, type SectionProps } from './parts.js';

interface ContactSectionProps extends SectionProps {
  /** Days after closing until personal data are deleted (the chosen category's, else the longest of all). */
  retentionDays: number;
  /** Days after creation at the latest (configuration). */
  retentionMaxDays: number;
}

function Check({
  id,
  label,
  checked,
  describedby,
  error,
}: {
  id: string;
  label: string;
  checked: boolean;
  describedby?: string;
  error?: boolean;
}) {
  return (
    <div class="kern-form-check">
      <input
        class={`kern-form-check__checkbox${error ? ' kern-form-check__checkbox--error' : ''}`}
        type="checkbox"
        id={id}
        name={id}
        value="1"
        checked={checked}
        aria-describedby={describedby}
        aria-invalid={error ? 'true' : undefined}
      />
      <label class="kern-label" for={id}>
        {label}
      </label>
    </div>
  );
}

/** Section 4: optional contact data, e-mail updates and a plain-language consent with the retention period. */
export function ContactSection({ ctx, values, errors, retentionDays, retentionMaxDays }: ContactSectionProps) {
  const { t } = ctx.i18n;
  return (
    <fieldset class="kern-fieldset bs-report-section" aria-describedby="contact-hint">
      <legend class="kern-heading-medium bs-report-section__title">{t('reports.form.contact.legend')}</legend>
      <div class="kern-hint" id="contact-hint">
        {t('reports.form.contact.hint')}
      </div>
      <div class="kern-fieldset__body bs-stack">
        <TextField
          ctx={ctx}
          name="name"
          label={t('reports.form.contact.name')}
          value={values.name}
          error={errors.name}
          autocomplete="name"
          maxLength={200}
          optional
        />
        <TextField
          ctx={ctx}
          name="email"
          type="email"
          label={t('reports.form.contact.email')}
          hint={t('reports.form.contact.emailHint')}
          value={values.email}
          error={errors.email}
          autocomplete="email"
          maxLength={254}
          optional
        />
        <TextField
          ctx={ctx}
          name="phone"
          type="tel"
          label={t('reports.form.contact.phone')}
          value={values.phone}
          error={errors.phone}
          autocomplete="tel"
          maxLength={40}
          optional
        />
        <Check id="notifyEmail" label={t('reports.form.contact.notify')} checked={values.notifyEmail} />
        <div class="bs-report-consent" id="consent-text">
          <p class="kern-title">{t('reports.form.contact.consentHeading')}</p>
          <p class="kern-body">{t('reports.form.contact.purpose')}</p>
          <p class="kern-body">
            {t('reports.form.contact.retention', {
              period: periodText(ctx, retentionDays),
              max: periodText(ctx, retentionMaxDays),
            })}
          </p>
          <p class="kern-body">
            {t('reports.form.contact.privacyBefore')}{' '}
            <a class="kern-link" href="/datenschutz">
              {t('reports.form.contact.privacyLink')}
            </a>
            {t('reports.form.contact.privacyAfter')}
          </p>
        </div>
        <div class={errors.consent ? 'kern-form-input--error' : undefined}>
          <Check
            id="consent"
            label={t('reports.form.contact.consent')}
            checked={values.consent}
            describedby={describedBy('consent-text', errors.consent && 'consent-error')}
            error={!!errors.consent}
          />
          <FieldError ctx={ctx} id="consent-error" message={errors.consent} />
        </div>
      </div>
    </fieldset>
  );
}
