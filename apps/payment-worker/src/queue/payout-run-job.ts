import type { JobsOptions } from 'bullmq';
import type { Actor } from '@kenpo/kernel';

export const PAYOUT_QUEUE = 'payout-runs';
export const PAYOUT_RUN_JOB = 'payout-run';
export const PAYOUT_SCHEDULER_ID = 'payout-run-schedule';

/** A run started by an operator names its id; a scheduled run derives it from its scheduled instant. */
export interface PayoutRunJobData {
  trigger: 'operator' | 'schedule';
  runId?: string;
  requestedBy?: Actor;
}

/** What a finished run reports (also the job's return value). */
export interface PayoutRunOutcome {
  runId: string;
  transferDate: string;
  outcome: 'transfer-file' | 'nothing-to-pay';
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
