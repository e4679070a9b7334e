import { Type as T } from '@sinclair/typebox';
import { defineJob, type JobDefinition } from '../../platform/jobs/types.js';
import { reindexSearch } from './reindex.js';

/** Daily (and after the demo seed): indexes the fixed pages and the Abfall-ABC for the search. */
export const reindexSearchJob = defineJob({
  name: 'search.reindex',
  description: 'Indexes the fixed pages and the Abfall-ABC for the search',
  payload: T.Object({}, { additionalProperties: false }),
  schedule: { cron: '20 4 * * *', payload: {} },
  retry: { limit: 2, delaySeconds: 300, backoff: true },
  async run(_payload, { deps, log }) {
    const result = await reindexSearch(deps);
    log.info({ ...result }, 'search re-indexed');
    return { ...result };
  },
});

export const searchJobs: JobDefinition[] = [reindexSearchJob];
