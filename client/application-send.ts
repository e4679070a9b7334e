// Sending an online application with JavaScript: the browser encrypts the answers and every attachment with the
// office's public key (JWE: RSA-OAEP-256 + A256GCM), so the platform stores and relays only ciphertext. Without
// this script the form posts normally and the server encrypts (the page says so).
import { CompactEncrypt, importJWK, type JWK } from 'jose';

interface Prepared {
  key: JWK & { kid: string };
  document: unknown;
  /** FIT-Connect's metadata document (services delivered through FIT-Connect), encrypted as it is. */
  metadata?: unknown;
  files: { id: string; contentType: string; data: string }[];
}

const de = document.documentElement.lang === 'de';
const say = (deText: string, enText: string) => (de ? deText : enText);

function base64Bytes(data: string): Uint8Array {
  const binary = atob(data);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

async function encrypt(key: CryptoKey | Uint8Array, kid: string, plaintext: Uint8Array, cty: string): Promise<string> {
  return new CompactEncrypt(plaintext)
    .setProtectedHeader({ alg: 'RSA-OAEP-256', enc: 'A256GCM', kid, cty })
    .encrypt(key);
}

function showError(form: HTMLFormElement, text: string): void {
  let box = form.querySelector<HTMLElement>('[data-send-error]');
  if (!box) {
    box = document.createElement('p');
    box.className = 'kern-error';
    box.setAttribute('role', 'alert');
    box.dataset.sendError = '';
    form.prepend(box);
  }
  box.textContent = text;
  box.tabIndex = -1;
  box.focus();
}

function init(form: HTMLFormElement): void {
  if (!globalThis.crypto?.subtle) return; // no WebCrypto: the server encrypts, as without JavaScript
  for (const el of form.querySelectorAll<HTMLElement>('[data-js-only]')) el.hidden = false;
  for (const el of form.querySelectorAll<HTMLElement>('[data-no-js]')) el.hidden = true;
  const button = form.querySelector<HTMLButtonElement>('button[type="submit"]');
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (button?.disabled) return;
    if (button) button.disabled = true;
    const base = form.action.replace(/\/senden$/, '');
    const csrf = form.querySelector<HTMLInputElement>('input[name="_csrf"]')?.value ?? '';
    try {
      const prepared = await fetch(`${base}/versand.json`, {
        credentials: 'same-origin',
        headers: { accept: 'application/json' },
      });
      if (!prepared.ok) throw new Error(String(prepared.status));
      const { key, document: doc, metadata, files } = (await prepared.json()) as Prepared;
      const publicKey = await importJWK({ kty: 'RSA', n: key.n, e: key.e }, 'RSA-OAEP-256');
      const dataJwe = await encrypt(
        publicKey,
        key.kid,
        new TextEncoder().encode(JSON.stringify(doc)),
        'application/json',
      );
      const json = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));
      const metadataJwe =
        metadata === undefined ? undefined : await encrypt(publicKey, key.kid, json(metadata), 'application/json');
      const encrypted = [];
      for (const f of files)
        encrypted.push({ id: f.id, jwe: await encrypt(publicKey, key.kid, base64Bytes(f.data), f.contentType) });
      const res = await fetch(`${base}/senden-verschluesselt`, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'content-type': 'application/json', accept: 'application/json', 'x-csrf-token': csrf },
        body: JSON.stringify({
          dataJwe,
          metadataJwe,
          files: encrypted,
          notifyEmail: form.querySelector<HTMLInputElement>('input[name="benachrichtigung"]')?.value ?? '',
        }),
      });
      if (res.status === 400) {
        const problem = (await res.json()) as { errors?: { field: string; message: string }[] };
        const field = problem.errors?.find((e) => e.field === 'benachrichtigung');
        if (field) {
          if (button) button.disabled = false;
          return showError(form, field.message);
        }
      }
      if (res.status !== 201) throw new Error(String(res.status));
      const { location } = (await res.json()) as { location: string };
      window.location.assign(location);
    } catch {
      if (button) button.disabled = false;
      showError(
        form,
        say(
          'Der Antrag konnte nicht gesendet werden. Bitte versuchen Sie es noch einmal; Ihre Angaben sind gespeichert.',
          'The application could not be sent. Please try again; your details are saved.',
        ),
      );
    }
  });
}

for (const form of document.querySelectorAll<HTMLFormElement>('form[data-encrypt-form]')) init(form);
