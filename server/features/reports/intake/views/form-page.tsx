import type { FieldErrors } from '../../../../platform/errors.js';
import { CsrfField, Notice } from '../../../../platform/views/admin-layout.js';
import { assetUrl } from '../../../../platform/views/assets.js';
import type { PageContext } from '../../../../platform/views/context.js';
import { ErrorSummary, FieldError, fieldMessage } from '../../../../platform/views/form-fields.js';
import { Layout } from '../../../../platform/views/layout.js';
import type { Category } from '../../core/categories.js';
import { reportFormAssets } from '../../core/views/map-attributes.js';
import type { CitizenFormValues } from '../citizen-form.js';
import type { LocationChoices } from '../citizen-location.js';
import type { KeptPhoto } from '../drafts.js';
import type { NearbyReport } from '../nearby.js';
import { CategorySection } from './category-section.js';
import { ContactSection } from './contact-section.js';
import { DetailsSection } from './details-section.js';
import { DuplicatesSection, DuplicateTemplate } from './duplicates-section.js';
import { type LocationPreview, LocationSection } from './location-section.js';
import { localised } from './parts.js';
import { ReceiptBody } from './receipt.js';

export interface ReportFormData {
  values: CitizenFormValues;
  errors: FieldErrors;
  categories: Category[];
  chosen?: Category;
  /** Open reports nearby (undefined: not looked for). */
  duplicates?: NearbyReport[];
  preview?: LocationPreview;
  /** What the citizen may have meant by an unknown address or an ambiguous landmark. */
  choices?: LocationChoices;
  /** Reports per category id near the checked place (the categories are shown most frequent first). */
  frequency?: Map<number, number>;
  /** Photos the server keeps for this draft (chosen on an earlier step). */
  keptPhotos?: KeptPhoto[];
  /** Photos that came with the request: the re-rendered form has lost them. */
  photosDropped: number;
  /** Why the form is shown again without errors: to show nearby reports before sending. */
  notice?: 'duplicates';
  retentionDays: number;
  retentionMaxDays: number;
  photoMaxBytes: number;
}

/** Errors that belong to no field the summary could link to: spam, a reused key, a closed report. */
const formLevel = new Set(['website', 'idempotencyKey', 'report']);

function summaryErrors(errors: FieldErrors): FieldErrors {
  const out: FieldErrors = {};
  for (const [field, message] of Object.entries(errors)) {
    if (formLevel.has(field)) continue;
    const key = field.startsWith('photos.') ? 'photos' : field;
    out[key] ??= message;
  }
  return out;
}

/** The ALTCHA widget's texts in the page's language (the widget's own catalogue is not bundled). */
function altchaStrings(ctx: PageContext): string {
  const { t } = ctx.i18n;
  const keys = ['label', 'verifying', 'verified', 'verify', 'error', 'expired', 'loading', 'reload', 'waitAlert'];
  const strings: Record<string, string> = Object.fromEntries(keys.map((k) => [k, t(`reports.form.altcha.${k}`)]));
  strings.verificationRequired = t('reports.form.altcha.required');
  strings.footer = '';
  strings.ariaLinkLabel = '';
  return JSON.stringify(strings);
}

/**
 * "Mangel melden" (/melden): one multipart form in sections, location first (map, address, landmark), then the
 * category (most reported at that place first) and its questions, nearby reports of that category, description
 * and photos, contact, spam protection. Works without JavaScript (steps re-render the same form: the place
 * checked with choices for an unknown address or an ambiguous landmark, then the questions and nearby reports;
 * chosen photos are kept for the draft); client/report-form.ts enhances it.
 */
