import { Type as T } from '@sinclair/typebox';
import type { App, Deps } from '../../platform/deps.js';
import { formBodySchema, single } from '../../platform/http/page-schemas.js';
import { pageCache } from '../../platform/http/response-cache.js';
import { pageContext } from '../../platform/views/context.js';
import { addHomeModule, addHomePanel } from '../../platform/views/registry.js';
import { sendHtml } from '../../platform/views/render.js';
import { questionPath } from './present.js';
import { faqCacheTag, getPublicQuestion, listPublicFaq, listStartQuestions, voteHelpful } from './service.js';
import { FaqPage } from './views/faq-page.js';
import { QuestionPage, type VoteState } from './views/question-page.js';
import { FaqStartPanel } from './views/start-panel.js';
import { answeredQuestions, rememberVote } from './vote-cookie.js';

const slugParams = T.Object({ slug: T.String({ maxLength: 200 }) });
const thanks = { ja: 'thanks-yes', nein: 'thanks-no' } as const;

/** "Oft nachgefragt" for citizens: the list by topic, one page per question, "War das hilfreich?" without JS. */
export default async function faqPages(app: App, deps: Deps): Promise<void> {
  const municipalityId = deps.config.municipality.id;
  const secure = deps.config.publicUrl.startsWith('https://');
  addHomeModule(app, { href: '/oft-nachgefragt', titleKey: 'faq.module.title', textKey: 'faq.module.text', order: 60 });
  addHomePanel(app, {
    id: 'faq',
    order: 40,
    async load(request) {
      const questions = await listStartQuestions(deps.db, municipalityId);
      return questions.length ? <FaqStartPanel i18n={request.i18n} questions={questions} /> : null;
    },
  });

  // The list is the same for everyone; a question's page carries the vote form (a CSRF token), so it is per visitor.
  app.get(
    '/oft-nachgefragt',
    { schema: { hide: true }, config: { responseCache: pageCache(faqCacheTag(municipalityId)) } },
    async (request, reply) =>
      sendHtml(
        reply,
        <FaqPage ctx={pageContext(request, reply)} topics={await listPublicFaq(deps.db, municipalityId)} />,
      ),
  );

  app.get('/oft-nachgefragt/:slug', { schema: { hide: true, params: slugParams } }, async (request, reply) => {
    const { question, topic } = await getPublicQuestion(deps.db, municipalityId, request.params.slug);
    const ctx = pageContext(request, reply);
    const given = ctx.query.danke;
    const answered = answeredQuestions(request).includes(question.id);
    const vote: VoteState =
      given === 'ja' || given === 'nein' ? (answered ? thanks[given] : 'open') : answered ? 'answered' : 'open';
    return sendHtml(reply, <QuestionPage ctx={ctx} question={question} topic={topic} vote={vote} />);
  });

  app.post(
    '/oft-nachgefragt/:slug/hilfreich',
    {
      schema: { hide: true, params: slugParams, body: formBodySchema },
      config: { rateLimit: { max: deps.config.rateLimit.publicWritesPerMinute, timeWindow: '1 minute' } },
    },
    async (request, reply) => {
      const answer = single(request.body.answer);
      const path = questionPath(request.params.slug);
      if (answer !== 'ja' && answer !== 'nein') return reply.redirect(`${path}#hilfreich-bereich`, 303);
      const answered = answeredQuestions(request);
      const result = await voteHelpful(deps, municipalityId, request.params.slug, answer === 'ja', answered);
      if (result.counted) rememberVote(reply, answered, result.id, secure);
      return reply.redirect(`${path}${result.counted ? `?danke=${answer}` : ''}#hilfreich-bereich`, 303);
    },
  );
}
