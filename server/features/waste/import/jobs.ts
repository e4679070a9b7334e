import { Type as T } from '@sinclair/typebox';
import type { JobDefinition, JobResult } from '../../../platform/jobs/types.js';
import { countUploadsBefore, deleteUploadsBefore } from './queries.js';
import { uploadTtlMs } from './upload-service.js';

/** Hourly: deletes uploaded import files that waited longer than an hour for "apply" (up to 20 MB each). */
export const purgeUploadsJob: JobDefinition = {
  name: 'waste.purge-uploads',
  description: 'Deletes waste import files not applied within an hour of their upload',
  payload: T.Object({}, { additionalProperties: false }),
  schedule: { cron: '40 * * * *', payload: {} },
  supportsDryRun: true,
  retry: { limit: 2, delaySeconds: 300, backoff: true },
  async run(_payload, { deps, dryRun, log }) {
    const before = new Date(deps.now().getTime() - uploadTtlMs);
    if (dryRun) {
      const due = await countUploadsBefore(deps.db, before);
      log.info({ due }, 'waste import uploads due');
      const result: JobResult = { due, dryRun };
      return result;
    }
    const deleted = await deleteUploadsBefore(deps.db, before);
    log.info({ deleted }, 'waste import uploads deleted');
    return { deleted };
  },
};

export const wasteImportJobs: JobDefinition[] = [purgeUploadsJob];
