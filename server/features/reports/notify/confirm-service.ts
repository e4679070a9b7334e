import type { Deps } from '../../../platform/deps.js';
import { type Language, supportedLanguages } from '../../../platform/i18n.js';
import { type CitizenMailOutcome, sendCitizenMail } from '../../../platform/mail/index.js';
import {
  type ConfirmationTarget,
  claimConfirmationMail,
  emailConfirmationPath,
  emailConfirmationToken,
  findConfirmationTarget,
} from '../core/email-confirmation.js';
import { publicLink } from '../core/subscriptions.js';
import { confirmationMail } from './views/confirm-mail.js';

/**
 * Sends the double opt-in mail of a reporter's or supporter's address, at most once (claimed before sending,
 * given back when the mail server cannot be reached, so the job's retry sends it). 'skipped' when the address is
 * gone, confirmed already, or its mail was sent before.
 */
export async function sendEmailConfirmation(
  deps: Deps,
  target: ConfirmationTarget,
): Promise<CitizenMailOutcome | 'skipped'> {
  const row = await findConfirmationTarget(deps.db, target);
  if (!row || row.confirmed || !(await claimConfirmationMail(deps.db, target, deps.now()))) return 'skipped';
  const lang = ((supportedLanguages as readonly string[]).includes(row.language) ? row.language : 'de') as Language;
  const token = emailConfirmationToken(deps.config.sessionSecret, target, row.email);
  const mail = confirmationMail({
    lang,
    municipality: deps.config.municipality,
    reference: row.reference,
    link: publicLink(deps.config, emailConfirmationPath(token)),
  });
  try {
    return await sendCitizenMail(deps, {
      ...mail,
      to: row.email,
      language: lang,
      kind: `reports.confirm-${target.kind}`,
    });
  } catch (err) {
    await claimConfirmationMail(deps.db, target, null);
    throw err;
  }
}
