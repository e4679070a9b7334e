// Parking with JavaScript (the pages work without it): favourites kept in localStorage only (never on the
// server), "use my location" for the distance sort, and the free spaces refreshed every minute from the open
// data API (GET /api/parking/lots), so an open page never shows an old figure as current.

const storeKey = 'bs-parking-favourites';
const refreshMs = 60_000;

interface Lot {
  id: string;
  total: number;
  free: number | null;
  state: 'open' | 'closed' | 'nodata';
  status: 'open' | 'full' | 'closed' | null;
}

function storage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}

/** The refs of the favourite facilities (an unreadable store is an empty list). */
export function readFavourites(store: Storage | undefined = storage()): string[] {
  try {
    const parsed = JSON.parse(store?.getItem(storeKey) ?? '[]') as unknown;
    return Array.isArray(parsed) ? parsed.filter((r): r is string => typeof r === 'string').slice(0, 50) : [];
  } catch {
    return [];
  }
}

function writeFavourites(refs: string[], store: Storage | undefined = storage()): void {
  try {
    store?.setItem(storeKey, JSON.stringify(refs));
  } catch {
    // A full or switched-off store: favourites last until the page is left.
  }
}

const fill = (template: string, values: Record<string, string>) =>
  template.replace(/\{(\w+)\}/g, (_, k: string) => values[k] ?? '');

function nameOf(item: Element): string {
  return item.querySelector('.bs-parking-item__name a, h1')?.textContent?.trim() ?? '';
}

function updateButtons(root: HTMLElement, favourites: string[]): void {
  for (const button of document.querySelectorAll<HTMLButtonElement>('[data-parking-fav]')) {
    const ref = button.dataset.parkingFav ?? '';
    const on = favourites.includes(ref);
    const item = button.closest('[data-parking-ref]');
    const name = (item && nameOf(item)) || document.querySelector('h1')?.textContent?.trim() || '';
    button.hidden = false;
    button.setAttribute('aria-pressed', String(on));
    const label = button.querySelector('.kern-label');
    if (label) label.textContent = fill((on ? root.dataset.msgFavRemove : root.dataset.msgFavAdd) ?? '', { name });
  }
}

function renderFavourites(root: HTMLElement, favourites: string[]): void {
  const section = document.querySelector<HTMLElement>('[data-parking-favourites]');
  const list = section?.querySelector('[data-parking-favourites-list]');
  const source = document.querySelector('[data-parking-list]');
  if (!section || !list || !source) return;
  list.replaceChildren(
    ...favourites
      .map((ref) => source.querySelector(`[data-parking-ref="${CSS.escape(ref)}"]`)?.cloneNode(true) as Element)
      .filter(Boolean),
  );
  section.hidden = list.children.length === 0;
  updateButtons(root, favourites);
}

function initFavourites(root: HTMLElement): void {
  renderFavourites(root, readFavourites());
  updateButtons(root, readFavourites());
  document.addEventListener('click', (event) => {
    const button = (event.target as Element | null)?.closest<HTMLButtonElement>('[data-parking-fav]');
    if (!button) return;
    const ref = button.dataset.parkingFav ?? '';
    const current = readFavourites();
    const next = current.includes(ref) ? current.filter((r) => r !== ref) : [...current, ref];
    writeFavourites(next);
    renderFavourites(root, next);
    updateButtons(root, next);
    // The button may have been re-rendered: keep the focus on the one for the same facility.
    const same = document.querySelectorAll<HTMLButtonElement>(`[data-parking-fav="${CSS.escape(ref)}"]`);
    const inList = [...same].find(
      (b) => b.closest('[data-parking-list]') || !document.querySelector('[data-parking-list]'),
    );
    if (document.activeElement === document.body) (inList ?? same[0])?.focus();
  });
}

function initLocate(root: HTMLElement): void {
  const form = document.querySelector<HTMLFormElement>('[data-parking-sort]');
  const button = form?.querySelector<HTMLButtonElement>('[data-parking-locate]');
  if (!form || !button || !('geolocation' in navigator)) return;
  button.hidden = false;
  button.addEventListener('click', () => {
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        form.querySelector<HTMLInputElement>('[data-parking-lat]')!.value = pos.coords.latitude.toFixed(5);
        form.querySelector<HTMLInputElement>('[data-parking-lon]')!.value = pos.coords.longitude.toFixed(5);
        const distance = form.querySelector<HTMLInputElement>('input[name="sortierung"][value="distance"]');
        if (distance) distance.checked = true;
        const address = form.querySelector<HTMLInputElement>('input[name="adresse"]');
        if (address) address.value = '';
        form.submit();
      },
      () => window.alert(root.dataset.msgLocateFailed ?? ''),
      { timeout: 10_000, maximumAge: 60_000 },
    );
  });
}

function renderLot(root: HTMLElement, target: Element, lot: Lot): void {
  const number = new Intl.NumberFormat(document.documentElement.lang || 'de');
  const free = target.querySelector('[data-parking-free]');
  if (!free) return;
  if (lot.state === 'nodata' || lot.free === null) {
    free.className = 'kern-body bs-parking-free bs-parking-free--none';
    free.replaceChildren(
      Object.assign(document.createElement('strong'), { textContent: root.dataset.msgNoData ?? '' }),
    );
    return;
  }
  if (lot.state === 'closed') {
    free.className = 'kern-body bs-parking-free bs-parking-free--closed';
    free.replaceChildren(
      Object.assign(document.createElement('strong'), { textContent: root.dataset.msgClosed ?? '' }),
    );
    return;
  }
  const count = free.querySelector('.bs-parking-count');
  if (count) {
    count.textContent = number.format(lot.free);
    return;
  }
  // It had no data before: write the figure afresh (the trend returns with the next page load).
  free.className = `kern-body bs-parking-free bs-parking-free--${lot.status ?? 'open'}`;
  const strong = Object.assign(document.createElement('strong'), {
    className: 'bs-parking-count',
    textContent: number.format(lot.free),
  });
  const rest = ` ${fill(root.dataset.msgFreeOf ?? '', { capacity: number.format(lot.total) })}`;
  free.replaceChildren(strong, rest);
}

async function refresh(root: HTMLElement): Promise<void> {
  try {
    const res = await fetch('/api/parking/lots', { headers: { accept: 'application/json' } });
    if (!res.ok) return;
    const body = (await res.json()) as { lots?: Lot[] };
    const byRef = new Map((body.lots ?? []).map((l) => [l.id, l]));
    for (const item of document.querySelectorAll('[data-parking-ref]')) {
      const lot = byRef.get(item.getAttribute('data-parking-ref') ?? '');
      if (lot) renderLot(root, item, lot);
    }
    root.dataset.parkingRefreshed = String(Date.now());
  } catch {
    // Offline for a moment: the next minute tries again; figures older than 30 minutes are replaced by the server.
  }
}

/** Enhances a parking page (list or detail), if this is one. */
export function initParking(doc: Document): void {
  const root = doc.querySelector<HTMLElement>('[data-parking-page]');
  if (!root) return;
  initFavourites(root);
  initLocate(root);
  window.setInterval(() => {
    if (doc.visibilityState === 'visible') void refresh(root);
  }, refreshMs);
  doc.addEventListener('visibilitychange', () => {
    if (doc.visibilityState === 'visible') void refresh(root);
  });
}
