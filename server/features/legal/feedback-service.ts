import type { Deps } from '../../platform/deps.js';
import { AppError, type FieldErrors } from '../../platform/errors.js';
import { i18nFor, type Language } from '../../platform/i18n.js';
import { sendMail } from '../../platform/mail/index.js';
import {
  countPurgeableFeedback,
  deletePurgeableFeedback,
  insertFeedback,
  markFeedbackSent,
  selectFeedback,
} from './feedback-queries.js';

/** Job names: the mail to the feedback address, and the daily deletion. */
export const sendFeedbackJob = 'legal.send-accessibility-feedback';
export const purgeFeedbackJob = 'legal.purge-accessibility-feedback';

/** Feedback is deleted this long after it was mailed (the consent text says "6 months at the latest"). */
export const feedbackRetentionDays = 180;

export const feedbackLimits = { page: 500, message: 4000, name: 200, email: 254 } as const;

/** What the form sends, as raw strings. */
export interface FeedbackInput {
  page: string;
  message: string;
  name: string;
  email: string;
  consent: boolean;
  /** The honeypot: people leave it empty. */
  website: string;
  language: Language;
}

const emailPattern = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:".]+(\.[^\s@<>()[\]\\,;:".]+)+$/u;
const key = (name: string) => `legal.feedback.errors.${name}`;
/** Control characters except tab and line breaks are removed (they only hide things in a mail). */
const clean = (s: string) => s.replace(/[^\P{Cc}\t\n\r]/gu, '').trim();

/** Checks the form; throws validation_failed with i18n keys per field (`website` for spam). */
export function validateFeedback(input: FeedbackInput): {
  page: string | null;
  message: string;
  name: string | null;
  email: string | null;
} {
  if (input.website.trim()) {
    throw new AppError('validation_failed', 'The feedback was recognised as spam', { website: key('spam') });
  }
  const page = clean(input.page);
  const message = clean(input.message);
  const name = clean(input.name).replace(/\s+/g, ' ');
  const email = clean(input.email);
  const errors: FieldErrors = {};
  if (page.length > feedbackLimits.page) errors.page = key('pageTooLong');
  if (!message) errors.message = key('messageRequired');
  else if (message.length > feedbackLimits.message) errors.message = key('messageTooLong');
  if (name.length > feedbackLimits.name) errors.name = key('nameTooLong');
  if (email && (email.length > feedbackLimits.email || !emailPattern.test(email))) errors.email = key('emailInvalid');
  if (email && !input.consent) errors.consent = key('consentRequired');
  if (Object.keys(errors).length > 0) throw new AppError('validation_failed', 'The feedback is incomplete', errors);
  return { page: page || null, message, name: name || null, email: email || null };
}

/** Stores the feedback and enqueues its mail in one transaction: nothing is confirmed that is not durable. */
export async function submitFeedback(deps: Deps, input: FeedbackInput): Promise<number> {
  const valid = validateFeedback(input);
  return deps.db.transaction(async (tx) => {
    const id = await insertFeedback(tx, {
      municipalityId: deps.config.municipality.id,
      ...valid,
      language: input.language,
      createdAt: deps.now(),
    });
    await deps.jobs.enqueue(sendFeedbackJob, { id }, { tx });
    return id;
  });
}

/**
 * Mails one feedback to the municipality's feedback address (German: the staff's language), answers going to the
 * citizen when they gave an address; then marks it sent. A feedback already sent or deleted is not mailed again.
 */
export async function sendFeedback(deps: Deps, id: number): Promise<{ sent: number; alreadySent: number }> {
  const feedback = await selectFeedback(deps.db, id);
  if (!feedback || feedback.sentAt) return { sent: 0, alreadySent: 1 };
  const { t, dateTime } = i18nFor('de', deps.config.municipality.timeZone);
  const none = t('legal.feedback.mail.none');
  const text = [
    t('legal.feedback.mail.intro', { url: `${deps.config.publicUrl}/barrierefreiheit/rueckmeldung` }),
    '',
    `${t('legal.feedback.mail.received')}: ${dateTime(feedback.createdAt)}`,
    `${t('legal.feedback.mail.page')}: ${feedback.page ?? none}`,
    `${t('legal.feedback.mail.name')}: ${feedback.name ?? none}`,
    `${t('legal.feedback.mail.email')}: ${feedback.email ?? none}`,
    `${t('legal.feedback.mail.language')}: ${feedback.language}`,
    '',
    `${t('legal.feedback.mail.message')}:`,
    feedback.message,
    '',
    feedback.email ? t('legal.feedback.mail.answerByReply') : t('legal.feedback.mail.noAnswer'),
    t('legal.feedback.mail.deadline', {
      min: deps.config.municipality.accessibility.responseWeeks.min,
      max: deps.config.municipality.accessibility.responseWeeks.max,
      days: feedbackRetentionDays,
    }),
  ].join('\n');
  await sendMail(deps, {
    to: deps.config.municipality.accessibility.feedbackEmail,
    subject: t('legal.feedback.mail.subject', { id }),
    text,
    language: 'de',
    kind: 'legal.accessibility-feedback',
    ...(feedback.email ? { replyTo: feedback.email } : {}),
  });
  const marked = await markFeedbackSent(deps.db, id, deps.now());
  return marked ? { sent: 1, alreadySent: 0 } : { sent: 0, alreadySent: 1 };
}

/** Deletes (or, dry, counts) this municipality's feedback mailed more than the retention period ago. */
export async function purgeFeedback(deps: Deps, options: { dryRun: boolean }): Promise<{ deleted: number }> {
  const before = new Date(deps.now().getTime() - feedbackRetentionDays * 86_400_000);
  const municipalityId = deps.config.municipality.id;
  const deleted = options.dryRun
    ? await countPurgeableFeedback(deps.db, municipalityId, before)
    : await deletePurgeableFeedback(deps.db, municipalityId, before);
  return { deleted };
}
