import type { ComponentChildren } from 'preact';
import type { FieldErrors } from '../../../../platform/errors.js';
import { AdminLayout, Notice } from '../../../../platform/views/admin-layout.js';
import type { PageContext } from '../../../../platform/views/context.js';
import { ErrorSummary } from '../../../../platform/views/form-fields.js';
import type { TemplateRow } from '../../core/note-templates.js';
import { workflowActions } from '../../core/policy.js';
import { Due, Flag, localName, ReportsNav, StatusBadge } from '../../core/views/admin-components.js';
import { mapAttributes, reportsMapAssets } from '../../core/views/map-attributes.js';
import type { StaffReportDetail } from '../inbox-service.js';
import type { StaffReport } from '../present.js';
import { type ActionState, ReportActions } from './actions.js';
import { History, Photos, ReturnedNotice } from './detail-parts.js';

function Item({ label, children }: { label: string; children: ComponentChildren }) {
  return (
    <div class="kern-description-list-item">
      <dt class="kern-description-list-item__key">{label}</dt>
      <dd class="kern-description-list-item__value">{children}</dd>
    </div>
  );
}

function Summary({ ctx, detail }: { ctx: PageContext; detail: StaffReportDetail }) {
  const { t } = ctx.i18n;
  const r = detail.report;
  const category = r.categoryGroup
    ? `${localName(ctx, r.categoryGroup)} › ${localName(ctx, r.category)}`
    : localName(ctx, r.category);
  return (
    <dl class="kern-description-list bs-report-summary">
      <Item label={t('reports-admin.detail.category')}>{category}</Item>
      <Item label={t('reports-admin.detail.created')}>
        <time dateTime={r.createdAt.toISOString()}>{ctx.i18n.dateTime(r.createdAt)}</time>
      </Item>
      <Item label={t('reports-admin.detail.due')}>
        <Due ctx={ctx} dueAt={r.dueAt} overdue={r.overdue} />
      </Item>
      {r.closedAt && (
        <Item label={t('reports-admin.detail.closed')}>
          <time dateTime={r.closedAt.toISOString()}>{ctx.i18n.dateTime(r.closedAt)}</time>
        </Item>
      )}
      <Item label={t('reports-admin.detail.department')}>{r.department ?? t('reports-admin.detail.none')}</Item>
      <Item label={t('reports-admin.detail.suggestedDepartment')}>
        {r.suggestedDepartment ?? t('reports-admin.detail.none')}
      </Item>
      {r.externalBody && <Item label={t('reports-admin.detail.externalBody')}>{r.externalBody}</Item>}
      <Item label={t('reports-admin.detail.supporters')}>{ctx.i18n.number(r.supporters)}</Item>
      <Item label={t('reports-admin.detail.source')}>{t(`reports-admin.sources.${r.source}`)}</Item>
      <Item label={t('reports-admin.detail.language')}>{t(`reports-admin.languages.${r.language}`)}</Item>
      {r.mergedIntoId !== null && (
        <Item label={t('reports-admin.detail.mergedInto')}>
          <a class="kern-link" href={`/admin/meldungen/${r.mergedIntoId}`}>
            {r.mergedIntoReference}
          </a>
        </Item>
      )}
      {detail.mergedFrom.length > 0 && (
        <Item label={t('reports-admin.detail.mergedFrom')}>
          {detail.mergedFrom.map((m, i) => (
            <span key={m.id}>
              {i > 0 && ', '}
              <a class="kern-link" href={`/admin/meldungen/${m.id}`}>
                {m.reference}
              </a>
            </span>
          ))}
        </Item>
      )}
    </dl>
  );
}

function Texts({ ctx, r }: { ctx: PageContext; r: StaffReport }) {
  const { t } = ctx.i18n;
  return (
    <section aria-labelledby="text-heading" class="bs-section">
      <h2 class="kern-heading-medium" id="text-heading">
        {t('reports-admin.detail.textHeading')}
      </h2>
      <h3 class="kern-heading-small">{t('reports-admin.detail.original')}</h3>
      {r.descriptionPersonal && <p class="kern-body">{t('reports-admin.detail.personalText')}</p>}
      <p class="kern-body bs-report-text">{r.description || t('reports-admin.detail.none')}</p>
      <h3 class="kern-heading-small">{t('reports-admin.detail.publicText')}</h3>
      <p class="kern-body bs-report-text">{r.publicDescription ?? t('reports-admin.detail.notPublic')}</p>
      {r.answers.length > 0 && (
        <>
          <h3 class="kern-heading-small">{t('reports-admin.detail.answers')}</h3>
          <dl class="kern-description-list">
            {r.answers.map((a) => (
              <Item key={a.code} label={a.label ? localName(ctx, a.label) : a.code}>
                {typeof a.value === 'string' ? a.value : localName(ctx, a.value)}
              </Item>
            ))}
          </dl>
        </>
      )}
    </section>
  );
}

