/**
 * Enhances the report form (/melden, server/features/reports/intake/views/form-page.tsx), which works without
 * this script: the place comes first (the map with the open reports around, address and landmark side by side),
 * then the categories most reported there first, the chosen category's questions in place, nearby open reports as
 * soon as category and place are known, the description counts its characters, the proof of work runs in the background, and sending goes to
 * POST /api/reports with an Idempotency-Key (queued in the browser while offline, required answers checked
 * first); the receipt then opens on its own URL (/meldungen/eingang). Also the receipt's copy button.
 */

import { initProofOfWork, type ProofOfWork } from './report-altcha.js';
import { initDuplicates } from './report-duplicates.js';
import { showErrors } from './report-errors.js';
import { initLocation, type LocationState } from './report-location.js';
import {
  enqueue,
  flushQueue,
  missingAnswers,
  newKey,
  type Problem,
  type QueuedReport,
  type Receipt,
  type RequiredQuestion,
  sendReport,
} from './report-offline.js';
import { initCopy, openReceiptPage, showQueuedReceipt, showReceipt } from './report-receipt.js';

const lang = document.documentElement.lang || 'de';

function field(form: HTMLFormElement, name: string): HTMLInputElement | null {
  return form.querySelector<HTMLInputElement>(`[name="${CSS.escape(name)}"]`);
}

/** Parts only for one mode: the steps of the scriptless form go, the choices of this one come. */
function switchModes(root: ParentNode): void {
  for (const el of root.querySelectorAll<HTMLElement>('[data-nojs-only]')) el.hidden = true;
  for (const el of root.querySelectorAll<HTMLElement>('[data-js-only]')) el.hidden = false;
}

/** The chosen category's questions from its template; a category without questions shows none. */
function initQuestions(form: HTMLFormElement, onChange: () => void): () => { code: string; name: string } | undefined {
  const container = form.querySelector<HTMLElement>('[data-questions]');
  const chosen = () => form.querySelector<HTMLInputElement>('input[name="category"]:checked');
  form.addEventListener('change', (e) => {
    const input = e.target as HTMLInputElement;
    if (input.name !== 'category' || !container) return;
    const template = form.querySelector<HTMLTemplateElement>(
      `template[data-questions-for="${CSS.escape(input.value)}"]`,
    );
    // The questions shown now go back into a template, so switching back and forth keeps both.
    const shown = container.firstElementChild;
    const previous = container.dataset.category;
    if (shown && previous && !form.querySelector(`template[data-questions-for="${CSS.escape(previous)}"]`)) {
      const keep = document.createElement('template');
      keep.dataset.questionsFor = previous;
      keep.content.append(...Array.from(container.childNodes));
      container.after(keep);
    }
    container.replaceChildren(...(template ? [template.content.cloneNode(true)] : []));
    template?.remove();
    container.dataset.category = input.value;
    onChange();
  });
  const initial = chosen();
  if (container && initial) container.dataset.category = initial.value;
  return () => {
    const input = chosen();
    if (!input) return undefined;
    const label = form.querySelector(`label[for="${CSS.escape(input.id)}"]`)?.textContent ?? input.value;
    return { code: input.value, name: label.trim() };
  };
}

/** "Noch 3.950 Zeichen": shown at once, announced to screen readers only after a pause in typing. */
function initCounter(form: HTMLFormElement): void {
  const area = form.querySelector<HTMLTextAreaElement>('textarea[data-char-count]');
  if (!area) return;
  const max = area.maxLength > 0 ? area.maxLength : 4000;
  area.removeAttribute('maxlength'); // the counter says when it is too long; the server refuses it anyway
  const visible = document.createElement('p');
  visible.className = 'kern-hint bs-char-count';
  visible.setAttribute('aria-hidden', 'true');
  const spoken = document.createElement('p');
  spoken.className = 'kern-sr-only';
  spoken.setAttribute('role', 'status');
  area.after(visible, spoken);
  const plural = new Intl.PluralRules(lang);
  const numbers = new Intl.NumberFormat(lang === 'en' ? 'en-GB' : 'de-DE');
  let timer: ReturnType<typeof setTimeout> | undefined;
  const update = (announce: boolean) => {
    const left = max - [...area.value].length;
    const data = area.dataset;
    const message =
      left < 0
        ? (data.msgOver ?? '').replace('{count}', numbers.format(-left))
        : (data[plural.select(left) === 'one' ? 'msgLeftOne' : 'msgLeftOther'] ?? '').replace(
            '{count}',
            numbers.format(left),
          );
    visible.textContent = message;
    visible.classList.toggle('bs-char-count--over', left < 0);
    clearTimeout(timer);
    if (announce) timer = setTimeout(() => (spoken.textContent = message), 1000);
  };
  area.addEventListener('input', () => update(true));
  update(false);
}

