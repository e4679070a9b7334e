import type { PageContext } from '../../../platform/views/context.js';
import { Layout, telHref } from '../../../platform/views/layout.js';

// The federal relay service through which deaf and hard-of-hearing people phone any number in sign language or text.
const relayServiceUrl = 'https://www.tess-relay-dienste.de';

/**
 * Information for users of German Sign Language: the municipality's video when it has configured one
 * (`municipality.signLanguageVideoUrl`), the same content as text, and contact channels that work without hearing.
 */
export function SignLanguagePage({ ctx }: { ctx: PageContext }) {
  const { t } = ctx.i18n;
  const m = ctx.municipality;
  return (
    <Layout ctx={ctx} title={t('home.sign.title')}>
      <article class="bs-prose" aria-labelledby="sign-heading">
        <h1 class="kern-heading-large" id="sign-heading">
          {t('home.sign.heading')}
        </h1>
        {m.signLanguageVideoUrl ? (
          <>
            <p class="kern-body">{t('home.sign.videoText', { officialName: m.officialName })}</p>
            <p class="kern-body">
              <a href={m.signLanguageVideoUrl} class="bs-video-link">
                <span class="kern-icon kern-icon--sign-language" aria-hidden="true" />
                {t('home.sign.videoLink')} <span class="bs-muted">{t('common.opensExternal')}</span>
              </a>
            </p>
          </>
        ) : (
          <p class="kern-body">{t('home.sign.noVideo')}</p>
        )}
        <h2 class="kern-heading-medium">{t('home.sign.offerHeading')}</h2>
        <p class="kern-body">{t('home.sign.offerText', { city: m.name })}</p>
        {ctx.homeModules.length > 0 ? (
          <ul class="kern-list kern-list--bullet">
            {ctx.homeModules.map((module) => (
              <li key={module.href}>
                <a href={module.href}>{t(module.titleKey)}</a>: {t(module.textKey)}
              </li>
            ))}
          </ul>
        ) : (
          <p class="kern-body">
            <a href="/">{t('home.sign.offerNone')}</a>
          </p>
        )}
        <p class="kern-body">{t('home.sign.offerMore')}</p>
        <h2 class="kern-heading-medium">{t('home.sign.contactHeading')}</h2>
        <p class="kern-body">
          {t('home.sign.contactEmail')} <a href={`mailto:${m.contact.email}`}>{m.contact.email}</a>
        </p>
        <p class="kern-body">{t('home.sign.contactVisit')}</p>
        <address class="kern-body">
          {m.bscName}
          <br />
          {m.contact.street}
          <br />
          {`${m.contact.postcode} ${m.contact.city}`}
        </address>
        <p class="kern-body">
          {t('home.sign.contactPhone')}{' '}
          <a href={telHref(m.bscPhone)} class="bs-nowrap">
            {m.bscPhone}
          </a>
        </p>
        <p class="kern-body">
          <a href={relayServiceUrl}>{t('home.sign.relayLink')}</a>{' '}
          <span class="bs-muted">{t('common.opensExternal')}</span>
        </p>
        <p class="kern-body">{t('home.sign.interpreter')}</p>
      </article>
    </Layout>
  );
}
