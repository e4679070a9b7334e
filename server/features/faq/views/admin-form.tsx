import type { FieldErrors } from '../../../platform/errors.js';
import { ActionSection, AdminFormPage, formFields } from '../../../platform/views/admin-form.js';
import type { PageContext } from '../../../platform/views/context.js';
import {
  CheckboxField,
  ChoiceGroup,
  SelectField,
  TextAreaField,
  TextField,
} from '../../../platform/views/form-fields.js';
import { helpfulRatio, type Question, questionPath, type Topic } from '../present.js';
import { limits } from '../validation.js';

export interface QuestionFormValues {
  topicId: string;
  slug: string;
  questionDe: string;
  questionEn: string;
  answerDe: string;
  answerEn: string;
  synonyms: string;
  serviceSlug: string;
  status: string;
  onStartPage: boolean;
}

export function questionValues(q?: Question): QuestionFormValues {
  return {
    topicId: q ? String(q.topicId) : '',
    slug: q?.slug ?? '',
    questionDe: q?.question.de ?? '',
    questionEn: q?.question.en ?? '',
    answerDe: q?.answer.de ?? '',
    answerEn: q?.answer.en ?? '',
    synonyms: q?.synonyms.join(', ') ?? '',
    serviceSlug: q?.serviceSlug ?? '',
    status: q?.published === false ? 'draft' : q ? 'published' : 'draft',
    onStartPage: q?.onStartPage ?? false,
  };
}

/** Create or edit a question: German and English text, topic, address, synonyms, service, status. */
export function QuestionFormPage(p: {
  ctx: PageContext;
  question?: Question;
  topics: Topic[];
  values: QuestionFormValues;
  errors?: FieldErrors;
}) {
  const { ctx, question: q } = p;
  const { t } = ctx.i18n;
  const field = formFields(ctx, p.values, p.errors);
  const title = q ? t('faq.form.editTitle') : t('faq.form.newTitle');
  const ratio = q && helpfulRatio(q);
  return (
    <AdminFormPage
      ctx={ctx}
      title={title}
      back={{ href: '/admin/oft-nachgefragt', label: t('faq.admin.back') }}
      errors={p.errors}
      action={q ? `/admin/oft-nachgefragt/${q.id}` : '/admin/oft-nachgefragt'}
      submitLabel={t(q ? 'faq.form.save' : 'faq.form.create')}
      after={
        q && (
          <>
            <section class="bs-section" aria-labelledby="feedback-heading">
              <h2 class="kern-heading-medium" id="feedback-heading">
                {t('faq.form.feedbackHeading')}
              </h2>
              <p class="kern-body">
                {t('faq.form.feedback', {
                  yes: q.helpfulYes,
                  no: q.helpfulNo,
                  ratio: ratio === null || ratio === undefined ? '—' : ctx.i18n.number(ratio, { style: 'percent' }),
                })}
              </p>
              {q.published && (
                <p class="kern-body">
                  <a class="kern-link" href={questionPath(q.slug)}>
                    {t('faq.form.view')}
                  </a>
                </p>
              )}
              <p class="kern-body bs-muted">
                {`${t('faq.updated')} `}
                <time datetime={q.updatedAt.toISOString()}>{ctx.i18n.dateTime(q.updatedAt)}</time>
              </p>
            </section>
            <ActionSection
              ctx={ctx}
              id="delete"
              title={t('faq.form.deleteHeading')}
              text={t('faq.form.deleteText')}
              action={`/admin/oft-nachgefragt/${q.id}/loeschen`}
              label={t('faq.form.delete')}
            />
          </>
        )
      }
    >
      <SelectField
        {...field('topicId')}
        label={t('faq.fields.topic')}
        options={p.topics.map((topic) => ({ value: String(topic.id), label: topic.name.de }))}
        empty={t('faq.form.chooseTopic')}
        required
      />
      <TextField {...field('questionDe')} label={t('faq.fields.questionDe')} required maxLength={limits.question} />
      <TextAreaField
        {...field('answerDe')}
        label={t('faq.fields.answerDe')}
        hint={t('faq.form.markdownHint')}
        required
        rows={10}
        maxLength={limits.answer}
      />
      <TextField
        {...field('questionEn')}
        label={t('faq.fields.questionEn')}
        hint={t('faq.form.englishHint')}
        optional
        maxLength={limits.question}
      />
      <TextAreaField
        {...field('answerEn')}
        label={t('faq.fields.answerEn')}
        optional
        rows={10}
        maxLength={limits.answer}
      />
      <TextField {...field('synonyms')} label={t('faq.fields.synonyms')} hint={t('faq.form.synonymsHint')} optional />
      <TextField
        {...field('slug')}
        label={t('faq.fields.slug')}
        hint={t('faq.form.slugHint')}
        optional
        maxLength={limits.slug}
      />
      <TextField
        {...field('serviceSlug')}
        label={t('faq.fields.serviceSlug')}
        hint={t('faq.form.serviceHint')}
        optional
        maxLength={limits.slug}
      />
      <ChoiceGroup
        ctx={ctx}
        name="status"
        type="radio"
        legend={t('faq.fields.status')}
        options={[
          { value: 'published', label: t('faq.status.published') },
          { value: 'draft', label: t('faq.status.draft'), hint: t('faq.form.draftHint') },
        ]}
        selected={[p.values.status]}
        error={p.errors?.status}
      />
      <CheckboxField
        name="onStartPage"
        label={t('faq.fields.onStartPage')}
        hint={t('faq.form.onStartPageHint')}
        checked={p.values.onStartPage}
      />
    </AdminFormPage>
  );
}
