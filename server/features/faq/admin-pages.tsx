import { Type as T } from '@sinclair/typebox';
import { requireStaff, staffOf } from '../../platform/auth/guards.js';
import type { App, Deps } from '../../platform/deps.js';
import { type FormBody, submit, text } from '../../platform/http/forms.js';
import { pageId, pageRoutes } from '../../platform/http/page-schemas.js';
import { pageContext } from '../../platform/views/context.js';
import { addAdminNavItem } from '../../platform/views/registry.js';
import { sendHtml } from '../../platform/views/render.js';
import { actorOf } from '../audit/service.js';
import {
  createQuestion,
  deleteQuestion,
  getQuestion,
  listQuestionsInOrder,
  listQuestionsToImprove,
  listTopics,
  moveQuestion,
  updateQuestion,
} from './service.js';
import { createTopic, deleteTopic, getTopic, moveTopic, updateTopic } from './topic-service.js';
import type { QuestionInput } from './validation.js';
import { QuestionFormPage, questionValues } from './views/admin-form.js';
import { FaqAdminListPage } from './views/admin-list.js';
import { FaqOrderPage } from './views/admin-order.js';
import { TopicFormPage, TopicListPage, topicValues } from './views/admin-topics.js';

const guard = requireStaff('editor', 'admin');
const { page, form, item, itemForm } = pageRoutes(guard);
const moveRoute = {
  schema: { hide: true, params: T.Object({ id: T.String(), direction: T.String() }) },
  preHandler: guard,
};
const base = '/admin/oft-nachgefragt';
const directionOf = { hoch: 'up', runter: 'down' } as const;
const isMove = (s: string): s is keyof typeof directionOf => s === 'hoch' || s === 'runter';

function questionInput(body: FormBody): QuestionInput {
  return {
    topicId: text(body, 'topicId'),
    slug: text(body, 'slug'),
    questionDe: text(body, 'questionDe'),
    questionEn: text(body, 'questionEn'),
    answerDe: text(body, 'answerDe'),
    answerEn: text(body, 'answerEn'),
    synonyms: text(body, 'synonyms'),
    serviceSlug: text(body, 'serviceSlug'),
    published: text(body, 'status') === 'published',
    onStartPage: text(body, 'onStartPage') === '1',
  };
}

const formValues = (body: FormBody, input: QuestionInput) => ({
  ...input,
  status: input.published ? 'published' : 'draft',
  onStartPage: input.onStartPage,
  topicId: text(body, 'topicId'),
});

/** The editors' FAQ back office: list by helpfulness, questions, their order, topics; every change is audited. */
export default async function faqAdminPages(app: App, deps: Deps): Promise<void> {
  const mid = deps.config.municipality.id;
  addAdminNavItem(app, { href: base, labelKey: 'faq.nav', roles: ['editor', 'admin'], order: 60 });

  app.get(base, page, async (request, reply) => {
    const [questions, topics] = await Promise.all([listQuestionsToImprove(deps.db, mid), listTopics(deps.db, mid)]);
    return sendHtml(
      reply,
      <FaqAdminListPage ctx={pageContext(request, reply)} questions={questions} topics={topics} />,
    );
  });

  app.get(`${base}/reihenfolge`, page, async (request, reply) => {
    const [questions, topics] = await Promise.all([listQuestionsInOrder(deps.db, mid), listTopics(deps.db, mid)]);
    return sendHtml(reply, <FaqOrderPage ctx={pageContext(request, reply)} questions={questions} topics={topics} />);
  });

  app.get(`${base}/neu`, page, async (request, reply) => {
    const topics = await listTopics(deps.db, mid);
    return sendHtml(
      reply,
      <QuestionFormPage ctx={pageContext(request, reply)} topics={topics} values={questionValues()} />,
    );
  });

  app.post(base, form, async (request, reply) => {
    const input = questionInput(request.body);
    const result = await submit(() => createQuestion(deps, mid, input, actorOf(staffOf(request))));
    if (result.ok) return reply.redirect(`${base}?done=created`, 303);
    const topics = await listTopics(deps.db, mid);
    const values = formValues(request.body, input);
    const page = (
      <QuestionFormPage ctx={pageContext(request, reply)} topics={topics} values={values} errors={result.errors} />
    );
    return sendHtml(reply, page, result.status);
  });

  app.get(`${base}/:id`, item, async (request, reply) => {
    const question = await getQuestion(deps.db, mid, pageId(request.params.id, 'Question'));
    const topics = await listTopics(deps.db, mid);
    const ctx = pageContext(request, reply);
    return sendHtml(
      reply,
      <QuestionFormPage ctx={ctx} question={question} topics={topics} values={questionValues(question)} />,
    );
  });

  app.post(`${base}/:id`, itemForm, async (request, reply) => {
    const id = pageId(request.params.id, 'Question');
    const question = await getQuestion(deps.db, mid, id);
    const input = questionInput(request.body);
    const result = await submit(() => updateQuestion(deps, mid, id, input, actorOf(staffOf(request))));
    if (result.ok) return reply.redirect(`${base}?done=saved`, 303);
    const topics = await listTopics(deps.db, mid);
    const values = formValues(request.body, input);
    const ctx = pageContext(request, reply);
    const page = (
      <QuestionFormPage ctx={ctx} question={question} topics={topics} values={values} errors={result.errors} />
    );
    return sendHtml(reply, page, result.status);
  });

  app.post(`${base}/:id/loeschen`, item, async (request, reply) => {
    await deleteQuestion(deps, mid, pageId(request.params.id, 'Question'), actorOf(staffOf(request)));
    return reply.redirect(`${base}?done=deleted`, 303);
  });

  app.post(`${base}/:id/:direction`, moveRoute, async (request, reply) => {
    const { direction } = request.params;
    const id = pageId(request.params.id, 'Question');
    if (!isMove(direction)) return reply.callNotFound();
    await moveQuestion(deps, mid, id, directionOf[direction], actorOf(staffOf(request)));
    return reply.redirect(`${base}/reihenfolge?done=moved#frage-${id}`, 303);
  });

  await topicPages(app, deps);
}

