import type { Language } from '../../platform/i18n.js';
import type { QuestionRow } from './questions-queries.js';
import type { TopicRow } from './topics-queries.js';

// The only place FAQ rows become the shapes views and services use.

/** A text in German and, where written, English. */
export interface Bilingual {
  de: string;
  en: string | null;
}

/** A text in the language asked for, or German when that is missing (`fallback`: show the note, mark `lang`). */
export interface Localized {
  text: string;
  lang: Language;
  fallback: boolean;
}

/** The text for `lang`; English falls back to German. */
export function localize(value: Bilingual, lang: Language): Localized {
  if (lang === 'de' || !value.en) return { text: value.de, lang: 'de', fallback: lang !== 'de' };
  return { text: value.en, lang, fallback: false };
}

export interface Topic {
  id: number;
  slug: string;
  name: Bilingual;
  sort: number;
  updatedAt: Date;
  questions: number;
}

export interface Question {
  id: number;
  topicId: number;
  slug: string;
  question: Bilingual;
  answer: Bilingual;
  synonyms: string[];
  serviceSlug: string | null;
  published: boolean;
  onStartPage: boolean;
  sort: number;
  helpfulYes: number;
  helpfulNo: number;
  updatedAt: Date;
}

export const presentTopic = (r: TopicRow): Topic => ({
  id: r.id,
  slug: r.slug,
  name: { de: r.name_de, en: r.name_en },
  sort: r.sort,
  updatedAt: new Date(r.updated_at),
  questions: r.questions,
});

export const presentQuestion = (r: QuestionRow): Question => ({
  id: r.id,
  topicId: r.topic_id,
  slug: r.slug,
  question: { de: r.question_de, en: r.question_en },
  answer: { de: r.answer_de, en: r.answer_en },
  synonyms: r.synonyms,
  serviceSlug: r.service_slug,
  published: r.published,
  onStartPage: r.on_start_page,
  sort: r.sort,
  helpfulYes: r.helpful_yes,
  helpfulNo: r.helpful_no,
  updatedAt: new Date(r.updated_at),
});

/** The share of "yes" answers (0–1), or null before anyone answered. */
export function helpfulRatio(q: Pick<Question, 'helpfulYes' | 'helpfulNo'>): number | null {
  const total = q.helpfulYes + q.helpfulNo;
  return total === 0 ? null : q.helpfulYes / total;
}

/** The path of a question's page (its stable URL). */
export const questionPath = (slug: string) => `/oft-nachgefragt/${slug}`;
