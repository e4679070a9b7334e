import { AdminLayout, Notice } from '../../../platform/views/admin-layout.js';
import type { PageContext } from '../../../platform/views/context.js';
import type { Question, Topic } from '../present.js';
import { MoveButtons } from './move-buttons.js';

/** The public order: per topic its questions, each with "Nach oben" / "Nach unten". */
export function FaqOrderPage({ ctx, questions, topics }: { ctx: PageContext; questions: Question[]; topics: Topic[] }) {
  const { t } = ctx.i18n;
  return (
    <AdminLayout ctx={ctx} title={t('faq.admin.orderTitle')}>
      <p>
        <a class="kern-link" href="/admin/oft-nachgefragt">
          {t('faq.admin.back')}
        </a>
      </p>
      <h1 class="kern-heading-large">{t('faq.admin.orderTitle')}</h1>
      {ctx.query.done === 'moved' && <Notice kind="success" title={t('faq.admin.notices.moved')} />}
      <p class="kern-body bs-lead">{t('faq.admin.orderIntro')}</p>
      {topics.map((topic) => {
        const items = questions.filter((q) => q.topicId === topic.id);
        if (items.length === 0) return null;
        return (
          <section key={topic.id} class="bs-section" aria-labelledby={`topic-${topic.id}`}>
            <h2 class="kern-heading-medium" id={`topic-${topic.id}`}>
              {topic.name.de}
            </h2>
            <ol class="kern-list kern-list--number">
              {items.map((q, i) => (
                <li key={q.id} id={`frage-${q.id}`}>
                  <a class="kern-link" href={`/admin/oft-nachgefragt/${q.id}`}>
                    {q.question.de}
                  </a>
                  {!q.published && <span class="bs-muted">{` (${t('faq.status.draft')})`}</span>}
                  <MoveButtons
                    ctx={ctx}
                    action={`/admin/oft-nachgefragt/${q.id}`}
                    name={q.question.de}
                    first={i === 0}
                    last={i === items.length - 1}
                  />
                </li>
              ))}
            </ol>
          </section>
        );
      })}
    </AdminLayout>
  );
}
