import type { FieldErrors } from '../../../platform/errors.js';
import { ActionSection, AdminFormPage, formFields } from '../../../platform/views/admin-form.js';
import { AdminLayout, Notice } from '../../../platform/views/admin-layout.js';
import type { PageContext } from '../../../platform/views/context.js';
import { TextField } from '../../../platform/views/form-fields.js';
import type { Topic } from '../present.js';
import { limits } from '../validation.js';
import { MoveButtons } from './move-buttons.js';

const notices = ['created', 'saved', 'deleted', 'moved'] as const;

/** The FAQ topics in their public order, with their number of questions, "Nach oben" / "Nach unten". */
export function TopicListPage({ ctx, topics, error }: { ctx: PageContext; topics: Topic[]; error?: string }) {
  const { t } = ctx.i18n;
  const notice = notices.find((n) => ctx.query.done === n);
  return (
    <AdminLayout ctx={ctx} title={t('faq.topicAdmin.title')}>
      <p>
        <a class="kern-link" href="/admin/oft-nachgefragt">
          {t('faq.admin.back')}
        </a>
      </p>
      <h1 class="kern-heading-large">{t('faq.topicAdmin.title')}</h1>
      {notice && <Notice kind="success" title={t(`faq.topicAdmin.notices.${notice}`)} />}
      {error && <Notice kind="danger" title={error} />}
      <p class="kern-body bs-lead">{t('faq.topicAdmin.intro')}</p>
      <p>
        <a class="kern-btn kern-btn--primary" href="/admin/oft-nachgefragt/themen/neu">
          <span class="kern-label">{t('faq.topicAdmin.create')}</span>
        </a>
      </p>
      <ol class="kern-list kern-list--number">
        {topics.map((topic, i) => (
          <li key={topic.id} id={`thema-${topic.id}`}>
            <a class="kern-link" href={`/admin/oft-nachgefragt/themen/${topic.id}`}>
              {topic.name.de}
            </a>
            <span class="bs-muted">{` (${t('faq.topicAdmin.count', { count: topic.questions })})`}</span>
            <MoveButtons
              ctx={ctx}
              action={`/admin/oft-nachgefragt/themen/${topic.id}`}
              name={topic.name.de}
              first={i === 0}
              last={i === topics.length - 1}
            />
          </li>
        ))}
      </ol>
    </AdminLayout>
  );
}

export interface TopicFormValues {
  nameDe: string;
  nameEn: string;
  slug: string;
}

export const topicValues = (topic?: Topic): TopicFormValues => ({
  nameDe: topic?.name.de ?? '',
  nameEn: topic?.name.en ?? '',
  slug: topic?.slug ?? '',
});

/** Create or rename a topic; an empty topic can be deleted. */
export function TopicFormPage(p: { ctx: PageContext; topic?: Topic; values: TopicFormValues; errors?: FieldErrors }) {
  const { ctx, topic } = p;
  const { t } = ctx.i18n;
  const field = formFields(ctx, p.values, p.errors);
  return (
    <AdminFormPage
      ctx={ctx}
      title={t(topic ? 'faq.topicAdmin.editTitle' : 'faq.topicAdmin.newTitle')}
      back={{ href: '/admin/oft-nachgefragt/themen', label: t('faq.topicAdmin.back') }}
      errors={p.errors}
      action={topic ? `/admin/oft-nachgefragt/themen/${topic.id}` : '/admin/oft-nachgefragt/themen'}
      submitLabel={t(topic ? 'faq.form.save' : 'faq.form.create')}
      after={
        topic &&
        topic.questions === 0 && (
          <ActionSection
            ctx={ctx}
            id="delete"
            title={t('faq.topicAdmin.deleteHeading')}
            text={t('faq.topicAdmin.deleteText')}
            action={`/admin/oft-nachgefragt/themen/${topic.id}/loeschen`}
            label={t('faq.topicAdmin.delete')}
          />
        )
      }
    >
      <TextField {...field('nameDe')} label={t('faq.fields.nameDe')} required maxLength={limits.topic} />
      <TextField {...field('nameEn')} label={t('faq.fields.nameEn')} optional maxLength={limits.topic} />
      <TextField
        {...field('slug')}
        label={t('faq.fields.slug')}
        hint={t('faq.topicAdmin.slugHint')}
        optional
        maxLength={limits.slug}
      />
    </AdminFormPage>
  );
}
