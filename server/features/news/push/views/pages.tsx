import type { FieldErrors } from '../../../../platform/errors.js';
import { AdminLayout, CsrfField, Notice } from '../../../../platform/views/admin-layout.js';
import type { PageContext } from '../../../../platform/views/context.js';
import { ChoiceGroup, ErrorSummary, FieldError } from '../../../../platform/views/form-fields.js';
import { Layout } from '../../../../platform/views/layout.js';
import type { NewsItemRow } from '../../core/items-queries.js';
import { newsTopics } from '../../core/topics.js';

const topicOptions = (ctx: PageContext) => newsTopics.map((k) => ({ value: k, label: ctx.i18n.t(`news.topics.${k}`) }));

/**
 * The opt-in page. Push needs JavaScript (the browser subscribes at its push service): without it the form stays
 * hidden and the page says so and offers the RSS feeds; client/push-opt-in.ts shows the form where push works.
 */
export function OptInPage({ ctx }: { ctx: PageContext }) {
  const { t, lang } = ctx.i18n;
  return (
    <Layout ctx={ctx} title={t('news.optIn.title')}>
      <p>
        <a class="kern-link" href="/aktuelles">
          {t('news.optIn.back')}
        </a>
      </p>
      <div class="bs-stack">
        <h1 class="kern-heading-large">{t('news.optIn.title')}</h1>
        <p class="kern-body bs-lead">{t('news.optIn.intro')}</p>
      </div>
      <section
        class="bs-section bs-stack"
        aria-labelledby="push-heading"
        data-push-opt-in="/api/news/push"
        data-push-key="/api/push/vapid-public-key"
        data-msg-denied={t('news.optIn.denied')}
        data-msg-failed={t('news.optIn.failed')}
        data-msg-done={t('news.optIn.done')}
        data-msg-manage={t('news.optIn.manage')}
        data-msg-known={t('news.optIn.known')}
        data-push-remember="bs-news-push"
      >
        <h2 class="kern-heading-medium" id="push-heading">
          {t('news.optIn.pushHeading')}
        </h2>
        <p class="kern-body" data-push-nojs>
          {t('news.optIn.noJs')}
        </p>
        <p class="kern-body" data-push-unsupported hidden>
          {t('news.optIn.unsupported')}
        </p>
        <form hidden data-push-form novalidate class="bs-stack">
          <input type="hidden" name="language" value={lang} />
          <ChoiceGroup
            ctx={ctx}
            name="push-topics"
            legend={t('news.optIn.topics')}
            type="checkbox"
            options={topicOptions(ctx)}
            selected={['press', 'traffic']}
          />
          <button type="submit" class="kern-btn kern-btn--primary">
            <span class="kern-label">{t('news.optIn.submit')}</span>
          </button>
        </form>
        <div class="kern-body" data-push-status role="status" aria-live="polite" />
      </section>
      <section class="bs-section bs-stack" aria-labelledby="rss-heading">
        <h2 class="kern-heading-medium" id="rss-heading">
          {t('news.optIn.rssHeading')}
        </h2>
        <p class="kern-body">{t('news.optIn.rssText')}</p>
        <ul class="bs-link-list">
          <li>
            <a class="kern-link" href="/aktuelles/rss.xml">
              {t('news.optIn.rssAll')}
            </a>
          </li>
          {newsTopics.map((k) => (
            <li key={k}>
              <a class="kern-link" href={`/aktuelles/rss.xml?thema=${k}`}>
                {t('news.optIn.rssTopic', { topic: t(`news.topics.${k}`) })}
              </a>
            </li>
          ))}
        </ul>
      </section>
    </Layout>
  );
}

/** Change topics or cancel, from the manage link; works without JavaScript. */
export function ManagePage(p: {
  ctx: PageContext;
  action: string;
  selected: string[];
  saved?: boolean;
  errors?: FieldErrors;
}) {
  const { ctx } = p;
  const { t } = ctx.i18n;
  return (
    <Layout ctx={ctx} title={t('news.manage.title')} head={<meta name="robots" content="noindex" />}>
      <h1 class="kern-heading-large">{t('news.manage.title')}</h1>
      {p.saved && <Notice kind="success" title={t('news.manage.saved')} />}
      <ErrorSummary ctx={ctx} errors={p.errors} />
      <form method="post" action={p.action} novalidate class="bs-form bs-stack">
        <CsrfField ctx={ctx} />
        <ChoiceGroup
          ctx={ctx}
          name="topics"
          legend={t('news.optIn.topics')}
          type="checkbox"
          options={topicOptions(ctx)}
          selected={p.selected}
          error={p.errors?.topics}
        />
        <div class="kern-btn-wrapper">
          <button type="submit" class="kern-btn kern-btn--primary">
            <span class="kern-label">{t('news.manage.save')}</span>
          </button>
        </div>
      </form>
      <section class="bs-section bs-stack" aria-labelledby="cancel-heading">
        <h2 class="kern-heading-medium" id="cancel-heading">
          {t('news.manage.cancelHeading')}
        </h2>
        <p class="kern-body" id="cancel-text">
          {t('news.manage.cancelText')}
        </p>
        <form method="post" action={`${p.action}/abbestellen`} class="bs-inline-form">
          <CsrfField ctx={ctx} />
          <button type="submit" class="kern-btn kern-btn--secondary" aria-describedby="cancel-text">
            <span class="kern-label">{t('news.manage.cancel')}</span>
          </button>
        </form>
      </section>
    </Layout>
  );
}

export function CancelledPage({ ctx }: { ctx: PageContext }) {
  const { t } = ctx.i18n;
  return (
    <Layout ctx={ctx} title={t('news.manage.cancelled')} head={<meta name="robots" content="noindex" />}>
      <h1 class="kern-heading-large">{t('news.manage.cancelled')}</h1>
      <p class="kern-body">
        <a class="kern-link" href="/aktuelles">
          {t('news.optIn.back')}
        </a>
      </p>
    </Layout>
  );
}

/** The editor's confirm step before a push: what goes to whom, how many browsers follow the topic. */
export function ConfirmPushPage(p: { ctx: PageContext; item: NewsItemRow; followers: number; error?: string }) {
  const { ctx, item } = p;
  const { t } = ctx.i18n;
  const topic = t(`news.topics.${item.topic}`);
  return (
    <AdminLayout ctx={ctx} title={t('news.push.confirmTitle')}>
      <p>
        <a class="kern-link" href={`/admin/news/${item.id}`}>
          {t('news.push.backToItem')}
        </a>
      </p>
      <h1 class="kern-heading-large">{t('news.push.confirmTitle')}</h1>
      <dl class="kern-description-list">
        <div class="kern-description-list-item">
          <dt class="kern-description-list-item__key">{t('news.fields.titleDe')}</dt>
          <dd class="kern-description-list-item__value">{item.titleDe}</dd>
        </div>
        <div class="kern-description-list-item">
          <dt class="kern-description-list-item__key">{t('news.fields.topic')}</dt>
          <dd class="kern-description-list-item__value">{topic}</dd>
        </div>
      </dl>
      <p class="kern-body" id="push-text">
        {t('news.push.confirmText', { count: p.followers, topic })}
      </p>
      <FieldError ctx={ctx} id="push" message={p.error} focusable />
      <form method="post" action={`/admin/news/${item.id}/push`} class="bs-inline-form">
        <CsrfField ctx={ctx} />
        <button type="submit" class="kern-btn kern-btn--primary" aria-describedby="push-text">
          <span class="kern-label">{t('news.push.confirm')}</span>
        </button>
      </form>
    </AdminLayout>
  );
}
