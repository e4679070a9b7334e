import type { PageContext } from '../../../../platform/views/context.js';
import { Layout } from '../../../../platform/views/layout.js';
import { AddressField } from '../../../addresses/views/address-field.js';
import { addressPath } from '../links.js';
import type { CalendarAddress } from '../service.js';

export interface WasteSearchPageProps {
  ctx: PageContext;
  q: string;
  results?: CalendarAddress[];
  error?: string;
  /** The visitor's saved addresses (from their cookie). */
  saved: CalendarAddress[];
}

const infoLinks = [
  ['/abfall/abc', 'waste-citizen.nav.abc'],
  ['/abfall/wertstoffhoefe', 'waste-citizen.nav.centres'],
  ['/abfall/sperrmuell', 'waste-citizen.nav.bulky'],
] as const;

function AddressLinks({ list }: { list: CalendarAddress[] }) {
  return (
    <ul class="bs-waste-addresses">
      {list.map((a) => (
        <li key={a.id}>
          <a class="kern-link" href={addressPath(a.id)}>
            {`${a.label}, ${a.postcode}`}
          </a>
        </li>
      ))}
    </ul>
  );
}

/** "Abfallkalender": saved addresses, the address search (a GET form; autocomplete with JavaScript), more links. */
export function WasteSearchPage({ ctx, q, results, error, saved }: WasteSearchPageProps) {
  const { t } = ctx.i18n;
  const title = t('waste-citizen.search.title');
  return (
    <Layout ctx={ctx} title={q && !error ? t('waste-citizen.search.titleWithQuery', { q }) : title}>
      <h1 class="kern-heading-large">{title}</h1>
      {saved.length > 0 && (
        <section class="bs-section" aria-labelledby="saved-heading">
          <h2 class="kern-heading-medium" id="saved-heading">
            {t('waste-citizen.search.saved')}
          </h2>
          <AddressLinks list={saved} />
        </section>
      )}
      <p class="kern-body bs-lead">{t('waste-citizen.search.intro')}</p>
      <search>
        <form method="get" action="/abfall" class="bs-form" novalidate>
          <AddressField
            ctx={ctx}
            name="q"
            id="q"
            label={t('waste-citizen.search.label')}
            hint={t('waste-citizen.search.hint')}
            value={q}
            error={error}
            idField={{ name: 'id' }}
            required
          />
          <div class="kern-btn-wrapper">
            <button type="submit" class="kern-btn kern-btn--primary">
              <span class="kern-label">{t('waste-citizen.search.submit')}</span>
            </button>
          </div>
        </form>
      </search>
      {results && results.length > 0 && (
        <section class="bs-section" aria-labelledby="results-heading">
          <h2 class="kern-heading-medium" id="results-heading">
            {t('waste-citizen.search.results')}
          </h2>
          <AddressLinks list={results} />
        </section>
      )}
      {results && results.length === 0 && (
        <p class="kern-body" role="status">
          {t('waste-citizen.search.none', { q })}
        </p>
      )}
      <nav class="bs-section" aria-labelledby="more-heading">
        <h2 class="kern-heading-medium" id="more-heading">
          {t('waste-citizen.nav.label')}
        </h2>
        <ul class="kern-list kern-list--bullet">
          {infoLinks.map(([href, key]) => (
            <li key={href}>
              <a class="kern-link" href={href}>
                {t(key)}
              </a>
            </li>
          ))}
        </ul>
      </nav>
    </Layout>
  );
}
