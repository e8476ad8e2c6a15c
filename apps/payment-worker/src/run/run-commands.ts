import { hash } from 'node:crypto';
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

const MAX_STEP = 0xfffffff;
const hex = (text: string) => hash('sha256', text, 'hex');

/**
 * The id of a run's command for the step at `step` of its plan (a UUIDv8): the run's hash, then the step, then the
 * hash of the run and `parts`. The same on every attempt of the run, like runCommandMetadata's, but the steps of a
 * run sort one after the other, so the log's unique event-id index takes a run's 100,000 instructions as appends to
 * one place: random ids cost a page written per event at every commit, twice the time of the inserts (issue 16.5).
 */
export function runStepCommandId(runId: string, step: number, ...parts: string[]): string {
  if (!Number.isInteger(step) || step < 0 || step > MAX_STEP) throw new Error(`step ${step} out of range`);
  const index = step.toString(16).padStart(7, '0');
  const hash = hex([runId, ...parts].join(':'));
  const variant = (0x8 | (Number.parseInt(hash[0]!, 16) & 0x3)).toString(16);
  return `${hex(runId).slice(0, 8)}-${index.slice(0, 4)}-8${index.slice(4)}-${variant}${hash.slice(1, 4)}-${hash.slice(4, 16)}`;
}

/** The actor of scheduled runs (the schedule itself records who set it). */
export const SCHEDULER_ACTOR: Actor = { id: 'payout-scheduler', role: 'system' };

/** The actor of resumes and voids of unfinished runs (issue 18). */
export const RECOVERY_ACTOR: Actor = { id: 'payout-recovery', role: 'system' };
