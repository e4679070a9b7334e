import { slugify } from '../../../shared/formats.js';
import { AppError, type FieldErrors } from '../../platform/errors.js';
import type { QuestionFields } from './questions-queries.js';
import type { TopicFields } from './topics-queries.js';

// What editors type into the FAQ forms, checked and trimmed; messages are i18n keys per field.

export const slugPattern = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const limits = { question: 300, answer: 10_000, topic: 120, slug: 80, synonyms: 30, synonym: 60 } as const;

export interface QuestionInput {
  topicId: string;
  slug: string;
  questionDe: string;
  questionEn: string;
  answerDe: string;
  answerEn: string;
  synonyms: string;
  serviceSlug: string;
  published: boolean;
  onStartPage: boolean;
}

const orNull = (s: string) => s.trim() || null;

/** The synonyms field ("Perso, Ausweis") as a list: trimmed, without duplicates. */
export function parseSynonyms(s: string): string[] {
  return [
    ...new Set(
      s
        .split(/[,;\n]/)
        .map((x) => x.replace(/\s+/g, ' ').trim())
        .filter(Boolean),
    ),
  ];
}

/** Checks a question form; throws validation_failed with a key per field. The slug defaults to the question's. */
export function cleanQuestion(input: QuestionInput): QuestionFields {
  const e: FieldErrors = {};
  const questionDe = input.questionDe.replace(/\s+/g, ' ').trim();
  const questionEn = orNull(input.questionEn.replace(/\s+/g, ' '));
  const answerDe = input.answerDe.trim();
  const answerEn = orNull(input.answerEn);
  const slug = (input.slug.trim() || slugify(questionDe, limits.slug)).toLowerCase();
  const serviceSlug = orNull(input.serviceSlug)?.toLowerCase() ?? null;
  const synonyms = parseSynonyms(input.synonyms);
  const topicId = /^[1-9]\d{0,15}$/.test(input.topicId) ? Number(input.topicId) : 0;
  if (!topicId) e.topicId = 'faq.errors.topicRequired';
  if (!questionDe) e.questionDe = 'faq.errors.questionRequired';
  else if (questionDe.length > limits.question) e.questionDe = 'faq.errors.questionTooLong';
  if (!answerDe) e.answerDe = 'faq.errors.answerRequired';
  else if (answerDe.length > limits.answer) e.answerDe = 'faq.errors.answerTooLong';
  if (questionEn && questionEn.length > limits.question) e.questionEn = 'faq.errors.questionTooLong';
  if (answerEn && answerEn.length > limits.answer) e.answerEn = 'faq.errors.answerTooLong';
  // An English question without its answer (or the other way round) would show half a translation.
  if (questionEn && !answerEn) e.answerEn = 'faq.errors.englishPair';
  if (answerEn && !questionEn) e.questionEn = 'faq.errors.englishPair';
  if (questionDe && (slug.length > limits.slug || !slugPattern.test(slug))) e.slug = 'faq.errors.slugInvalid';
  if (serviceSlug && (serviceSlug.length > limits.slug || !slugPattern.test(serviceSlug)))
    e.serviceSlug = 'faq.errors.slugInvalid';
  if (synonyms.length > limits.synonyms || synonyms.some((s) => s.length > limits.synonym))
    e.synonyms = 'faq.errors.synonymsTooMany';
  if (Object.keys(e).length) throw new AppError('validation_failed', 'The question has invalid fields', e);
  const { published, onStartPage } = input;
  return { topicId, slug, questionDe, questionEn, answerDe, answerEn, synonyms, serviceSlug, published, onStartPage };
}

export interface TopicInput {
  slug: string;
  nameDe: string;
  nameEn: string;
}

/** Checks a topic form; throws validation_failed with a key per field. */
export function cleanTopic(input: TopicInput): TopicFields {
  const e: FieldErrors = {};
  const nameDe = input.nameDe.replace(/\s+/g, ' ').trim();
  const nameEn = orNull(input.nameEn.replace(/\s+/g, ' '));
  const slug = (input.slug.trim() || slugify(nameDe, limits.slug)).toLowerCase();
  if (!nameDe) e.nameDe = 'faq.errors.topicNameRequired';
  else if (nameDe.length > limits.topic) e.nameDe = 'faq.errors.topicNameTooLong';
  if (nameEn && nameEn.length > limits.topic) e.nameEn = 'faq.errors.topicNameTooLong';
  if (nameDe && (slug.length > limits.slug || !slugPattern.test(slug))) e.slug = 'faq.errors.slugInvalid';
  if (Object.keys(e).length) throw new AppError('validation_failed', 'The topic has invalid fields', e);
  return { slug, nameDe, nameEn };
}
