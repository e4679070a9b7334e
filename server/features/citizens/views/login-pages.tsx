import { Notice } from '../../../platform/views/admin-layout.js';
import type { PageContext } from '../../../platform/views/context.js';
import { Layout, telHref } from '../../../platform/views/layout.js';
import { type CitizenAttribute, citizenAttributes } from '../attributes.js';
import type { RefusalReason } from '../login-outcome.js';
import type { CitizenPrincipal } from '../service.js';
import { CitizenBar } from './citizen-bar.js';

/** How to reach the Bürgerservice instead (phone, e-mail), for pages where online login is not possible. */
function ContactInstead({ ctx }: { ctx: PageContext }) {
  const { t } = ctx.i18n;
  const m = ctx.municipality;
  return (
    <ul class="kern-list kern-list--bullet">
      <li>
        {t('citizens.instead.phone', { name: m.bscName })} <a href={telHref(m.bscPhone)}>{m.bscPhone}</a>
      </li>
      <li>
        {t('citizens.instead.email')} <a href={`mailto:${m.contact.email}`}>{m.contact.email}</a>
      </li>
      <li>
        {t('citizens.instead.visit', { street: m.contact.street, city: `${m.contact.postcode} ${m.contact.city}` })}
      </li>
    </ul>
  );
}

/** The login start when this municipality offers no online login: what to do instead, not a dead end. */
export function LoginOffPage({ ctx }: { ctx: PageContext }) {
  const { t } = ctx.i18n;
  return (
    <Layout ctx={ctx} title={t('citizens.off.title')}>
      <h1 class="kern-heading-large">{t('citizens.off.title')}</h1>
      <p class="kern-body">{t('citizens.off.text', { city: ctx.municipality.name })}</p>
      <h2 class="kern-heading-medium">{t('citizens.instead.heading')}</h2>
      <ContactInstead ctx={ctx} />
      <p class="kern-body">
        <a class="kern-link" href="/">
          {t('citizens.backHome')}
        </a>
      </p>
    </Layout>
  );
}

/** A refused login: what happened in plain words and what to do now; never the technical reason. */
export function LoginErrorPage({ ctx, reason }: { ctx: PageContext; reason: RefusalReason }) {
  const { t } = ctx.i18n;
  return (
    <Layout ctx={ctx} title={t(`citizens.error.${reason}.title`)} head={<meta name="robots" content="noindex" />}>
      <h1 class="kern-heading-large">{t(`citizens.error.${reason}.title`)}</h1>
      <Notice kind="danger" title={t(`citizens.error.${reason}.text`)} />
      <h2 class="kern-heading-medium">{t('citizens.error.whatNow')}</h2>
      <p class="kern-body">{t(`citizens.error.${reason}.todo`)}</p>
      <p class="kern-body">{t('citizens.error.orContact')}</p>
      <ContactInstead ctx={ctx} />
      <p class="kern-body">
        <a class="kern-link" href="/">
          {t('citizens.backHome')}
        </a>
      </p>
    </Layout>
  );
}

/** "Ihre Anmeldung": who is logged in and what they shared for this session, or how to log in. */
export function LoginStatusPage({
  ctx,
  citizen,
  enabled,
  loginHref,
}: {
  ctx: PageContext;
  citizen: CitizenPrincipal | undefined;
  enabled: boolean;
  loginHref: string;
}) {
  const { t } = ctx.i18n;
  const shared = citizenAttributes.filter((a: CitizenAttribute) => citizen?.attributes[a]);
  return (
    <Layout ctx={ctx} title={t('citizens.status.title')} head={<meta name="robots" content="noindex" />}>
      <h1 class="kern-heading-large">{t('citizens.status.title')}</h1>
      {ctx.query.abgemeldet === '1' && <Notice kind="success" title={t('citizens.status.loggedOut')} />}
      {citizen ? (
        <>
          <CitizenBar ctx={ctx} citizen={citizen} next="/antraege/anmeldung?abgemeldet=1" />
          <h2 class="kern-heading-medium">{t('citizens.status.sharedHeading')}</h2>
          {shared.length === 0 ? (
            <p class="kern-body">{t('citizens.status.nothingShared')}</p>
          ) : (
            <dl class="kern-description-list">
              {shared.map((a) => (
                <div class="kern-description-list-item" key={a}>
                  <dt class="kern-description-list-item__key">{t(`citizens.attributes.${a}`)}</dt>
                  <dd class="kern-description-list-item__value">{citizen.attributes[a]}</dd>
                </div>
              ))}
            </dl>
          )}
          <p class="kern-body">{t('citizens.status.kept')}</p>
        </>
      ) : (
        <>
          <p class="kern-body">{t('citizens.status.notLoggedIn')}</p>
          {enabled ? (
            <p class="kern-body">
              <a class="kern-link" href={loginHref}>
                {t('citizens.status.login')}
              </a>
            </p>
          ) : (
            <p class="kern-body">{t('citizens.status.notOffered')}</p>
          )}
        </>
      )}
    </Layout>
  );
}
