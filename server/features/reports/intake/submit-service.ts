// Field errors thrown here are i18n KEYS such as `reports-core.errors.description_too_long` (catalogue
// server/locales/<lang>/reports-core.json), not sentences. The citizen pages translate them with ctx.t; the JSON
// API (routes.ts) translates them into the request's language. Keys: category, description, location, lat, lon,
// address, landmark, photos / photos.<i>, email, phone, name, consent, answers.<code>, altcha, website (honeypot).

import type { Queryable } from '../../../platform/db.js';
import type { Deps } from '../../../platform/deps.js';
import { AppError, type FieldErrors } from '../../../platform/errors.js';
import { type Category, getCategoryByCode, isSelectable, listCategories } from '../core/categories.js';
import { enqueueEmailConfirmation } from '../core/email-confirmation.js';
import { appendEvent, notifyStatusJobName } from '../core/events.js';
import { idempotencyTtlMs, requestHash, withIdempotency } from '../core/idempotency.js';
import { selectIdempotentRequest } from '../core/idempotency-queries.js';
import { unlessNotFound } from '../core/not-found.js';
import { maxPhotos, PhotoError, type ProcessedPhoto, processPhoto } from '../core/photos.js';
import { insertPhoto } from '../core/photos-queries.js';
import { nextReference } from '../core/reference.js';
import { insertReports, type ReportInsert } from '../core/reports-queries.js';
import { findRoutingFor } from '../core/routing.js';
import {
  hashStatusToken,
  newStatusNonce,
  statusPathFor,
  statusTokenFor,
  statusTokenKey,
} from '../core/status-token.js';
import { addWorkingDays } from '../core/working-days.js';
import { checkAltcha, markAltchaUsed } from './altcha.js';
import { type ResolvedLocation, resolveLocation } from './location.js';
import {
  type Answers,
  charLength,
  checkAnswers,
  cleanLine,
  cleanText,
  errorKey,
  isEmail,
  isPhone,
  limits,
} from './validation.js';

export type LocationMethod = 'map' | 'gps' | 'address' | 'landmark' | 'coordinates' | 'api';
export const locationMethods: readonly LocationMethod[] = ['map', 'gps', 'address', 'landmark', 'coordinates', 'api'];

export interface NewReportInput {
  categoryCode: string;
  description: string;
  answers: Record<string, string | string[]>;
  location: {
    method: LocationMethod;
    lat?: number;
    lon?: number;
    addressId?: number;
    addressText?: string;
    landmark?: string;
    /** A landmark picked from a choice (the typed text was ambiguous). */
    landmarkId?: number;
  };
  photos: { data: Buffer; filename?: string }[];
  contact: { name?: string; email?: string; phone?: string; notifyEmail: boolean; consent: boolean };
  language: 'de' | 'en';
  source: 'web' | 'app' | 'open311' | 'bsc';
  open311ClientId?: number;
  /** ALTCHA payload (base64 JSON). Required for 'app'; 'web' without it is accepted but needs screening. */
  proofOfWork?: string;
  /** Non-empty → rejected as spam. */
  honeypot?: string;
  duplicateOf?: string;
}

export interface SubmittedReport {
  id: number;
  reference: string;
  statusToken: string;
  statusPath: string;
  status: string;
  /** Mails to the reporter: none asked for, confirmed (proof of work), or pending the confirmation link. */
  emailConfirmation: 'none' | 'confirmed' | 'pending';
}

interface Prepared {
  category: Category;
  description: string;
  answers: Answers;
  location: ResolvedLocation;
  photos: ProcessedPhoto[];
  contact: { name: string | null; email: string | null; phone: string | null; notifyEmail: boolean };
  altchaSignature: string | null;
  needsScreening: boolean;
}

const invalid = (errors: FieldErrors) => new AppError('validation_failed', 'The report has invalid fields', errors);

