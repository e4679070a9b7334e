import type { ComponentChildren } from 'preact';
import { assetUrl } from './assets.js';
import { type PageContext, withQuery } from './context.js';

export interface LayoutProps {
  ctx: PageContext;
  title: string;
  children: ComponentChildren;
  /** Back-office pages get the staff navigation instead of the citizen one. */
  area?: 'citizen' | 'admin';
  nav?: ComponentChildren;
}

const languageNames = { de: 'Deutsch', en: 'English' } as const;

function LanguageSwitch({ ctx }: { ctx: PageContext }) {
  const { t, lang } = ctx.i18n;
  const others = ctx.municipality.languages.filter((l) => l !== lang);
  if (others.length === 0) return null;
  return (
    <nav class="bs-lang" aria-label={t('common.languageSwitch')}>
      <ul>
        {others.map((l) => (
          <li key={l}>
            <a href={withQuery(ctx, 'lang', l)} hreflang={l} lang={l}>
              {languageNames[l]}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** The page frame every HTML response uses: skip link, header, landmarks, footer. */
export function Layout({ ctx, title, children, area = 'citizen', nav }: LayoutProps) {
  const { t, lang } = ctx.i18n;
  const m = ctx.municipality;
  const home = area === 'admin' ? '/admin' : '/';
  return (
    <html lang={lang} dir="ltr">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} – ${t(area === 'admin' ? 'common.backOfficeName' : 'common.appName', { city: m.name })}`}</title>
        <meta name="description" content={t('common.description', { city: m.name })} />
        <meta name="theme-color" content={m.colours.primary} />
        <link rel="stylesheet" href={assetUrl('app.css')} />
        <link rel="manifest" href="/manifest.webmanifest" />
        <link rel="icon" href="/icons/icon.svg" type="image/svg+xml" />
        <link rel="apple-touch-icon" href="/icons/icon-192.png" />
        <script type="module" src={assetUrl('app.js')} />
      </head>
      <body class={`bs-area-${area}`}>
        <a class="bs-skip-link" href="#main">
          {t('common.skipToContent')}
        </a>
        <header class="bs-header">
          <div class="kern-container bs-header__inner">
            <a class="bs-brand" href={home}>
              <img src={`/${m.logo}`} alt="" width="40" height="40" />
              <span>
                <span class="bs-brand__city">{m.officialName}</span>
                <span class="bs-brand__app">{t(area === 'admin' ? 'common.backOffice' : 'common.appShortName')}</span>
              </span>
            </a>
            <LanguageSwitch ctx={ctx} />
          </div>
          {nav}
        </header>
        {ctx.demo && (
          <div class="bs-demo-banner" role="note">
            <div class="kern-container">{t('common.demoNotice')}</div>
          </div>
        )}
        <main id="main" tabindex={-1} class="kern-container bs-main">
          {children}
        </main>
        <footer class="bs-footer">
          <div class="kern-container">
            <nav aria-label={t('common.footerNav')}>
              <ul class="bs-footer__links">
                <li>
                  <a href="/impressum">{t('legal.imprint.title')}</a>
                </li>
                <li>
                  <a href="/datenschutz">{t('legal.privacy.title')}</a>
                </li>
                <li>
                  <a href="/barrierefreiheit">{t('legal.accessibility.title')}</a>
                </li>
              </ul>
            </nav>
            <p>
              {t('common.bscContact', { bsc: m.bscName })}{' '}
              <a href={`tel:${m.bscPhone.replace(/[^+\d]/g, '')}`}>{m.bscPhone}</a>
            </p>
          </div>
        </footer>
      </body>
    </html>
  );
}
