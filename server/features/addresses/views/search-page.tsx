import type { PageContext } from '../../../platform/views/context.js';
import { Layout } from '../../../platform/views/layout.js';
import type { AddressDto } from '../schemas.js';
import { AddressField } from './address-field.js';

export interface AddressSearchPageProps {
  ctx: PageContext;
  /** The query as typed ('' before the first search). */
  q: string;
  /** Undefined before a search (empty state) or when the query was invalid. */
  results?: AddressDto[];
  error?: string;
}

function ResultTable({ ctx, q, results }: { ctx: PageContext; q: string; results: AddressDto[] }) {
  const { t } = ctx.i18n;
  return (
    <table class="kern-table bs-address-results">
      <caption class="kern-title">{t('addresses.results.caption', { count: results.length, q })}</caption>
      <thead class="kern-table__head">
        <tr class="kern-table__row">
          <th scope="col" class="kern-table__header">
            {t('addresses.results.address')}
          </th>
          <th scope="col" class="kern-table__header">
            {t('addresses.results.postcode')}
          </th>
          <th scope="col" class="kern-table__header">
            {t('addresses.results.district')}
          </th>
        </tr>
      </thead>
      <tbody class="kern-table__body">
        {results.map((a) => (
          <tr class="kern-table__row" key={a.id}>
            <th scope="row" class="kern-table__header">
              {a.label}
            </th>
            <td class="kern-table__cell">{`${a.postcode} ${ctx.municipality.name}`}</td>
            <td class="kern-table__cell">{a.district?.name ?? t('addresses.results.noDistrict')}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function NothingFound({ ctx, q }: { ctx: PageContext; q: string }) {
  const { t } = ctx.i18n;
  return (
    <div class="kern-alert kern-alert--info" role="status">
      <div class="kern-alert__header">
        <span class="kern-icon kern-icon--info" aria-hidden="true" />
        <h2 class="kern-title">{t('addresses.empty.title', { q })}</h2>
      </div>
      <div class="kern-alert__body">
        <ul class="kern-list">
          <li>{t('addresses.empty.tipSpelling')}</li>
          <li>{t('addresses.empty.tipStreetOnly')}</li>
          <li>{t('addresses.empty.tipCity', { city: ctx.municipality.name })}</li>
        </ul>
      </div>
    </div>
  );
}

/** "Adresse finden": a GET form that lists matching addresses with their Stadtbezirk; works without JavaScript. */
export function AddressSearchPage({ ctx, q, results, error }: AddressSearchPageProps) {
  const { t } = ctx.i18n;
  const title = t('addresses.page.title');
  return (
    <Layout ctx={ctx} title={q && !error ? t('addresses.page.titleWithQuery', { q }) : title}>
      <h1 class="kern-heading-large">{title}</h1>
      <p class="kern-body">{t('addresses.page.intro', { city: ctx.municipality.name })}</p>
      {ctx.demo && <p class="kern-body">{t('demo.addressesNote')}</p>}
      {error && (
        <div class="kern-alert kern-alert--danger bs-error-summary" role="alert" aria-labelledby="error-summary-title">
          <div class="kern-alert__header">
            <span class="kern-icon kern-icon--danger" aria-hidden="true" />
            <h2 class="kern-title" id="error-summary-title">
              {t('addresses.errors.summary')}
            </h2>
          </div>
          <div class="kern-alert__body">
            <ul class="kern-list">
              <li>
                <a class="kern-link" href="#q">
                  {error}
                </a>
              </li>
            </ul>
          </div>
        </div>
      )}
      <search>
        <form method="get" action="/adressen" class="bs-form" novalidate>
          <AddressField
            ctx={ctx}
            name="q"
            id="q"
            label={t('addresses.field.label')}
            hint={t('addresses.field.hint')}
            value={q}
            error={error}
            required
          />
          <div class="kern-btn-wrapper">
            <button type="submit" class="kern-btn kern-btn--primary">
              <span class="kern-label">{t('addresses.search.submit')}</span>
            </button>
          </div>
        </form>
      </search>
      {results && results.length > 0 && <ResultTable ctx={ctx} q={q} results={results} />}
      {results && results.length === 0 && <NothingFound ctx={ctx} q={q} />}
    </Layout>
  );
}
