import type { PageContext } from '../../../platform/views/context.js';
import { Layout, telHref } from '../../../platform/views/layout.js';

/**
 * What the app offers, in Leichte Sprache (German) or Easy Read (English): short sentences, one statement per line,
 * hard words explained, compounds split with a middle dot.
 */
export function EasyLanguagePage({ ctx }: { ctx: PageContext }) {
  const { t } = ctx.i18n;
  const m = ctx.municipality;
  const vars = { city: m.name, officialName: m.officialName };
  const lines = (...keys: string[]) => keys.map((k) => <p key={k}>{t(`home.easy.${k}`, vars)}</p>);
  return (
    <Layout ctx={ctx} title={t('home.easy.title')}>
      <article class="bs-easy" aria-labelledby="easy-heading">
        <h1 class="kern-heading-large" id="easy-heading">
          {t('home.easy.heading')}
        </h1>
        <h2 class="kern-heading-medium">{t('home.easy.whatHeading')}</h2>
        {lines('what1', 'what2', 'what3', 'what4', 'what5', 'what6')}
        {ctx.homeModules.length > 0 && (
          <>
            <h2 class="kern-heading-medium">{t('home.easy.servicesHeading')}</h2>
            <p>{t('home.easy.servicesIntro')}</p>
            <ul>
              {ctx.homeModules.map((module) => (
                <li key={module.href}>
                  <a href={module.href}>{t(module.titleKey)}</a>
                </li>
              ))}
            </ul>
            <p>{t('home.easy.servicesHint')}</p>
          </>
        )}
        <h2 class="kern-heading-medium">{t('home.easy.helpHeading')}</h2>
        {lines('help1', 'help2', 'help3')}
        <p>
          <a href={telHref(m.bscPhone)}>{m.bscPhone}</a>
        </p>
        {lines('help4')}
        <p>
          <a href={`mailto:${m.contact.email}`}>{m.contact.email}</a>
        </p>
        {lines('help5')}
        <address>
          {m.bscName}
          <br />
          {m.contact.street}
          <br />
          {`${m.contact.postcode} ${m.contact.city}`}
        </address>
        {lines('help6')}
        <h2 class="kern-heading-medium">{t('home.easy.useHeading')}</h2>
        {lines('use1', 'use2', 'use3', 'use4')}
        <h2 class="kern-heading-medium">{t('home.easy.dataHeading')}</h2>
        {lines('data1', 'data2', 'data3', 'data4')}
        <p>
          <a href="/datenschutz">{t('legal.privacy.heading')}</a>
        </p>
        <p>
          {t('home.easy.signLanguageHint')} <a href="/gebaerdensprache">{t('home.sign.title')}</a>
        </p>
      </article>
    </Layout>
  );
}
