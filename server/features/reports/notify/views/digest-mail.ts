import type { Municipality } from '../../../../platform/config.js';
import { i18nFor, type Language } from '../../../../platform/i18n.js';
import { type ComposedMail, composeMail, type MailBlock } from './compose.js';

export interface DigestLine {
  reference: string;
  category: string;
  overdueDays: number;
  status: string;
  href: string;
}

/** A mail lists at most this many reports; the rest are counted and found in the back office. */
export const digestMaxLines = 100;

/** The daily list of overdue reports for one staff member. */
export function digestMail(p: {
  lang: Language;
  municipality: Municipality;
  heading: { kind: 'department'; department: string } | { kind: 'unassigned' };
  lines: DigestLine[];
  backOffice: string;
}): ComposedMail {
  const { t, number } = i18nFor(p.lang, p.municipality.timeZone);
  const m = p.municipality;
  const k = (key: string, vars: Record<string, unknown> = {}) =>
    t(`reports-mail.${key}`, { bsc: m.bscName, city: m.officialName, ...vars });
  const count = p.lines.length;
  const department = p.heading.kind === 'department' ? p.heading.department : '';
  const subject =
    p.heading.kind === 'department'
      ? k('digest.subjectDepartment', { department, count })
      : k('digest.subjectUnassigned', { count });
  const shown = p.lines.slice(0, digestMaxLines);
  const more = count - shown.length;
  const blocks: MailBlock[] = [
    { kind: 'p', text: k('greeting') },
    {
      kind: 'p',
      text:
        p.heading.kind === 'department'
          ? k('digest.introDepartment', { department, count })
          : k('digest.introUnassigned', { count }),
    },
    {
      kind: 'table',
      caption: k('digest.caption'),
      head: ['reference', 'category', 'overdue', 'status'].map((c) => k(`digest.columns.${c}`)),
      rows: shown.map((l) => ({
        cells: [l.reference, l.category, number(l.overdueDays), k(`status.${l.status}`)],
        href: l.href,
      })),
    },
    ...(more > 0 ? [{ kind: 'p', text: k('digest.more', { count: more }) } as MailBlock] : []),
    { kind: 'link', intro: k('digest.link'), label: k('digest.linkLabel'), href: p.backOffice },
    { kind: 'p', text: k('digest.why') },
  ];
  return composeMail({ lang: p.lang, subject, blocks, footer: k('footer') });
}
