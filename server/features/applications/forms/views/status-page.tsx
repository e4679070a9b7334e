import type { PageContext } from '../../../../platform/views/context.js';
import { Fact } from '../../../../platform/views/description-list.js';
import { Layout } from '../../../../platform/views/layout.js';
import type { ApplicationRow, EventRow } from '../../core/applications-queries.js';
import type { Definition } from '../../core/definition.js';
import { lt } from './fields.js';

/** The applicant's view of a sent application: reference, status and the messages, newest last. */
export function StatusPage(p: {
  ctx: PageContext;
  application: ApplicationRow;
  definition: Definition | undefined;
  events: EventRow[];
  fresh: boolean;
  link: string;
}) {
  const { ctx, application: a } = p;
  const { t } = ctx.i18n;
  const title = p.definition ? lt(ctx, p.definition.title) : a.formSlug;
  return (
    <Layout ctx={ctx} title={`${t('applications.status.title', { reference: a.reference })}`}>
      {p.fresh && (
        <div class="kern-alert kern-alert--success" role="status">
          <div class="kern-alert__header">
            <span class="kern-icon kern-icon--success" aria-hidden="true" />
            <h2 class="kern-title">{t('applications.status.sent')}</h2>
          </div>
          <div class="kern-alert__body">
            <p class="kern-body">{t('applications.status.keepLink')}</p>
            <p class="kern-body bs-app-link">
              <code>{p.link}</code>
            </p>
          </div>
        </div>
      )}
      <h1 class="kern-heading-large">{t('applications.status.title', { reference: a.reference })}</h1>
      <dl class="kern-description-list">
        <Fact term={t('applications.status.service')}>{title}</Fact>
        <Fact term={t('applications.status.reference')}>{a.reference}</Fact>
        <Fact term={t('applications.status.sentAt')}>{ctx.i18n.dateTime(a.createdAt)}</Fact>
        <Fact term={t('applications.status.current')}>
          <strong>{t(`applications.statuses.${a.status}`)}</strong>
        </Fact>
        <Fact term={t('applications.status.encryption')}>{t(`applications.status.encryptedBy.${a.encryptedBy}`)}</Fact>
      </dl>
      <h2 class="kern-heading-medium">{t('applications.status.history')}</h2>
      <ol class="kern-list bs-app-events">
        {p.events.map((e) => (
          <li key={e.id}>
            <strong>{ctx.i18n.dateTime(e.createdAt)}</strong>
            {e.status ? ` – ${t(`applications.statuses.${e.status}`)}` : ''}
            {e.message && <p class="kern-body">{e.message}</p>}
          </li>
        ))}
      </ol>
    </Layout>
  );
}
