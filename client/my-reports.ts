// "Meine Meldungen" with JavaScript: the status links of reports sent (or saved) in this browser are kept in
// localStorage, never on the server. The receipt saves its link (also when the report form fills the receipt in
// place); the status page's "save" form and the list's "remove" forms update the store and still submit, so the
// server's cookie (the no-JavaScript store) follows too. The list page adds the stored links the server did not
// render, with their current status from POST /api/reports/mine.
import { initPushOptIn } from './push-opt-in.js';

const storeKey = 'bs-my-reports';
const maxKept = 30;
const tokenPattern = /^[A-Za-z0-9_-]{43}$/;
const statusPathPattern = /^\/meldungen\/status\/([A-Za-z0-9_-]{43})$/;

export interface Kept {
  token: string;
  reference: string;
}

interface Item {
  token: string;
  reference: string;
  status: string;
  category: { de: string; en: string };
  place: string | null;
  createdAt: string;
}

/** The kept links, newest first (an unreadable or switched-off store is an empty list). */
export function readKept(storage: Storage | undefined = safeStorage()): Kept[] {
  try {
    const parsed = JSON.parse(storage?.getItem(storeKey) ?? '[]') as unknown;
    if (!Array.isArray(parsed)) return [];
    return parsed.filter(
      (k): k is Kept => typeof k?.token === 'string' && tokenPattern.test(k.token) && typeof k.reference === 'string',
    );
  } catch {
    return [];
  }
}

function writeKept(list: Kept[], storage: Storage | undefined = safeStorage()): void {
  try {
    storage?.setItem(storeKey, JSON.stringify(list.slice(0, maxKept)));
  } catch {
    // Storage full or off (private mode): the cookie of the no-JavaScript path still keeps the link.
  }
}

function safeStorage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}

/** Keeps a link (first in the list; an existing entry moves up). */
export function keep(entry: Kept, storage?: Storage): void {
  if (!tokenPattern.test(entry.token)) return;
  writeKept([entry, ...readKept(storage).filter((k) => k.token !== entry.token)], storage);
}

/** Forgets a link. */
export function forget(token: string, storage?: Storage): void {
  writeKept(
    readKept(storage).filter((k) => k.token !== token),
    storage,
  );
}

/** Saves the link of a receipt on the page, once its status link is filled in. */
function keepReceipt(root: ParentNode): void {
  for (const receipt of root.querySelectorAll<HTMLElement>('[data-receipt]')) {
    const href = receipt.querySelector('[data-slot="status-link"]')?.getAttribute('href') ?? '';
    const token = statusPathPattern.exec(href)?.[1];
    const reference = receipt.querySelector('[data-slot="reference"]')?.textContent?.trim() ?? '';
    if (token && reference && receipt.dataset.kept !== token) {
      receipt.dataset.kept = token;
      keep({ token, reference });
    }
  }
}

function lang(): 'de' | 'en' {
  return document.documentElement.lang === 'en' ? 'en' : 'de';
}

