import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { JWK } from 'jose';
import type { Deps } from '../../../platform/deps.js';
import { AppError, notFound } from '../../../platform/errors.js';
import { localParts } from '../../../platform/time.js';
import { type Answers, shownAnswers } from '../core/answers.js';
import { insertApplication, insertApplicationFile, insertEvent, nextReference } from '../core/applications-queries.js';
import { allFields, type FormDefinition, type FormField } from '../core/definition.js';
import type { ApplicationDocument } from '../core/document.js';
import { type DraftFileRow, deleteDraft, selectDraftFileBytes, selectOwnedDraft } from '../core/drafts-queries.js';
import { deliverJobName, getDestinationKey } from '../core/fit-connect/destinations.js';
import { type Metadata, metadataOf } from '../core/fit-connect/metadata.js';
import { ciphertextProblem, encryptFor } from '../core/jwe.js';
import { selectCurrentKey } from '../core/office-keys-queries.js';
import { type Applicant, missingStep, type OpenDraft, openBytes } from './service.js';

// Sending a draft: the whole application (answers and attachments) becomes ciphertext for the office's key, is
// stored with its follow-up in one transaction, and the draft with its plaintext is deleted in the same one. For a
// FIT-Connect service the key is the destination's, FIT-Connect's metadata document is encrypted too, and the
// follow-up is the delivery job.

/**
 * The office's current public key: for the inbox the one staff gave, for FIT-Connect the destination's (cached a few
 * minutes). Throws `unavailable` when there is none or FIT-Connect is off or unreachable (the form says to use paper).
 */
export async function getOfficeKey(
  deps: Deps,
  municipalityId: string,
  form: FormDefinition,
): Promise<JWK & { kid: string }> {
  if (form.delivery.kind === 'fit-connect') return getDestinationKey(deps, form.delivery.destinationId);
  const row = await selectCurrentKey(deps.db, municipalityId, form.office);
  if (!row) throw new AppError('unavailable', 'This office does not receive online applications at the moment');
  return { ...row.publicJwk, kid: row.kid };
}

const germanDate = new Intl.DateTimeFormat('de-DE', { dateStyle: 'long', timeZone: 'UTC' });

/** An answer as the office reads it: option labels, a German date, Ja/Nein. */
function answerText(f: FormField, value: string | string[]): string {
  const values = Array.isArray(value) ? value : [value];
  if (f.type === 'checkbox') return value === 'yes' ? 'Ja' : 'Nein';
  if (f.type === 'date') return germanDate.format(new Date(`${values[0]}T12:00:00Z`));
  if (f.options) return values.map((v) => f.options?.find((o) => o.value === v)?.label.de ?? v).join(', ');
  return values.join(', ');
}

function documentOf(
  form: FormDefinition,
  answers: Answers,
  meta: { reference: string | null; now: Date; language: string; applicant: Applicant },
  files: ApplicationDocument['attachments'],
): ApplicationDocument {
  const shown = shownAnswers(form, answers);
  return {
    service: {
      slug: form.slug,
      title: form.title.de,
      leistungsschluessel: form.leistungsschluessel,
      office: form.office,
    },
    reference: meta.reference,
    submittedAt: meta.now.toISOString(),
    language: meta.language,
    applicant: { loggedIn: meta.applicant.citizenId !== undefined, trustLevel: meta.applicant.level ?? null },
    // Empty optional answers are left out: the office gets what was given.
    answers: allFields(form)
      .filter((f) => {
        const v = shown[f.key];
        return v !== undefined && (Array.isArray(v) ? v.length > 0 : v !== '');
      })
      .map((f) => ({ key: f.key, label: f.label.de, value: shown[f.key]!, text: answerText(f, shown[f.key]!) })),
    attachments: files,
  };
}

export interface Sent {
  applicationId: string;
  reference: string;
  /** The applicant's status link token (only its digest is stored). */
  token: string;
}

/** How the applicant wants to hear of news: an address for "there is news" mails (optional) and the language. */
export interface Notice {
  notifyEmail: string | null;
  language: string;
}

/** The notification address as given (trimmed; empty is none); throws `validation_failed` on `benachrichtigung`. */
export function cleanNotice(email: string | undefined, language: string): Notice {
  const v = (email ?? '').trim();
  if (v && (v.length > 254 || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v))) {
    throw new AppError('validation_failed', 'The notification address is not valid', {
      benachrichtigung: 'applications.errors.email',
    });
  }
  return { notifyEmail: v || null, language };
}

