import { type BusinessDate, compareDates } from '@kenpo/kernel';

/** Start-up looks at every unfinished run; planning only at runs with a recorded plan (issue 18). */
export type RecoveryTrigger = 'start-up' | 'planning';

/** An unfinished run as recovery sees it. */
export interface OpenRun {
  transferDate: BusinessDate;
  /** Its plan (TransferBatchCreated) is recorded, not completed and not voided. */
  planned: boolean;
  /** Every payout of the plan already has this run's instruction (asked only where it decides). */
  everyPayoutInstructed: boolean;
  /** The queue still holds its job (waiting, delayed or active): the job will run it. */
  jobPending: boolean;
}

export type RecoveryAction =
  { kind: 'resume' } | { kind: 'requeue' } | { kind: 'leave' } | { kind: 'void'; reason: string; detail: string };

const DATE_PASSED = {
  kind: 'void',
  reason: 'transfer_date_passed',
  detail: 'the run did not finish before its transfer date; its payouts go into the next run',
} as const;

/**
 * What to do with a run left unfinished (architecture.md 11: resumed or voided explicitly before anything is planned
 * again). A plan is resumed while its transfer date can still be met: the same file, the instructions it lacks.
 * Past that date its file is voided, unless every payout is already instructed, in which case it is simply final.
 * A run requested but never planned is run again from its recorded request when its job was lost.
 */
export function recoveryAction(run: OpenRun, today: BusinessDate, trigger: RecoveryTrigger): RecoveryAction {
  const datePassed = compareDates(run.transferDate, today) < 0;
  if (run.planned) return datePassed && !run.everyPayoutInstructed ? DATE_PASSED : { kind: 'resume' };
  if (trigger === 'planning' || run.jobPending) return { kind: 'leave' };
  return datePassed ? DATE_PASSED : { kind: 'requeue' };
}