function renderItem(template: HTMLTemplateElement, item: Item, index: number, data: DOMStringMap): HTMLElement {
  const li = template.content.firstElementChild?.cloneNode(true) as HTMLElement;
  const slot = (name: string) => li.querySelector<HTMLElement>(`[data-slot="${name}"]`);
  const path = `/meldungen/status/${item.token}`;
  li.dataset.myReport = item.token;
  const titleId = `mine-js-${index}`;
  const title = slot('title');
  if (title) title.id = titleId;
  for (const described of li.querySelectorAll('[aria-describedby]'))
    described.setAttribute('aria-describedby', titleId);
  const link = slot('link');
  if (link) {
    link.setAttribute('href', path);
    link.textContent = `${item.category[lang()] || item.category.de} ${item.reference}`;
  }
  let labels: Record<string, string> = {};
  try {
    labels = JSON.parse(data.statusLabels ?? '{}') as Record<string, string>;
  } catch {
    labels = {};
  }
  const status = slot('status');
  if (status) {
    const kind =
      item.status === 'done' ? 'success' : ['rejected', 'external'].includes(item.status) ? 'warning' : 'info';
    status.className = `kern-badge kern-badge--${kind}`;
    status.dataset.status = item.status;
    const label = status.querySelector('.kern-label');
    if (label) label.textContent = labels[item.status] ?? item.status;
  }
  const meta = slot('meta');
  if (meta) {
    const date = new Intl.DateTimeFormat(lang() === 'en' ? 'en-GB' : 'de-DE', { dateStyle: 'long' }).format(
      new Date(item.createdAt),
    );
    const created = (data.msgCreated ?? '{date}').replace('{date}', date);
    meta.textContent = [item.place, created].filter(Boolean).join(' · ');
  }
  (slot('token') as HTMLInputElement | null)?.setAttribute('value', item.token);
  li.querySelector('[data-push-opt-in]')?.setAttribute('data-push-opt-in', `/api/reports/status/${item.token}/push`);
  return li;
}

/** The list page: the server's items (from the cookie) join the store; stored links it lacks are fetched. */
async function enhanceList(section: HTMLElement): Promise<void> {
  const list = section.querySelector<HTMLElement>('[data-my-reports-list]');
  const empty = section.querySelector<HTMLElement>('[data-my-reports-empty]');
  const template = document.querySelector<HTMLTemplateElement>('#my-report-template');
  const noJs = section.querySelector<HTMLElement>('[data-my-reports-nojs]');
  if (!list || !template) return;
  if (noJs) noJs.hidden = true;
  const shown = new Set<string>();
  for (const li of list.querySelectorAll<HTMLElement>('li[data-my-report]')) {
    const token = li.dataset.myReport ?? '';
    if (!tokenPattern.test(token)) continue;
    shown.add(token);
    const known = readKept().find((k) => k.token === token);
    if (!known) {
      const reference = li.querySelector('[data-slot="link"]')?.textContent?.trim().split(' ').pop() ?? '';
      writeKept([...readKept(), { token, reference }]);
    }
  }
  const missing = readKept().filter((k) => !shown.has(k.token));
  if (missing.length > 0) {
    try {
      const answer = await fetch(section.dataset.src ?? '/api/reports/mine', {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ tokens: missing.map((k) => k.token) }),
      });
      if (answer.ok) {
        const { items } = (await answer.json()) as { items: Item[] };
        const found = new Set(items.map((i) => i.token));
        // A link whose report is gone (its personal data deleted after the retention period) is forgotten.
        for (const k of missing) if (!found.has(k.token)) forget(k.token);
        items.forEach((item, i) => {
          list.append(renderItem(template, item, i, section.dataset));
        });
      }
    } catch {
      // Offline: the list shows what the server rendered; the stored links stay for the next visit.
    }
  }
  if (empty) empty.hidden = list.children.length > 0;
  initPushOptIn(document);
}

/** Wires "Meine Meldungen": receipts keep their link, save and remove forms update the store, the list fills. */
export function initMyReports(doc: Document): void {
  keepReceipt(doc);
  const page = doc.querySelector<HTMLElement>('[data-report-page]');
  if (page && 'MutationObserver' in window) {
    // The report form puts the receipt in place after sending with JavaScript.
    new MutationObserver(() => keepReceipt(page)).observe(page, { childList: true, subtree: true });
  }
  doc.addEventListener('submit', (event) => {
    const form = event.target as HTMLFormElement | null;
    const token = form?.querySelector<HTMLInputElement>('input[name="token"]')?.value ?? '';
    if (form?.matches('[data-my-reports-save]')) keep({ token, reference: form.dataset.reference ?? '' });
    if (form?.matches('[data-my-reports-remove]')) forget(token);
  });
  const section = doc.querySelector<HTMLElement>('[data-my-reports]');
  if (section) void enhanceList(section);
}
