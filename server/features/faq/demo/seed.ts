import { slugify } from '../../../../shared/formats.js';
import type { Deps } from '../../../platform/deps.js';
import { replaceDocuments } from '../../search/documents.js';
import { presentQuestion } from '../present.js';
import { countQuestions, insertQuestion, setHelpfulCounts } from '../questions-queries.js';
import { questionDocument } from '../service.js';
import { insertTopic, selectTopics } from '../topics-queries.js';
import { demoQuestions1 } from './questions-1.js';
import { demoQuestions2 } from './questions-2.js';
import { demoQuestions3 } from './questions-3.js';
import { demoTopics } from './topics.js';
import type { DemoQuestion } from './types.js';

export const demoQuestions: DemoQuestion[] = [...demoQuestions1, ...demoQuestions2, ...demoQuestions3];
const day = 24 * 60 * 60 * 1000;

/**
 * Loads the Bielefeld demo FAQ (topics, questions with their counts so far, published) when the municipality has no
 * questions yet, and indexes them for the search. Idempotent; returns whether it loaded anything.
 */
export async function seedFaqDemo(deps: Deps, municipalityId = deps.config.municipality.id): Promise<boolean> {
  return deps.db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`faq-demo:${municipalityId}`]);
    if ((await countQuestions(tx, municipalityId)) > 0) return false;
    const now = deps.now().getTime();
    const existing = new Map((await selectTopics(tx, municipalityId)).map((t) => [t.slug, t.id]));
    for (const [slug, nameDe, nameEn] of demoTopics) {
      if (!existing.has(slug))
        existing.set(slug, await insertTopic(tx, municipalityId, { slug, nameDe, nameEn }, new Date(now - 120 * day)));
    }
    const docs = [];
    for (const [i, q] of demoQuestions.entries()) {
      // Edited on different days over the last three months, so "last updated" looks like a real editorial history.
      const at = new Date(now - ((i * 7) % 90) * day - (i % 5) * 3600_000);
      const row = await insertQuestion(
        tx,
        municipalityId,
        {
          topicId: existing.get(q.topic)!,
          slug: slugify(q.de[0], 80),
          questionDe: q.de[0],
          questionEn: q.en?.[0] ?? null,
          answerDe: q.de[1],
          answerEn: q.en?.[1] ?? null,
          synonyms: q.synonyms,
          serviceSlug: q.service ?? null,
          published: true,
          onStartPage: q.start ?? false,
        },
        at,
      );
      await setHelpfulCounts(tx, municipalityId, row.id, q.votes[0], q.votes[1]);
      docs.push(questionDocument(presentQuestion(row)));
    }
    await replaceDocuments(tx, municipalityId, 'faq', docs);
    return true;
  });
}
