import { autocompleteMinChars } from '../../../../shared/address-normalize.js';
import type { PageContext } from '../../../platform/views/context.js';

export interface AddressFieldProps {
  ctx: PageContext;
  /** Name of the text field the form submits (the address as typed or chosen). */
  name: string;
  id?: string;
  label: string;
  hint?: string;
  value?: string;
  /** A translated message shown beside the field; marks it invalid. */
  error?: string;
  required?: boolean;
  /**
   * A hidden field the autocomplete fills with the chosen address's id and clears when the text changes. Without
   * JavaScript it stays empty and the server resolves the typed text instead (findAddressByText).
   */
  idField?: { name: string; value?: string };
}

/**
 * A text field for an address that client/address-autocomplete.ts turns into an accessible combobox with
 * suggestions from /api/addresses. Without JavaScript it is a plain text input inside the caller's form.
 */
export function AddressField(p: AddressFieldProps) {
  const { t } = p.ctx.i18n;
  const id = p.id ?? p.name;
  const describedBy = [p.hint && `${id}-hint`, p.error && `${id}-error`].filter(Boolean).join(' ') || undefined;
  return (
    <div
      class={`kern-form-input bs-address-field${p.error ? ' kern-form-input--error' : ''}`}
      data-address-autocomplete=""
      data-source="/api/addresses"
      data-min-chars={String(autocompleteMinChars)}
      data-id-field={p.idField?.name}
      data-list-label={t('addresses.autocomplete.listLabel')}
      data-msg-one={t('addresses.autocomplete.results', { count: 1 })}
      data-msg-other={t('addresses.autocomplete.results', { count: 2 })}
      data-msg-none={t('addresses.autocomplete.none')}
      data-msg-error={t('addresses.autocomplete.unavailable')}
    >
      <label class="kern-label" for={id} id={`${id}-label`}>
        {p.label}
      </label>
      {p.hint && (
        <div class="kern-hint" id={`${id}-hint`}>
          {p.hint}
        </div>
      )}
      <input
        class={`kern-form-input__input${p.error ? ' kern-form-input__input--error' : ''}`}
        id={id}
        name={p.name}
        type="text"
        value={p.value}
        required={p.required}
        maxLength={200}
        autocomplete="street-address"
        spellcheck={false}
        aria-describedby={describedBy}
        aria-invalid={p.error ? 'true' : undefined}
      />
      {p.idField && <input type="hidden" name={p.idField.name} value={p.idField.value ?? ''} />}
      {p.error && (
        <p class="kern-error" id={`${id}-error`}>
          <span class="kern-icon kern-icon--danger" aria-hidden="true" />
          <span>
            <span class="kern-sr-only">{t('addresses.field.errorPrefix')} </span>
            {p.error}
          </span>
        </p>
      )}
    </div>
  );
}
