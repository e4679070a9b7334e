/**
 * Field errors of a refused report (problem+json from POST /api/reports, messages already in the page's language)
 * shown like the server shows them: beside each field, and in a summary above the form whose links lead to them.
 */

export interface FieldError {
  field: string;
  message: string;
}

/** The element a field's message belongs to (its id on the page), for the summary link and the message. */
function targetId(form: HTMLFormElement, field: string): string {
  if (field.startsWith('photos')) return 'photos';
  if (field === 'addressText' || field === 'addressId') return 'address';
  if (field === 'lat' || field === 'lon' || field === 'location') {
    const picker = form.querySelector<HTMLElement>('[data-location-way="map"]');
    return picker && !picker.hidden ? 'location-picker' : 'location-section';
  }
  return field;
}

/** Removes every message of an earlier try, the server's included. */
export function clearErrors(form: HTMLFormElement): void {
  for (const el of document.querySelectorAll('.bs-error-summary, [data-client-error], .kern-error')) el.remove();
  for (const el of form.querySelectorAll('[aria-invalid="true"]')) el.removeAttribute('aria-invalid');
}

function message(form: HTMLFormElement, id: string, text: string): HTMLElement {
  const p = document.createElement('p');
  p.className = 'kern-error';
  p.id = `${id}-error`;
  p.dataset.clientError = '';
  const icon = document.createElement('span');
  icon.className = 'kern-icon kern-icon--danger';
  icon.setAttribute('aria-hidden', 'true');
  const body = document.createElement('span');
  const prefix = document.createElement('span');
  prefix.className = 'kern-sr-only';
  prefix.textContent = `${form.dataset.msgErrorPrefix ?? ''} `;
  body.append(prefix, text);
  p.append(icon, body);
  return p;
}

/** Shows the errors and moves the focus to the summary. */
export function showErrors(form: HTMLFormElement, errors: FieldError[], general?: string): void {
  clearErrors(form);
  const shown = new Map<string, string>();
  for (const e of errors) {
    const id = targetId(form, e.field);
    if (!shown.has(id)) shown.set(id, e.message);
  }
  const summary = document.createElement('div');
  summary.className = 'kern-alert kern-alert--danger bs-error-summary';
  summary.setAttribute('role', 'alert');
  summary.setAttribute('aria-labelledby', 'error-summary-title');
  summary.tabIndex = -1;
  const header = document.createElement('div');
  header.className = 'kern-alert__header';
  const title = document.createElement('h2');
  title.className = 'kern-title';
  title.id = 'error-summary-title';
  const plural = new Intl.PluralRules(document.documentElement.lang || 'de').select(Math.max(1, shown.size));
  title.textContent =
    shown.size === 0
      ? (general ?? '')
      : (form.dataset[plural === 'one' ? 'msgSummaryOne' : 'msgSummaryOther'] ?? '').replace(
          /\{\{?count\}?\}/,
          String(shown.size),
        );
  header.append(title);
  const list = document.createElement('ul');
  list.className = 'kern-list';
  for (const [id, text] of shown) {
    const target = document.getElementById(id);
    const li = document.createElement('li');
    if (target) {
      const a = document.createElement('a');
      a.className = 'kern-link';
      a.href = `#${id}`;
      a.textContent = text;
      li.append(a);
      const holder =
        target.closest('.kern-form-input, .kern-fieldset, .bs-report-altcha, .bs-location-picker') ?? target;
      holder.append(message(form, id, text));
      const field = target.matches('input, textarea, select') ? target : null;
      field?.setAttribute('aria-invalid', 'true');
    } else {
      li.textContent = text;
    }
    list.append(li);
  }
  const body = document.createElement('div');
  body.className = 'kern-alert__body';
  body.append(list);
  summary.append(header, body);
  form.before(summary);
  summary.focus();
}
