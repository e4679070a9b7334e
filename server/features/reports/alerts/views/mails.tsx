import type { ComponentChildren } from 'preact';
import type { Municipality } from '../../../../platform/config.js';
import { i18nFor, type Language } from '../../../../platform/i18n.js';
import { renderMailHtml } from '../../../../platform/mail/index.js';

// The two mails of area alerts, each written once as plain text and as its HTML alternative (same content).

export interface ComposedAlertMail {
  subject: string;
  text: string;
  html: string;
}

const linkStyle = 'color:#0b5cad;';

/** One mail: greeting, the body, signature and footer, as plain text and as HTML with the same content. */
function compose(
  lang: Language,
  subject: string,
  k: (key: string) => string,
  text: string[],
  html: ComponentChildren,
): ComposedAlertMail {
  return {
    subject,
    text: [k('greeting'), ...text, k('signature'), '--', k('footer')].join('\n\n'),
    html: renderMailHtml({
      lang,
      title: subject,
      footer: k('footer'),
      children: (
        <>
          <p>{k('greeting')}</p>
          {html}
          <p>{k('signature')}</p>
        </>
      ),
    }),
  };
}

/** The double opt-in mail: one link to the page where the alert is confirmed (a button, not the link itself). */
export function alertConfirmationMail(p: {
  lang: Language;
  municipality: Municipality;
  area: string;
  link: string;
}): ComposedAlertMail {
  const { t } = i18nFor(p.lang, p.municipality.timeZone);
  const k = (key: string) =>
    t(`reports-alerts.mail.${key}`, { area: p.area, city: p.municipality.officialName, bsc: p.municipality.bscName });
  return compose(
    p.lang,
    k('confirm.subject'),
    k,
    [k('confirm.intro'), `${k('confirm.link')}\n${p.link}`, k('confirm.ignore')],
    <>
      <p>{k('confirm.intro')}</p>
      <p>
        {k('confirm.link')}
        <br />
        <a href={p.link} style={linkStyle}>
          {k('confirm.linkLabel')}
        </a>
      </p>
      <p>{k('confirm.ignore')}</p>
    </>,
  );
}

export interface DigestReportLine {
  reference: string;
  category: string;
  place: string;
  href: string;
}

export interface DigestSection {
  area: string;
  reports: DigestReportLine[];
  /** The alert's manage page (change nothing, end it). */
  manage: string;
}

/** The daily digest to one address: one section per alert of that address, each with its reports and manage link. */
export function alertDigestMail(p: {
  lang: Language;
  municipality: Municipality;
  sections: DigestSection[];
  /** The one-click link that ends every alert to this address. */
  unsubscribeAll: string;
}): ComposedAlertMail {
  const { t } = i18nFor(p.lang, p.municipality.timeZone);
  const count = p.sections.reduce((n, s) => n + s.reports.length, 0);
  const k = (key: string, vars: Record<string, string | number> = {}) =>
    t(`reports-alerts.mail.${key}`, { city: p.municipality.officialName, bsc: p.municipality.bscName, count, ...vars });
  const lineText = (r: DigestReportLine) => `- ${r.category}, ${r.place} (${r.reference})\n  ${r.href}`;
  return compose(
    p.lang,
    k('digest.subject'),
    k,
    [
      k('digest.intro'),
      ...p.sections.map((s) =>
        [`${s.area}:`, ...s.reports.map(lineText), `${k('digest.manage')}: ${s.manage}`].join('\n'),
      ),
      k('digest.why'),
      `${k('digest.unsubscribeAll')}: ${p.unsubscribeAll}`,
    ],
    <>
      <p>{k('digest.intro')}</p>
      {p.sections.map((s) => (
        <section key={s.manage}>
          <h2 style="font-size:18px;">{s.area}</h2>
          <ul>
            {s.reports.map((r) => (
              <li key={r.reference}>
                <a href={r.href} style={linkStyle}>
                  {r.category}, {r.place}
                </a>{' '}
                ({r.reference})
              </li>
            ))}
          </ul>
          <p>
            <a href={s.manage} style={linkStyle}>
              {k('digest.manage')}
            </a>
          </p>
        </section>
      ))}
      <p>{k('digest.why')}</p>
      <p>
        <a href={p.unsubscribeAll} style={linkStyle}>
          {k('digest.unsubscribeAll')}
        </a>
      </p>
    </>,
  );
}
