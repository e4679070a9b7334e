export type { EnqueueOptions, JobContext, JobDefinition, JobResult, Jobs } from './types.js';
