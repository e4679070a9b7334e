import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { JWK } from 'jose';
import type { Deps } from '../../../platform/deps.js';
import { AppError } from '../../../platform/errors.js';
import { type Answers, shownAnswers } from '../core/answers.js';
import { insertApplication, insertApplicationFile, insertEvent, nextReference } from '../core/applications-queries.js';
import { allFields, type FormDefinition } from '../core/definition.js';
import { deleteDraft, selectDraftFileBytes } from '../core/drafts-queries.js';
import { encryptFor } from '../core/jwe.js';
import { selectCurrentKey } from '../core/office-keys-queries.js';
import { type Applicant, missingStep, type OpenDraft } from './service.js';

// Sending a draft: the whole application (answers and attachments) becomes ciphertext for the office's key, is
// stored with its follow-up in one transaction, and the draft with its plaintext is deleted in the same one.

/** What the office decrypts: the service, the answers with their labels, the attachments' descriptions. */
export interface ApplicationDocument {
  service: { slug: string; title: string; leistungsschluessel: string; office: string };
  reference: string;
  submittedAt: string;
  language: string;
  applicant: { loggedIn: boolean; trustLevel: string | null };
  answers: { key: string; label: string; value: string | string[] }[];
  attachments: { id: string; field: string; name: string; contentType: string; size: number; sha256: string }[];
}

/** The office's current public key; throws `unavailable` when the office has none (the form says to use paper). */
export async function getOfficeKey(
  deps: Deps,
  municipalityId: string,
  form: FormDefinition,
): Promise<JWK & { kid: string }> {
  const row = await selectCurrentKey(deps.db, municipalityId, form.office);
  if (!row) throw new AppError('unavailable', 'This office does not receive online applications at the moment');
  return { ...row.publicJwk, kid: row.kid };
}

function documentOf(
  form: FormDefinition,
  answers: Answers,
  meta: { reference: string; now: Date; language: string; applicant: Applicant },
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
      .filter((f) => f.key in shown && (Array.isArray(shown[f.key]) || shown[f.key] !== ''))
      .map((f) => ({ key: f.key, label: f.label.de, value: shown[f.key]! })),
    attachments: files,
  };
}

export interface Sent {
  applicationId: string;
  reference: string;
  /** The applicant's status link token (only its digest is stored). */
  token: string;
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
  language: string,
): Promise<Sent> {
  if (missingStep(deps, open) !== undefined)
    throw new AppError('validation_failed', 'The application is not complete yet');
  const { form, draft } = open;
  const key = await getOfficeKey(deps, municipalityId, form);
  const token = randomBytes(32).toString('base64url');
  const applicationId = randomUUID();
  const now = deps.now();
  return deps.db.transaction(async (tx) => {
    const reference = await nextReference(tx, municipalityId, now.getUTCFullYear());
    const files = await selectDraftFileBytes(tx, draft.id);
    const described = files.map((f) => ({
      id: f.id,
      field: f.fieldKey,
      name: f.name,
      contentType: f.contentType,
      size: f.size,
      sha256: f.sha256,
    }));
    const doc = documentOf(form, draft.answers, { reference, now, language, applicant }, described);
    const dataJwe = await encryptFor(key, JSON.stringify(doc), 'application/json');
    await insertApplication(tx, municipalityId, {
      id: applicationId,
      reference,
      formSlug: form.slug,
      officeKey: form.office,
      citizenId: applicant.citizenId ?? null,
      encryptedBy: 'server',
      kid: key.kid,
      dataJwe,
      delivery: form.delivery.kind,
      tokenHash: createHash('sha256').update(token).digest('hex'),
      now,
    });
    for (const f of files) {
      await insertApplicationFile(tx, municipalityId, {
        id: f.id,
        applicationId,
        jwe: await encryptFor(key, f.bytes, f.contentType),
      });
    }
    await insertEvent(tx, municipalityId, { applicationId, status: 'received', sender: 'platform', message: '', now });
    await deleteDraft(tx, draft.id);
    return { applicationId, reference, token };
  });
}
