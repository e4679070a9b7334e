import type { Queryable } from '../../../platform/db.js';
import type { Deps } from '../../../platform/deps.js';
import { getAddress } from '../../addresses/service.js';
import { appendEvent } from '../core/events.js';
import { clearInternalNotes } from '../core/events-queries.js';
import { deleteIdempotentAnswersOf } from '../core/idempotency-queries.js';
import { findLandmark, landmarkKey } from '../core/landmarks.js';
import { unlessNotFound } from '../core/not-found.js';
import { deleteNotificationsOf } from '../core/notifications-queries.js';
import { deleteUnapprovedPhotos } from '../core/photos-queries.js';
import { deleteFollowsOf } from '../core/push-follows-queries.js';
import { updateReportAnonymised } from '../core/reports-queries.js';
import { clearSupporterEmails } from '../core/supporters-queries.js';
import { streetLevel } from '../core/visibility.js';
import {
  countDue,
  type DueCounts,
  type DueReportRow,
  lockDueReport,
  type RetentionWindow,
  selectDueReportIds,
} from './queries.js';

/*
 * What anonymising a report removes, and what stays (the anonymous remainder the figures are computed from):
 * - removed: reporter name, e-mail, phone and the updates flag; the status-link nonce and hash (the link dies);
 *   photos not approved for the public (pending, hidden); supporters' e-mail addresses, flags and unsubscribe-link
 *   nonces and hashes (the rows stay, they are the supporter count); the text of internal notes (the events
 *   stay); free-text answers (datatype string/text, e.g. a licence plate); stored idempotent answers and sent-mail records of the report; its push follows (the
 *   subscriptions stay for other uses, the link to this report goes).
 * - description flagged personal by staff: replaced by '' (the column is NOT NULL); the public text goes too when
 *   it is the unmoderated original, and stays when staff wrote a moderated version for publication.
 * - location: coordinates rounded to 3 decimals (~100 m); the address reference dropped and the label cut to the
 *   street (no house number, which could point at a home); a landmark kept only when it is exactly a named
 *   public place of the landmarks table (other text could describe a home).
 * - stays: category, district, status, dates (created, due, closed), source, language, approved photos, public
 *   notes, supporter count, merge links, flags. An `anonymised` event (not public) records when it happened.
 */

/** Reports handled per batch: each is its own short transaction, the batch bounds one id query. */
export const retentionBatchSize = 500;
/** At most this many batches per run, so one nightly run stays bounded; the next night continues. */
const maxBatches = 200;
/** Coordinates keep three decimals: about 110 m north–south, 70 m east–west here. */
const coordinateDecimals = 3;
/** Free-text answers can name people or licence plates; list, number and date answers cannot. */
const freeTextDatatypes = new Set(['string', 'text']);

export interface RetentionResult extends DueCounts {
  /** Reports found due but skipped: locked by another sweep, or no longer due when re-checked. */
  skipped: number;
  dryRun?: boolean;
}

const round = (v: number) => Number(v.toFixed(coordinateDecimals));

/** What stays of a report: category, district, rounded location, street, dates, status (see docs in the issue). */
async function remainderOf(tx: Queryable, municipalityId: string, r: DueReportRow, at: Date) {
  let street = streetLevel(r.address_label);
  if (r.address_id !== null) {
    street = (await unlessNotFound(getAddress(tx, municipalityId, r.address_id)))?.street ?? street;
  }
  // A landmark stays only when it is exactly a named public place; other free text could describe a home.
  const place = r.landmark ? await findLandmark(tx, municipalityId, r.landmark) : undefined;
  const landmark = place && landmarkKey(place.name) === landmarkKey(r.landmark ?? '') ? place.name : null;
  const freeText = new Set((r.questions ?? []).filter((q) => freeTextDatatypes.has(q.datatype)).map((q) => q.code));
  const answers = Object.fromEntries(Object.entries(r.answers ?? {}).filter(([code]) => !freeText.has(code)));
  // A text staff flagged as personal goes; a public text they moderated (differs from the original) stays,
  // as it was written to be published.
  const description = r.description_personal ? '' : r.description;
  const publicDescription =
    r.description_personal && r.public_description === r.description ? null : r.public_description;
  return {
    description,
    publicDescription,
    answers,
    lat: round(r.lat),
    lon: round(r.lon),
    addressLabel: street,
    landmark,
    at,
  };
}

/** Anonymises one report if it is still due and free; returns what was removed, or undefined when skipped. */
async function anonymiseOne(deps: Deps, w: RetentionWindow, id: number) {
  return deps.db.transaction(async (tx) => {
    const r = await lockDueReport(tx, w, id);
    if (!r) return undefined;
    await updateReportAnonymised(tx, id, await remainderOf(tx, w.municipalityId, r, w.now));
    const photos = await deleteUnapprovedPhotos(tx, id);
    const supporterEmails = await clearSupporterEmails(tx, id);
    const internalNotes = await clearInternalNotes(tx, id);
    await deleteIdempotentAnswersOf(tx, r.reference);
    await deleteNotificationsOf(tx, id);
    await deleteFollowsOf(tx, id);
    await appendEvent(tx, {
      municipalityId: w.municipalityId,
      reportId: id,
      kind: 'anonymised',
      public: false,
      actorId: null,
      at: w.now,
    });
    return { photos, supporterEmails, internalNotes, personalDescription: r.description_personal };
  });
}

/**
 * The retention sweep: deletes the personal data of every report closed longer ago than its category's retention
 * period, or made longer ago than `reports.retentionMaxDays`, in batches; each report is re-checked and locked
 * in its own transaction first. A dry run only counts. Reports are never deleted, so figures stay exact.
 */
export async function anonymiseDueReports(deps: Deps, options: { dryRun: boolean }): Promise<RetentionResult> {
  const w: RetentionWindow = {
    municipalityId: deps.config.municipality.id,
    now: deps.now(),
    maxDays: deps.config.reports.retentionMaxDays,
  };
  if (options.dryRun) return { ...(await countDue(deps.db, w)), skipped: 0, dryRun: true };

  const result: RetentionResult = {
    reports: 0,
    photos: 0,
    supporterEmails: 0,
    internalNotes: 0,
    personalDescriptions: 0,
    skipped: 0,
  };
  let afterId = 0;
  for (let batch = 0; batch < maxBatches; batch++) {
    const ids = await selectDueReportIds(deps.db, w, afterId, retentionBatchSize);
    for (const id of ids) {
      const done = await anonymiseOne(deps, w, id);
      if (!done) {
        result.skipped++;
        continue;
      }
      result.reports++;
      result.photos += done.photos;
      result.supporterEmails += done.supporterEmails;
      result.internalNotes += done.internalNotes;
      if (done.personalDescription) result.personalDescriptions++;
    }
    if (ids.length < retentionBatchSize) break;
    afterId = ids[ids.length - 1] as number;
  }
  return result;
}
