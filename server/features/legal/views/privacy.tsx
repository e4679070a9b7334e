import type { PageContext } from '../../../platform/views/context.js';
import { Layout } from '../../../platform/views/layout.js';
import { contactItems, DemoNotice, Details, ExternalLink, PostalAddress } from './parts.js';

export interface PrivacyFacts {
  /** Longest life of a staff session cookie. */
  sessionMaxAgeHours: number;
  /** Names of the cookies this app sets. */
  cookies: { language: string; csrf: string; session: string; wasteAddresses: string };
}

/** Datenschutzerklärung (Art. 13 DSGVO): what this app really processes, from configuration and code facts. */
export function PrivacyPage({ ctx, facts }: { ctx: PageContext; facts: PrivacyFacts }) {
  const { t, date } = ctx.i18n;
  const m = ctx.municipality;
  const dpo = m.dataProtectionOfficer;
  const dpa = m.dataProtectionAuthority;
  const tiles = m.map.tiles;
  const tileOrigin =
    tiles && !tiles.off && !tiles.file && tiles.upstream
      ? new URL(tiles.upstream.replace(/[{}]/g, '')).origin
      : undefined;
  return (
    <Layout ctx={ctx} title={t('legal.privacy.title')}>
      <article class="bs-prose" aria-labelledby="privacy-heading">
        <h1 class="kern-heading-large" id="privacy-heading">
          {t('legal.privacy.heading')}
        </h1>
        <DemoNotice ctx={ctx} />
        <p class="kern-body">{t('legal.privacy.intro')}</p>
        <p class="kern-body kern-body--bold">{t('legal.privacy.summary')}</p>

        <h2 class="kern-heading-medium">{t('legal.privacy.controllerHeading')}</h2>
        <Details items={[...contactItems(ctx)]} />

        <h2 class="kern-heading-medium">{t('legal.privacy.dpoHeading')}</h2>
        <p class="kern-body">{t('legal.privacy.dpoText')}</p>
        <Details
          items={[
            [t('common.address'), <PostalAddress key="a" lines={[dpo.name, dpo.street, dpo.city]} />],
            [t('common.email'), <a href={`mailto:${dpo.email}`}>{dpo.email}</a>],
          ]}
        />

        <h2 class="kern-heading-medium">{t('legal.privacy.processingHeading')}</h2>
        <h3 class="kern-heading-small">{t('legal.privacy.logsHeading')}</h3>
        <p class="kern-body">{t('legal.privacy.logs1')}</p>
        <p class="kern-body">{t('legal.privacy.logs2')}</p>
        <p class="kern-body">{t('legal.privacy.rateLimit')}</p>
        <h3 class="kern-heading-small">{t('legal.privacy.cookiesHeading')}</h3>
        <p class="kern-body">{t('legal.privacy.cookiesIntro')}</p>
        <Details
          items={[
            [facts.cookies.language, t('legal.privacy.cookieLang')],
            [facts.cookies.csrf, t('legal.privacy.cookieCsrf')],
            [facts.cookies.session, t('legal.privacy.cookieSession', { hours: facts.sessionMaxAgeHours })],
            [facts.cookies.wasteAddresses, t('waste-citizen.privacy.cookie')],
          ]}
        />
        <h3 class="kern-heading-small">{t('legal.privacy.storageHeading')}</h3>
        <p class="kern-body">{t('legal.privacy.storage')}</p>
        <h3 class="kern-heading-small">{t('legal.privacy.inputHeading')}</h3>
        <p class="kern-body">{t('legal.privacy.input1')}</p>
        <p class="kern-body">{t('legal.privacy.input2')}</p>
        <h3 class="kern-heading-small">{t('legal.privacy.thirdPartyHeading')}</h3>
        <p class="kern-body">
          {tileOrigin ? t('legal.privacy.thirdPartyTiles', { origin: tileOrigin }) : t('legal.privacy.thirdParty')}
        </p>

        <h2 class="kern-heading-medium">{t('legal.privacy.legalBasisHeading')}</h2>
        <p class="kern-body">{t('legal.privacy.legalBasis1', { stateLaw: m.privacy.stateLaw })}</p>
        <p class="kern-body">{t('legal.privacy.legalBasis2')}</p>

        <h2 class="kern-heading-medium">{t('legal.privacy.retentionHeading')}</h2>
        <ul class="kern-list kern-list--bullet">
          <li>{t('legal.privacy.retentionLogs', { days: m.privacy.logRetentionDays })}</li>
          <li>{t('legal.privacy.retentionCookies')}</li>
          <li>{t('legal.privacy.retentionServices')}</li>
        </ul>

        <h2 class="kern-heading-medium">{t('legal.privacy.rightsHeading')}</h2>
        <p class="kern-body">{t('legal.privacy.rightsIntro')}</p>
        <ul class="kern-list kern-list--bullet">
          {['right15', 'right16', 'right17', 'right18', 'right21'].map((k) => (
            <li key={k}>{t(`legal.privacy.${k}`)}</li>
          ))}
        </ul>
        <p class="kern-body">{t('legal.privacy.right20')}</p>
        <p class="kern-body">{t('legal.privacy.rightsContact')}</p>

        <h2 class="kern-heading-medium">{t('legal.privacy.complaintHeading')}</h2>
        <p class="kern-body">{t('legal.privacy.complaint')}</p>
        <Details
          items={[
            [t('common.address'), <PostalAddress key="a" lines={[dpa.name, dpa.street, dpa.city]} />],
            [t('common.email'), <a href={`mailto:${dpa.email}`}>{dpa.email}</a>],
            [
              t('common.website'),
              <ExternalLink ctx={ctx} href={dpa.website}>
                {dpa.website}
              </ExternalLink>,
            ],
          ]}
        />
        <p class="kern-body bs-muted">{t('legal.privacy.date', { date: date(m.privacy.statementDate) })}</p>
      </article>
    </Layout>
  );
}
