/** Receipts on the report pages: after sending with JavaScript, after a queued report went out, copy buttons. */
import { initPushOptIn } from './push-opt-in.js';
import type { Receipt } from './report-offline.js';

/**
 * Opens the receipt page of a report just sent: posts its status token to /meldungen/eingang (a page of our own
 * origin, with the form's CSRF token), which keeps the receipt in a short-lived cookie and redirects to it. So the
 * receipt has its own URL, as without JavaScript, and survives reload and Back without sending the report again.
 * Returns false when the page cannot do that (no CSRF token): then the receipt is shown in place.
 */
export function openReceiptPage(receipt: Receipt, mailed: boolean): boolean {
  const csrf = document.querySelector<HTMLInputElement>('form[data-report-form] input[name="_csrf"]')?.value;
  if (!csrf || !receipt.statusToken) return false;
  const form = document.createElement('form');
  form.method = 'post';
  form.action = '/meldungen/eingang';
  form.hidden = true;
  const confirm = receipt.emailConfirmation === 'pending';
  for (const [name, value] of [
    ['_csrf', csrf],
    ['statusToken', receipt.statusToken],
    ['mailed', confirm ? 'confirm' : mailed ? '1' : ''],
  ]) {
    const input = document.createElement('input');
    input.type = 'hidden';
    input.name = name as string;
    input.value = value as string;
    form.append(input);
  }
  document.body.append(form);
  form.submit();
  return true;
}

/** The receipt in place of the form (the server's template, filled in). */
export function showReceipt(receipt: Receipt, mailed: boolean): void {
  const page = document.querySelector<HTMLElement>('[data-report-page]');
  const template = document.querySelector<HTMLTemplateElement>('#receipt-template');
  if (!page || !template) return;
  const content = template.content.cloneNode(true) as DocumentFragment;
  const slot = (name: string) => content.querySelector<HTMLElement>(`[data-slot="${name}"]`);
  const path = `/meldungen/status/${receipt.statusToken}`;
  const reference = slot('reference');
  if (reference) reference.textContent = receipt.reference;
  (slot('status-url') as HTMLInputElement | null)?.setAttribute('value', receipt.statusUrl);
  slot('status-link')?.setAttribute('href', path);
  content
    .querySelector('[data-push-opt-in]')
    ?.setAttribute('data-push-opt-in', `/api/reports/status/${receipt.statusToken}/push`);
  const mail = slot('mail');
  if (mail && mailed && mail.dataset.msgMail) mail.textContent = mail.dataset.msgMail;
  page.replaceChildren(content);
  initCopy(page);
  initPushOptIn(document);
  document.title = `${receipt.reference} – ${document.title.split(' – ').slice(1).join(' – ')}`;
  page.querySelector<HTMLElement>('[data-receipt-heading]')?.focus();
}

/** A report sent from the queue while the page shows something else: a short receipt above it. */
export function showQueuedReceipt(region: HTMLElement, receipt: Receipt): void {
  const notice = document.createElement('div');
  notice.className = 'kern-alert kern-alert--success';
  const header = document.createElement('div');
  header.className = 'kern-alert__header';
  const title = document.createElement('h2');
  title.className = 'kern-title';
  title.textContent = (region.dataset.msgSent ?? '{reference}').replace('{reference}', receipt.reference);
  header.append(title);
  const body = document.createElement('div');
  body.className = 'kern-alert__body';
  const link = document.createElement('a');
  link.className = 'kern-link';
  link.href = `/meldungen/status/${receipt.statusToken}`;
  link.textContent = region.dataset.msgLink ?? '';
  const url = document.createElement('p');
  url.className = 'kern-body bs-receipt__url';
  url.textContent = receipt.statusUrl;
  const hint = document.createElement('p');
  hint.className = 'kern-body';
  hint.textContent = region.dataset.msgBookmark ?? '';
  const p = document.createElement('p');
  p.className = 'kern-body';
  p.append(link);
  body.append(p, url, hint);
  notice.append(header, body);
  region.append(notice);
}

/** "Link kopieren" on receipts (hidden without JavaScript: the field can be copied by hand). */
export function initCopy(root: ParentNode): void {
  for (const button of root.querySelectorAll<HTMLButtonElement>('button[data-copy]')) {
    if (button.dataset.enhanced === 'true' || !navigator.clipboard) continue;
    button.dataset.enhanced = 'true';
    button.hidden = false;
    const status = button.closest('section')?.querySelector<HTMLElement>('[data-copy-status]');
    button.addEventListener('click', async () => {
      const input = document.getElementById(button.dataset.copy ?? '') as HTMLInputElement | null;
      if (!input) return;
      try {
        await navigator.clipboard.writeText(input.value);
        if (status) status.textContent = status.dataset.msgCopied ?? '';
      } catch {
        input.select();
      }
    });
  }
}
