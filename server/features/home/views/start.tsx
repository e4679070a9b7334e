import type { ComponentChildren } from 'preact';
import type { PageContext } from '../../../platform/views/context.js';
import { Layout, telHref } from '../../../platform/views/layout.js';
import { type StartPanelData, WasteStartPanel } from '../../waste/citizen/views/start-panel.js';

/** A panel a module registered (addHomePanel), rendered. */
export interface HomePanelContent {
  id: string;
  content: ComponentChildren;
}

function HomeSearch({ ctx }: { ctx: PageContext }) {
  const { t } = ctx.i18n;
  return (
    <search class="bs-home-search">
      <form method="get" action="/suche">
        <div class="kern-form-input">
          <label class="kern-label" for="home-q">
            {t('home.searchLabel')}
          </label>
          <div class="kern-hint" id="home-q-hint">
            {t('search.hint')}
          </div>
          <input
            class="kern-form-input__input"
            id="home-q"
            name="q"
            type="search"
            maxLength={100}
            aria-describedby="home-q-hint"
          />
        </div>
        <button type="submit" class="kern-btn kern-btn--primary">
          <span class="kern-label">{t('search.submit')}</span>
        </button>
      </form>
    </search>
  );
}

/**
 * The citizen start page, the hub: the search first; with a saved waste address its next collections; the panels
 * of the modules (latest news, most asked questions …); the module tiles; help in plain and sign language; the
 * analogue channel.
 */
export function StartPage({
  ctx,
  waste,
  panels = [],
}: {
  ctx: PageContext;
  waste?: StartPanelData | undefined;
  panels?: readonly HomePanelContent[];
}) {
  const { t } = ctx.i18n;
  const m = ctx.municipality;
  return (
    <Layout ctx={ctx} title={t('home.title')}>
      <div class="bs-stack">
        <h1 class="kern-heading-large">{t('home.heading', { city: m.name })}</h1>
        <p class="kern-body kern-body--large bs-lead">{t('home.intro', { city: m.name })}</p>
        <HomeSearch ctx={ctx} />
      </div>
      {waste && <WasteStartPanel ctx={ctx} data={waste} />}
      {panels.length > 0 && (
        <div class="bs-section bs-home-panels">
          {panels.map((p) => (
            <div key={p.id} class="bs-home-panel">
              {p.content}
            </div>
          ))}
        </div>
      )}
      {ctx.homeModules.length > 0 && (
        <section class="bs-section" aria-labelledby="services-heading">
          <h2 class="kern-heading-medium" id="services-heading">
            {t('home.servicesHeading')}
          </h2>
          <ul class="bs-tiles">
            {ctx.homeModules.map((module) => (
              <li key={module.href}>
                <div class="bs-tile">
                  <h3 class="kern-title">
                    <a class="bs-tile__link" href={module.href}>
                      <span>{t(module.titleKey)}</span>
                      <span class="kern-icon kern-icon--arrow-forward" aria-hidden="true" />
                    </a>
                  </h3>
                  <p class="kern-body">{t(module.textKey)}</p>
                </div>
              </li>
            ))}
          </ul>
        </section>
      )}
      <section class="bs-section bs-stack" aria-labelledby="help-heading">
        <h2 class="kern-heading-medium" id="help-heading">
          {t('home.helpHeading')}
        </h2>
        <p class="kern-body bs-lead">{t('home.helpText')}</p>
        <ul class="bs-help">
          <li>
            <a href="/leichte-sprache">
              <span class="kern-icon kern-icon--easy-language" aria-hidden="true" />
              {t('home.easyLanguageLink')}
            </a>
          </li>
          <li>
            <a href="/gebaerdensprache">
              <span class="kern-icon kern-icon--sign-language" aria-hidden="true" />
              {t('home.signLanguageLink')}
            </a>
          </li>
        </ul>
      </section>
      {/* The BürgerServiceCenter's own panel (its phone, hours and whether it is open now) replaces this one. */}
      {!panels.some((p) => p.id === 'bsc') && (
        <section class="bs-section bs-box" aria-labelledby="contact-heading">
          <h2 class="kern-heading-medium" id="contact-heading">
            {t('home.contactHeading')}
          </h2>
          <p class="kern-body">{t('home.contactText')}</p>
          <dl class="kern-description-list">
            <div class="kern-description-list-item">
              <dt class="kern-description-list-item__key">{t('home.contactPhone')}</dt>
              <dd class="kern-description-list-item__value">
                <a href={telHref(m.bscPhone)} class="bs-contact-phone">
                  {m.bscPhone}
                </a>
              </dd>
            </div>
            <div class="kern-description-list-item">
              <dt class="kern-description-list-item__key">{t('home.contactEmail')}</dt>
              <dd class="kern-description-list-item__value">
                <a href={`mailto:${m.contact.email}`}>{m.contact.email}</a>
              </dd>
            </div>
            <div class="kern-description-list-item">
              <dt class="kern-description-list-item__key">{t('home.contactVisit')}</dt>
              <dd class="kern-description-list-item__value">
                <address>
                  {m.bscName}
                  <br />
                  {m.contact.street}
                  <br />
                  {`${m.contact.postcode} ${m.contact.city}`}
                </address>
              </dd>
            </div>
          </dl>
        </section>
      )}
    </Layout>
  );
}
