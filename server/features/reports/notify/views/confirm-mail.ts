import type { Municipality } from '../../../../platform/config.js';
import { i18nFor, type Language } from '../../../../platform/i18n.js';
import { type ComposedMail, composeMail } from './compose.js';

/** The double opt-in mail: one link that confirms the address; nothing else follows without it. */
export function confirmationMail(p: {
  lang: Language;
  municipality: Municipality;
  reference: string;
  link: string;
}): ComposedMail {
  const { t } = i18nFor(p.lang, p.municipality.timeZone);
  const m = p.municipality;
  const k = (key: string) =>
    t(`reports-mail.${key}`, { reference: p.reference, bsc: m.bscName, city: m.officialName, phone: m.bscPhone });
  return composeMail({
    lang: p.lang,
    subject: k('confirm.subject'),
    blocks: [
      { kind: 'p', text: k('greeting') },
      { kind: 'p', text: k('confirm.intro') },
      { kind: 'link', intro: k('confirm.link'), label: k('confirm.linkLabel'), href: p.link },
      { kind: 'p', text: k('confirm.ignore') },
      { kind: 'p', text: `${k('closing')}\n${k('signature')}` },
    ],
    footer: k('footer'),
  });
}
