import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import type { Language } from '../i18n.js';
import { createLogger } from '../log.js';

/** One mail to one recipient: plain text always, HTML as its alternative when given. */
export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
  /** The recipient's language, sent as Content-Language. */
  language?: Language;
  /** Where answers go instead of the sender (e.g. a citizen's address on a mail to staff). */
  replyTo?: string;
  /** What kind of mail this is (e.g. `reports.status`), for the log line; never personal data. */
  kind?: string;
  /** An https URL that stops such mails on a POST (RFC 8058): sent as List-Unsubscribe with one-click. */
  unsubscribeUrl?: string;
}

export interface SentMail {
  messageId: string;
  /** Without SMTP: the .eml file the mail was written to. */
  file?: string;
}

export interface Mailer {
  readonly transport: 'smtp' | 'file';
  send(message: MailMessage): Promise<SentMail>;
  close(): void;
}

type MailConfig = Pick<Config, 'mail' | 'dataDir' | 'municipality' | 'logLevel'>;

/** The configured sender; a bare address gets the municipality's name as display name. */
export function senderOf(config: MailConfig): { name: string; address: string } | string {
  const from = config.mail.from.trim();
  if (from.includes('<')) return from;
  return { name: config.municipality.name, address: from };
}

const smtpTimeouts = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 };

/**
 * A mailer for the configuration: SMTP, or .eml files in DATA_DIR/mail (development, demo, or production with
 * MAIL_TRANSPORT=file chosen deliberately; the `mail.delete-old-files` job deletes them after the retention period). Sending throws when the SMTP server is unreachable or refuses, so a job fails and is retried.
 * Logs one line per mail without addresses or content.
 */
export function createMailer(config: MailConfig, log: Logger = createLogger(config)): Mailer {
  const from = senderOf(config);
  const headers = (m: MailMessage) => ({
    // RFC 3834: an automatic notification; out-of-office replies should not answer it.
    'Auto-Submitted': 'auto-generated',
    ...(m.language ? { 'Content-Language': m.language } : {}),
    ...(m.unsubscribeUrl
      ? { 'List-Unsubscribe': `<${m.unsubscribeUrl}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' }
      : {}),
  });
  const options = (m: MailMessage) => ({
    from,
    to: m.to,
    subject: m.subject,
    text: m.text,
    ...(m.html ? { html: m.html } : {}),
    ...(m.replyTo ? { replyTo: m.replyTo } : {}),
    headers: headers(m),
  });

  const smtpUrl = config.mail.smtpUrl;
  if (config.mail.transport === 'smtp' && smtpUrl) {
    const transporter = nodemailer.createTransport({ url: smtpUrl, ...smtpTimeouts });
    return {
      transport: 'smtp',
      async send(m) {
        const info = await transporter.sendMail(options(m));
        log.info({ mail: m.kind, messageId: info.messageId }, 'mail sent');
        return { messageId: info.messageId };
      },
      close: () => transporter.close(),
    };
  }

  const dir = join(config.dataDir, 'mail');
  const transporter = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return {
    transport: 'file',
    async send(m) {
      const info = await transporter.sendMail(options(m));
      await mkdir(dir, { recursive: true, mode: 0o700 });
      const stamp = new Date().toISOString().replaceAll(':', '-');
      const file = join(dir, `${stamp}-${randomBytes(4).toString('hex')}.eml`);
      await writeFile(file, info.message as Buffer, { mode: 0o600 });
      log.info({ mail: m.kind, messageId: info.messageId, file }, 'mail written to file (MAIL_TRANSPORT=file)');
      return { messageId: info.messageId, file };
    },
    close: () => transporter.close(),
  };
}

// One mailer per configuration object, so features reach it through deps without another dependency.
const mailers = new WeakMap<object, Mailer>();

/** The mailer of a configuration, created on first use. */
export function mailerFor(config: MailConfig): Mailer {
  let mailer = mailers.get(config);
  if (!mailer) {
    mailer = createMailer(config);
    mailers.set(config, mailer);
  }
  return mailer;
}

/** Sends one mail with the mailer of `deps.config` (or the mailer given); throws when it cannot be delivered. */
export function sendMail(target: { config: MailConfig } | Mailer, message: MailMessage): Promise<SentMail> {
  const mailer = 'send' in target ? target : mailerFor(target.config);
  return mailer.send(message);
}
