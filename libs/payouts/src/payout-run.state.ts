import type { Actor } from '@kenpo/kernel';
import type { PayoutRunEvent, PayoutRunTrigger } from './payout-run.events.js';

/** `none` also covers runs recorded before requests were (their transfer batch is their only record). */
export type PayoutRunStatus = 'none' | 'requested' | 'nothing-to-pay' | 'voided';

export interface PayoutRunState {
  status: PayoutRunStatus;
  runId: string;
  trigger: PayoutRunTrigger | null;
  requestedBy: Actor | null;
  transferDate: string | null;
}

export const initialPayoutRunState = (): PayoutRunState => ({
  status: 'none',
  runId: '',
  trigger: null,
  requestedBy: null,
  transferDate: null,
});

export function evolvePayoutRun(state: PayoutRunState, event: PayoutRunEvent): PayoutRunState {
  switch (event.type) {
    case 'PayoutRunRequested': {
      const { runId, trigger, requestedBy, transferDate } = event.data;
      return { ...state, status: 'requested', runId, trigger, requestedBy, transferDate };
    }
    case 'PayoutRunResumed':
      return { ...state, runId: event.data.runId };
    case 'PayoutRunFoundNothingToPay':
      return { ...state, status: 'nothing-to-pay', runId: event.data.runId, transferDate: event.data.transferDate };
    case 'PayoutRunVoided':
      return { ...state, status: 'voided', runId: event.data.runId };
    default: {
      const unknown: never = event;
      return unknown;
    }
  }
}
