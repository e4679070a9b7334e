import type { Deps } from '../../../platform/deps.js';
import { AppError, type FieldErrors } from '../../../platform/errors.js';
import { enqueueEmailConfirmation } from '../core/email-confirmation.js';
import { appendEvent } from '../core/events.js';
import { addSupporterCount } from '../core/reports-queries.js';
import { isOpenStatus } from '../core/statuses.js';
import { followsReport, insertSupporters } from '../core/supporters-queries.js';
import { checkAltcha, markAltchaUsed } from './altcha.js';
import { selectReportForSupport } from './queries.js';
import { cleanLine, errorKey, isEmail } from './validation.js';

export interface SupporterInput {
  email?: string;
  notifyEmail: boolean;
  language: 'de' | 'en';
  /** ALTCHA payload; optional (pages without JavaScript), but checked and used up when given. */
  proofOfWork?: string;
}

export interface SupportResult {
  supporterCount: number;
  /** The address supports (or reported) this report already: nothing was added, no mail will follow twice. */
  alreadySupporting: boolean;
  /** Updates were asked for without a proof of work: a confirmation mail goes out first (double opt-in). */
  confirmationMailed: boolean;
}

/**
 * "Das ist auch mein Anliegen": adds a supporter to an open report (supporter row, count + 1, an internal
 * 'supporter' event) in one transaction. One supporter per address (lower-case, trimmed) and report: an address
 * that follows the report already changes nothing (alreadySupporting). Throws not_found (unknown, hidden or
 * abusive report), conflict (closed or merged), validation_failed (email, altcha).
 */
export async function addSupporter(
  deps: Deps,
  municipalityId: string,
  reference: string,
  input: SupporterInput,
): Promise<SupportResult> {
  const errors: FieldErrors = {};
  const email = cleanLine(input.email) || null;
  if (email && !isEmail(email)) errors.email = errorKey('email_invalid');
  let signature: string | null = null;
  const pow = input.proofOfWork?.trim();
  if (pow) {
    const check = await checkAltcha(deps, pow);
    if (check.ok) signature = check.signature;
    else errors.altcha = errorKey(check.reason === 'expired' ? 'altcha_expired' : 'altcha_invalid');
  }
  if (Object.keys(errors).length > 0) throw new AppError('validation_failed', 'The request has invalid fields', errors);
  const now = deps.now();
  return deps.db.transaction(async (tx) => {
    const report = await selectReportForSupport(tx, municipalityId, reference);
    if (!report || report.hidden || report.abusive) throw new AppError('not_found', 'Report not found');
    if (report.merged_into_id !== null || !isOpenStatus(report.status)) {
      throw new AppError('conflict', 'This report is closed and takes no supporters', {
        report: errorKey('report_closed'),
      });
    }
    if (signature && !(await markAltchaUsed(tx, signature, now))) {
      throw new AppError('validation_failed', 'The request has invalid fields', { altcha: errorKey('altcha_used') });
    }
    const already = { supporterCount: report.supporter_count, alreadySupporting: true, confirmationMailed: false };
    if (email && (await followsReport(tx, report.id, email))) return already;
    const added = await insertSupporters(tx, [
      {
        municipalityId,
        reportId: report.id,
        email,
        notifyEmail: input.notifyEmail && email !== null,
        language: input.language,
        at: now,
        // Double opt-in: only a proof of work vouches for the address.
        emailConfirmedAt: email && signature ? now : null,
      },
    ]);
    // A concurrent request with the same address won the race.
    if (added.length === 0) return already;
    const supporterCount = await addSupporterCount(tx, report.id, 1, now);
    await appendEvent(tx, { municipalityId, reportId: report.id, kind: 'supporter', public: false, at: now });
    const wantsMail = input.notifyEmail && email !== null;
    if (wantsMail && !signature)
      await enqueueEmailConfirmation(deps, tx, { kind: 'supporter', id: added[0] as number });
    return { supporterCount, alreadySupporting: false, confirmationMailed: wantsMail && !signature };
  });
}