export function ReportFormPage({ ctx, data }: { ctx: PageContext; data: ReportFormData }) {
  const { t } = ctx.i18n;
  const { values, errors } = data;
  const generalErrors = [...formLevel].filter((k) => errors[k]).map((k) => fieldMessage(ctx, errors[k]));
  const categoryName = data.chosen ? localised(ctx, data.chosen.name) : '';
  return (
    <Layout ctx={ctx} title={t('reports.form.title')} {...reportFormAssets()}>
      <div class="bs-report-page bs-stack" data-report-page>
        <h1 class="kern-heading-large">{t('reports.form.title')}</h1>
        <p class="kern-body bs-lead">{t('reports.form.intro', { city: ctx.municipality.name })}</p>
        <div
          class="bs-report-queue bs-stack"
          data-report-queue
          data-msg-sent={t('reports.queue.sent', { reference: '{reference}' })}
          data-msg-link={t('reports.queue.link')}
          data-msg-bookmark={t('reports.receipt.bookmark')}
        />
        {generalErrors.map((message) => (
          <Notice key={message} kind="danger" title={message ?? ''} />
        ))}
        <ErrorSummary ctx={ctx} errors={summaryErrors(errors)} />
        {data.notice === 'duplicates' && (
          <Notice kind="info" title={t('reports.form.duplicatesNotice')}>
            <p class="kern-body">{t('reports.form.duplicatesNoticeText')}</p>
          </Notice>
        )}
        <form
          method="post"
          action="/melden"
          enctype="multipart/form-data"
          class="bs-form bs-report-form"
          novalidate
          data-report-form
          data-lang={ctx.i18n.lang}
          data-msg-sending={t('reports.form.sending')}
          data-msg-queued={t('reports.form.queued')}
          data-msg-queued-title={t('reports.form.queuedTitle')}
          data-msg-failed={t('reports.form.failed')}
          data-msg-queue-failed={t('reports.form.queueFailed')}
          data-msg-summary-one={t('admin.form.errorSummary', { count: 1 })}
          data-msg-summary-other={t('admin.form.errorSummary', { count: 2 })}
          data-msg-error-prefix={t('admin.form.errorPrefix')}
          data-msg-answer-required={t('reports-core.errors.answer_required')}
        >
          {/* The default button: Enter in a text field sends the form, it does not run an earlier step. */}
          <button type="submit" name="step" value="send" hidden tabindex={-1} />
          <CsrfField ctx={ctx} />
          <input type="hidden" name="idempotencyKey" value={values.idempotencyKey} />
          <input type="hidden" name="duplicatesShown" value={values.duplicatesShown ? '1' : ''} />
          <input type="hidden" name="draft" value={values.draft} />
          {/* Where first, then what (most reported there first), then nearby reports, then the details. */}
          <LocationSection ctx={ctx} values={values} errors={errors} preview={data.preview} choices={data.choices} />
          <CategorySection
            ctx={ctx}
            values={values}
            errors={errors}
            categories={data.categories}
            chosen={data.chosen}
            frequency={data.frequency}
          />
          <DuplicatesSection ctx={ctx} duplicates={data.duplicates} categoryName={categoryName} />
          <DetailsSection
            ctx={ctx}
            values={values}
            errors={errors}
            photosDropped={data.photosDropped}
            keptPhotos={data.keptPhotos ?? []}
            photoMaxBytes={data.photoMaxBytes}
          />
          <ContactSection
            ctx={ctx}
            values={values}
            errors={errors}
            retentionDays={data.retentionDays}
            retentionMaxDays={data.retentionMaxDays}
          />
          <div class="bs-report-section bs-stack">
            <div
              class="bs-report-altcha"
              id="altcha"
              tabindex={-1}
              data-altcha
              data-challenge="/api/reports/challenge"
              data-worker={assetUrl('altcha-worker.js')}
              data-strings={altchaStrings(ctx)}
            >
              <FieldError ctx={ctx} id="altcha-error" message={errors.altcha} />
            </div>
            <div class="bs-hp" aria-hidden="true">
              <label for="website">{t('reports.form.honeypot')}</label>
              <input id="website" name="website" type="text" tabindex={-1} autocomplete="off" value={values.website} />
            </div>
            <p class="kern-body">{t('reports.form.beforeSend')}</p>
            <div class="kern-btn-wrapper bs-actions">
              <button type="submit" class="kern-btn kern-btn--primary" name="step" value="send" data-report-submit>
                <span class="kern-label">{t('reports.form.send')}</span>
              </button>
            </div>
            <div class="kern-body bs-report-progress" role="status" aria-live="polite" data-report-progress />
          </div>
        </form>
      </div>
      <DuplicateTemplate ctx={ctx} />
      <template id="receipt-template">
        <ReceiptBody ctx={ctx} reference="" statusPath="/" statusUrl="" />
      </template>
    </Layout>
  );
}
