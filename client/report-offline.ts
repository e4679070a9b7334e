/**
 * Sending a report to POST /api/reports, and the offline queue: a report that cannot be sent (no network) waits
 * in IndexedDB with its photos and its Idempotency-Key, and is sent when the connection returns (the `online`
 * event, and every page load of a report page). The same key on every try means the server files it once, however
 * often it arrives; a successful send removes it from the queue.
 */

/** A report as sent: form fields (strings) and photos, with the key made once per form fill. */
export interface QueuedReport {
  key: string;
  fields: [string, string][];
  photos: { name: string; type: string; blob: Blob }[];
  queuedAt: number;
}

export interface Receipt {
  reference: string;
  statusToken: string;
  statusUrl: string;
  status: string;
  /** "pending": the address gets a confirmation mail first (no proof of work came with it). */
  emailConfirmation?: string;
}

/** A question the chosen category requires (from the form's `[data-question][data-required]`). */
export interface RequiredQuestion {
  code: string;
  label: string;
}

/**
 * The required questions a report leaves unanswered, as field errors. Checked before a report is sent or queued:
 * a report queued offline must not wait for hours only to be refused for a missing answer.
 */
export function missingAnswers(
  report: Pick<QueuedReport, 'fields'>,
  required: RequiredQuestion[],
  message: string,
): { field: string; message: string }[] {
  const answered = new Set(report.fields.filter(([, v]) => v.trim() !== '').map(([name]) => name));
  return required
    .filter((q) => !answered.has(`answers.${q.code}`))
    .map((q) => ({ field: `answers.${q.code}`, message }));
}

export interface Problem {
  status: number;
  code?: string;
  title?: string;
  errors?: { field: string; message: string }[];
}

export type SendResult =
  | { kind: 'sent'; receipt: Receipt }
  | { kind: 'offline' }
  | { kind: 'rejected'; problem: Problem }
  | { kind: 'failed'; status: number };

const dbName = 'bs-reports';
const storeName = 'queue';

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(dbName, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(storeName, { keyPath: 'key' });
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

async function withStore<T>(mode: IDBTransactionMode, run: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await open();
  try {
    return await new Promise<T>((resolve, reject) => {
      const tx = db.transaction(storeName, mode);
      const request = run(tx.objectStore(storeName));
      tx.oncomplete = () => resolve(request.result);
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error);
    });
  } finally {
    db.close();
  }
}

export const enqueue = (report: QueuedReport) => withStore('readwrite', (s) => s.put(report)).then(() => undefined);
export const dequeue = (key: string) => withStore('readwrite', (s) => s.delete(key)).then(() => undefined);
export const listQueued = () => withStore<QueuedReport[]>('readonly', (s) => s.getAll() as IDBRequest<QueuedReport[]>);

/** A fresh key for one form fill (UUID where the browser has it). */
export function newKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** One try: sent (the first answer, also for a replay), rejected (4xx: the report itself is wrong), offline, failed. */
export async function sendReport(report: QueuedReport, lang: string): Promise<SendResult> {
  if (!navigator.onLine) return { kind: 'offline' };
  const body = new FormData();
  for (const [name, value] of report.fields) body.append(name, value);
  for (const photo of report.photos) body.append('photos', photo.blob, photo.name);
  let res: Response;
  try {
    res = await fetch('/api/reports', {
      method: 'POST',
      body,
      headers: { 'idempotency-key': report.key, accept: 'application/json', 'accept-language': lang },
      // No cookies: the API needs none, and a staff session cookie would make it refuse a multipart body.
      credentials: 'omit',
    });
  } catch {
    return { kind: 'offline' };
  }
  if (res.ok) return { kind: 'sent', receipt: (await res.json()) as Receipt };
  if (res.status >= 400 && res.status < 500 && res.status !== 408 && res.status !== 429) {
    let problem: Problem = { status: res.status };
    try {
      problem = { ...(await res.json()), status: res.status } as Problem;
    } catch {
      // A body that is not problem+json still says the request was refused.
    }
    return { kind: 'rejected', problem };
  }
  return { kind: 'failed', status: res.status };
}

export interface FlushHandlers {
  sent(report: QueuedReport, receipt: Receipt): void;
  rejected(report: QueuedReport, problem: Problem): void;
}

let flushing: Promise<void> | undefined;

/**
 * Sends every queued report, oldest first; stops at the first that cannot go out (still offline, server trouble)
 * and leaves the rest for the next try. One flush at a time per page, and per browser where Web Locks exist.
 */
export function flushQueue(lang: string, handlers: FlushHandlers): Promise<void> {
  flushing ??= (async () => {
    const run = async () => {
      let queued: QueuedReport[];
      try {
        queued = await listQueued();
      } catch {
        return; // no IndexedDB (private mode in some browsers): nothing was queued either
      }
      for (const report of queued.sort((a, b) => a.queuedAt - b.queuedAt)) {
        const result = await sendReport(report, lang);
        if (result.kind === 'offline' || result.kind === 'failed') return;
        await dequeue(report.key);
        if (result.kind === 'sent') handlers.sent(report, result.receipt);
        else handlers.rejected(report, result.problem);
      }
    };
    try {
      if (navigator.locks) await navigator.locks.request('bs-report-queue', run);
      else await run();
    } finally {
      flushing = undefined;
    }
  })();
  return flushing;
}
