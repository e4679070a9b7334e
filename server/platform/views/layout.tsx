import type { ComponentChildren } from 'preact';
import { assetUrl } from './assets.js';
import { type PageContext, withQuery } from './context.js';
import { themeUrl } from './theme.js';

export interface LayoutProps {
  ctx: PageContext;
  title: string;
  children: ComponentChildren;
  /** Back-office pages get the staff navigation instead of the citizen one. */
  area?: 'citizen' | 'admin';
  nav?: ComponentChildren;
  /** Extra built stylesheets and module scripts of this page only (URLs from assetUrl), after the shell's own. */
  styles?: readonly string[];
  scripts?: readonly string[];
  /** Extra head elements of this page (e.g. `<meta name="robots" content="noindex">`). */
  head?: ComponentChildren;
}

// Each language is named in itself, so people find theirs whatever language the page is in.
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
              <span class="kern-icon kern-icon--language" aria-hidden="true" />
              {languageNames[l]}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

const footerLinks = [
  ['/impressum', 'legal.imprint.title'],
  ['/datenschutz', 'legal.privacy.title'],
  ['/barrierefreiheit', 'legal.accessibility.title'],
  ['/leichte-sprache', 'home.easy.title'],
  ['/gebaerdensprache', 'home.sign.title'],
] as const;

/** Whether a navigation entry is the current page or a page below it. */
function isCurrent(ctx: PageContext, href: string): boolean {
  return ctx.path === href || ctx.path.startsWith(`${href}/`);
}

function ModuleLinks({ ctx }: { ctx: PageContext }) {
  const { t } = ctx.i18n;
  return (
    <ul class="bs-nav__list">
      {ctx.homeModules.map((module) => (
        <li key={module.href}>
          <a href={module.href} aria-current={isCurrent(ctx, module.href) ? 'page' : undefined}>
            {t(module.titleKey)}
          </a>
        </li>
      ))}
    </ul>
  );
}

/**
 * The citizen header navigation: the modules that exist (from the start-page registry) and the search. On wide
 * screens the list is shown; on phones it is a disclosure (<details>, no JavaScript needed). Only one of the two
 * copies is ever displayed, so assistive technology meets one.
 */
function CitizenNav({ ctx }: { ctx: PageContext }) {
  const { t } = ctx.i18n;
  const q = ctx.path === '/suche' ? (ctx.query.q ?? '') : '';
  return (
    <div class="bs-nav">
      <div class="kern-container bs-nav__inner">
        {ctx.homeModules.length > 0 && (
          <nav class="bs-nav__nav" aria-label={t('search.nav.label')}>
            <details class="bs-nav__menu">
              <summary>{t('search.nav.menu')}</summary>
              <ModuleLinks ctx={ctx} />
            </details>
            <div class="bs-nav__wide">
              <ModuleLinks ctx={ctx} />
            </div>
          </nav>
        )}
        <search class="bs-nav__search">
          <form method="get" action="/suche">
            <label class="kern-sr-only" for="header-q">
              {t('search.header.label')}
            </label>
            <input
              class="kern-form-input__input"
              id="header-q"
              name="q"
              type="search"
              value={q}
              maxLength={100}
              placeholder={t('search.header.placeholder')}
            />
            <button type="submit" class="kern-btn kern-btn--primary">
              <span class="kern-label">{t('search.header.submit')}</span>
            </button>
          </form>
        </search>
      </div>
    </div>
  );
}

/** A telephone number as a tel: link target (digits and a leading +). */
export function telHref(phone: string): string {
  return `tel:${phone.replace(/[^+\d]/g, '')}`;
}

/** The page frame every HTML response uses: skip link, header, landmarks, footer. */
export function Layout({ ctx, title, children, area = 'citizen', nav, styles, scripts, head }: LayoutProps) {
  const { t, lang } = ctx.i18n;
  const m = ctx.municipality;
  const home = area === 'admin' ? '/admin' : '/';
  const appName = t(area === 'admin' ? 'common.backOfficeName' : 'common.appName', { city: m.name });
  return (
    <html lang={lang} dir="ltr">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        {head}
        <title>{`${title} – ${appName}`}</title>
        <meta name="description" content={t('common.description', { city: m.name })} />
        <meta name="theme-color" content={m.colours.primary} />
        <meta name="color-scheme" content="light dark" />
        <link rel="stylesheet" href={assetUrl('app.css')} />
        <link rel="stylesheet" href={themeUrl(m)} />
        {styles?.map((href) => (
          <link key={href} rel="stylesheet" href={href} />
        ))}
        <link rel="manifest" href="/manifest.webmanifest" />
        <link rel="icon" href="/icons/icon.svg" type="image/svg+xml" />
        <link rel="apple-touch-icon" href="/icons/apple-touch-icon.png" />
        <script type="module" src={assetUrl('app.js')} />
        {scripts?.map((src) => (
          <script key={src} type="module" src={src} />
        ))}
      </head>
      <body class={`bs-area-${area}`}>
        <a class="bs-skip-link" href="#main">
          {t('common.skipToContent')}
        </a>
        <header class="bs-header">
          <div class="kern-container bs-header__inner">
            <a class="bs-brand" href={home}>
              <img class="bs-brand__logo" src={`/${m.logo}`} alt="" width="48" height="56" />
              <span class="bs-brand__text">
                <span class="bs-brand__city">{m.officialName}</span>
                <span class="bs-brand__app">{t(area === 'admin' ? 'common.backOffice' : 'common.appShortName')}</span>
                <span class="kern-sr-only">{`, ${t('common.toHome')}`}</span>
              </span>
            </a>
            <LanguageSwitch ctx={ctx} />
          </div>
          {nav ?? (area === 'citizen' && <CitizenNav ctx={ctx} />)}
          {ctx.demo && (
            <div class="bs-demo-banner">
              <p class="kern-container">
                <span class="kern-icon kern-icon--warning" aria-hidden="true" />
                <span>{t('common.demoNotice')}</span>
              </p>
            </div>
          )}
        </header>
        <main id="main" tabindex={-1} class="kern-container bs-main">
          {children}
        </main>
        <footer class="bs-footer">
          <div class="kern-container">
            <nav aria-label={t('common.footerNav')}>
              <ul class="bs-footer__links">
                {footerLinks.map(([href, key]) => (
                  <li key={href}>
                    <a href={href} aria-current={ctx.path === href ? 'page' : undefined}>
                      {t(key)}
                    </a>
                  </li>
                ))}
              </ul>
            </nav>
            <p class="bs-footer__contact">
              <span>{t('common.bscContact', { bsc: m.bscName })}</span>
              <a href={telHref(m.bscPhone)} class="bs-nowrap">
                {m.bscPhone}
              </a>
            </p>
          </div>
        </footer>
      </body>
    </html>
  );
}
