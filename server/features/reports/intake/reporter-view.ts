import type { Deps } from '../../../platform/deps.js';
import { getCategoryById } from '../core/categories.js';
import { selectPublicEvents } from '../core/events-queries.js';
import { selectLatestFixedAnswer } from '../core/fixed-answers-queries.js';
import { selectPhotoData, selectPhotos, selectPhotoThumbnail } from '../core/photos-queries.js';
import { fixedQuestionEnds, fixedQuestionOpen } from '../core/policy.js';
import { hashStatusToken, looksLikeStatusToken } from '../core/status-token.js';
import { selectReportByTokenHash } from './queries.js';

/** What the status link shows the reporter: their own report, public history, never other people's data. */
export interface ReportForReporter {
  id: number;
  reference: string;
  status: string;
  category: { code: string; name: { de: string; en: string } };
  /** Their own text as sent. */
  description: string;
  /** The moderated public text, null while not approved. */
  publicDescription: string | null;
  answers: Record<string, unknown>;
  location: {
    lat: number;
    lon: number;
    /** Nearest address, else the landmark text. */
    label: string | null;
    addressLabel: string | null;
    landmark: string | null;
    district: string | null;
  };
  createdAt: Date;
  updatedAt: Date;
  dueAt: Date | null;
  closedAt: Date | null;
  events: {
    id: number;
    kind: string;
    statusFrom: string | null;
    statusTo: string | null;
    note: string | null;
    at: Date;
  }[];
  photoCount: number;
  /** Every photo the reporter sent (approved or not), served only through the status link. */
  photos: { id: number; width: number; height: number }[];
  /** Who handles it now: the department, or the body outside the administration it was handed to. */
  handler: { kind: 'department' | 'external'; name: string } | null;
  /** "Ist es behoben?": open (ask now, until endsAt), and the answer given to the latest closing. */
  fixedQuestion: {
    open: boolean;
    endsAt: Date | null;
    answer: { fixed: boolean; reopened: boolean; at: Date } | null;
  };
  supporterCount: number;
  /** Reference of the report this one was merged into. */
  mergedInto: string | null;
  notifyEmail: boolean;
  language: string;
}

/**
 * The report a status-link token belongs to (compared by SHA-256), with the public events and public notes.
 * undefined for malformed, forged or unknown tokens and for anonymised reports (their token is deleted).
 */
export async function findReportByStatusToken(deps: Deps, token: string): Promise<ReportForReporter | undefined> {
  if (!looksLikeStatusToken(token)) return undefined;
  const row = await selectReportByTokenHash(deps.db, hashStatusToken(token));
  if (!row) return undefined;
  const [category, events, photos, answer] = await Promise.all([
    getCategoryById(deps.db, row.municipality_id, Number(row.category_id)),
    selectPublicEvents(deps.db, row.id),
    selectPhotos(deps.db, row.id),
    selectLatestFixedAnswer(deps.db, row.id),
  ]);
  const closing = row.closed_at;
  const answeredNow = !!answer && !!closing && answer.closed_at.getTime() === closing.getTime();
  const scope = {
    status: row.status,
    closedAt: closing,
    mergedIntoId: row.merged_into_id === null ? null : Number(row.merged_into_id),
  };
  return {
    id: row.id,
    reference: row.reference,
    status: row.status,
    category: { code: category.code, name: category.name },
    description: row.description,
    publicDescription: row.public_description,
    answers: row.answers,
    location: {
      lat: row.lat,
      lon: row.lon,
      label: row.address_label ?? row.landmark,
      addressLabel: row.address_label,
      landmark: row.landmark,
      district: row.district_name,
    },
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    dueAt: row.due_at,
    closedAt: row.closed_at,
    events: events.map((e) => ({
      id: e.id,
      kind: e.kind,
      statusFrom: e.status_from,
      statusTo: e.status_to,
      note: e.public_note,
      at: e.created_at,
    })),
    photoCount: row.photo_count,
    photos: photos.map((p) => ({ id: Number(p.id), width: p.width, height: p.height })),
    handler: row.external_body_name
      ? { kind: 'external', name: row.external_body_name }
      : row.department_name
        ? { kind: 'department', name: row.department_name }
        : null,
    fixedQuestion: {
      open: fixedQuestionOpen(scope, answeredNow, deps.now()),
      endsAt: closing && row.status === 'done' ? fixedQuestionEnds(closing) : null,
      answer: answer ? { fixed: answer.fixed, reopened: answer.reopened, at: answer.answered_at } : null,
    },
    supporterCount: row.supporter_count,
    mergedInto: row.merged_reference,
    notifyEmail: row.notify_email,
    language: row.language,
  };
}

/** One photo of the report a status token belongs to (any review state: the reporter sent it), or undefined. */
export async function findReporterPhoto(
  deps: Deps,
  token: string,
  photoId: number,
  size: 'full' | 'thumbnail' = 'full',
): Promise<{ contentType: string; data: Buffer } | undefined> {
  if (!looksLikeStatusToken(token)) return undefined;
  const row = await selectReportByTokenHash(deps.db, hashStatusToken(token));
  if (!row) return undefined;
  const photo = await (size === 'full' ? selectPhotoData : selectPhotoThumbnail)(deps.db, row.id, photoId);
  return photo && { contentType: photo.content_type, data: photo.data };
}
