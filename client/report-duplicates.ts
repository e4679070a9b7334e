/**
 * Live duplicates on the report form: once category and place are known, open reports of the same category within
 * about 250 m are fetched from `data-src` of `[data-duplicates]` (GET /api/reports/nearby) and listed with the
 * server's item template (#duplicate-template); each has "Das ist auch mein Anliegen", a submit button that sends
 * the form to /melden/unterstuetzen instead of filing a new report.
 */

interface Nearby {
  reference: string;
  status: string;
  distanceMetres: number;
  /** Street level only, never a house number (the server gives nothing more, as on the public pages). */
  street: string | null;
  description: string | null;
  createdAt: string;
}

export interface DuplicateFinder {
  /** Looks again for this category and point (debounced); clears the list when either is missing. */
  update(category: { code: string; name: string } | undefined, point: { lat: number; lon: number } | undefined): void;
}

export function initDuplicates(form: HTMLFormElement): DuplicateFinder | undefined {
  const section = form.querySelector<HTMLElement>('[data-duplicates]');
  const list = section?.querySelector<HTMLElement>('[data-duplicates-list]');
  const template = document.querySelector<HTMLTemplateElement>('#duplicate-template');
  const status = form.querySelector<HTMLElement>('[data-duplicates-status]');
  if (!section || !list || !template) return undefined;
  const data = section.dataset;
  const lang = document.documentElement.lang || 'de';
  const numbers = new Intl.NumberFormat(lang === 'en' ? 'en-GB' : 'de-DE');
  const dates = new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'de-DE', { dateStyle: 'medium' });
  const plural = new Intl.PluralRules(lang);
  let labels: Record<string, string> = {};
  try {
    labels = JSON.parse(data.statusLabels ?? '{}') as Record<string, string>;
  } catch {
    labels = {};
  }
  let timer: ReturnType<typeof setTimeout> | undefined;
  let request: AbortController | undefined;
  let lastQuery = '';

  const render = (items: Nearby[], categoryName: string) => {
    list.replaceChildren(
      ...items.map((item) => {
        const li = template.content.firstElementChild?.cloneNode(true) as HTMLElement;
        const slot = (name: string) => li.querySelector<HTMLElement>(`[data-slot="${name}"]`);
        const titleId = `duplicate-${item.reference}`;
        const title = slot('title');
        if (title) title.id = titleId;
        slot('link')?.setAttribute('href', `/meldungen/${encodeURIComponent(item.reference)}`);
        const name = slot('name');
        if (name) name.textContent = `${categoryName} ${item.reference}`;
        const meta = slot('meta');
        if (meta) {
          meta.textContent = (data.msgMeta ?? '')
            .replace('{status}', labels[item.status] ?? item.status)
            .replace('{distance}', numbers.format(item.distanceMetres))
            .replace('{date}', dates.format(new Date(item.createdAt)));
        }
        const street = item.street;
        const near = slot('near');
        if (near) {
          if (street) near.textContent = (data.msgNear ?? '{place}').replace('{place}', street);
          else near.remove();
        }
        const text = slot('text');
        if (text) {
          if (item.description) text.textContent = item.description;
          else text.remove();
        }
        const support = slot('support') as HTMLButtonElement | null;
        if (support) {
          support.value = item.reference;
          support.setAttribute('aria-describedby', titleId);
        }
        return li;
      }),
    );
    section.hidden = items.length === 0;
    if (status) {
      const key = plural.select(items.length) === 'one' ? 'msgFoundOne' : 'msgFoundOther';
      status.textContent = items.length > 0 ? (data[key] ?? '').replace('{count}', String(items.length)) : '';
    }
  };

  const lookUp = async (category: { code: string; name: string }, point: { lat: number; lon: number }) => {
    request?.abort();
    const current = new AbortController();
    request = current;
    const q = new URLSearchParams({ category: category.code, lat: String(point.lat), lon: String(point.lon) });
    try {
      const res = await fetch(`${data.src ?? '/api/reports/nearby'}?${q}`, {
        headers: { accept: 'application/json' },
        signal: current.signal,
      });
      if (!res.ok) return;
      const body = (await res.json()) as { items?: Nearby[] };
      render(body.items ?? [], category.name);
    } catch {
      // Offline or aborted: no suggestions; the report can still be sent.
    }
  };

  return {
    update(category, point) {
      clearTimeout(timer);
      const query = category && point ? `${category.code}|${point.lat}|${point.lon}` : '';
      if (query === lastQuery) return;
      lastQuery = query;
      if (!category || !point) {
        request?.abort();
        render([], '');
        return;
      }
      timer = setTimeout(() => void lookUp(category, point), 300);
    },
  };
}