/** Too many or unsuitable photos are said at once, before anything is sent. */
function initPhotos(form: HTMLFormElement): () => string | undefined {
  const input = form.querySelector<HTMLInputElement>('input[type="file"][name="photos"]');
  if (!input) return () => undefined;
  const problem = () => {
    const files = Array.from(input.files ?? []);
    const d = input.dataset;
    if (files.length > Number(d.maxFiles ?? 3)) return d.msgTooMany;
    if (files.some((f) => f.size > Number(d.maxBytes ?? Number.POSITIVE_INFINITY))) return d.msgTooLarge;
    if (files.some((f) => f.type && !/^image\/(jpeg|png|webp)$/.test(f.type))) return d.msgNotImage;
    return undefined;
  };
  return problem;
}

/** The report as the API takes it: only the fields of the chosen way, booleans as "true". */
function collect(form: HTMLFormElement, location: LocationState, payload: string | undefined): QueuedReport['fields'] {
  const fields: [string, string][] = [];
  const value = (name: string) => field(form, name)?.value.trim() ?? '';
  const add = (name: string, v: string | undefined) => v && fields.push([name, v]);
  add('category', form.querySelector<HTMLInputElement>('input[name="category"]:checked')?.value);
  fields.push(['description', form.querySelector<HTMLTextAreaElement>('#description')?.value ?? '']);
  const container = form.querySelector('[data-questions]');
  for (const el of container?.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>('[name^="answers."]') ?? []) {
    if ((el.type === 'radio' || el.type === 'checkbox') && !(el as HTMLInputElement).checked) continue;
    add(el.name, el.value.trim());
  }
  const method = location.method();
  fields.push(['locationMethod', method]);
  if (method === 'map' || method === 'gps' || method === 'coordinates') {
    add('lat', value('lat'));
    add('lon', value('lon'));
  } else if (method === 'address') {
    add('addressId', value('addressId'));
    add('addressText', value('address'));
  } else if (method === 'landmark') {
    add('landmark', value('landmark'));
  }
  add('name', value('name'));
  add('email', value('email'));
  add('phone', value('phone'));
  if (field(form, 'notifyEmail')?.checked) fields.push(['notifyEmail', 'true']);
  if (field(form, 'consent')?.checked) fields.push(['consent', 'true']);
  fields.push(['language', lang === 'en' ? 'en' : 'de'], ['source', 'web']);
  add('altcha', payload);
  add('website', field(form, 'website')?.value);
  return fields;
}

/** The chosen category's required questions as the form shows them. */
function requiredQuestions(form: HTMLFormElement): RequiredQuestion[] {
  const container = form.querySelector('[data-questions]');
  return Array.from(container?.querySelectorAll<HTMLElement>('[data-question][data-required="true"]') ?? [], (el) => ({
    code: el.dataset.question ?? '',
    label: el.dataset.label ?? '',
  }));
}

/**
 * Puts the categories most reported near the chosen place first (within and across their groups, as the server
 * does on the scriptless check step). Keeps the order as it is when nothing was reported there.
 */
