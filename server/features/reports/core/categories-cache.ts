import { invalidateResponses } from '../../../platform/http/response-cache.js';

/** Cached API answers that depend on categories or landmarks (both change only by import or demo seed). */
export const reportCategoriesCacheTag = 'report-categories';

export function forgetCachedCategories(): void {
  invalidateResponses(reportCategoriesCacheTag);
}
