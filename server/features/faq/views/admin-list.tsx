import { AdminLayout, Notice } from '../../../platform/views/admin-layout.js';
import type { PageContext } from '../../../platform/views/context.js';
import { ListTable } from '../../../platform/views/list-table.js';
import { helpfulRatio, type Question, type Topic } from '../present.js';

const notices = ['created', 'saved', 'deleted'] as const;

/** The editors' list: every question, those that help least first, with their counts and share of "yes". */
export function FaqAdminListPage({
  ctx,
  questions,
  topics,
}: {
  ctx: PageContext;
  questions: Question[];
  topics: Topic[];
}) {
  const { t } = ctx.i18n;
  const notice = notices.find((n) => ctx.query.done === n);
  const topicName = new Map(topics.map((topic) => [topic.id, topic.name.de]));
  return (
    <AdminLayout ctx={ctx} title={t('faq.admin.title')}>
      <h1 class="kern-heading-large">{t('faq.admin.title')}</h1>
      {notice && <Notice kind="success" title={t(`faq.admin.notices.${notice}`)} />}
      <p class="kern-body bs-lead">{t('faq.admin.intro')}</p>
      <p class="bs-actions">
        <a class="kern-btn kern-btn--primary" href="/admin/oft-nachgefragt/neu">
          <span class="kern-label">{t('faq.admin.create')}</span>
        </a>
        <a class="kern-link" href="/admin/oft-nachgefragt/reihenfolge">
          {t('faq.admin.orderLink')}
        </a>
        <a class="kern-link" href="/admin/oft-nachgefragt/themen">
          {t('faq.admin.topicsLink')}
        </a>
      </p>
      {questions.length === 0 ? (
        <p class="kern-body">{t('faq.admin.empty')}</p>
      ) : (
        <ListTable
          caption={t('faq.admin.caption', { count: questions.length })}
          item={{
            header: t('faq.fields.questionDe'),
            href: (q) => `/admin/oft-nachgefragt/${q.id}`,
            name: (q) => q.question.de,
          }}
          rows={questions}
          columns={[
            { header: t('faq.fields.topic'), cell: (q) => topicName.get(q.topicId) ?? '—' },
            {
              header: t('faq.fields.status'),
              cell: (q) => (
                <span class={`kern-badge kern-badge--${q.published ? 'success' : 'warning'}`}>
                  <span class="kern-label">{t(q.published ? 'faq.status.published' : 'faq.status.draft')}</span>
                </span>
              ),
            },
            { header: t('faq.admin.yes'), cell: (q) => ctx.i18n.number(q.helpfulYes) },
            { header: t('faq.admin.no'), cell: (q) => ctx.i18n.number(q.helpfulNo) },
            {
              header: t('faq.admin.ratio'),
              cell: (q) => {
                const ratio = helpfulRatio(q);
                return ratio === null ? '—' : ctx.i18n.number(ratio, { style: 'percent' });
              },
            },
          ]}
        />
      )}
    </AdminLayout>
  );
}
