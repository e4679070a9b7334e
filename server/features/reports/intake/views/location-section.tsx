import { Notice } from '../../../../platform/views/admin-layout.js';
import { FieldError } from '../../../../platform/views/form-fields.js';
import { AddressField } from '../../../addresses/views/address-field.js';
import { mapAttributes } from '../../core/views/map-attributes.js';
import type { LocationChoices } from '../citizen-location.js';
import { describedBy, type SectionProps, StepButton } from './parts.js';

/** Where the location was found on the no-JavaScript "check" step. */
export interface LocationPreview {
  label: string;
  district: string | null;
  /** The landmark text as typed (kept as it is) and the known place it was matched to. */
  typed?: string;
  place?: string | null;
}

interface LocationSectionProps extends SectionProps {
  preview?: LocationPreview;
  choices?: LocationChoices;
}

/** Radio buttons for what the citizen may have meant (an unknown address, an ambiguous landmark). */
function Choices({
  name,
  legend,
  hint,
  options,
}: {
  name: 'addressChoice' | 'landmarkChoice';
  legend: string;
  hint?: string;
  options: { id: number; label: string; meta?: string }[];
}) {
  if (options.length === 0) return null;
  return (
    <fieldset
      class="kern-fieldset bs-location-choices"
      id={`${name}-list`}
      aria-describedby={hint ? `${name}-hint` : undefined}
      data-location-choices={name}
    >
      <legend class="kern-label">{legend}</legend>
      {hint && (
        <div class="kern-hint" id={`${name}-hint`}>
          {hint}
        </div>
      )}
      <div class="kern-fieldset__body">
        {options.map((o, i) => (
          <div class="kern-form-check" key={o.id}>
            <input
              class="kern-form-check__radio"
              type="radio"
              id={`${name}-${o.id}`}
              name={name}
              value={String(o.id)}
              checked={i === 0 && options.length === 1}
            />
            <label class="kern-label" for={`${name}-${o.id}`}>
              {o.label}
              {o.meta && <span class="bs-muted"> · {o.meta}</span>}
            </label>
          </div>
        ))}
      </div>
    </fieldset>
  );
}

/**
 * Section 1, where: three equal ways, side by side: a map pin (with "use my location", the open reports around
 * shown on the map), an address, a landmark. Without JavaScript the fields are shown (address, landmark, optional
 * coordinates) and any one is enough; the check step offers choices for an unknown address or an ambiguous
 * landmark. The script shows the map first, centred on the city, above the two fields.
 */
export function LocationSection({ ctx, values, errors, preview, choices }: LocationSectionProps) {
  const { t } = ctx.i18n;
  const error = errors.location;
  const method = values.locationMethod;
  return (
    <fieldset
      class={`kern-fieldset bs-report-section${error ? ' kern-fieldset--error' : ''}`}
      aria-describedby={describedBy('location-hint', error && 'location')}
      id="location-section"
    >
      <legend class="kern-heading-medium bs-report-section__title">{t('reports.form.location.legend')}</legend>
      <div class="kern-hint" id="location-hint">
        <span data-nojs-only>{t('reports.form.location.hintNoScript')}</span>
        <span data-js-only hidden>
          {t('reports.form.location.hint')}
        </span>
      </div>
      <FieldError ctx={ctx} id="location" message={error} focusable />
      <input type="hidden" name="locationMethod" value={method} />
      <div class="bs-location-way" data-location-way="map" hidden>
        <div
          class="bs-location-picker"
          id="location-picker"
          tabindex={-1}
          {...mapAttributes(ctx)}
          data-label={t('reports.form.location.mapLabel')}
          data-location-picker
          data-lat-input="lat"
          data-lon-input="lon"
          data-method-input="locationMethod"
          data-reverse="/api/addresses/reverse"
          data-msg-locate={t('reports.form.location.locate')}
          data-msg-locating={t('reports.form.location.locating')}
          data-msg-locate-failed={t('reports.form.location.locateFailed')}
          data-msg-center={t('reports.form.location.centre')}
          data-msg-marker={t('reports.form.location.marker')}
          data-msg-chosen={t('reports.form.location.chosen')}
          data-msg-chosen-near={t('reports.form.location.chosenNear')}
          data-msg-outside={t('reports-core.errors.outside_municipality')}
          data-msg-instructions={t('reports.form.location.mapInstructions')}
          data-reports-src={`/api/reports/map.geojson?status=open&lang=${ctx.i18n.lang}`}
        />
        <p class="kern-hint">{t('reports.form.location.mapReports')}</p>
        <p
          class="kern-sr-only"
          role="status"
          data-picker-reports
          data-msg-one={t('reports.form.location.mapReportsCount', { count: 1 })}
          data-msg-other={t('reports.form.location.mapReportsCount', { count: 2 })}
        />
      </div>
      <div class="bs-location-fields">
        <div class="bs-location-way" data-location-way="address">
          <AddressField
            ctx={ctx}
            name="address"
            label={t('reports.form.location.address')}
            hint={t('reports.form.location.addressHint')}
            value={values.address}
            error={errors.address ? t(errors.address, { defaultValue: errors.address }) : undefined}
            idField={{ name: 'addressId', value: values.addressId }}
          />
          <Choices
            name="addressChoice"
            legend={t('reports.form.location.addressChoose')}
            hint={t('reports.form.location.addressChooseHint')}
            options={(choices?.addresses ?? []).map((a) => ({
              id: a.id,
              label: a.label,
              meta: [a.postcode, a.district].filter(Boolean).join(' '),
            }))}
          />
        </div>
        <div class="bs-location-way" data-location-way="landmark">
          <LandmarkField ctx={ctx} value={values.landmark} error={errors.landmark} />
          <Choices
            name="landmarkChoice"
            legend={t('reports.form.location.landmarkChoose')}
            options={(choices?.landmarks ?? []).map((l) => ({ id: l.id, label: l.name }))}
          />
        </div>
        <div class="bs-location-way" data-location-way="coordinates" data-nojs-only>
          <fieldset class="kern-fieldset bs-coordinates">
            <legend class="kern-label">
              {t('reports.form.location.coordinates')}
              <span class="kern-label__optional"> – {t('admin.form.optional')}</span>
            </legend>
            <div class="kern-hint" id="coordinates-hint">
              {t('reports.form.location.coordinatesHint')}
            </div>
            <div class="kern-fieldset__body bs-coordinates__fields">
              <CoordinateField ctx={ctx} name="lat" value={values.lat} error={errors.lat} />
              <CoordinateField ctx={ctx} name="lon" value={values.lon} error={errors.lon} />
            </div>
          </fieldset>
        </div>
      </div>
      {preview && (
        <Notice kind="success" title={t('reports.form.location.found')}>
          <p class="kern-body" data-location-preview>
            {preview.district
              ? t('reports.form.location.foundInDistrict', { place: preview.label, district: preview.district })
              : preview.label}
          </p>
          {preview.place && preview.typed && preview.typed !== preview.place && (
            <p class="kern-body" data-location-typed>
              {t('reports.form.location.typedKept', { typed: preview.typed })}
            </p>
          )}
        </Notice>
      )}
      <StepButton label={t('reports.form.location.next')} step="location" target="location-section" />
    </fieldset>
  );
}