async function topicPages(app: App, deps: Deps): Promise<void> {
  const mid = deps.config.municipality.id;
  const topicsBase = `${base}/themen`;
  const topicInput = (body: FormBody) => ({
    nameDe: text(body, 'nameDe'),
    nameEn: text(body, 'nameEn'),
    slug: text(body, 'slug'),
  });

  app.get(topicsBase, page, async (request, reply) =>
    sendHtml(reply, <TopicListPage ctx={pageContext(request, reply)} topics={await listTopics(deps.db, mid)} />),
  );

  app.get(`${topicsBase}/neu`, page, async (request, reply) =>
    sendHtml(reply, <TopicFormPage ctx={pageContext(request, reply)} values={topicValues()} />),
  );

  app.post(topicsBase, form, async (request, reply) => {
    const values = topicInput(request.body);
    const result = await submit(() => createTopic(deps, mid, values, actorOf(staffOf(request))));
    if (result.ok) return reply.redirect(`${topicsBase}?done=created`, 303);
    const ctx = pageContext(request, reply);
    return sendHtml(reply, <TopicFormPage ctx={ctx} values={values} errors={result.errors} />, result.status);
  });

  app.get(`${topicsBase}/:id`, item, async (request, reply) => {
    const topic = await getTopic(deps.db, mid, pageId(request.params.id, 'Topic'));
    return sendHtml(
      reply,
      <TopicFormPage ctx={pageContext(request, reply)} topic={topic} values={topicValues(topic)} />,
    );
  });

  app.post(`${topicsBase}/:id`, itemForm, async (request, reply) => {
    const id = pageId(request.params.id, 'Topic');
    const topic = await getTopic(deps.db, mid, id);
    const values = topicInput(request.body);
    const result = await submit(() => updateTopic(deps, mid, id, values, actorOf(staffOf(request))));
    if (result.ok) return reply.redirect(`${topicsBase}?done=saved`, 303);
    const ctx = pageContext(request, reply);
    const page = <TopicFormPage ctx={ctx} topic={topic} values={values} errors={result.errors} />;
    return sendHtml(reply, page, result.status);
  });

  app.post(`${topicsBase}/:id/loeschen`, item, async (request, reply) => {
    await deleteTopic(deps, mid, pageId(request.params.id, 'Topic'), actorOf(staffOf(request)));
    return reply.redirect(`${topicsBase}?done=deleted`, 303);
  });

  app.post(`${topicsBase}/:id/:direction`, moveRoute, async (request, reply) => {
    const { direction } = request.params;
    const id = pageId(request.params.id, 'Topic');
    if (!isMove(direction)) return reply.callNotFound();
    await moveTopic(deps, mid, id, directionOf[direction], actorOf(staffOf(request)));
    return reply.redirect(`${topicsBase}?done=moved#thema-${id}`, 303);
  });
}
