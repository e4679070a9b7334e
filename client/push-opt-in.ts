// Push opt-in forms (waste reminders, following a report): the form is hidden in the page and shown here where the
// browser can receive push. On submit: ask for permission, subscribe at the push service with the server's VAPID
// key, then POST the subscription with the form's fields as JSON. Without JavaScript the page says what to do
// instead, so no button is ever dead.

/** The VAPID key (base64url) as the bytes PushManager.subscribe wants. */
export function keyBytes(base64url: string): Uint8Array<ArrayBuffer> {
  const base64 = base64url.replace(/-/g, '+').replace(/_/g, '/');
  const raw = atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4));
  const bytes = new Uint8Array(new ArrayBuffer(raw.length));
  for (let i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
  return bytes;
}

/**
 * The form's fields as the API's JSON: names lose a 'push-' prefix (ids unique on the page), checkboxes become
 * lists, digits-only hidden ids become numbers, and a 'when' of 'evening-19:00' becomes mode and time.
 */
export function formJson(form: HTMLFormElement): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const lists = new Set(
    [...form.querySelectorAll<HTMLInputElement>('input[type=checkbox]')].map((i) => i.name.replace(/^push-/, '')),
  );
  for (const name of lists) out[name] = [];
  for (const [rawName, value] of new FormData(form)) {
    if (typeof value !== 'string') continue;
    const name = rawName.replace(/^push-/, '');
    if (lists.has(name)) (out[name] as string[]).push(value);
    else if (name === 'when') {
      const [mode, time] = value.split('-');
      out.mode = mode;
      out.time = time;
    } else out[name] = /^\d+$/.test(value) && name.endsWith('Id') ? Number(value) : value;
  }
  return out;
}

function pushSupported(win: Window): boolean {
  return win.isSecureContext && 'serviceWorker' in win.navigator && 'PushManager' in win && 'Notification' in win;
}

function say(status: HTMLElement | null, text: string, link?: { href: string; label: string }) {
  if (!status) return;
  status.replaceChildren(text);
  if (link) {
    const a = document.createElement('a');
    a.className = 'kern-link';
    a.href = link.href;
    a.textContent = link.label;
    status.append(' ', a);
  }
}

function remember(key: string, path: string) {
  try {
    localStorage.setItem(key, path);
  } catch {
    // Storage may be off (private mode): the notification's link still leads to the manage page.
  }
}

function remembered(key: string | undefined): string | null {
  if (!key) return null;
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

/** "A reminder is on" with its manage link, if this browser made one that still exists (cancelled ones are 404). */
async function offerKnown(section: HTMLElement) {
  const key = section.dataset.pushRemember;
  const known = remembered(key);
  if (!key || !known?.startsWith('/')) return;
  try {
    const answer = await fetch(known, { method: 'HEAD', credentials: 'omit' });
    if (answer.status === 404) return localStorage.removeItem(key);
    if (!answer.ok) return;
  } catch {
    return;
  }
  const status = section.querySelector<HTMLElement>('[data-push-status]');
  say(status, section.dataset.msgKnown ?? '', { href: known, label: section.dataset.msgManage ?? '' });
}

async function subscribe(section: HTMLElement): Promise<PushSubscription | undefined> {
  if ((await Notification.requestPermission()) !== 'granted') return undefined;
  const registration = await navigator.serviceWorker.register('/sw.js', { scope: '/' });
  await navigator.serviceWorker.ready;
  const existing = await registration.pushManager.getSubscription();
  if (existing) return existing;
  const answer = await fetch(section.dataset.pushKey ?? '/api/push/vapid-public-key');
  const { publicKey } = (await answer.json()) as { publicKey: string };
  return registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: keyBytes(publicKey) });
}

async function optIn(section: HTMLElement, form: HTMLFormElement) {
  const status = section.querySelector<HTMLElement>('[data-push-status]');
  const button = form.querySelector<HTMLButtonElement>('button[type=submit]');
  if (button) button.disabled = true;
  try {
    const subscription = await subscribe(section);
    if (!subscription) return say(status, section.dataset.msgDenied ?? '');
    const answer = await fetch(section.dataset.pushOptIn ?? '', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ subscription: subscription.toJSON(), ...formJson(form) }),
    });
    const body = (await answer.json()) as {
      managePath?: string;
      title?: string;
      errors?: { field: string; message: string }[];
    };
    if (!answer.ok) {
      const messages = body.errors?.map((e) => e.message) ?? [body.title ?? ''];
      return say(status, `${section.dataset.msgFailed ?? ''} ${messages.join(' ')}`.trim());
    }
    const manage = body.managePath ? { href: body.managePath, label: section.dataset.msgManage ?? '' } : undefined;
    say(status, section.dataset.msgDone ?? '', manage);
    // Kept in this browser only, so the page can offer "change or cancel" next time.
    if (manage && section.dataset.pushRemember) remember(section.dataset.pushRemember, manage.href);
  } catch {
    say(status, section.dataset.msgFailed ?? '');
  } finally {
    if (button) button.disabled = false;
  }
}

/** Shows the opt-in forms where push works (or the reason it does not) and wires their submit. */
export function initPushOptIn(doc: Document, win: Window = window): void {
  for (const section of doc.querySelectorAll<HTMLElement>('[data-push-opt-in]')) {
    const form = section.querySelector<HTMLFormElement>('form[data-push-form]');
    const noJs = section.querySelector<HTMLElement>('[data-push-nojs]');
    const unsupported = section.querySelector<HTMLElement>('[data-push-unsupported]');
    if (!form || form.dataset.enhanced === 'true') continue;
    form.dataset.enhanced = 'true';
    if (noJs) noJs.hidden = true;
    if (!pushSupported(win)) {
      if (unsupported) unsupported.hidden = false;
      continue;
    }
    form.hidden = false;
    void offerKnown(section);
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      void optIn(section, form);
    });
  }
}
