import { invalidateResponses } from '../../../platform/http/response-cache.js';

// Whatever caches waste answers (pages, iCal feeds, the next-collections API) registers here; an import that
// changed collections calls forgetWasteCaches once its transaction has committed.

/** The response-cache tag of a municipality's waste answers. */
export const wasteCacheTag = (municipalityId: string) => `waste:${municipalityId}`;

const hooks = new Set<(municipalityId: string) => void>();

/** Registers a cache to forget on every change of a municipality's waste data; returns the unregister function. */
export function onWasteChange(hook: (municipalityId: string) => void): () => void {
  hooks.add(hook);
  return () => hooks.delete(hook);
}

/** Forgets every cached waste answer of the municipality (response cache and registered caches). */
export function forgetWasteCaches(municipalityId: string): void {
  invalidateResponses(wasteCacheTag(municipalityId));
  for (const hook of hooks) hook(municipalityId);
}
