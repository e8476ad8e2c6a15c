import type { JobsOptions } from 'bullmq';

export const PAYOUT_QUEUE = 'payout-runs';
export const PAYOUT_RUN_JOB = 'payout-run';
export const PAYOUT_SCHEDULER_ID = 'payout-run-schedule';
/** Resumes or voids unfinished runs; queued at worker start-up so it never overlaps a run (global concurrency 1). */
export const PAYOUT_RECOVERY_JOB = 'payout-recovery';

/**
 * A run requested through the API names its id (its request is recorded first); a scheduled job names none and
 * derives it from its scheduled instant. Nothing else: the actor is read from the recorded request (issue 13.8).
 */
export interface PayoutRunJobData {
  trigger: 'operator' | 'schedule';
  runId?: string;
}

/** What a finished run reports (also the job's return value). */
export interface PayoutRunOutcome {
  runId: string;
  transferDate: string;
  outcome: 'transfer-file' | 'nothing-to-pay' | 'voided';
  count: number;
  total: number;
  held: number;
  fileName?: string;
  sha256?: string;
}

/**
 * Transient failures (a store or Redis hiccup, read models still catching up) retry with exponential backoff;
 * permanent ones throw UnrecoverableError. The job id is the run id, so re-adding a run that is still queued is a
 * no-op; the exactly-once guard is the event store, not the queue (architecture.md 6).
 */
export const PAYOUT_RUN_JOB_OPTIONS: JobsOptions = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 2_000 },
  removeOnComplete: { age: 30 * 24 * 3600, count: 1_000 },
  removeOnFail: { age: 90 * 24 * 3600 },
};
