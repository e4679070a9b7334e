export { type CitizenMailOutcome, sendCitizenMail } from './citizen.js';
export { renderMailHtml } from './layout.js';
export type { Mailer, MailMessage, SentMail } from './mailer.js';
export { createMailer, mailerFor, senderOf, sendMail } from './mailer.js';
export { deleteOldRecipientCounts, giveBackRecipientQuota, takeRecipientQuota } from './quota.js';
