// The office's side of the online applications, in the staff member's browser: create the office's key pair (the
// private key is downloaded, only the public key is sent), and open an application with the private key file.
// The private key never leaves this browser; the server only ever holds ciphertext.
import { compactDecrypt, exportJWK, generateKeyPair, importJWK, type JWK } from 'jose';

interface Document {
  reference: string;
  service: { title: string };
  answers: { label: string; value: string | string[]; text?: string }[];
  attachments: { id: string; name: string; contentType: string }[];
}

const de = document.documentElement.lang === 'de';
const say = (deText: string, enText: string) => (de ? deText : enText);

function reveal(root: ParentNode): void {
  for (const el of root.querySelectorAll<HTMLElement>('[data-js-only]')) el.hidden = false;
  for (const el of root.querySelectorAll<HTMLElement>('[data-no-js]')) el.hidden = true;
}

function download(name: string, contents: BlobPart, type: string): void {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(new Blob([contents], { type }));
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
}

function initKeyForm(form: HTMLFormElement): void {
  const button = form.querySelector<HTMLButtonElement>('[data-generate-key]');
  const field = form.querySelector<HTMLTextAreaElement>('textarea[name="jwk"]');
  const office = form.querySelector<HTMLSelectElement>('select[name="office"]');
  if (!button || !field || !office) return;
  button.addEventListener('click', async () => {
    button.disabled = true;
    try {
      const { publicKey, privateKey } = await generateKeyPair('RSA-OAEP-256', {
        modulusLength: 4096,
        extractable: true,
      });
      const kid = `${office.value}-${new Date().toISOString().slice(0, 10)}-${crypto.randomUUID().slice(0, 8)}`;
      const common = { kid, alg: 'RSA-OAEP-256', use: 'enc' };
      download(
        `${kid}.private.jwk.json`,
        JSON.stringify({ ...(await exportJWK(privateKey)), ...common }),
        'application/json',
      );
      field.value = JSON.stringify({ ...(await exportJWK(publicKey)), ...common });
    } finally {
      button.disabled = false;
    }
  });
}

function render(target: HTMLElement, doc: Document, files: Map<string, Uint8Array>): void {
  target.replaceChildren();
  const heading = document.createElement('h3');
  heading.className = 'kern-heading-small';
  heading.textContent = `${doc.service.title} – ${doc.reference}`;
  const list = document.createElement('dl');
  list.className = 'kern-description-list';
  for (const a of doc.answers) {
    const item = document.createElement('div');
    item.className = 'kern-description-list-item';
    const dt = document.createElement('dt');
    dt.className = 'kern-description-list-item__key';
    dt.textContent = a.label;
    const dd = document.createElement('dd');
    dd.className = 'kern-description-list-item__value';
    dd.textContent = a.text ?? (Array.isArray(a.value) ? a.value.join(', ') : a.value);
    item.append(dt, dd);
    list.append(item);
  }
  target.append(heading, list);
  if (doc.attachments.length) {
    const ul = document.createElement('ul');
    ul.className = 'kern-list';
    for (const f of doc.attachments) {
      const bytes = files.get(f.id);
      const li = document.createElement('li');
      const a = document.createElement('a');
      a.className = 'kern-link';
      a.textContent = f.name;
      if (bytes) a.href = URL.createObjectURL(new Blob([bytes.slice()], { type: f.contentType }));
      a.download = f.name;
      li.append(a);
      ul.append(li);
    }
    target.append(ul);
  }
}

function initDecrypt(section: HTMLElement): void {
  const input = section.querySelector<HTMLInputElement>('#office-key');
  const target = section.querySelector<HTMLElement>('[data-decrypted]');
  if (!input || !target) return;
  input.addEventListener('change', async () => {
    const file = input.files?.[0];
    if (!file) return;
    try {
      const jwk = JSON.parse(await file.text()) as JWK;
      if (jwk.kid && jwk.kid !== section.dataset.kid)
        throw new Error(
          say(
            `Diese Datei ist der Schlüssel ${jwk.kid}, der Antrag braucht ${section.dataset.kid}.`,
            `This file is key ${jwk.kid}; the application needs ${section.dataset.kid}.`,
          ),
        );
      const key = await importJWK({ ...jwk, alg: 'RSA-OAEP-256', key_ops: undefined, use: undefined }, 'RSA-OAEP-256');
      const { plaintext } = await compactDecrypt(section.dataset.jwe ?? '', key);
      const doc = JSON.parse(new TextDecoder().decode(plaintext)) as Document;
      const files = new Map<string, Uint8Array>();
      for (const f of JSON.parse(section.dataset.files ?? '[]') as { id: string; jwe: string }[]) {
        files.set(f.id, (await compactDecrypt(f.jwe, key)).plaintext);
      }
      render(target, doc, files);
    } catch (err) {
      const p = document.createElement('p');
      p.className = 'kern-error';
      p.setAttribute('role', 'alert');
      p.textContent =
        err instanceof Error && err.message.startsWith(say('Diese', 'This'))
          ? err.message
          : say(
              'Mit dieser Datei lässt sich der Antrag nicht öffnen. Bitte wählen Sie den privaten Schlüssel des Amts (JWK-Datei).',
              'This file cannot open the application. Please choose the office’s private key (JWK file).',
            );
      target.replaceChildren(p);
    }
  });
}

reveal(document);
for (const form of document.querySelectorAll<HTMLFormElement>('[data-key-form]')) initKeyForm(form);
for (const section of document.querySelectorAll<HTMLElement>('.bs-app-decrypt')) initDecrypt(section);