function initCategoryOrder(form: HTMLFormElement): (point: { lat: number; lon: number } | undefined) => void {
  let last = '';
  let request: AbortController | undefined;
  const hint = form.querySelector<HTMLElement>('[data-category-frequent]');
  return (point) => {
    const key = point ? `${point.lat.toFixed(4)},${point.lon.toFixed(4)}` : '';
    if (!point || key === last) return;
    last = key;
    request?.abort();
    const current = new AbortController();
    request = current;
    void (async () => {
      try {
        const res = await fetch(`/api/reports/frequent-categories?lat=${point.lat}&lon=${point.lon}`, {
          headers: { accept: 'application/json' },
          signal: current.signal,
        });
        if (!res.ok) return;
        const { items } = (await res.json()) as { items: { category: string; count: number }[] };
        const counts = new Map(items.map((i) => [i.category, i.count]));
        const n = (el: Element) =>
          counts.get(el.querySelector<HTMLInputElement>('input[name="category"]')?.value ?? '') ?? 0;
        const list = form.querySelector('.bs-report-categories');
        if (!list || counts.size === 0) return;
        const groups = Array.from(list.querySelectorAll<HTMLElement>(':scope > .bs-report-category-group'));
        const top = new Map<HTMLElement, number>();
        // Nodes are moved only when their order changes (a moved node can make the browser scroll the page).
        const reorder = (parent: Element | null | undefined, nodes: Element[], sorted: Element[]) => {
          if (parent && sorted.some((el, i) => el !== nodes[i])) parent.append(...sorted);
        };
        for (const group of groups) {
          const body = group.querySelector('.kern-fieldset__body');
          const items = Array.from(body?.querySelectorAll(':scope > .kern-form-check') ?? []);
          reorder(
            body,
            items,
            [...items].sort((a, b) => n(b) - n(a)),
          );
          top.set(group, Math.max(0, ...items.map(n)));
        }
        reorder(
          list,
          groups,
          [...groups].sort((a, b) => (top.get(b) ?? 0) - (top.get(a) ?? 0)),
        );
        if (hint) hint.hidden = false;
      } catch {
        // The order is a help; the categories are all there anyway.
      }
    })();
  };
}

/** The receipt of a report just sent: its own page (reloadable), else in place of the form. */
function receiptFor(receipt: Receipt, mailed: boolean): void {
  if (!openReceiptPage(receipt, mailed)) showReceipt(receipt, mailed);
}