type StoredFile = DraftFileRow & { bytes: Buffer };

/** The draft's files with their bytes opened (they are sealed at rest). */
async function openFiles(deps: Deps, draftId: string, files: StoredFile[]): Promise<StoredFile[]> {
  return files.map((f) => ({ ...f, bytes: openBytes(deps, draftId, f.bytes) }));
}
type Encrypt = (
  reference: string,
  files: StoredFile[],
) => Promise<{ dataJwe: string; metadataJwe: string | null; fileJwes: Map<string, string> }>;

/** FIT-Connect's metadata of a FIT-Connect form's application whose data is exactly `data`; undefined for the inbox. */
function metadataFor(form: FormDefinition, data: string, files: StoredFile[]): Metadata | undefined {
  if (form.delivery.kind !== 'fit-connect') return undefined;
  return metadataOf({
    data,
    leikaKey: form.leistungsschluessel,
    serviceName: form.title.de,
    attachments: files.map((f) => ({ id: f.id, name: f.name, contentType: f.contentType, bytes: f.bytes })),
  });
}

/** Where a FIT-Connect delivery goes, fixed when the application is stored (the form may change afterwards). */
const deliveryStateOf = (form: FormDefinition): Record<string, unknown> =>
  form.delivery.kind === 'fit-connect'
    ? { destinationId: form.delivery.destinationId, leikaKey: form.leistungsschluessel, serviceName: form.title.de }
    : {};

const describe = (files: StoredFile[]): ApplicationDocument['attachments'] =>
  files.map((f) => ({
    id: f.id,
    field: f.fieldKey,
    name: f.name,
    contentType: f.contentType,
    size: f.size,
    sha256: f.sha256,
  }));

/**
 * Stores the application (ciphertext from `encrypt`), its files, the first mailbox event, and deletes the draft, in
 * one transaction with the draft locked (a second send of the same draft finds it gone: not_found).
 */
async function store(
  deps: Deps,
  municipalityId: string,
  open: OpenDraft,
  applicant: Applicant,
  how: { encryptedBy: 'browser' | 'server'; kid: string; encrypt: Encrypt; notice: Notice },
): Promise<Sent> {
  if (missingStep(deps, open) !== undefined)
    throw new AppError('validation_failed', 'The application is not complete yet');
  const { form } = open;
  const token = randomBytes(32).toString('base64url');
  const applicationId = randomUUID();
  const now = deps.now();
  return deps.db.transaction(async (tx) => {
    const draft = await selectOwnedDraft(tx, municipalityId, open.owner, open.draft.id, now, true);
    if (!draft) throw notFound('Draft');
    // The year of the reference is the local one (an application sent at 00:30 on 1 January is of the new year).
    const year = localParts(now, deps.config.municipality.timeZone).year;
    const reference = await nextReference(tx, municipalityId, year);
    const files = await openFiles(deps, draft.id, await selectDraftFileBytes(tx, draft.id));
    const { dataJwe, metadataJwe, fileJwes } = await how.encrypt(reference, files);
    await insertApplication(tx, municipalityId, {
      id: applicationId,
      reference,
      formSlug: form.slug,
      officeKey: form.office,
      citizenId: applicant.citizenId ?? null,
      encryptedBy: how.encryptedBy,
      kid: how.kid,
      dataJwe,
      metadataJwe,
      delivery: form.delivery.kind,
      deliveryState: deliveryStateOf(form),
      tokenHash: createHash('sha256').update(token).digest('hex'),
      notifyEmail: how.notice.notifyEmail,
      language: how.notice.language,
      now,
    });
    for (const f of files) {
      await insertApplicationFile(tx, municipalityId, { id: f.id, applicationId, jwe: fileJwes.get(f.id)! });
    }
    await insertEvent(tx, municipalityId, { applicationId, status: 'received', sender: 'platform', message: '', now });
    if (form.delivery.kind === 'fit-connect') await deps.jobs.enqueue(deliverJobName, { applicationId }, { tx });
    await deleteDraft(tx, draft.id);
    return { applicationId, reference, token };
  });
}

