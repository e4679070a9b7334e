import { invalidateResponses } from '../../../platform/http/response-cache.js';

// Tags of the cached API answers of the Mängelmelder. Whoever changes what such an answer shows forgets it, so this
// process answers fresh at once (other processes within the cache time).

/** Cached answers that depend on categories or landmarks (both change only by import or demo seed). */
export const reportCategoriesCacheTag = 'report-categories';

/**
 * Cached public answers about reports (map, list; 30 s): a new report, a status change, moderation or a merge
 * changes them.
 */
export const reportsCacheTag = 'reports';

/** Forgets the cached answers that depend on categories or landmarks. */
export function forgetCachedCategories(): void {
  invalidateResponses(reportCategoriesCacheTag);
}

/** Forgets the cached public answers about reports. */
export function forgetCachedReports(): void {
  invalidateResponses(reportsCacheTag);
}