function enhance(form: HTMLFormElement): void {
  switchModes(document);
  const progress = form.querySelector<HTMLElement>('[data-report-progress]');
  const submit = form.querySelector<HTMLButtonElement>('button[data-report-submit]');
  const duplicates = initDuplicates(form);
  let category: () => { code: string; name: string } | undefined = () => undefined;
  const order = initCategoryOrder(form);
  const refresh = () => {
    order(location.point());
    duplicates?.update(category(), location.point());
  };
  category = initQuestions(form, refresh);
  const location = initLocation(form, refresh);
  initCounter(form);
  const photoProblem = initPhotos(form);
  const pow: ProofOfWork | undefined = initProofOfWork(form);
  // One key per form fill, made here (a page kept for offline use must not hand out its key twice): every try
  // of this report, also from the queue and a fallback to the page route, carries the same one.
  const key = newKey();
  const keyField = field(form, 'idempotencyKey');
  if (keyField) keyField.value = key;
  let sending = false;
  refresh();

  const queued = (report: QueuedReport) => {
    form.hidden = true;
    const region = document.querySelector<HTMLElement>('[data-report-queue]');
    if (!region) return;
    const notice = document.createElement('div');
    notice.className = 'kern-alert kern-alert--info';
    notice.dataset.queued = report.key;
    const header = document.createElement('div');
    header.className = 'kern-alert__header';
    const title = document.createElement('h2');
    title.className = 'kern-title';
    title.tabIndex = -1;
    title.textContent = form.dataset.msgQueuedTitle ?? '';
    header.append(title);
    const body = document.createElement('div');
    body.className = 'kern-alert__body';
    const p = document.createElement('p');
    p.className = 'kern-body';
    p.textContent = form.dataset.msgQueued ?? '';
    body.append(p);
    notice.append(header, body);
    region.setAttribute('role', 'status');
    region.append(notice);
    title.focus();
  };

  form.addEventListener('submit', async (e) => {
    const submitter = (e as SubmitEvent).submitter as HTMLButtonElement | null;
    // "Das ist auch mein Anliegen" goes to its own page, like without JavaScript.
    if (submitter?.formAction && new URL(submitter.formAction).pathname !== '/melden') return;
    // Photos kept by the server from a step without JavaScript belong to the page route's draft: send it there.
    if (field(form, 'draft')?.value) return;
    e.preventDefault();
    if (sending) return;
    const problem = photoProblem();
    if (problem) {
      showErrors(form, [{ field: 'photos', message: problem }]);
      return;
    }
    // Required answers are checked before anything is sent or queued: a report kept offline must not wait for
    // hours only to be refused for a missing answer.
    const missing = missingAnswers(
      { fields: collect(form, location, undefined) },
      requiredQuestions(form),
      form.dataset.msgAnswerRequired ?? '',
    );
    if (missing.length > 0) {
      showErrors(form, missing);
      return;
    }
    sending = true;
    if (submit) submit.disabled = true;
    if (progress) progress.textContent = form.dataset.msgSending ?? '';
    try {
      const payload = await pow?.payload();
      const photos = Array.from(field(form, 'photos')?.files ?? []).map((f) => ({
        name: f.name,
        type: f.type,
        blob: f,
      }));
      const report: QueuedReport = { key, fields: collect(form, location, payload), photos, queuedAt: Date.now() };
      const result = await sendReport(report, lang);
      if (result.kind === 'sent') {
        receiptFor(result.receipt, fieldsSay(report, 'notifyEmail') && !!fieldValue(report, 'email'));
        return;
      }
      if (result.kind === 'offline') {
        await enqueue(report);
        queued(report);
        return;
      }
      if (result.kind === 'rejected') {
        if (result.problem.status === 415) {
          form.submit(); // the page route takes the same form (and knows this browser's cookies)
          return;
        }
        const errors = result.problem.errors ?? [];
        if (errors.some((x) => x.field === 'altcha')) pow?.reset();
        showErrors(form, errors, result.problem.title);
      } else {
        showErrors(form, [], form.dataset.msgFailed);
      }
    } finally {
      sending = false;
      if (submit) submit.disabled = false;
      if (progress) progress.textContent = '';
    }
  });
}

function fieldValue(report: QueuedReport, name: string): string | undefined {
  return report.fields.find(([n]) => n === name)?.[1];
}

function fieldsSay(report: QueuedReport, name: string): boolean {
  return fieldValue(report, name) === 'true';
}

/**
 * Sends what waits in the queue: now, and whenever the connection returns. Only where a receipt can be shown
 * (the form page): a report sent where nobody sees its status link would leave the reporter without it.
 */
function startQueue(region: HTMLElement, form: HTMLFormElement | null): void {
  const handlers = {
    sent(report: QueuedReport, receipt: Receipt) {
      document.querySelector(`[data-queued="${CSS.escape(report.key)}"]`)?.remove();
      const mailed = fieldsSay(report, 'notifyEmail') && !!fieldValue(report, 'email');
      // The report this page queued: its receipt takes the form's place, as if it had gone out at once.
      if (form?.hidden && !document.querySelector('[data-queued]')) receiptFor(receipt, mailed);
      else showQueuedReceipt(region, receipt);
    },
    rejected(report: QueuedReport, problem: Problem) {
      document.querySelector(`[data-queued="${CSS.escape(report.key)}"]`)?.remove();
      if (form?.hidden) {
        form.hidden = false;
        showErrors(form, problem.errors ?? [], problem.title);
        return;
      }
      const p = document.createElement('p');
      p.className = 'kern-body kern-error';
      p.textContent = `${form?.dataset.msgQueueFailed ?? ''} ${problem.title ?? ''}`.trim();
      region.append(p);
    },
  };
  const flush = () => void flushQueue(lang, handlers);
  window.addEventListener('online', flush);
  flush();
}

const form = document.querySelector<HTMLFormElement>('form[data-report-form]');
if (form) enhance(form);
initCopy(document);
const queueRegion = document.querySelector<HTMLElement>('[data-report-queue]');
if (queueRegion && 'indexedDB' in window) startQueue(queueRegion, form);
