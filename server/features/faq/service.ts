import { afterCommit, type Queryable } from '../../platform/db.js';
import type { Deps } from '../../platform/deps.js';
import { AppError, notFound } from '../../platform/errors.js';
import { invalidateResponses } from '../../platform/http/response-cache.js';
import { type AuditActor, recordAudit } from '../audit/service.js';
import { indexDocuments, removeDocuments, type SearchDocument } from '../search/documents.js';
import { markdownText } from './markdown.js';
import { helpfulRatio, presentQuestion, presentTopic, type Question, questionPath, type Topic } from './present.js';
import {
  addHelpfulVote,
  deleteQuestionRow,
  insertQuestion,
  lockTopicQuestions,
  questionSlugTaken,
  renumberQuestions,
  selectQuestion,
  selectQuestionBySlug,
  selectQuestions,
  selectStartQuestions,
  updateQuestionRow,
} from './questions-queries.js';
import { selectTopic, selectTopics } from './topics-queries.js';
import { cleanQuestion, type QuestionInput } from './validation.js';

/** Cache tag of the public FAQ pages. */
export const faqCacheTag = (municipalityId: string) => `faq:${municipalityId}`;

/** Forgets the cached FAQ pages and start page once the transaction has committed. */
export function forgetFaqPages(tx: Queryable, municipalityId: string): void {
  afterCommit(tx, () => {
    invalidateResponses(faqCacheTag(municipalityId));
    invalidateResponses(`pages:${municipalityId}`);
  });
}

/** The search document of a question (kind `faq`, ref = its id, so a changed slug replaces the old URL). */
export function questionDocument(q: Question): SearchDocument {
  return {
    kind: 'faq',
    ref: String(q.id),
    url: questionPath(q.slug),
    title: q.question,
    body: { de: markdownText(q.answer.de), en: q.answer.en && markdownText(q.answer.en) },
    keywords: q.synonyms,
    updatedAt: q.updatedAt,
  };
}

async function reindex(tx: Queryable, municipalityId: string, q: Question): Promise<void> {
  if (q.published) await indexDocuments(tx, municipalityId, [questionDocument(q)]);
  else await removeDocuments(tx, municipalityId, 'faq', [String(q.id)]);
}

export interface PublicTopic extends Topic {
  items: Question[];
}

/** The published questions by topic, in the editors' order (topics without published questions are left out). */
export async function listPublicFaq(db: Queryable, municipalityId: string): Promise<PublicTopic[]> {
  const [topics, questions] = await Promise.all([
    selectTopics(db, municipalityId),
    selectQuestions(db, municipalityId, true),
  ]);
  return topics
    .map((t) => ({ ...presentTopic(t), items: questions.filter((q) => q.topic_id === t.id).map(presentQuestion) }))
    .filter((t) => t.items.length > 0);
}

/** A published question and its topic by slug; throws not_found for drafts and unknown slugs. */
export async function getPublicQuestion(db: Queryable, municipalityId: string, slug: string) {
  const row = await selectQuestionBySlug(db, municipalityId, slug);
  if (!row?.published) throw notFound('Question');
  const topic = await selectTopic(db, municipalityId, row.topic_id);
  if (!topic) throw notFound('Question');
  return { question: presentQuestion(row), topic: presentTopic(topic) };
}

/** Every question for editors, those that most need improving first: lowest helpful share, then most "no". */
export async function listQuestionsToImprove(db: Queryable, municipalityId: string): Promise<Question[]> {
  const all = (await selectQuestions(db, municipalityId, false)).map(presentQuestion);
  const rank = (q: Question) => helpfulRatio(q) ?? 2; // unanswered ones last
  return all.sort((a, b) => rank(a) - rank(b) || b.helpfulNo - a.helpfulNo || a.id - b.id);
}

/** Every question in the public order (topic, then question), drafts included. */
export async function listQuestionsInOrder(db: Queryable, municipalityId: string): Promise<Question[]> {
  return (await selectQuestions(db, municipalityId, false)).map(presentQuestion);
}

/** One question by id; throws not_found. */
export async function getQuestion(db: Queryable, municipalityId: string, id: number): Promise<Question> {
  const row = await selectQuestion(db, municipalityId, id);
  if (!row) throw notFound('Question');
  return presentQuestion(row);
}

/** The start page's questions (editors' picks first, then the most helpful), in the language asked for. */
export async function listStartQuestions(db: Queryable, municipalityId: string, limit = 5) {
  return (await selectStartQuestions(db, municipalityId, limit)).map((r) => ({
    slug: r.slug,
    question: { de: r.question_de, en: r.question_en },
  }));
}

const slugConflict = () =>
  new AppError('conflict', 'A question with this address exists already', { slug: 'faq.errors.slugTaken' });

