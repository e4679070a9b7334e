import type { Deps } from '../../../platform/deps.js';
import { AppError, type FieldErrors, notFound } from '../../../platform/errors.js';
import { insertFixedAnswer, selectFixedAnswer } from '../core/fixed-answers-queries.js';
import { fixedQuestionOpen, reporterActor } from '../core/policy.js';
import { lockReport } from '../core/reports-queries.js';
import { changeStatus, runWorkflow, scopeOf } from '../core/workflow-run.js';
import { findReportByStatusToken } from './reporter-view.js';
import { cleanText } from './validation.js';

/** Longest comment with a "no" (it becomes the internal note the BSC reads). */
export const maxFixedComment = 2000;

export interface FixedInput {
  /** 'yes' (fixed) or 'no' (not fixed: reopen). */
  answer?: string;
  /** Required with 'no': what is still wrong. */
  comment?: string;
}

const key = (name: string) => `reports-mine.fixed.errors.${name}`;

/** The question is gone (answered, past 28 days, reopened meanwhile): a message beside the form. */
const gone = () => new AppError('conflict', 'The question is no longer open', { answer: key('gone') });

/**
 * "Ist es behoben?" answered through the status link. Yes records the answer. No (with a comment) runs the
 * workflow's `notFixed` action as the reporter: the report goes back to the BSC's inbox (status received, no
 * department or external body), the comment is the event's internal note, and the answer is recorded as reopened.
 * One answer per closing, within 28 days of closing as done. Throws not_found (token), validation_failed (answer,
 * comment), conflict (the question is not open).
 */
export async function answerFixed(deps: Deps, token: string, input: FixedInput): Promise<'fixed' | 'reopened'> {
  const report = await findReportByStatusToken(deps, token);
  if (!report) throw notFound('Report');
  if (!report.fixedQuestion.open) throw gone();
  const errors: FieldErrors = {};
  const answer = input.answer === 'yes' || input.answer === 'no' ? input.answer : undefined;
  const comment = cleanText(input.comment);
  if (!answer) errors.answer = key('answer');
  else if (answer === 'no' && !comment) errors.comment = key('comment');
  if (comment.length > maxFixedComment) errors.comment = key('tooLong');
  if (Object.keys(errors).length > 0) throw new AppError('validation_failed', 'The answer is not complete', errors);

  const municipalityId = deps.config.municipality.id;
  if (answer === 'yes') {
    await deps.db.transaction(async (tx) => {
      const locked = await lockReport(tx, municipalityId, { id: report.id });
      if (!locked) throw notFound('Report');
      const closedAt = locked.closed_at;
      const answered = closedAt ? (await selectFixedAnswer(tx, locked.id, closedAt)) !== undefined : false;
      if (!closedAt || !fixedQuestionOpen({ ...scopeOf(locked), closedAt }, answered, deps.now())) throw gone();
      await insertFixedAnswer(tx, {
        municipalityId,
        reportId: locked.id,
        closedAt,
        fixed: true,
        reopened: false,
        at: deps.now(),
      });
    });
    return 'fixed';
  }

  await runWorkflow(deps, reporterActor, report.id, 'notFixed', async (step) => {
    const closedAt = step.report.closed_at;
    const answered = closedAt ? (await selectFixedAnswer(step.tx, step.report.id, closedAt)) !== undefined : false;
    if (!closedAt || !fixedQuestionOpen({ ...scopeOf(step.report), closedAt }, answered, step.now)) throw gone();
    await insertFixedAnswer(step.tx, {
      municipalityId,
      reportId: step.report.id,
      closedAt,
      fixed: false,
      reopened: true,
      at: step.now,
    });
    return changeStatus(
      step,
      'notFixed',
      { kind: 'not_fixed', public: true, internalNote: comment },
      { departmentId: null, externalBodyId: null },
    );
  });
  return 'reopened';
}
