import { v5 as uuidv5 } from 'uuid';
import type { Actor } from '@kenpo/kernel';
import { LIFECYCLE_RULES, type LifecycleRule } from '@kenpo/membership';

export const LIFECYCLE_RUNS = 'lifecycle_runs';
export const lifecycleRunStream = (runId: string) => `lifecycle-run-${runId}`;
const NAMESPACE = '3f0d8a52-5b6e-4c1a-9e2f-7a4b8c6d1e05';

/** The scheduler's run for a date: one id per date, so a second trigger the same day joins the first run. */
export const scheduledRunId = (date: string) => uuidv5(`scheduled:${date}`, NAMESPACE);

/**
 * The id of the command that records one action: the same for every run, so two runs (or a run after a crash)
 * record each (member, person, rule, date) once (handleCommand recognises the command by its first event id).
 */
export const lifecycleCommandId = (memberId: string, rule: LifecycleRule, personId: string, effectiveDate: string) =>
  uuidv5(`${memberId}|${rule}|${personId}|${effectiveDate}`, NAMESPACE);

/** The command id of the event that closes a run (one per run, whichever attempt finishes it). */
export const runCompletionId = (runId: string) => uuidv5(`completed:${runId}`, NAMESPACE);

export interface RuleCounts {
  /** Actions found due. */
  due: number;
  /** Recorded by this run. */
  recorded: number;
  /** Found already recorded (by an earlier or a concurrent run, or a clerk). */
  alreadyRecorded: number;
  /** Refused by the member's rules; listed in `failures`. */
  failed: number;
}

export type LifecycleRunStatus = 'queued' | 'running' | 'completed' | 'failed';

/** GET /lifecycle-runs/{id}: written by the run as it goes (progress), not a projection. */
export interface LifecycleRunDoc {
  id: string;
  runId: string;
  date: string;
  trigger: 'operator' | 'schedule' | 'cli';
  requestedBy: Actor;
  requestedAt: string;
  status: LifecycleRunStatus;
  startedAt: string | null;
  finishedAt: string | null;
  progress: { membersScanned: number; membersTotal: number | null };
  counts: Record<LifecycleRule, RuleCounts>;
  failures: { memberId: string; rule: LifecycleRule; code: string }[];
  error: string | null;
}

export function emptyCounts(): Record<LifecycleRule, RuleCounts> {
  return Object.fromEntries(
    LIFECYCLE_RULES.map((rule) => [rule, { due: 0, recorded: 0, alreadyRecorded: 0, failed: 0 }]),
  ) as Record<LifecycleRule, RuleCounts>;
}

/** What the run stream records: who asked for which date (the worker trusts this, not the job's payload). */
export interface LifecycleRunRequestedData {
  runId: string;
  date: string;
  trigger: LifecycleRunDoc['trigger'];
}
