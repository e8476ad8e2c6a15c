import type { Actor, Command } from '@kenpo/kernel';
import type { PayoutRunRequested, PayoutRunResumed, PayoutRunTrigger } from './payout-run.events.js';

export type RequestPayoutRun = Command<
  'RequestPayoutRun',
  {
    runId: string;
    trigger: PayoutRunTrigger;
    requestedBy: Actor;
    transferDate: string;
    schedule?: PayoutRunRequested['data']['schedule'];
  }
>;

export type ResumePayoutRun = Command<'ResumePayoutRun', PayoutRunResumed['data']>;

export type RecordNothingToPay = Command<'RecordNothingToPay', { runId: string; transferDate: string; held: number }>;

export type VoidPayoutRun = Command<'VoidPayoutRun', { runId: string; reason: string; detail: string; on: string }>;

export type PayoutRunCommand = RequestPayoutRun | ResumePayoutRun | RecordNothingToPay | VoidPayoutRun;
