import type { ComponentChildren } from 'preact';
import type { PageContext } from '../../../../platform/views/context.js';
import { Layout } from '../../../../platform/views/layout.js';
import { reportsMapAssets } from '../../core/views/map-attributes.js';
import { PlaceMap } from '../../core/views/place-map.js';
import type { PublicEvent, PublicReportDetailView } from '../present.js';
import { placeText, StatusBadge } from './parts.js';

function Fact({ label, children }: { label: string; children: ComponentChildren }) {
  return (
    <div class="kern-description-list-item">
      <dt class="kern-description-list-item__key">{label}</dt>
      <dd class="kern-description-list-item__value">{children}</dd>
    </div>
  );
}

function History({ ctx, history }: { ctx: PageContext; history: PublicEvent[] }) {
  const { t } = ctx.i18n;
  if (history.length === 0) return <p class="kern-body">{t('reports-public.detail.noHistory')}</p>;
  return (
    <ol class="bs-report-history">
      {history.map((e, i) => (
        <li key={`${e.at}-${i}`}>
          <p class="bs-report-history__head">
            <time dateTime={e.at}>{ctx.i18n.dateTime(e.at)}</time>
            {': '}
            <strong>{t(`reports-public.events.${e.kind}`, { defaultValue: t('reports-public.events.status') })}</strong>
          </p>
          {e.statusTo && e.statusTo !== e.statusFrom && e.kind !== 'created' && (
            <p class="bs-report-history__status">
              {t('reports-public.events.newStatus')} <StatusBadge ctx={ctx} status={e.statusTo} />
            </p>
          )}
          {e.note && <p class="kern-body bs-report-history__note">{e.note}</p>}
        </li>
      ))}
    </ol>
  );
}

/** The public page of one report: facts, moderated text, public answers, approved photos, public history. */
export function PublicDetailPage({ ctx, report }: { ctx: PageContext; report: PublicReportDetailView }) {
  const { t } = ctx.i18n;
  const four = { minimumFractionDigits: 4, maximumFractionDigits: 4 };
  const coords = { lat: ctx.i18n.number(report.lat, four), lon: ctx.i18n.number(report.lon, four) };
  return (
    <Layout ctx={ctx} title={t('reports-public.detail.title', { reference: report.reference })} {...reportsMapAssets()}>
      <h1 class="kern-heading-large">
        {t('reports-public.detail.heading', { category: report.category.name, reference: report.reference })}
      </h1>
      <p class="bs-report-item__status">
        <span class="kern-sr-only">{t('reports-public.fields.status')}: </span>
        <StatusBadge ctx={ctx} status={report.status} />
      </p>
      <section aria-labelledby="facts-heading">
        <h2 class="kern-heading-medium" id="facts-heading">
          {t('reports-public.detail.facts')}
        </h2>
        <dl class="kern-description-list">
          <Fact label={t('reports-public.fields.reference')}>{report.reference}</Fact>
          <Fact label={t('reports-public.fields.category')}>{report.category.name}</Fact>
          <Fact label={t('reports-public.fields.status')}>{t(`reports-public.status.${report.status}`)}</Fact>
          <Fact label={t('reports-public.fields.reported')}>
            <time dateTime={report.createdAt}>{ctx.i18n.date(report.createdAt)}</time>
          </Fact>
          {report.closedAt && (
            <Fact label={t('reports-public.fields.closed')}>
              <time dateTime={report.closedAt}>{ctx.i18n.date(report.closedAt)}</time>
            </Fact>
          )}
          <Fact label={t('reports-public.fields.location')}>{placeText(ctx, report)}</Fact>
          <Fact label={t('reports-public.fields.coordinates')}>{t('reports-public.coordinates', coords)}</Fact>
          <Fact label={t('reports-public.fields.supporters')}>
            {t('reports-public.supporters', { count: report.supporterCount })}
          </Fact>
        </dl>
        {/* A still map of the place (client/reports-map.ts); without JavaScript the facts above say where. */}
        <PlaceMap
          ctx={ctx}
          lat={report.lat}
          lon={report.lon}
          label={t('maps.place.label', { place: placeText(ctx, report) })}
        />
      </section>
      <section aria-labelledby="text-heading">
        <h2 class="kern-heading-medium" id="text-heading">
          {t('reports-public.detail.text')}
        </h2>
        <p class="kern-body bs-report-text">{report.text ?? t('reports-public.detail.noText')}</p>
        {report.answers.length > 0 && (
          <>
            <h3 class="kern-heading-small">{t('reports-public.detail.answers')}</h3>
            <dl class="kern-description-list">
              {report.answers.map((a) => (
                <Fact key={a.label} label={a.label}>
                  {a.values.join(', ')}
                </Fact>
              ))}
            </dl>
          </>
        )}
      </section>
      {report.photos.length > 0 && (
        <section aria-labelledby="photos-heading">
          <h2 class="kern-heading-medium" id="photos-heading">
            {t('reports-public.detail.photos')}
          </h2>
          <ul class="bs-report-photos">
            {report.photos.map((p, i) => (
              <li key={p.url}>
                <a href={p.url}>
                  <img
                    src={p.url}
                    width={p.width}
                    height={p.height}
                    loading="lazy"
                    alt={t('reports-public.detail.photoAlt', {
                      n: i + 1,
                      count: report.photos.length,
                      reference: report.reference,
                    })}
                  />
                </a>
              </li>
            ))}
          </ul>
        </section>
      )}
      <section aria-labelledby="history-heading">
        <h2 class="kern-heading-medium" id="history-heading">
          {t('reports-public.detail.history')}
        </h2>
        <History ctx={ctx} history={report.history} />
      </section>
      <p class="kern-body kern-hint">{t('reports-public.detail.privacy')}</p>
      <ul class="bs-report-links">
        <li>
          <a class="kern-link" href="/meldungen">
            {t('reports-public.detail.backToList')}
          </a>
        </li>
        <li>
          <a class="kern-link" href="/meldungen/karte">
            {t('reports-public.detail.toMap')}
          </a>
        </li>
        <li>
          <a class="kern-link" href="/melden">
            {t('reports-public.detail.report')}
          </a>
        </li>
      </ul>
    </Layout>
  );
}
