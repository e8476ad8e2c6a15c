import type { PayoutAccount, PayoutAccountSource, PayoutEvent, PayoutHoldReason } from './payout.events.js';

export type PayoutStatus = 'none' | 'due' | 'held' | 'instructed' | 'settled';

export interface PayoutState {
  status: PayoutStatus;
  payoutId: string;
  claimId: string;
  memberId: string;
  amount: number;
  accountSource: PayoutAccountSource;
  claimAccount?: PayoutAccount;
  dueDate: string;
  holdReason?: PayoutHoldReason;
  /** The run of the current (or last settled) instruction. */
  runId?: string;
  /** Every run this payout was ever instructed in, oldest first, so re-sent instructions stay no-ops. */
  runIds: string[];
  /** Runs whose transfer the bank returned. */
  returnedRunIds: string[];
  /** Runs voided before they finished: their instructions are refused. */
  voidedRunIds: string[];
}

export const initialPayoutState = (): PayoutState => ({
  status: 'none',
  payoutId: '',
  claimId: '',
  memberId: '',
  amount: 0,
  accountSource: 'claim',
  dueDate: '',
  runIds: [],
  returnedRunIds: [],
  voidedRunIds: [],
});

export function evolvePayout(state: PayoutState, event: PayoutEvent): PayoutState {
  switch (event.type) {
    case 'PayoutScheduled': {
      const { payoutId, claimId, memberId, amount, accountSource, claimAccount, dueDate } = event.data;
      return {
        ...state,
        status: 'due',
        payoutId,
        claimId,
        memberId,
        amount,
        accountSource,
        dueDate,
        ...(claimAccount ? { claimAccount } : {}),
      };
    }
    case 'PayoutHeld':
      return { ...state, status: 'held', holdReason: event.data.reason };
    case 'PayoutReleased': {
      const { holdReason: _released, ...rest } = state;
      return { ...rest, status: 'due' };
    }
    case 'PayoutInstructed':
      return { ...state, status: 'instructed', runId: event.data.runId, runIds: [...state.runIds, event.data.runId] };
    case 'PayoutInstructionVoided': {
      const voidedRunIds = [...state.voidedRunIds, event.data.runId];
      if (!event.data.wasInstructed) return { ...state, voidedRunIds };
      const { runId: _voided, ...rest } = state;
      return { ...rest, status: 'due', voidedRunIds };
    }
    case 'PayoutSettled':
      return { ...state, status: 'settled' };
    case 'PayoutReturned':
      return { ...state, returnedRunIds: [...state.returnedRunIds, event.data.runId] };
    default: {
      const unknown: never = event;
      return unknown;
    }
  }
}