/**
 * Sends a complete draft with the server encrypting (the no-JavaScript fallback): throws `validation_failed` when a
 * step is incomplete, `unavailable` when the office has no key. The application is durable before this returns.
 */
export async function sendDraft(
  deps: Deps,
  municipalityId: string,
  open: OpenDraft,
  applicant: Applicant,
  notice: Notice,
): Promise<Sent> {
  const { language } = notice;
  const key = await getOfficeKey(deps, municipalityId, open.form);
  return store(deps, municipalityId, open, applicant, {
    encryptedBy: 'server',
    kid: key.kid,
    notice,
    encrypt: async (reference, files) => {
      const doc = documentOf(
        open.form,
        open.draft.answers,
        { reference, now: deps.now(), language, applicant },
        describe(files),
      );
      const data = JSON.stringify(doc);
      const metadata = metadataFor(open.form, data, files);
      const fileJwes = new Map<string, string>();
      for (const f of files) fileJwes.set(f.id, await encryptFor(key, f.bytes, f.contentType));
      return {
        dataJwe: await encryptFor(key, data, 'application/json'),
        metadataJwe: metadata ? await encryptFor(key, JSON.stringify(metadata), 'application/json') : null,
        fileJwes,
      };
    },
  });
}

/**
 * What the browser encrypts: the office's public key, the document (without reference), the files' bytes and, for
 * FIT-Connect, the metadata document (as is; its data hash is of `JSON.stringify(document)`, which is what the
 * browser encrypts).
 */
export async function prepareBrowserSend(
  deps: Deps,
  municipalityId: string,
  open: OpenDraft,
  applicant: Applicant,
  language: string,
) {
  if (missingStep(deps, open) !== undefined)
    throw new AppError('validation_failed', 'The application is not complete yet');
  const key = await getOfficeKey(deps, municipalityId, open.form);
  const files = await openFiles(deps, open.draft.id, await selectDraftFileBytes(deps.db, open.draft.id));
  const document = documentOf(
    open.form,
    open.draft.answers,
    { reference: null, now: deps.now(), language, applicant },
    describe(files),
  );
  const metadata = metadataFor(open.form, JSON.stringify(document), files);
  return {
    key: { kty: 'RSA', n: key.n, e: key.e, kid: key.kid, alg: 'RSA-OAEP-256', use: 'enc' },
    document,
    ...(metadata ? { metadata } : {}),
    files: files.map((f) => ({ id: f.id, contentType: f.contentType, data: f.bytes.toString('base64') })),
  };
}

/**
 * Sends what the browser encrypted: each ciphertext must be a JWE for the office's current key, one per file of
 * the draft, and the metadata's for a FIT-Connect service. Throws `bad_request` otherwise (nothing is stored),
 * `validation_failed` when a step is incomplete.
 */
export async function sendEncrypted(
  deps: Deps,
  municipalityId: string,
  open: OpenDraft,
  applicant: Applicant,
  sent: { dataJwe: string; metadataJwe?: string; files: { id: string; jwe: string }[] },
  notice: Notice,
): Promise<Sent> {
  const key = await getOfficeKey(deps, municipalityId, open.form);
  if (open.form.delivery.kind === 'fit-connect' && sent.metadataJwe === undefined) {
    throw new AppError('bad_request', 'The encrypted application was refused: FIT-Connect needs the metadata');
  }
  const problem =
    ciphertextProblem(sent.dataJwe, key.kid) ??
    (sent.metadataJwe === undefined ? undefined : ciphertextProblem(sent.metadataJwe, key.kid)) ??
    sent.files.map((f) => ciphertextProblem(f.jwe, key.kid)).find(Boolean);
  if (problem) throw new AppError('bad_request', `The encrypted application was refused: ${problem}`);
  return store(deps, municipalityId, open, applicant, {
    encryptedBy: 'browser',
    kid: key.kid,
    notice,
    encrypt: async (_reference, files) => {
      const given = new Map(sent.files.map((f) => [f.id, f.jwe]));
      if (given.size !== files.length || files.some((f) => !given.has(f.id))) {
        throw new AppError('bad_request', 'The encrypted application must carry exactly one ciphertext per attachment');
      }
      return { dataJwe: sent.dataJwe, metadataJwe: sent.metadataJwe ?? null, fileJwes: given };
    },
  });
}
