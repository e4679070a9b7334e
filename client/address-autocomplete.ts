/**
 * Turns every address field (server/features/addresses/views/address-field.tsx, marked `data-address-autocomplete`)
 * into an accessible combobox: WAI-ARIA 1.2 combobox with a listbox popup and list autocomplete. Suggestions come
 * from /api/addresses (debounced, nothing below the minimum length, stale answers dropped); arrow keys move through
 * them (aria-activedescendant), Enter takes the highlighted one (the first when none is) and never sends the form
 * while the list is open, Escape closes the list (or clears the field), a polite live region says how many were
 * found. Without this script the field is a plain text input and its form works as before.
 */

interface Suggestion {
  id: number;
  label: string;
  /** Sources other than addresses (the Mängelmelder's landmarks) name their items `name` instead of `label`. */
  name?: string;
  postcode: string;
  district: { key: string; name: string } | null;
}

/** Detail of the `address-select` event a field dispatches when a suggestion is taken. */
export type AddressSelectDetail = Suggestion & { lat: number; lon: number };

const debounceMs = 250;
const suggestionCount = 8;

/** Enhances every address field below root that is not enhanced yet. */
export function initAddressAutocomplete(root: ParentNode): void {
  for (const field of root.querySelectorAll<HTMLElement>('[data-address-autocomplete]')) {
    if (field.dataset.enhanced === 'true') continue;
    const input = field.querySelector<HTMLInputElement>('input[type="text"]');
    if (!input?.id) continue;
    field.dataset.enhanced = 'true';
    new AddressCombobox(field, input);
  }
}

class AddressCombobox {
  private readonly list: HTMLUListElement;
  private readonly status: HTMLElement;
  private readonly idInput: HTMLInputElement | null;
  private readonly minChars: number;
  private readonly plural: Intl.PluralRules;
  private suggestions: Suggestion[] = [];
  private active = -1;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private request: AbortController | undefined;

  constructor(
    private readonly field: HTMLElement,
    private readonly input: HTMLInputElement,
  ) {
    const data = field.dataset;
    this.minChars = Number(data.minChars ?? 3);
    this.plural = new Intl.PluralRules(document.documentElement.lang || 'de');
    this.idInput = data.idField
      ? field.querySelector<HTMLInputElement>(`input[name="${CSS.escape(data.idField)}"]`)
      : null;

    this.list = document.createElement('ul');
    this.list.id = `${input.id}-listbox`;
    this.list.className = 'bs-autocomplete__list';
    this.list.setAttribute('role', 'listbox');
    const label = field.querySelector('label');
    if (label?.id) this.list.setAttribute('aria-labelledby', label.id);
    else this.list.setAttribute('aria-label', data.listLabel ?? '');
    this.list.hidden = true;

    this.status = document.createElement('div');
    this.status.className = 'kern-sr-only';
    this.status.setAttribute('role', 'status');
    this.status.setAttribute('aria-live', 'polite');
    this.status.setAttribute('aria-atomic', 'true');

    input.setAttribute('role', 'combobox');
    input.setAttribute('aria-autocomplete', 'list');
    input.setAttribute('aria-expanded', 'false');
    input.setAttribute('aria-controls', this.list.id);
    input.setAttribute('autocomplete', 'off');
    field.classList.add('bs-autocomplete');
    // The list hangs below the input: both go into a positioned wrapper in the input's place.
    const anchor = document.createElement('div');
    anchor.className = 'bs-autocomplete__anchor';
    input.replaceWith(anchor);
    anchor.append(input, this.list);
    field.append(this.status);

    input.addEventListener('input', () => this.onInput());
    input.addEventListener('keydown', (e) => this.onKeydown(e));
    input.addEventListener('blur', () => this.close());
    // Keep the focus in the input while an option is clicked, so the list is not closed by blur first.
    this.list.addEventListener('mousedown', (e) => e.preventDefault());
    this.list.addEventListener('click', (e) => {
      const option = (e.target as Element).closest<HTMLElement>('[role="option"]');
      if (option) this.choose(Number(option.dataset.index));
    });
  }

  private onInput(): void {
    if (this.idInput) this.idInput.value = '';
    clearTimeout(this.timer);
    const q = this.input.value.trim();
    if (q.length < this.minChars) {
      this.request?.abort();
      this.suggestions = [];
      this.close();
      return;
    }
    this.timer = setTimeout(() => void this.fetchSuggestions(q), debounceMs);
  }