async function checkTopicAndSlug(
  tx: Queryable,
  municipalityId: string,
  f: { topicId: number; slug: string },
  id?: number,
) {
  if (!(await selectTopic(tx, municipalityId, f.topicId)))
    throw new AppError('validation_failed', 'Unknown topic', { topicId: 'faq.errors.topicRequired' });
  if (await questionSlugTaken(tx, municipalityId, f.slug, id)) throw slugConflict();
}

/** Creates a question at the end of its topic, indexes it when published, audits. Throws validation_failed/conflict. */
export async function createQuestion(deps: Deps, municipalityId: string, input: QuestionInput, actor: AuditActor) {
  const fields = cleanQuestion(input);
  return deps.db.transaction(async (tx) => {
    await checkTopicAndSlug(tx, municipalityId, fields);
    const q = presentQuestion(await insertQuestion(tx, municipalityId, fields, deps.now()));
    await reindex(tx, municipalityId, q);
    const entry = { municipalityId, actor, entityType: 'faq_question', entityId: q.id, at: deps.now() };
    await recordAudit(tx, { ...entry, action: 'faq_question.create', after: q });
    forgetFaqPages(tx, municipalityId);
    return q;
  });
}

/** Changes a question (a new topic puts it at that topic's end), re-indexes, audits. Throws not_found and as create. */
export async function updateQuestion(
  deps: Deps,
  municipalityId: string,
  id: number,
  input: QuestionInput,
  actor: AuditActor,
) {
  const fields = cleanQuestion(input);
  return deps.db.transaction(async (tx) => {
    const before = await selectQuestion(tx, municipalityId, id, true);
    if (!before) throw notFound('Question');
    await checkTopicAndSlug(tx, municipalityId, fields, id);
    const q = presentQuestion(await updateQuestionRow(tx, municipalityId, id, fields, deps.now()));
    await reindex(tx, municipalityId, q);
    const entry = { municipalityId, actor, entityType: 'faq_question', entityId: id, at: deps.now() };
    await recordAudit(tx, { ...entry, action: 'faq_question.update', before: presentQuestion(before), after: q });
    forgetFaqPages(tx, municipalityId);
    return q;
  });
}

/** Deletes a question and its search entry, audits. Throws not_found. */
export async function deleteQuestion(deps: Deps, municipalityId: string, id: number, actor: AuditActor) {
  await deps.db.transaction(async (tx) => {
    const before = await selectQuestion(tx, municipalityId, id, true);
    if (!before) throw notFound('Question');
    await deleteQuestionRow(tx, municipalityId, id);
    await removeDocuments(tx, municipalityId, 'faq', [String(id)]);
    const entry = { municipalityId, actor, entityType: 'faq_question', entityId: id, at: deps.now() };
    await recordAudit(tx, { ...entry, action: 'faq_question.delete', before: presentQuestion(before) });
    forgetFaqPages(tx, municipalityId);
  });
}

export const directions = ['up', 'down'] as const;
export type Direction = (typeof directions)[number];

/** The order with `id` moved one place up or down (unchanged at either end). */
export function moved(ids: number[], id: number, direction: Direction): number[] {
  const i = ids.indexOf(id);
  const j = direction === 'up' ? i - 1 : i + 1;
  if (i < 0 || j < 0 || j >= ids.length) return ids;
  const next = [...ids];
  [next[i], next[j]] = [next[j]!, next[i]!];
  return next;
}

/** Moves a question one place up or down within its topic, audits. Throws not_found. */
export async function moveQuestion(
  deps: Deps,
  municipalityId: string,
  id: number,
  direction: Direction,
  actor: AuditActor,
) {
  await deps.db.transaction(async (tx) => {
    const q = await selectQuestion(tx, municipalityId, id);
    if (!q) throw notFound('Question');
    const before = await lockTopicQuestions(tx, municipalityId, q.topic_id);
    const after = moved(before, id, direction);
    if (after === before) return;
    await renumberQuestions(tx, municipalityId, after);
    const entry = { municipalityId, actor, entityType: 'faq_question', entityId: id, at: deps.now() };
    await recordAudit(tx, { ...entry, action: `faq_question.move-${direction}`, before, after });
    forgetFaqPages(tx, municipalityId);
  });
}

/** Counts a visitor's answer to "was this helpful?" unless this browser answered before (`answered`: its ids). */
export async function voteHelpful(
  deps: Deps,
  municipalityId: string,
  slug: string,
  helpful: boolean,
  answered: readonly number[],
): Promise<{ id: number; counted: boolean }> {
  const row = await selectQuestionBySlug(deps.db, municipalityId, slug);
  if (!row?.published) throw notFound('Question');
  if (answered.includes(row.id)) return { id: row.id, counted: false };
  const counted = await addHelpfulVote(deps.db, municipalityId, row.id, helpful);
  if (!counted) throw notFound('Question');
  return { id: row.id, counted };
}

/** Every topic in order (with its number of questions). */
export async function listTopics(db: Queryable, municipalityId: string): Promise<Topic[]> {
  return (await selectTopics(db, municipalityId)).map(presentTopic);
}
