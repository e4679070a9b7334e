import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { simpleParser } from 'mailparser';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEnv } from '../../test/env.js';
import { addressText, closedPort, type SmtpStub, startSmtp } from '../../test/smtp.js';
import { loadConfig } from '../config.js';
import { createMailer, mailerFor, renderMailHtml, senderOf, sendMail } from './index.js';

function captureLog() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { log: pino({ level: 'info' }, stream), lines };
}

const message = {
  to: 'Bürgerin@example.org',
  subject: 'Ihre Meldung BI-2026-000123: erledigt ✓',
  text: 'Guten Tag,\n\nIhre Meldung wurde erledigt.\n',
  html: renderMailHtml({ lang: 'de' as const, title: 'Erledigt', footer: 'Automatisch', children: 'Erledigt' }),
  language: 'de' as const,
  kind: 'test.mail',
};

let smtp: SmtpStub;
beforeAll(async () => {
  smtp = await startSmtp();
});
afterAll(() => smtp.close());

describe('SMTP transport', () => {
  it('delivers a multipart text + HTML mail with the municipality as sender name and no address in the log', async () => {
    const config = loadConfig(testEnv({ SMTP_URL: smtp.url, MAIL_FROM: 'noreply@bielefeld.example' }));
    const { log, lines } = captureLog();
    const mailer = createMailer(config, log);
    expect(mailer.transport).toBe('smtp');
    const sent = await mailer.send(message);
    const mail = await smtp.waitFor((m) => m.parsed.messageId === sent.messageId);
    expect(mail.to).toEqual(['Bürgerin@example.org']);
    expect(mail.from).toBe('noreply@bielefeld.example');
    expect(addressText(mail.parsed.from)).toBe(`"${config.municipality.name}" <noreply@bielefeld.example>`);
    expect(mail.subject).toBe(message.subject);
    expect(mail.text.trim()).toBe(message.text.trim());
    expect(mail.html).toContain('<html lang="de">');
    expect(mail.raw).toMatch(/Content-Type: multipart\/alternative/i);
    expect(mail.parsed.headers.get('content-language')).toBe('de');
    expect(mail.parsed.headers.get('auto-submitted')).toBe('auto-generated');
    const logged = lines.join('');
    expect(logged).toContain('"mail":"test.mail"');
    expect(logged).not.toMatch(/example\.org|B%C3%BCrgerin|Bürgerin|erledigt/i);
    mailer.close();
  });

  it('keeps a configured display name', () => {
    const config = loadConfig(testEnv({ MAIL_FROM: 'Stadt Bielefeld <noreply@bielefeld.example>' }));
    expect(senderOf(config)).toBe('Stadt Bielefeld <noreply@bielefeld.example>');
  });

  it('fails when the SMTP server is down, so the caller can retry', async () => {
    const config = loadConfig(testEnv({ SMTP_URL: `smtp://127.0.0.1:${await closedPort()}` }));
    await expect(sendMail({ config }, message)).rejects.toThrow(/ECONNREFUSED|connect/i);
  });

  it('reuses one mailer per configuration', () => {
    const config = loadConfig(testEnv({ SMTP_URL: smtp.url }));
    expect(mailerFor(config)).toBe(mailerFor(config));
    expect(mailerFor(loadConfig(testEnv({ SMTP_URL: smtp.url })))).not.toBe(mailerFor(config));
  });
});

describe('without SMTP', () => {
  it('writes the mail as an .eml file below DATA_DIR/mail and logs the file, not the address', async () => {
    const config = loadConfig(testEnv());
    const { log, lines } = captureLog();
    const mailer = createMailer(config, log);
    expect(mailer.transport).toBe('file');
    const sent = await mailer.send({ ...message, language: 'en' });
    const files = readdirSync(join(config.dataDir, 'mail'));
    expect(files).toHaveLength(1);
    expect(sent.file).toBe(join(config.dataDir, 'mail', files[0] as string));
    const parsed = await simpleParser(readFileSync(sent.file as string));
    expect(parsed.subject).toBe(message.subject);
    expect(addressText(parsed.to)).toContain('Bürgerin@example.org');
    expect(parsed.headers.get('content-language')).toBe('en');
    expect(typeof parsed.html).toBe('string');
    expect(lines.join('')).toContain(files[0]);
    expect(lines.join('')).not.toContain('example.org');
  });
});
