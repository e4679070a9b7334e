import type { AddressObject, ParsedMail } from 'mailparser';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** One mail the stand-in server accepted, parsed. */
export interface ReceivedMail {
  /** The envelope recipients (RCPT TO). */
  to: string[];
  /** The envelope sender (MAIL FROM). */
  from: string;
  subject: string;
  text: string;
  html: string;
  /** The full parsed message (headers, From/To display names, …). */
  parsed: ParsedMail;
  raw: string;
}

export interface SmtpStub {
  /** smtp://127.0.0.1:<port> for SMTP_URL. */
  url: string;
  port: number;
  /** Every accepted mail in arrival order. */
  messages: ReceivedMail[];
  /** Resolves with the first mail (present or arriving) that matches; rejects after timeoutMs. */
  waitFor(predicate: (m: ReceivedMail) => boolean, timeoutMs?: number): Promise<ReceivedMail>;
  close(): Promise<void>;
}

/** The display text of an address header, e.g. `"Bielefeld" <noreply@…>`. */
export function addressText(a: AddressObject | AddressObject[] | undefined): string {
  if (!a) return '';
  return (Array.isArray(a) ? a : [a]).map((x) => x.text).join(', ');
}

/**
 * A real SMTP server in this process on a loopback port (random unless given): no TLS, no auth. Recipients for
 * which `reject` answers true are refused with 550, as a real server refuses an unknown mailbox.
 */
export async function startSmtp(options: { port?: number; reject?: (address: string) => boolean } = {}) {
  const messages: ReceivedMail[] = [];
  const waiters = new Set<() => void>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (options.reject?.(address.address)) {
        const err = Object.assign(new Error('Mailbox unavailable'), { responseCode: 550 });
        return callback(err);
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        simpleParser(raw)
          .then((parsed) => {
            messages.push({
              to: session.envelope.rcptTo.map((r) => r.address),
              from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
              subject: parsed.subject ?? '',
              text: parsed.text ?? '',
              html: typeof parsed.html === 'string' ? parsed.html : '',
              parsed,
              raw,
            });
            for (const wake of waiters) wake();
            callback();
          })
          .catch((err: Error) => callback(err));
      });
    },
  });
  const port = await new Promise<number>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      const address = server.server.address();
      resolve(typeof address === 'object' && address ? address.port : 0);
    });
  });

  const stub: SmtpStub = {
    url: `smtp://127.0.0.1:${port}`,
    port,
    messages,
    waitFor(predicate, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = messages.find(predicate);
          if (!found) return false;
          clearTimeout(timer);
          waiters.delete(wake);
          resolve(found);
          return true;
        };
        const wake = () => void check();
        const timer = setTimeout(() => {
          waiters.delete(wake);
          reject(new Error(`no matching mail within ${timeoutMs} ms (${messages.length} received)`));
        }, timeoutMs);
        if (!check()) waiters.add(wake);
      });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  return stub;
}

/** A loopback port that nothing listens on (for "the SMTP server is down"). */
export async function closedPort(): Promise<number> {
  const stub = await startSmtp();
  await stub.close();
  return stub.port;
}
