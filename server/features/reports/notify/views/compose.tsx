import { Fragment } from 'preact';
import type { Language } from '../../../../platform/i18n.js';
import { renderMailHtml } from '../../../../platform/mail/index.js';

/**
 * A mail is written once as a list of blocks and rendered twice, as plain text and as HTML, so both parts always
 * say the same thing.
 */
export type MailBlock =
  | { kind: 'p'; text: string }
  | { kind: 'facts'; items: [label: string, value: string][] }
  | { kind: 'note'; label: string; text: string }
  | { kind: 'link'; intro: string; label: string; href: string }
  /** One line "text: URL" (the URL as the link's text). */
  | { kind: 'inlineLink'; text: string; href: string }
  | { kind: 'table'; caption: string; head: string[]; rows: { cells: string[]; href?: string }[] };

export interface ComposedMail {
  subject: string;
  text: string;
  html: string;
}

function blockText(b: MailBlock): string {
  switch (b.kind) {
    case 'p':
      return b.text;
    case 'facts':
      return b.items.map(([label, value]) => `${label}: ${value}`).join('\n');
    case 'note':
      return `${b.label}:\n${b.text
        .split('\n')
        .map((l) => `> ${l}`)
        .join('\n')}`;
    case 'link':
      return `${b.intro}\n${b.href}`;
    case 'inlineLink':
      return `${b.text}: ${b.href}`;
    case 'table':
      return [
        `${b.caption}:`,
        ...b.rows.map((r) =>
          [
            `- ${r.cells[0]}`,
            ...r.cells.slice(1).map((c, i) => `  ${b.head[i + 1]}: ${c}`),
            ...(r.href ? [`  ${r.href}`] : []),
          ].join('\n'),
        ),
      ].join('\n');
  }
}

const cellStyle = 'text-align:left;padding:4px 8px;border-bottom:1px solid #ccc;';

function BlockHtml({ b }: { b: MailBlock }) {
  switch (b.kind) {
    case 'p':
      return (
        <p>
          {b.text.split('\n').map((line, i) => (
            <Fragment key={String(i)}>
              {i > 0 && <br />}
              {line}
            </Fragment>
          ))}
        </p>
      );
    case 'facts':
      return (
        <dl>
          {b.items.map(([label, value]) => (
            <div key={label}>
              <dt style="font-weight:bold;">{label}</dt>
              <dd style="margin:0 0 8px 0;">{value}</dd>
            </div>
          ))}
        </dl>
      );
    case 'note':
      return (
        <>
          <p style="font-weight:bold;margin-bottom:0;">{b.label}:</p>
          <blockquote style="margin:4px 0 16px 0;padding-left:12px;border-left:4px solid #888;">
            {b.text.split('\n').map((line, i) => (
              <p key={String(i)} style="margin:0;">
                {line}
              </p>
            ))}
          </blockquote>
        </>
      );
    case 'link':
      return (
        <p>
          {b.intro}
          <br />
          <a href={b.href}>{b.label}</a>
        </p>
      );
    case 'inlineLink':
      return (
        <p>
          {b.text}: <a href={b.href}>{b.href}</a>
        </p>
      );
    case 'table':
      return (
        <table style="border-collapse:collapse;">
          <caption style="text-align:left;font-weight:bold;">{b.caption}</caption>
          <thead>
            <tr>
              {b.head.map((h) => (
                <th key={h} scope="col" style={cellStyle}>
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {b.rows.map((r) => (
              <tr key={r.cells[0]}>
                {r.cells.map((c, i) =>
                  i === 0 ? (
                    <th key="0" scope="row" style={cellStyle}>
                      {r.href ? <a href={r.href}>{c}</a> : c}
                    </th>
                  ) : (
                    <td key={String(i)} style={cellStyle}>
                      {c}
                    </td>
                  ),
                )}
              </tr>
            ))}
          </tbody>
        </table>
      );
  }
}

/** Renders the blocks as the text part and the HTML part of one mail. */
export function composeMail(p: { lang: Language; subject: string; blocks: MailBlock[]; footer: string }): ComposedMail {
  const text = `${p.blocks.map(blockText).join('\n\n')}\n\n-- \n${p.footer}\n`;
  const html = renderMailHtml({
    lang: p.lang,
    title: p.subject,
    footer: p.footer,
    children: p.blocks.map((b, i) => <BlockHtml key={String(i)} b={b} />),
  });
  return { subject: p.subject, text, html };
}