/** Category, texts, answers, contact, proof of work, location and photos: all checked, every error collected. */
async function prepare(deps: Deps, municipalityId: string, input: NewReportInput): Promise<Prepared> {
  if (input.honeypot?.trim()) {
    throw new AppError('validation_failed', 'The report was recognised as spam', { website: errorKey('spam') });
  }
  const errors: FieldErrors = {};

  let category = await unlessNotFound(getCategoryByCode(deps, municipalityId, input.categoryCode));
  if (category && !isSelectable(category, await listCategories(deps, municipalityId))) category = undefined;
  if (!category) errors.category = errorKey('category_unknown');

  const description = cleanText(input.description);
  if (!description) errors.description = errorKey('description_required');
  else if (charLength(description) > limits.description) errors.description = errorKey('description_too_long');

  const answers = category ? checkAnswers(category.questions, input.answers ?? {}, errors) : {};

  const name = cleanLine(input.contact.name) || null;
  const email = cleanLine(input.contact.email) || null;
  const phone = cleanLine(input.contact.phone) || null;
  if (name && charLength(name) > limits.name) errors.name = errorKey('name_too_long');
  if (email && !isEmail(email)) errors.email = errorKey('email_invalid');
  if (phone && !isPhone(phone)) errors.phone = errorKey('phone_invalid');
  if ((name || email || phone) && !input.contact.consent) errors.consent = errorKey('consent_required');

  let altchaSignature: string | null = null;
  let needsScreening = false;
  const pow = input.proofOfWork?.trim();
  if (pow) {
    const check = await checkAltcha(deps, pow);
    if (check.ok) altchaSignature = check.signature;
    else errors.altcha = errorKey(check.reason === 'expired' ? 'altcha_expired' : 'altcha_invalid');
  } else if (input.source === 'app') {
    errors.altcha = errorKey('altcha_required');
  } else if (input.source === 'web') {
    // Without JavaScript there is no proof of work: accepted, but not public until the BSC has looked at it.
    needsScreening = true;
  }

  const location = await resolveLocation(deps, municipalityId, input.location, errors);

  const photos: ProcessedPhoto[] = [];
  if (input.photos.length > maxPhotos) errors.photos = errorKey('photos_too_many');
  else {
    const photoLimits = { maxBytes: deps.config.reports.photoMaxBytes, maxPixels: deps.config.reports.photoMaxPixels };
    for (const [i, p] of input.photos.entries()) {
      try {
        photos.push(await processPhoto(p.data, photoLimits));
      } catch (err) {
        if (!(err instanceof PhotoError)) throw err;
        errors[`photos.${i}`] = err.problem;
        errors.photos ??= err.problem;
      }
    }
  }

  if (Object.keys(errors).length > 0 || !category || !location) throw invalid(errors);
  return {
    category,
    description,
    answers,
    location,
    photos,
    contact: { name, email, phone, notifyEmail: input.contact.notifyEmail && email !== null },
    altchaSignature,
    needsScreening,
  };
}

/** Rule for category × district, else category × any district, else the category's default department. */
async function route(
  db: Queryable,
  municipalityId: string,
  category: Category,
  districtId: number | null,
): Promise<{ departmentId: number | null; autoForward: boolean }> {
  const rule = await findRoutingFor(db, municipalityId, category.id, districtId);
  return rule ?? { departmentId: category.defaultDepartmentId, autoForward: false };
}

