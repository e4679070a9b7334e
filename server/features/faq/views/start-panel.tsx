import type { I18n } from '../../../platform/i18n.js';
import { type Bilingual, localize, questionPath } from '../present.js';

/** The start page's panel: the most asked questions, each linking to its answer, and the link to all. */
export function FaqStartPanel({ i18n, questions }: { i18n: I18n; questions: { slug: string; question: Bilingual }[] }) {
  const { t, lang } = i18n;
  return (
    <section class="bs-section" aria-labelledby="faq-panel">
      <h2 class="kern-heading-medium" id="faq-panel">
        {t('faq.panel.title')}
      </h2>
      <ul class="kern-list kern-list--bullet">
        {questions.map((q) => {
          const question = localize(q.question, lang);
          return (
            <li key={q.slug}>
              <a class="kern-link" href={questionPath(q.slug)} lang={question.fallback ? 'de' : undefined}>
                {question.text}
              </a>
              {question.fallback && <span class="bs-muted">{` · ${t('faq.inGerman')}`}</span>}
            </li>
          );
        })}
      </ul>
      <p class="kern-body">
        <a class="kern-link" href="/oft-nachgefragt">
          {t('faq.panel.all')}
        </a>
      </p>
    </section>
  );
}
