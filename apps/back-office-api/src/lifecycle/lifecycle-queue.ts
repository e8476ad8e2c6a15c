import type { JobsOptions } from 'bullmq';

export const LIFECYCLE_QUEUE = 'lifecycle-runs';
export const LIFECYCLE_RUN_JOB = 'lifecycle-run';
export const LIFECYCLE_SCHEDULER_ID = 'lifecycle-run-daily';

/** An operator's run names its id (the date and requester are in its stream); a scheduled one runs for its day. */
export interface LifecycleRunJobData {
  runId?: string;
}

/** A crashed or failed run is safe to run again (each action is idempotent), so retries are generous. */
export const LIFECYCLE_JOB_OPTIONS: JobsOptions = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 2_000 },
  removeOnComplete: { age: 30 * 24 * 3600, count: 1_000 },
  removeOnFail: { age: 90 * 24 * 3600 },
};
