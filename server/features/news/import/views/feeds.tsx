import type { FieldErrors } from '../../../../platform/errors.js';
import { AdminFormPage, formFields } from '../../../../platform/views/admin-form.js';
import { AdminLayout, Notice, PostButton } from '../../../../platform/views/admin-layout.js';
import type { PageContext } from '../../../../platform/views/context.js';
import { CheckboxField, SelectField, TextField } from '../../../../platform/views/form-fields.js';
import { newsTopics } from '../../core/topics.js';
import type { FeedInput, NewsFeedRow } from '../feeds-service.js';
import type { FeedImportResult } from '../service.js';

function FeedStatus({ ctx, feed }: { ctx: PageContext; feed: NewsFeedRow }) {
  const { t } = ctx.i18n;
  if (!feed.lastStatus || !feed.lastFetchedAt) return <p class="kern-body">{t('news.feeds.neverFetched')}</p>;
  const when = ctx.i18n.dateTime(feed.lastFetchedAt);
  if (feed.lastStatus === 'error') {
    return (
      <div class="kern-alert kern-alert--danger" role="alert">
        <div class="kern-alert__header">
          <span class="kern-icon kern-icon--danger" aria-hidden="true" />
          <p class="kern-title">{t('news.feeds.failed', { when })}</p>
        </div>
        <div class="kern-alert__body">
          <p class="kern-body">{feed.lastError}</p>
          <p class="kern-body">
            {feed.lastSuccessAt
              ? t('news.feeds.lastSuccess', { when: ctx.i18n.dateTime(feed.lastSuccessAt) })
              : t('news.feeds.neverSucceeded')}{' '}
            {t('news.feeds.untouched')}
          </p>
        </div>
      </div>
    );
  }
  return (
    <p class="kern-body">
      {feed.lastStatus === 'ok'
        ? t('news.feeds.ok', { when, count: feed.lastItemCount ?? 0 })
        : t('news.feeds.notModified', { when })}
    </p>
  );
}

/** The feeds with their last outcome (errors in full), buttons to fetch now, and links to add or change. */
export function FeedsPage({
  ctx,
  feeds,
  result,
}: {
  ctx: PageContext;
  feeds: NewsFeedRow[];
  result?: FeedImportResult;
}) {
  const { t } = ctx.i18n;
  const done = ['created', 'saved', 'deleted'].find((n) => ctx.query.done === n);
  return (
    <AdminLayout ctx={ctx} title={t('news.feeds.title')}>
      <p>
        <a class="kern-link" href="/admin/news">
          {t('news.editor.back')}
        </a>
      </p>
      <h1 class="kern-heading-large">{t('news.feeds.title')}</h1>
      {done && <Notice kind="success" title={t(`news.feeds.notices.${done}`)} />}
      {result && result.status !== 'error' && (
        <Notice
          kind="success"
          title={
            result.status === 'not_modified'
              ? t('news.feeds.resultNotModified')
              : t('news.feeds.result', { added: result.added, updated: result.updated, hidden: result.hidden })
          }
        />
      )}
      <p class="kern-body">{t('news.feeds.intro')}</p>
      <p class="bs-actions">
        <a class="kern-btn kern-btn--primary" href="/admin/news/feeds/new">
          <span class="kern-label">{t('news.feeds.create')}</span>
        </a>
      </p>
      {feeds.length === 0 ? (
        <p class="kern-body">{t('news.feeds.empty')}</p>
      ) : (
        <ul class="bs-link-list">
          {feeds.map((feed) => (
            <li key={feed.id} class="bs-box bs-stack">
              <h2 class="kern-heading-small" id={`feed-${feed.id}`}>
                <a class="kern-link" href={`/admin/news/feeds/${feed.id}`}>
                  {feed.name}
                </a>
              </h2>
              <p class="kern-body">
                {t(`news.topics.${feed.topic}`)} · {t(feed.enabled ? 'news.feeds.enabled' : 'news.feeds.disabled')} ·{' '}
                <code class="bs-news-url">{feed.url}</code>
              </p>
              <FeedStatus ctx={ctx} feed={feed} />
              <PostButton ctx={ctx} action={`/admin/news/feeds/${feed.id}/import`} label={t('news.feeds.fetchNow')} />
            </li>
          ))}
        </ul>
      )}
    </AdminLayout>
  );
}

export function feedValues(feed?: NewsFeedRow): FeedInput {
  return {
    name: feed?.name ?? '',
    url: feed?.url ?? '',
    topic: feed?.topic ?? 'press',
    enabled: feed?.enabled ?? true,
  };
}

export function FeedFormPage(p: { ctx: PageContext; feed?: NewsFeedRow; values: FeedInput; errors?: FieldErrors }) {
  const { ctx, feed, values, errors } = p;
  const { t } = ctx.i18n;
  const field = formFields(ctx, values, errors);
  return (
    <AdminFormPage
      ctx={ctx}
      title={feed ? t('news.feeds.editTitle', { name: feed.name }) : t('news.feeds.newTitle')}
      back={{ href: '/admin/news/feeds', label: t('news.feeds.back') }}
      errors={errors}
      action={feed ? `/admin/news/feeds/${feed.id}` : '/admin/news/feeds'}
      submitLabel={t(feed ? 'news.editor.save' : 'news.feeds.create')}
      after={
        feed && (
          <section class="bs-section" aria-labelledby="delete-heading">
            <h2 class="kern-heading-medium" id="delete-heading">
              {t('news.feeds.deleteTitle')}
            </h2>
            <p class="kern-body" id="delete-text">
              {t('news.feeds.deleteText')}
            </p>
            <PostButton
              ctx={ctx}
              action={`/admin/news/feeds/${feed.id}/delete`}
              label={t('news.feeds.delete')}
              describedBy="delete-text"
            />
          </section>
        )
      }
    >
      <TextField {...field('name')} label={t('news.feeds.fields.name')} required maxLength={120} />
      <TextField
        {...field('url')}
        label={t('news.feeds.fields.url')}
        hint={t('news.feeds.urlHint')}
        required
        maxLength={2048}
      />
      <SelectField
        {...field('topic')}
        label={t('news.fields.topic')}
        options={newsTopics.map((k) => ({ value: k, label: t(`news.topics.${k}`) }))}
        required
      />
      <CheckboxField
        name="enabled"
        label={t('news.feeds.fields.enabled')}
        hint={t('news.feeds.enabledHint')}
        checked={values.enabled}
      />
    </AdminFormPage>
  );
}
