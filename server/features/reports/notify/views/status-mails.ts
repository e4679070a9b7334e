import type { Municipality } from '../../../../platform/config.js';
import { i18nFor, type Language } from '../../../../platform/i18n.js';
import { type ComposedMail, composeMail, type MailBlock } from './compose.js';

export interface StatusMailInput {
  lang: Language;
  municipality: Municipality;
  /** receipt: to the reporter on arrival; update: to the reporter; supporter: to someone who supports it. */
  recipient: 'receipt' | 'update' | 'supporter';
  reference: string;
  category: string;
  place?: string | null;
  /** The report's status after the event (a status key). */
  status: string;
  /** Whether the event changed the status (else it only brings a public note). */
  statusChanged: boolean;
  publicNote?: string | null;
  /** The private status link (reporter) or the public page (supporter). */
  link: string;
  /** Where the recipient stops these mails: the status page (reporter) or the supporter's unsubscribe page. */
  unsubscribe: string;
  /** Closed as done, to the reporter: ask "Ist es behoben?" with a link to the question on the status page. */
  askFixed?: boolean;
}

/** The receipt and status-update mails to reporters and supporters, in plain language. */
export function statusMail(p: StatusMailInput): ComposedMail {
  const { t } = i18nFor(p.lang, p.municipality.timeZone);
  const m = p.municipality;
  const k = (key: string, vars: Record<string, string> = {}) =>
    t(`reports-mail.${key}`, { reference: p.reference, bsc: m.bscName, city: m.officialName, ...vars });
  const statusText = k(`status.${p.status}`);
  const facts: MailBlock = {
    kind: 'facts',
    items: [
      [k('facts.reference'), p.reference],
      [k('facts.category'), p.category],
      ...(p.place ? [[k('facts.place'), p.place] as [string, string]] : []),
      [k('facts.status'), statusText],
    ],
  };
  const note: MailBlock[] = p.publicNote ? [{ kind: 'note', label: k('update.note', {}), text: p.publicNote }] : [];
  const contact: MailBlock = { kind: 'p', text: k('contact', { phone: m.bscPhone }) };
  const closing: MailBlock = { kind: 'p', text: `${k('closing')}\n${k('signature')}` };
  const unsubscribe: MailBlock = { kind: 'inlineLink', text: k('unsubscribe'), href: p.unsubscribe };

  let subject: string;
  let blocks: MailBlock[];
  if (p.recipient === 'receipt') {
    subject = k('receipt.subject');
    blocks = [
      { kind: 'p', text: k('greeting') },
      { kind: 'p', text: k('receipt.intro') },
      facts,
      { kind: 'p', text: k('receipt.next') },
      { kind: 'link', intro: k('receipt.link'), label: k('receipt.linkLabel'), href: p.link },
      { kind: 'p', text: k('receipt.private') },
      contact,
      closing,
      unsubscribe,
    ];
  } else {
    const who = p.recipient === 'supporter' ? 'supporter' : 'update';
    subject = p.statusChanged ? k(`${who}.subject`, { status: statusText }) : k(`${who}.subjectNote`);
    blocks = [
      { kind: 'p', text: k('greeting') },
      { kind: 'p', text: k(`${who}.intro`) },
      facts,
      ...note,
      { kind: 'link', intro: k(`${who}.link`), label: k(`${who}.linkLabel`), href: p.link },
      ...(p.askFixed && who === 'update'
        ? [
            {
              kind: 'link',
              intro: t('reports-mine.mail.fixedIntro'),
              label: t('reports-mine.mail.fixedLabel'),
              href: `${p.link}#behoben`,
            } as MailBlock,
          ]
        : []),
      ...(who === 'supporter' ? [{ kind: 'p', text: k('supporter.why') } as MailBlock] : []),
      contact,
      closing,
      unsubscribe,
    ];
  }
  return composeMail({ lang: p.lang, subject, blocks, footer: k('footer') });
}