function CoordinateField({
  ctx,
  name,
  value,
  error,
}: {
  ctx: SectionProps['ctx'];
  name: 'lat' | 'lon';
  value: string;
  error?: string;
}) {
  const { t } = ctx.i18n;
  return (
    <div class={`kern-form-input${error ? ' kern-form-input--error' : ''}`}>
      <label class="kern-label" for={name}>
        {t(`reports.form.location.${name}`)}
      </label>
      <input
        class={`kern-form-input__input bs-coordinate${error ? ' kern-form-input__input--error' : ''}`}
        id={name}
        name={name}
        type="text"
        inputmode="decimal"
        autocomplete="off"
        spellcheck={false}
        maxLength={20}
        value={value}
        aria-describedby={describedBy('coordinates-hint', error && `${name}-error`)}
        aria-invalid={error ? 'true' : undefined}
      />
      <FieldError ctx={ctx} id={`${name}-error`} message={error} />
    </div>
  );
}

/** A free-text landmark; with JavaScript it suggests known places from /api/landmarks (the address combobox). */
function LandmarkField({ ctx, value, error }: { ctx: SectionProps['ctx']; value: string; error?: string }) {
  const { t } = ctx.i18n;
  return (
    <div
      class={`kern-form-input bs-address-field${error ? ' kern-form-input--error' : ''}`}
      data-address-autocomplete=""
      data-source="/api/landmarks"
      data-min-chars="2"
      data-list-label={t('reports.form.location.landmarkList')}
      data-msg-one={t('reports.form.location.landmarkResults', { count: 1 })}
      data-msg-other={t('reports.form.location.landmarkResults', { count: 2 })}
      data-msg-none={t('reports.form.location.landmarkNone')}
      data-msg-error={t('addresses.autocomplete.unavailable')}
      data-landmark-field
    >
      <label class="kern-label" for="landmark" id="landmark-label">
        {t('reports.form.location.landmark')}
      </label>
      <div class="kern-hint" id="landmark-hint">
        {t('reports.form.location.landmarkHint')}
      </div>
      <input
        class={`kern-form-input__input${error ? ' kern-form-input__input--error' : ''}`}
        id="landmark"
        name="landmark"
        type="text"
        value={value}
        maxLength={300}
        autocomplete="off"
        aria-describedby={describedBy('landmark-hint', error && 'landmark-error')}
        aria-invalid={error ? 'true' : undefined}
      />
      <FieldError ctx={ctx} id="landmark-error" message={error} />
    </div>
  );
}