  private async fetchSuggestions(q: string): Promise<void> {
    this.request?.abort();
    const request = new AbortController();
    this.request = request;
    const url = `${this.field.dataset.source ?? '/api/addresses'}?q=${encodeURIComponent(q)}&limit=${suggestionCount}`;
    try {
      const res = await fetch(url, { headers: { accept: 'application/json' }, signal: request.signal });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      const body = (await res.json()) as { items: AddressSelectDetail[] };
      if (request.signal.aborted || this.input.value.trim() !== q) return;
      this.show(body.items);
    } catch (err) {
      if ((err as Error).name === 'AbortError') return;
      this.suggestions = [];
      this.close();
      this.announce(this.field.dataset.msgError ?? '');
    }
  }

  private show(items: Suggestion[]): void {
    this.suggestions = items;
    this.active = -1;
    this.input.removeAttribute('aria-activedescendant');
    this.list.replaceChildren(
      ...items.map((item, i) => {
        const li = document.createElement('li');
        li.id = `${this.input.id}-option-${i}`;
        li.className = 'bs-autocomplete__option';
        li.dataset.index = String(i);
        li.setAttribute('role', 'option');
        li.setAttribute('aria-selected', 'false');
        const label = document.createElement('span');
        label.className = 'bs-autocomplete__label';
        label.textContent = item.label ?? item.name;
        const meta = document.createElement('span');
        meta.className = 'bs-autocomplete__meta';
        meta.textContent = [item.postcode, item.district?.name].filter(Boolean).join(' · ');
        li.append(label, ' ', meta);
        return li;
      }),
    );
    if (items.length > 0) this.open();
    else this.close();
    const data = this.field.dataset;
    const message =
      items.length === 0
        ? data.msgNone
        : (data[`msg${capitalize(this.plural.select(items.length))}`] ?? data.msgOther ?? '').replace(
            '{count}',
            String(items.length),
          );
    this.announce(message ?? '');
  }

  private onKeydown(e: KeyboardEvent): void {
    const open = !this.list.hidden;
    const n = this.suggestions.length;
    switch (e.key) {
      case 'ArrowDown':
        if (n === 0) return;
        e.preventDefault();
        if (!open) this.open();
        if (!e.altKey) this.setActive(open ? (this.active + 1) % n : 0);
        break;
      case 'ArrowUp':
        if (!open || n === 0) return;
        e.preventDefault();
        this.setActive(this.active <= 0 ? n - 1 : this.active - 1);
        break;
      case 'Enter':
        // With suggestions open, Enter takes the highlighted one, else the first; it never sends the form then.
        if (open && n > 0) {
          e.preventDefault();
          this.choose(Math.max(this.active, 0));
        } else this.close();
        break;
      case 'Escape':
        if (open) {
          e.preventDefault();
          this.close();
        } else if (this.input.value) {
          e.preventDefault();
          this.input.value = '';
          if (this.idInput) this.idInput.value = '';
          this.suggestions = [];
        }
        break;
      case 'Tab':
        this.close();
        break;
    }
  }

  private setActive(index: number): void {
    const options = this.list.querySelectorAll<HTMLElement>('[role="option"]');
    options[this.active]?.setAttribute('aria-selected', 'false');
    this.active = index;
    const option = options[index];
    if (!option) {
      this.input.removeAttribute('aria-activedescendant');
      return;
    }
    option.setAttribute('aria-selected', 'true');
    this.input.setAttribute('aria-activedescendant', option.id);
    option.scrollIntoView({ block: 'nearest' });
  }

  private choose(index: number): void {
    const item = this.suggestions[index] as AddressSelectDetail | undefined;
    if (!item) return;
    this.input.value = item.label ?? item.name ?? '';
    if (this.idInput) this.idInput.value = String(item.id);
    this.close();
    this.field.dispatchEvent(new CustomEvent<AddressSelectDetail>('address-select', { detail: item, bubbles: true }));
  }

  private open(): void {
    this.list.hidden = false;
    this.input.setAttribute('aria-expanded', 'true');
  }

  private close(): void {
    this.list.hidden = true;
    this.input.setAttribute('aria-expanded', 'false');
    this.input.removeAttribute('aria-activedescendant');
    if (this.active >= 0)
      this.list.querySelector(`[data-index="${this.active}"]`)?.setAttribute('aria-selected', 'false');
    this.active = -1;
  }

  /** Sets the live region; a repeated message is changed slightly so screen readers read it again. */
  private announce(message: string): void {
    this.status.textContent = this.status.textContent === message ? `${message}\u00a0` : message;
  }
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
