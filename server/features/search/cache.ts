import { invalidateResponses } from '../../platform/http/response-cache.js';

/** Cache tag of search answers (the API and the /suche page). */
export const searchCacheTag = (municipalityId: string) => `search:${municipalityId}`;

/** Drops cached search answers of a municipality: called whenever its documents change. */
export function forgetSearchAnswers(municipalityId: string): void {
  invalidateResponses(searchCacheTag(municipalityId));
}