function Location({ ctx, r }: { ctx: PageContext; r: StaffReport }) {
  const { t } = ctx.i18n;
  const coords = `${r.lat.toFixed(6)}, ${r.lon.toFixed(6)}`;
  return (
    <section aria-labelledby="location-heading" class="bs-section">
      <h2 class="kern-heading-medium" id="location-heading">
        {t('reports-admin.detail.locationHeading')}
      </h2>
      <dl class="kern-description-list">
        <Item label={t('reports-admin.detail.address')}>{r.addressLabel ?? t('reports-admin.detail.none')}</Item>
        {r.landmark && <Item label={t('reports-admin.detail.landmark')}>{r.landmark}</Item>}
        <Item label={t('reports-admin.detail.district')}>{r.district ?? t('reports-admin.detail.none')}</Item>
        <Item label={t('reports-admin.detail.coordinates')}>{coords}</Item>
        <Item label={t('reports-admin.detail.method')}>{t(`reports-admin.methods.${r.locationMethod}`)}</Item>
      </dl>
      <div
        class="bs-report-map__canvas bs-report-map__canvas--small"
        data-reports-map
        data-src={`/admin/meldungen/karte.geojson?${new URLSearchParams({ report: String(r.id), status: 'all', lang: ctx.i18n.lang }).toString()}`}
        {...mapAttributes(ctx)}
        data-lat={String(r.lat)}
        data-lon={String(r.lon)}
        data-zoom="17"
      >
        <p class="kern-body bs-report-map__fallback">{t('reports-admin.detail.mapFallback', { coords })}</p>
      </div>
    </section>
  );
}

function Contact({ ctx, r }: { ctx: PageContext; r: StaffReport }) {
  const { t } = ctx.i18n;
  if (!r.contact) return null;
  const c = r.contact;
  return (
    <section aria-labelledby="contact-heading" class="bs-section">
      <h2 class="kern-heading-medium" id="contact-heading">
        {t('reports-admin.detail.contactHeading')}
      </h2>
      {r.anonymised ? (
        <p class="kern-body">{t('reports-admin.detail.anonymised')}</p>
      ) : (
        <dl class="kern-description-list">
          <Item label={t('reports-admin.detail.name')}>{c.name ?? t('reports-admin.detail.none')}</Item>
          <Item label={t('reports-admin.detail.email')}>
            {c.email ? (
              <a class="kern-link" href={`mailto:${c.email}`}>
                {c.email}
              </a>
            ) : (
              t('reports-admin.detail.none')
            )}
          </Item>
          <Item label={t('reports-admin.detail.phone')}>{c.phone ?? t('reports-admin.detail.none')}</Item>
          <Item label={t('reports-admin.detail.notify')}>
            {t(c.notifyEmail ? 'reports-admin.detail.yes' : 'reports-admin.detail.no')}
          </Item>
        </dl>
      )}
    </section>
  );
}

export interface DetailProps {
  ctx: PageContext;
  detail: StaffReportDetail;
  templates: TemplateRow[];
  state: ActionState;
  /** Already translated, keyed by field id (`<action>-<field>`). */
  errors?: FieldErrors;
}

/** "Prüfung nötig" said in words: why (sent without proof of work) and what to do. */
function ScreeningNotice({ ctx, r }: { ctx: PageContext; r: StaffReport }) {
  if (!r.needsScreening) return null;
  const { t } = ctx.i18n;
  return (
    <Notice kind="warning" title={t('reports-admin.detail.screeningTitle')}>
      <p class="kern-body">{t('reports-admin.detail.screeningWhy')}</p>
      <p class="kern-body">{t('reports-admin.detail.screeningWhat')}</p>
    </Notice>
  );
}

/**
 * Everything staff may see of a report: the report itself first (text, photos, place, history), the actions
 * allowed now in one compact panel beside it (below it on narrow screens), one status badge at the top.
 */
export function ReportDetailPage({ ctx, detail, templates, state, errors }: DetailProps) {
  const { t } = ctx.i18n;
  const r = detail.report;
  const done = workflowActions.find((a) => ctx.query.done === a);
  const title = t('reports-admin.detail.title', { reference: r.reference });
  return (
    <AdminLayout ctx={ctx} title={title} {...reportsMapAssets()}>
      <p>
        <a class="kern-link" href="/admin/meldungen">
          {t('reports-admin.detail.back')}
        </a>
      </p>
      <h1 class="kern-heading-large">{title}</h1>
      <ReportsNav ctx={ctx} />
      {done && <Notice kind="success" title={t(`reports-admin.actions.${done}.done`)} />}
      <ErrorSummary ctx={ctx} errors={errors} />
      <ReturnedNotice ctx={ctx} r={r} events={detail.events} />
      <ScreeningNotice ctx={ctx} r={r} />
      <p class="bs-actions bs-report-status">
        <span class="bs-report-status__label">{t('reports-admin.detail.status')}:</span>
        <StatusBadge ctx={ctx} status={r.status} />
        {r.overdue && <Flag kind="danger">{t('reports-admin.due.overdue')}</Flag>}
        {r.needsScreening && <Flag kind="warning">{t('reports-admin.flags.screening')}</Flag>}
        {r.abusive && <Flag kind="danger">{t('reports-admin.flags.abusive')}</Flag>}
        {r.mergedIntoId !== null && <Flag kind="info">{t('reports-admin.flags.merged')}</Flag>}
      </p>
      <div class="bs-report-layout">
        <div class="bs-report-layout__main">
          <Summary ctx={ctx} detail={detail} />
          <Texts ctx={ctx} r={r} />
          <Photos ctx={ctx} r={r} photos={detail.photos} canReview={detail.actions.includes('photo')} />
          <Location ctx={ctx} r={r} />
          <History ctx={ctx} events={detail.events} />
          <Contact ctx={ctx} r={r} />
        </div>
        <div class="bs-report-layout__aside">
          <ReportActions ctx={ctx} detail={detail} templates={templates} state={state} />
        </div>
      </div>
    </AdminLayout>
  );
}
