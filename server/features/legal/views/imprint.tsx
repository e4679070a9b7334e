import type { PageContext } from '../../../platform/views/context.js';
import { Layout } from '../../../platform/views/layout.js';
import { contactItems, DemoNotice, Details, ExternalLink } from './parts.js';

/** Impressum (§ 5 DDG, § 18 MStV), filled from the municipality's settings. */
export function ImprintPage({ ctx }: { ctx: PageContext }) {
  const { t } = ctx.i18n;
  const m = ctx.municipality;
  return (
    <Layout ctx={ctx} title={t('legal.imprint.title')}>
      <article class="bs-prose" aria-labelledby="imprint-heading">
        <h1 class="kern-heading-large" id="imprint-heading">
          {t('legal.imprint.title')}
        </h1>
        <DemoNotice ctx={ctx} />
        <p class="kern-body">{t('legal.imprint.intro')}</p>
        <h2 class="kern-heading-medium">{t('legal.imprint.providerHeading')}</h2>
        <Details
          items={[
            ...contactItems(ctx),
            [
              t('common.website'),
              <ExternalLink ctx={ctx} href={m.contact.website}>
                {m.contact.website}
              </ExternalLink>,
            ],
            [t('legal.imprint.legalFormLabel'), t('legal.imprint.legalForm')],
          ]}
        />
        <h2 class="kern-heading-medium">{t('legal.imprint.representedHeading')}</h2>
        <p class="kern-body">{t('legal.imprint.represented', { representative: m.representative })}</p>
        {m.vatId && (
          <>
            <h2 class="kern-heading-medium">{t('legal.imprint.vatHeading')}</h2>
            <p class="kern-body">{t('legal.imprint.vat', { vatId: m.vatId })}</p>
          </>
        )}
        <h2 class="kern-heading-medium">{t('legal.imprint.supervisionHeading')}</h2>
        <p class="kern-body">{m.supervisoryAuthority}</p>
        <h2 class="kern-heading-medium">{t('legal.imprint.responsibleHeading')}</h2>
        <p class="kern-body">{t('legal.imprint.responsible', { representative: m.representative })}</p>
        <h2 class="kern-heading-medium">{t('legal.imprint.softwareHeading')}</h2>
        <p class="kern-body">{t('legal.imprint.software')}</p>
        <h2 class="kern-heading-medium">{t('legal.imprint.linksHeading')}</h2>
        <p class="kern-body">{t('legal.imprint.links')}</p>
      </article>
    </Layout>
  );
}
