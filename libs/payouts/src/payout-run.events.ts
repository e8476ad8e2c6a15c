import type { Actor, Event } from '@kenpo/kernel';

/** How a run was asked for: by an operator through the API, or by the recorded payout schedule. */
export type PayoutRunTrigger = 'operator' | 'schedule';

/**
 * Stream `payout-run-<runId>`: the run's request and its end when it made no file (a run with transfers ends in its
 * transfer batch). The worker takes the run's actor and parameters from here, never from the queue's job data
 * (architecture.md 11: nothing trusts data it did not record).
 */
export type PayoutRunRequested = Event<
  'PayoutRunRequested',
  {
    runId: string;
    trigger: PayoutRunTrigger;
    requestedBy: Actor;
    transferDate: string;
    /** The recorded schedule a scheduled run fired from. */
    schedule?: { pattern: string; tz: string; revision: number };
  }
>;

/** A run found unfinished (after a crash, or with its queue job lost) is taken up again, explicitly. */
export type PayoutRunResumed = Event<
  'PayoutRunResumed',
  { runId: string; trigger: 'start-up' | 'planning'; detail: string }
>;

/** The run had nothing to pay, so it left no transfer file; `held` payouts were held for want of an account. */
export type PayoutRunFoundNothingToPay = Event<
  'PayoutRunFoundNothingToPay',
  { runId: string; transferDate: string; held: number }
>;

/** A requested run that will never plan (its transfer date passed before a worker took it up). */
export type PayoutRunVoided = Event<
  'PayoutRunVoided',
  { runId: string; reason: string; detail: string; voidedOn: string }
>;

export type PayoutRunEvent = PayoutRunRequested | PayoutRunResumed | PayoutRunFoundNothingToPay | PayoutRunVoided;

export const payoutRunStreamId = (runId: string): string => `payout-run-${runId}`;
