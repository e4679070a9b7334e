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
  /** The status token, when the page is the status link (push follows by it). */
  token?: string;
  /** Where the office's documents are downloaded: the status link's or the logged-in mailbox's path + /dokumente. */
  filesBase: string;
  retentionDays: number;
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
            <p class="kern-body bs-app-url">
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
      {p.token && <PushFollow ctx={ctx} token={p.token} />}
      <h2 class="kern-heading-medium">{t('applications.status.history')}</h2>
      <ol class="kern-list bs-app-events">
        {p.events.map((e) => (
          <li key={e.id}>
            <strong>{ctx.i18n.dateTime(e.createdAt)}</strong>
            {e.status ? ` – ${t(`applications.statuses.${e.status}`)}` : ''}
            {e.message && <p class="kern-body">{e.message}</p>}
            {e.files.length > 0 && (
              <ul class="kern-list">
                {e.files.map((f) => (
                  <li key={f.id}>
                    <a class="kern-link" href={`${p.filesBase}/${f.id}`} download={f.name}>
                      {`${f.name} (${Math.max(1, Math.round(f.size / 1024))} KB)`}
                    </a>
                  </li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ol>
      <p class="kern-body kern-body--small">{t('applications.status.retention', { days: p.retentionDays })}</p>
    </Layout>
  );
}

/** "Turn on notifications" for this application (client/push-opt-in.ts); without JavaScript it says what to do. */
function PushFollow({ ctx, token }: { ctx: PageContext; token: string }) {
  const { t, lang } = ctx.i18n;
  return (
    <section
      class="bs-section bs-stack"
      aria-labelledby="push-heading"
      data-push-opt-in={`/api/applications/status/${token}/push`}
      data-push-key="/api/push/vapid-public-key"
      data-msg-denied={t('applications.push.denied')}
      data-msg-failed={t('applications.push.failed')}
      data-msg-done={t('applications.push.done')}
      data-msg-manage={t('applications.push.manage')}
      data-msg-known={t('applications.push.known')}
    >
      <h2 class="kern-heading-medium" id="push-heading">
        {t('applications.push.title')}
      </h2>
      <p class="kern-body">{t('applications.push.intro')}</p>
      <p class="kern-body" data-push-nojs>
        {t('applications.push.noJs')}
      </p>
      <p class="kern-body" data-push-unsupported hidden>
        {t('applications.push.unsupported')}
      </p>
      <form hidden data-push-form novalidate>
        <input type="hidden" name="language" value={lang} />
        <button type="submit" class="kern-btn kern-btn--primary">
          <span class="kern-label">{t('applications.push.submit')}</span>
        </button>
      </form>
      <p class="kern-body" data-push-status aria-live="polite" />
    </section>
  );
}
