import { invalidateResponses } from '../../../platform/http/response-cache.js';

// Tags of the cached API answers of the Mängelmelder. Whoever changes what such an answer shows forgets it, so this
// process answers fresh at once (other processes within the cache time).

/** Cached answers that depend on categories or landmarks (both change only by import or demo seed). */
export const reportCategoriesCacheTag = 'report-categories';

/**
 * Cached public answers about the reports of a municipality (map, list, pages, Open311 requests): every change of
 * a report appends an event (`appendEvent`), which forgets them once its transaction has committed.
 */
export const reportsCacheTag = (municipalityId: string) => `reports:${municipalityId}`;

/** Forgets the cached answers that depend on categories or landmarks. */
export function forgetCachedCategories(): void {
  invalidateResponses(reportCategoriesCacheTag);
}

/** Forgets the cached public answers about the reports of a municipality. */
export function forgetCachedReports(municipalityId: string): void {
  invalidateResponses(reportsCacheTag(municipalityId));
}
