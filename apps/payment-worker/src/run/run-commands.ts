import { v5 as uuidv5 } from 'uuid';
import type { Actor, CommandMetadata } from '@kenpo/kernel';

const RUN_NAMESPACE = '9d4e7b1a-2c6f-4a83-b5d0-e1f7a9c3b246';

/**
 * Every command of a run has an id derived from the run id, its purpose and its payout: a retried run re-sends the
 * same commands, which the store recognises (deterministic event ids) or the deciders turn into no-ops.
 */
export function runCommandMetadata(runId: string, actor: Actor, now: Date, ...parts: string[]): CommandMetadata {
  return {
    commandId: uuidv5([runId, ...parts].join(':'), RUN_NAMESPACE),
    correlationId: uuidv5(runId, RUN_NAMESPACE),
    actor,
    now: now.toISOString(),
  };
}

/** The actor of scheduled runs (the schedule itself records who set it). */
export const SCHEDULER_ACTOR: Actor = { id: 'payout-scheduler', role: 'system' };

/** The actor of resumes and voids of unfinished runs (issue 18). */
export const RECOVERY_ACTOR: Actor = { id: 'payout-recovery', role: 'system' };
