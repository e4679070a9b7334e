import type { PageContext } from '../../../platform/views/context.js';
import { Layout, telHref } from '../../../platform/views/layout.js';
import { type StartPanelData, WasteStartPanel } from '../../waste/citizen/views/start-panel.js';

/**
 * The citizen start page: what exists (module tiles), help in plain and sign language, the analogue channel; with a
 * saved waste address, its next collections first.
 */
export function StartPage({ ctx, waste }: { ctx: PageContext; waste?: StartPanelData | undefined }) {
  const { t } = ctx.i18n;
  const m = ctx.municipality;
  return (
    <Layout ctx={ctx} title={t('home.title')}>
      <div class="bs-stack">
        <h1 class="kern-heading-large">{t('home.heading', { city: m.name })}</h1>
        <p class="kern-body kern-body--large bs-lead">{t('home.intro', { city: m.name })}</p>
      </div>
      {waste && <WasteStartPanel ctx={ctx} data={waste} />}
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
    </Layout>
  );
}
