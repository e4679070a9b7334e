import type { FieldErrors } from '../../../../platform/errors.js';
import { AdminFormPage, formFields } from '../../../../platform/views/admin-form.js';
import { Notice, PostButton } from '../../../../platform/views/admin-layout.js';
import type { PageContext } from '../../../../platform/views/context.js';
import { CheckboxField, SelectField, TextAreaField, TextField } from '../../../../platform/views/form-fields.js';
import type { NewsItemRow } from '../../core/items-queries.js';
import { newsPath } from '../../core/service.js';
import { newsTopics } from '../../core/topics.js';
import { localPublish, type NewsInput } from '../validation.js';

export function newsValues(item: NewsItemRow | undefined, timeZone: string): NewsInput {
  return {
    topic: item?.topic ?? 'press',
    titleDe: item?.titleDe ?? '',
    titleEn: item?.titleEn ?? '',
    summaryDe: item?.summaryDe ?? '',
    summaryEn: item?.summaryEn ?? '',
    // An imported item has no Markdown: its sanitised HTML is the starting point (Markdown passes HTML through).
    bodyDe: item ? (item.markdownDe ?? item.bodyDe) : '',
    bodyEn: item ? (item.markdownEn ?? item.bodyEn ?? '') : '',
    ...(item ? localPublish(item.publishedAt, timeZone) : { publishDate: '', publishTime: '' }),
    pinned: item?.pinned ?? false,
  };
}

/** The editor's form: German and English texts in Markdown, topic, publishing time, pin; actions on the item. */
export function NewsFormPage(p: { ctx: PageContext; item?: NewsItemRow; values: NewsInput; errors?: FieldErrors }) {
  const { ctx, item, values, errors } = p;
  const { t } = ctx.i18n;
  const field = formFields(ctx, values, errors);
  const title = item ? t('news.editor.editTitle', { title: item.titleDe }) : t('news.editor.newTitle');
  return (
    <AdminFormPage
      ctx={ctx}
      title={title}
      back={{ href: '/admin/news', label: t('news.editor.back') }}
      errors={errors}
      action={item ? `/admin/news/${item.id}` : '/admin/news'}
      submitLabel={t(item ? 'news.editor.save' : 'news.editor.create')}
      after={item && <ItemActions ctx={ctx} item={item} />}
    >
      {item && ctx.query.done === 'created' && <Notice kind="success" title={t('news.editor.notices.created')} />}
      <SelectField
        {...field('topic')}
        label={t('news.fields.topic')}
        options={newsTopics.map((k) => ({ value: k, label: t(`news.topics.${k}`) }))}
        required
      />
      <TextField {...field('titleDe')} label={t('news.fields.titleDe')} required maxLength={200} />
      <TextAreaField
        {...field('summaryDe')}
        label={t('news.fields.summaryDe')}
        hint={t('news.editor.summaryHint')}
        optional
        rows={2}
        maxLength={400}
      />
      <TextAreaField
        {...field('bodyDe')}
        label={t('news.fields.bodyDe')}
        hint={t('news.editor.markdownHint')}
        required
        rows={12}
      />
      <TextField {...field('titleEn')} label={t('news.fields.titleEn')} optional maxLength={200} />
      <TextAreaField {...field('summaryEn')} label={t('news.fields.summaryEn')} optional rows={2} maxLength={400} />
      <TextAreaField
        {...field('bodyEn')}
        label={t('news.fields.bodyEn')}
        hint={t('news.editor.englishHint')}
        optional
        rows={8}
      />
      <TextField
        {...field('publishDate')}
        type="date"
        label={t('news.fields.publishDate')}
        hint={t('news.editor.publishHint')}
        optional
      />
      <TextField
        {...field('publishTime')}
        label={t('news.fields.publishTime')}
        hint={t('news.editor.timeHint')}
        optional
        maxLength={5}
      />
      <CheckboxField name="pinned" label={t('news.fields.pinned')} checked={values.pinned} />
    </AdminFormPage>
  );
}

function ItemActions({ ctx, item }: { ctx: PageContext; item: NewsItemRow }) {
  const { t } = ctx.i18n;
  const base = `/admin/news/${item.id}`;
  return (
    <section class="bs-section bs-stack" aria-labelledby="actions-heading">
      <h2 class="kern-heading-medium" id="actions-heading">
        {t('news.editor.actions')}
      </h2>
      <p class="kern-body">
        <a class="kern-link" href={newsPath(item)}>
          {t('news.editor.view')}
        </a>
      </p>
      <div class="bs-actions">
        <PostButton
          ctx={ctx}
          action={`${base}/${item.pinned ? 'unpin' : 'pin'}`}
          label={t(item.pinned ? 'news.editor.unpin' : 'news.editor.pin')}
        />
        <PostButton
          ctx={ctx}
          action={`${base}/${item.unpublished ? 'publish' : 'unpublish'}`}
          label={t(item.unpublished ? 'news.editor.publish' : 'news.editor.unpublish')}
        />
        {item.source === 'editor' && (
          <PostButton ctx={ctx} action={`${base}/delete`} label={t('news.editor.delete')} variant="tertiary" />
        )}
      </div>
      <h3 class="kern-heading-small">{t('news.push.heading')}</h3>
      {item.pushedAt ? (
        <p class="kern-body">{t('news.push.alreadySent', { date: ctx.i18n.dateTime(item.pushedAt) })}</p>
      ) : (
        <p class="kern-body">
          <a class="kern-link" href={`${base}/push`}>
            {t('news.push.send')}
          </a>
        </p>
      )}
    </section>
  );
}
