export type {
  EnqueueOptions,
  JobContext,
  JobDefinition,
  JobDefinitionInfo,
  JobListFilter,
  JobRecord,
  JobResult,
  JobState,
  Jobs,
  JobVisibility,
} from './types.js';
export { defineJob, jobStates } from './types.js';
