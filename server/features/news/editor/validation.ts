import { slugify } from '../../../../shared/formats.js';
import { AppError, type FieldErrors } from '../../../platform/errors.js';
import { localDateString, localParts, zonedTime } from '../../../platform/time.js';
import type { NewsItemWrite } from '../core/items-queries.js';
import { markdownToHtml } from '../core/markdown.js';
import { plainText, shorten } from '../core/sanitise.js';
import { isNewsTopic } from '../core/topics.js';

/** The editor's form as typed (Markdown bodies, local publishing date and time). */
export interface NewsInput {
  topic: string;
  titleDe: string;
  titleEn: string;
  summaryDe: string;
  summaryEn: string;
  bodyDe: string;
  bodyEn: string;
  publishDate: string;
  publishTime: string;
  pinned: boolean;
}

const datePattern = /^(\d{4})-(\d{2})-(\d{2})$/;
const timePattern = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** The form's values for an item's local publishing time. */
export function localPublish(at: Date, timeZone: string): { publishDate: string; publishTime: string } {
  const p = localParts(at, timeZone);
  const pad = (n: number) => String(n).padStart(2, '0');
  return { publishDate: localDateString(at, timeZone), publishTime: `${pad(p.hour)}:${pad(p.minute)}` };
}

/** Checks an editor's item; throws validation_failed with an i18n key per field. */
export function cleanNewsInput(
  input: NewsInput,
  now: Date,
  timeZone: string,
): Omit<NewsItemWrite, 'imageId' | 'imageAlt' | 'link' | 'contentHash'> & { pinned: boolean } {
  const errors: FieldErrors = {};
  const titleDe = input.titleDe.trim();
  const titleEn = input.titleEn.trim() || null;
  if (!isNewsTopic(input.topic)) errors.topic = 'news.errors.topic';
  if (!titleDe) errors.titleDe = 'news.errors.titleRequired';
  else if (titleDe.length > 200) errors.titleDe = 'news.errors.titleTooLong';
  if (titleEn && titleEn.length > 200) errors.titleEn = 'news.errors.titleTooLong';
  if (!input.bodyDe.trim()) errors.bodyDe = 'news.errors.bodyRequired';
  else if (input.bodyDe.length > 50_000) errors.bodyDe = 'news.errors.bodyTooLong';
  if (input.bodyEn.length > 50_000) errors.bodyEn = 'news.errors.bodyTooLong';
  if (input.summaryDe.length > 400) errors.summaryDe = 'news.errors.summaryTooLong';
  if (input.summaryEn.length > 400) errors.summaryEn = 'news.errors.summaryTooLong';
  let publishedAt = now;
  if (input.publishDate || input.publishTime) {
    const d = datePattern.exec(input.publishDate.trim());
    const t = timePattern.exec(input.publishTime.trim() || '00:00');
    if (!d) errors.publishDate = 'news.errors.date';
    else if (!t) errors.publishTime = 'news.errors.time';
    else {
      publishedAt = zonedTime({ year: +d[1]!, month: +d[2]!, day: +d[3]!, hour: +t[1]!, minute: +t[2]! }, timeZone);
      if (Number.isNaN(publishedAt.getTime()) || localDateString(publishedAt, timeZone) !== d[0]) {
        errors.publishDate = 'news.errors.date';
      }
    }
  }
  if (Object.keys(errors).length > 0)
    throw new AppError('validation_failed', 'The news item has invalid fields', errors);
  const bodyDe = markdownToHtml(input.bodyDe);
  const bodyEn = input.bodyEn.trim() ? markdownToHtml(input.bodyEn) : null;
  return {
    topic: input.topic,
    slug: slugify(titleDe, 80) || 'meldung',
    titleDe,
    titleEn,
    summaryDe: input.summaryDe.trim() || shorten(plainText(bodyDe)),
    summaryEn: input.summaryEn.trim() || (bodyEn ? shorten(plainText(bodyEn)) : null),
    bodyDe,
    bodyEn,
    markdownDe: input.bodyDe,
    markdownEn: input.bodyEn.trim() ? input.bodyEn : null,
    publishedAt,
    pinned: input.pinned,
  };
}
