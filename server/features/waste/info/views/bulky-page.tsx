import type { PageContext } from '../../../../platform/views/context.js';
import { Layout, telHref } from '../../../../platform/views/layout.js';

/** Sperrmüll: what counts, what does not, and how to book (the link from the municipality's configuration). */
export function BulkyPage({ ctx }: { ctx: PageContext }) {
  const { t } = ctx.i18n;
  const m = ctx.municipality;
  const booking = m.waste?.bulkyWasteBookingUrl;
  return (
    <Layout ctx={ctx} title={t('waste-citizen.bulky.title')}>
      <h1 class="kern-heading-large">{t('waste-citizen.bulky.title')}</h1>
      <p class="kern-body bs-lead">{t('waste-citizen.bulky.intro')}</p>
      <section class="bs-section" aria-labelledby="bulky-what">
        <h2 class="kern-heading-medium" id="bulky-what">
          {t('waste-citizen.bulky.whatHeading')}
        </h2>
        <ul class="kern-list kern-list--bullet">
          <li>{t('waste-citizen.bulky.what1')}</li>
          <li>{t('waste-citizen.bulky.what2')}</li>
          <li>{t('waste-citizen.bulky.what3')}</li>
        </ul>
      </section>
      <section class="bs-section" aria-labelledby="bulky-not">
        <h2 class="kern-heading-medium" id="bulky-not">
          {t('waste-citizen.bulky.notHeading')}
        </h2>
        <ul class="kern-list kern-list--bullet">
          <li>
            <a class="kern-link" href="/abfall/wertstoffhoefe">
              {t('waste-citizen.bulky.not1')}
            </a>
          </li>
          <li>{t('waste-citizen.bulky.not2')}</li>
          <li>{t('waste-citizen.bulky.not3')}</li>
        </ul>
      </section>
      <section class="bs-section bs-box" aria-labelledby="bulky-book">
        <h2 class="kern-heading-medium" id="bulky-book">
          {t('waste-citizen.bulky.bookHeading')}
        </h2>
        <p class="kern-body">{t('waste-citizen.bulky.book')}</p>
        {booking && (
          <p class="kern-body">
            <a class="kern-btn kern-btn--primary" href={booking}>
              <span class="kern-label">{t('waste-citizen.bulky.bookLink')}</span>
            </a>
          </p>
        )}
        <p class="kern-body">
          {`${t('waste-citizen.bulky.bookPhone')} `}
          <a href={telHref(m.bscPhone)} class="bs-nowrap">
            {m.bscPhone}
          </a>
        </p>
      </section>
      <p class="kern-body">
        <a class="kern-link" href="/abfall/abc">
          {t('waste-citizen.bulky.abcLink')}
        </a>
      </p>
    </Layout>
  );
}
