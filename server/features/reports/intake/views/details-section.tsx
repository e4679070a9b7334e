import { FieldError } from '../../../../platform/views/form-fields.js';
import { maxPhotos } from '../../core/photos.js';
import type { KeptPhoto } from '../drafts.js';
import { limits } from '../validation.js';
import { describedBy, type SectionProps } from './parts.js';

interface DetailsSectionProps extends SectionProps {
  /** Photos that came with a form that is shown again: they must be chosen again. */
  photosDropped: number;
  /** Photos kept on the server from an earlier step; each can be removed. */
  keptPhotos: KeptPhoto[];
  photoMaxBytes: number;
}

/** Section 3: what is wrong (at most 4,000 characters; the script adds a live counter) and up to three photos. */
export function DetailsSection({ ctx, values, errors, photosDropped, keptPhotos, photoMaxBytes }: DetailsSectionProps) {
  const { t } = ctx.i18n;
  const descriptionError = errors.description;
  const photoError = errors.photos ?? Object.entries(errors).find(([k]) => k.startsWith('photos.'))?.[1];
  const mb = ctx.i18n.number(Math.floor(photoMaxBytes / (1024 * 1024)));
  return (
    <fieldset class="kern-fieldset bs-report-section">
      <legend class="kern-heading-medium bs-report-section__title">{t('reports.form.details.legend')}</legend>
      <div class={`kern-form-input${descriptionError ? ' kern-form-input--error' : ''}`}>
        <label class="kern-label" for="description">
          {t('reports.form.details.description')}
        </label>
        <div class="kern-hint" id="description-hint">
          {t('reports.form.details.descriptionHint', { max: ctx.i18n.number(limits.description) })}
        </div>
        <textarea
          class={`kern-form-input__input bs-report-description${descriptionError ? ' kern-form-input__input--error' : ''}`}
          id="description"
          name="description"
          rows={6}
          maxLength={limits.description}
          data-char-count
          data-msg-left-one={t('reports.form.details.charsLeft', { count: 1 })}
          data-msg-left-other={t('reports.form.details.charsLeft', { count: 2 })}
          data-msg-over={t('reports.form.details.charsOver')}
          aria-describedby={describedBy('description-hint', descriptionError && 'description-error')}
          aria-invalid={descriptionError ? 'true' : undefined}
        >
          {values.description}
        </textarea>
        <FieldError ctx={ctx} id="description-error" message={descriptionError} />
      </div>
      <div class={`kern-form-input${photoError ? ' kern-form-input--error' : ''}`}>
        <label class="kern-label" for="photos">
          {t('reports.form.details.photos')}
          <span class="kern-label__optional"> – {t('admin.form.optional')}</span>
        </label>
        <div class="kern-hint" id="photos-hint">
          {t('reports.form.details.photosHint', { max: maxPhotos, mb })}
        </div>
        {photosDropped > 0 && (
          <p class="kern-body bs-report-again" id="photos-again">
            <span class="kern-icon kern-icon--warning" aria-hidden="true" />
            <span>{t('reports.form.details.photosAgain', { count: photosDropped })}</span>
          </p>
        )}
        {keptPhotos.length > 0 && (
          <fieldset class="kern-fieldset bs-report-kept" id="photos-kept" data-kept-photos>
            <legend class="kern-body">{t('reports.form.details.photosKept', { count: keptPhotos.length })}</legend>
            <div class="kern-fieldset__body">
              {keptPhotos.map((p, i) => {
                const name = p.filename || t('reports.form.details.photoUnnamed', { n: i + 1 });
                return (
                  <div key={p.id} class="kern-form-check">
                    <input
                      class="kern-form-check__checkbox"
                      type="checkbox"
                      id={`remove-photo-${p.id}`}
                      name="removePhotos"
                      value={String(p.id)}
                    />
                    <label class="kern-label" for={`remove-photo-${p.id}`}>
                      {t('reports.form.details.photoRemove', { name })}
                    </label>
                  </div>
                );
              })}
            </div>
          </fieldset>
        )}
        <input
          class={`kern-form-input__input bs-report-photos${photoError ? ' kern-form-input__input--error' : ''}`}
          id="photos"
          name="photos"
          type="file"
          accept="image/jpeg,image/png,image/webp"
          multiple
          data-max-files={String(maxPhotos - keptPhotos.length)}
          data-max-bytes={String(photoMaxBytes)}
          data-msg-too-many={t('reports-core.errors.photos_too_many')}
          data-msg-too-large={t('reports-core.errors.photo_too_large')}
          data-msg-not-image={t('reports-core.errors.photo_not_image')}
          aria-describedby={describedBy(
            'photos-hint',
            photosDropped > 0 && 'photos-again',
            photoError && 'photos-error',
          )}
          aria-invalid={photoError ? 'true' : undefined}
        />
        <FieldError ctx={ctx} id="photos-error" message={photoError} />
      </div>
    </fieldset>
  );
}
