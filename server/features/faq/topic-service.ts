import type { Queryable } from '../../platform/db.js';
import type { Deps } from '../../platform/deps.js';
import { AppError, notFound } from '../../platform/errors.js';
import { type AuditActor, recordAudit } from '../audit/service.js';
import { presentTopic, type Topic } from './present.js';
import { type Direction, forgetFaqPages, moved } from './service.js';
import {
  deleteTopicRow,
  insertTopic,
  lockTopics,
  renumberTopics,
  selectTopic,
  topicSlugTaken,
  updateTopicRow,
} from './topics-queries.js';
import { cleanTopic, type TopicInput } from './validation.js';

// Use cases of the FAQ topics: editors create, rename, order and delete (empty) topics; every change is audited.

const slugConflict = () =>
  new AppError('conflict', 'A topic with this key exists already', { slug: 'faq.errors.slugTaken' });

/** One topic; throws not_found. */
export async function getTopic(db: Queryable, municipalityId: string, id: number): Promise<Topic> {
  const row = await selectTopic(db, municipalityId, id);
  if (!row) throw notFound('Topic');
  return presentTopic(row);
}

/** Creates a topic at the end of the order. Throws validation_failed or conflict (slug taken). */
export async function createTopic(deps: Deps, municipalityId: string, input: TopicInput, actor: AuditActor) {
  const fields = cleanTopic(input);
  return deps.db.transaction(async (tx) => {
    if (await topicSlugTaken(tx, municipalityId, fields.slug)) throw slugConflict();
    const id = await insertTopic(tx, municipalityId, fields, deps.now());
    const entry = { municipalityId, actor, entityType: 'faq_topic', entityId: id, at: deps.now() };
    await recordAudit(tx, { ...entry, action: 'faq_topic.create', after: fields });
    forgetFaqPages(tx, municipalityId);
    return id;
  });
}

/** Renames a topic. Throws not_found, validation_failed or conflict. */
export async function updateTopic(
  deps: Deps,
  municipalityId: string,
  id: number,
  input: TopicInput,
  actor: AuditActor,
) {
  const fields = cleanTopic(input);
  await deps.db.transaction(async (tx) => {
    const before = await selectTopic(tx, municipalityId, id, true);
    if (!before) throw notFound('Topic');
    if (await topicSlugTaken(tx, municipalityId, fields.slug, id)) throw slugConflict();
    await updateTopicRow(tx, municipalityId, id, fields, deps.now());
    const entry = { municipalityId, actor, entityType: 'faq_topic', entityId: id, at: deps.now() };
    await recordAudit(tx, { ...entry, action: 'faq_topic.update', before: presentTopic(before), after: fields });
    forgetFaqPages(tx, municipalityId);
  });
}

/** Deletes a topic that has no questions. Throws not_found, or conflict while questions belong to it. */
export async function deleteTopic(deps: Deps, municipalityId: string, id: number, actor: AuditActor) {
  await deps.db.transaction(async (tx) => {
    const before = await selectTopic(tx, municipalityId, id, true);
    if (!before) throw notFound('Topic');
    if (before.questions > 0) throw new AppError('conflict', 'The topic still has questions');
    await deleteTopicRow(tx, municipalityId, id);
    const entry = { municipalityId, actor, entityType: 'faq_topic', entityId: id, at: deps.now() };
    await recordAudit(tx, { ...entry, action: 'faq_topic.delete', before: presentTopic(before) });
    forgetFaqPages(tx, municipalityId);
  });
}

/** Moves a topic one place up or down. Throws not_found. */
export async function moveTopic(
  deps: Deps,
  municipalityId: string,
  id: number,
  direction: Direction,
  actor: AuditActor,
) {
  await deps.db.transaction(async (tx) => {
    const before = await lockTopics(tx, municipalityId);
    if (!before.includes(id)) throw notFound('Topic');
    const after = moved(before, id, direction);
    if (after === before) return;
    await renumberTopics(tx, municipalityId, after);
    const entry = { municipalityId, actor, entityType: 'faq_topic', entityId: id, at: deps.now() };
    await recordAudit(tx, { ...entry, action: `faq_topic.move-${direction}`, before, after });
    forgetFaqPages(tx, municipalityId);
  });
}
