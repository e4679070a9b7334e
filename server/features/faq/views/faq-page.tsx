import type { PageContext } from '../../../platform/views/context.js';
import { Layout } from '../../../platform/views/layout.js';
import { localize, questionPath } from '../present.js';
import type { PublicTopic } from '../service.js';
import { FallbackNote, Updated } from './parts.js';

/** "Oft nachgefragt": the topics (with a table of contents), each with its questions as links to their pages. */
export function FaqPage({ ctx, topics }: { ctx: PageContext; topics: PublicTopic[] }) {
  const { t, lang } = ctx.i18n;
  const questions = topics.flatMap((topic) => topic.items);
  const updated = questions.reduce<Date | undefined>((a, q) => (!a || q.updatedAt > a ? q.updatedAt : a), undefined);
  const fallback = questions.some((q) => localize(q.question, lang).fallback);
  return (
    <Layout ctx={ctx} title={t('faq.title')}>
      <h1 class="kern-heading-large">{t('faq.title')}</h1>
      <p class="kern-body bs-lead">{t('faq.intro')}</p>
      {fallback && <FallbackNote title={t('faq.fallbackListTitle')} text={t('faq.fallbackList')} />}
      {topics.length === 0 ? (
        <p class="kern-body">{t('faq.empty')}</p>
      ) : (
        <nav class="bs-section" aria-labelledby="faq-topics">
          <h2 class="kern-heading-medium" id="faq-topics">
            {t('faq.topics')}
          </h2>
          <ul class="kern-list kern-list--bullet">
            {topics.map((topic) => {
              const name = localize(topic.name, lang);
              return (
                <li key={topic.id}>
                  <a class="kern-link" href={`#thema-${topic.slug}`} lang={name.fallback ? 'de' : undefined}>
                    {name.text}
                  </a>
                </li>
              );
            })}
          </ul>
        </nav>
      )}
      {topics.map((topic) => {
        const name = localize(topic.name, lang);
        return (
          <section key={topic.id} class="bs-section" aria-labelledby={`thema-${topic.slug}`}>
            <h2 class="kern-heading-medium" id={`thema-${topic.slug}`} lang={name.fallback ? 'de' : undefined}>
              {name.text}
            </h2>
            <ul class="kern-list kern-list--bullet">
              {topic.items.map((q) => {
                const question = localize(q.question, lang);
                return (
                  <li key={q.id}>
                    <a class="kern-link" href={questionPath(q.slug)} lang={question.fallback ? 'de' : undefined}>
                      {question.text}
                    </a>
                  </li>
                );
              })}
            </ul>
          </section>
        );
      })}
      {updated && <Updated ctx={ctx} at={updated} />}
    </Layout>
  );
}