/** Writes the report, photos, events and notification in the caller's transaction. */
async function store(
  tx: Queryable,
  deps: Deps,
  municipalityId: string,
  input: NewReportInput,
  p: Prepared,
  now: Date,
): Promise<SubmittedReport> {
  if (p.altchaSignature && !(await markAltchaUsed(tx, p.altchaSignature, now))) {
    throw invalid({ altcha: errorKey('altcha_used') });
  }
  const m = deps.config.municipality;
  const nonce = newStatusNonce();
  const token = statusTokenFor(statusTokenKey(deps.config.sessionSecret), nonce);
  const routing = await route(tx, municipalityId, p.category, p.location.districtId);
  const forward = routing.autoForward && deps.config.reports.autoForward && routing.departmentId !== null;
  const status: 'received' | 'forwarded' = forward ? 'forwarded' : 'received';
  const row = (reference: string): ReportInsert => ({
    reference,
    categoryId: p.category.id,
    status,
    description: p.description,
    publicDescription: null,
    answers: p.answers,
    lat: p.location.lat,
    lon: p.location.lon,
    locationMethod: p.location.method,
    addressId: p.location.addressId,
    addressLabel: p.location.addressLabel,
    landmark: p.location.landmark,
    districtId: p.location.districtId,
    departmentId: forward ? routing.departmentId : null,
    suggestedDepartmentId: routing.departmentId,
    externalBodyId: null,
    reporterName: p.contact.name,
    reporterEmail: p.contact.email,
    reporterPhone: p.contact.phone,
    notifyEmail: p.contact.notifyEmail,
    // Double opt-in: only a proof of work vouches for the address; else its owner confirms it by mail first.
    emailConfirmedAt: p.contact.email && p.altchaSignature ? now : null,
    statusTokenNonce: nonce,
    statusTokenHash: hashStatusToken(token),
    language: input.language,
    needsScreening: p.needsScreening,
    supporterCount: 0,
    source: input.source,
    open311ClientId: input.open311ClientId ?? null,
    dueAt: addWorkingDays(now, p.category.targetWorkingDays, m.holidayRegion, m.timeZone),
    createdAt: now,
    updatedAt: now,
    closedAt: null,
  });
  // References are unique across the database; a number another municipality with the same prefix (or an
  // import) holds already is skipped.
  let reference = '';
  let reportId: number | undefined;
  for (let attempt = 0; reportId === undefined; attempt++) {
    if (attempt >= 1000) throw new AppError('internal', 'No free report reference');
    reference = await nextReference(tx, municipalityId, m.referencePrefix, now, m.timeZone);
    reportId = (await insertReports(tx, municipalityId, [row(reference)])).get(reference);
  }
  for (const [sort, photo] of p.photos.entries()) {
    await insertPhoto(tx, {
      municipalityId,
      reportId,
      contentType: photo.contentType,
      data: photo.data,
      thumbnail: photo.thumbnail,
      width: photo.width,
      height: photo.height,
      sort,
      at: now,
    });
  }
  const createdEvent = await appendEvent(tx, {
    municipalityId,
    reportId,
    kind: 'created',
    statusTo: 'received',
    public: true,
    at: now,
  });
  if (forward && routing.departmentId !== null) {
    // Public, so the history shows the hand-over; not mailed separately (the receipt mail follows right away).
    await appendEvent(tx, {
      municipalityId,
      reportId,
      kind: 'forwarded',
      statusFrom: 'received',
      statusTo: 'forwarded',
      public: true,
      departmentId: routing.departmentId,
      actorId: null,
      at: now,
    });
  }
  if (p.contact.notifyEmail && p.altchaSignature) {
    await deps.jobs.enqueue(notifyStatusJobName, { eventId: createdEvent }, { tx });
  } else if (p.contact.notifyEmail) {
    // The receipt follows once the address is confirmed (core/email-confirmation.ts).
    await enqueueEmailConfirmation(deps, tx, { kind: 'reporter', id: reportId });
  }
  return {
    id: reportId,
    reference,
    statusToken: token,
    statusPath: statusPathFor(token),
    status,
    emailConfirmation: !p.contact.notifyEmail ? 'none' : p.altchaSignature ? 'confirmed' : 'pending',
  };
}

const idempotencyScope = (municipalityId: string) => `reports.submit:${municipalityId}`;

/** What identifies a submission for idempotency: everything sent, photos by their content hash. */
function submissionHash(input: NewReportInput): string {
  return requestHash({ ...input, photos: input.photos.map((p) => p.data) });
}

/**
 * Files a defect report: validates everything (throws validation_failed with i18n keys per field; nothing is
 * stored then), resolves the location to coordinates + nearest address + district, re-encodes photos, hands out
 * the reference and the status token, routes it (suggestion, or forwarded at once by an automatic rule), and
 * writes report, photos, events, notification job and idempotency record in ONE transaction. With an
 * idempotencyKey a replay returns the first answer; the same key with another request throws conflict.
 */
export async function submitReport(
  deps: Deps,
  municipalityId: string,
  input: NewReportInput,
  options: { idempotencyKey?: string } = {},
): Promise<SubmittedReport> {
  const key = options.idempotencyKey;
  const hash = key ? submissionHash(input) : '';
  if (key) {
    // A replay answers from the record without redoing photos and lookups (the transaction below re-checks).
    const stored = await selectIdempotentRequest(deps.db, idempotencyScope(municipalityId), key);
    const fresh = stored && stored.created_at.getTime() > deps.now().getTime() - idempotencyTtlMs;
    if (fresh && stored.response !== null && stored.request_hash === hash) return stored.response as SubmittedReport;
  }
  const prepared = await prepare(deps, municipalityId, input);
  const now = deps.now();
  // The `created` event forgets the cached public answers once this commits (other processes: their cache time).
  return deps.db.transaction(async (tx) => {
    const run = () => store(tx, deps, municipalityId, input, prepared, now);
    return key ? withIdempotency(tx, idempotencyScope(municipalityId), key, hash, run, now) : run();
  });
}
