import { CsrfField, Notice } from '../../../platform/views/admin-layout.js';
import type { PageContext } from '../../../platform/views/context.js';
import { Layout, telHref } from '../../../platform/views/layout.js';
import { renderMarkdown } from '../markdown.js';
import { localize, type Question, questionPath, type Topic } from '../present.js';
import { FallbackNote, Updated } from './parts.js';

export type VoteState = 'open' | 'answered' | 'thanks-yes' | 'thanks-no';

/** One question with its answer, the link to its service, the last update and "War das hilfreich?". */
export function QuestionPage(p: { ctx: PageContext; question: Question; topic: Topic; vote: VoteState }) {
  const { ctx, question: q } = p;
  const { t, lang } = ctx.i18n;
  const question = localize(q.question, lang);
  // Question and answer are shown in one language: both English, or both German.
  const answer = question.fallback ? { text: q.answer.de, lang: 'de' as const } : localize(q.answer, lang);
  const topic = localize(p.topic.name, lang);
  return (
    <Layout ctx={ctx} title={question.text}>
      <p>
        <a class="kern-link" href={`/oft-nachgefragt#thema-${p.topic.slug}`}>
          {t('faq.back', { topic: topic.text })}
        </a>
      </p>
      <h1 class="kern-heading-large" lang={question.fallback ? 'de' : undefined}>
        {question.text}
      </h1>
      {question.fallback && <FallbackNote title={t('faq.fallbackTitle')} text={t('faq.fallbackQuestion')} />}
      <div
        class="bs-prose bs-section"
        lang={answer.lang !== lang ? answer.lang : undefined}
        // Sanitised to a safe subset in renderMarkdown (no script, no attributes but links).
        dangerouslySetInnerHTML={{ __html: renderMarkdown(answer.text) }}
      />
      {q.serviceSlug && (
        <p class="kern-body bs-section">
          <a class="kern-link" href={`/leistungen/${q.serviceSlug}`}>
            {t('faq.serviceLink')}
          </a>
        </p>
      )}
      <Updated ctx={ctx} at={q.updatedAt} />
      <Helpful ctx={ctx} slug={q.slug} state={p.vote} />
    </Layout>
  );
}

function Helpful({ ctx, slug, state }: { ctx: PageContext; slug: string; state: VoteState }) {
  const { t } = ctx.i18n;
  const m = ctx.municipality;
  return (
    <section class="bs-section bs-box" aria-labelledby="hilfreich" id="hilfreich-bereich">
      <h2 class="kern-heading-small" id="hilfreich">
        {t('faq.helpful.question')}
      </h2>
      {state === 'open' && (
        <form method="post" action={`${questionPath(slug)}/hilfreich`} class="bs-actions" aria-labelledby="hilfreich">
          <CsrfField ctx={ctx} />
          <button type="submit" name="answer" value="ja" class="kern-btn kern-btn--secondary">
            <span class="kern-label">{t('faq.helpful.yes')}</span>
          </button>
          <button type="submit" name="answer" value="nein" class="kern-btn kern-btn--secondary">
            <span class="kern-label">{t('faq.helpful.no')}</span>
          </button>
        </form>
      )}
      {state === 'thanks-yes' && <Notice kind="success" title={t('faq.helpful.thanks')} />}
      {state === 'thanks-no' && (
        <Notice kind="success" title={t('faq.helpful.thanks')}>
          <p class="kern-body">
            {`${t('faq.helpful.sorry')} `}
            <a href={telHref(m.bscPhone)} class="bs-nowrap">
              {m.bscPhone}
            </a>
          </p>
        </Notice>
      )}
      {state === 'answered' && <p class="kern-body">{t('faq.helpful.answered')}</p>}
      <p class="kern-body bs-muted">{t('faq.helpful.privacy')}</p>
    </section>
  );
}
