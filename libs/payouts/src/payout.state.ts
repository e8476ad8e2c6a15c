import type {
  PayoutAccount,
  PayoutAccountSource,
  PayoutEvent,
  PayoutHoldReason,
  PayoutPayee,
} from './payout.events.js';

export type PayoutStatus = 'none' | 'due' | 'held' | 'instructed' | 'settled';

export interface PayoutState {
  status: PayoutStatus;
  payoutId: string;
  claimId: string;
  memberId: string;
  amount: number;
  accountSource: PayoutAccountSource;
  /** The account this payout pays exactly: fixed at application, or given by a clerk (issue 13.2). */
  account?: PayoutAccount;
  payee: PayoutPayee;
  payeeKey: string;
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
  /** Settled in `runId` by recoveries alone, without a transfer. */
  settledByOffset: boolean;
}

const INSURED: PayoutPayee = { kind: 'insured', name: null, relationship: null };

export const initialPayoutState = (): PayoutState => ({
  status: 'none',
  payoutId: '',
  claimId: '',
  memberId: '',
  amount: 0,
  accountSource: 'claim',
  payee: INSURED,
  payeeKey: '',
  dueDate: '',
  runIds: [],
  returnedRunIds: [],
  voidedRunIds: [],
  settledByOffset: false,
});

export function evolvePayout(state: PayoutState, event: PayoutEvent): PayoutState {
  switch (event.type) {
    case 'PayoutScheduled': {
      const { payoutId, claimId, memberId, amount, accountSource, dueDate, payee = INSURED } = event.data;
      const account = event.data.account ?? event.data.claimAccount;
      return {
        ...state,
        status: 'due',
        payoutId,
        claimId,
        memberId,
        amount,
        accountSource,
        payee,
        payeeKey: event.data.payeeKey ?? `${memberId}:insured`,
        dueDate,
        ...(account ? { account } : {}),
      };
    }
    case 'PayoutAccountReplaced':
      return { ...state, account: event.data.account, accountSource: 'clerk' };
    case 'PayoutHeld':
      return { ...state, status: 'held', holdReason: event.data.reason };
    case 'PayoutReleased': {
      const { holdReason: _released, ...rest } = state;
      return { ...rest, status: 'due' };
    }
    case 'PayoutInstructed':
      return { ...state, status: 'instructed', runId: event.data.runId, runIds: [...state.runIds, event.data.runId] };
    case 'PayoutSettledByOffset':
      return {
        ...state,
        status: 'settled',
        settledByOffset: true,
        runId: event.data.runId,
        runIds: [...state.runIds, event.data.runId],
      };
    case 'PayoutInstructionVoided': {
      const voidedRunIds = [...state.voidedRunIds, event.data.runId];
      if (!event.data.wasInstructed) return { ...state, voidedRunIds };
      const { runId: _voided, ...rest } = state;
      return { ...rest, status: 'due', settledByOffset: false, voidedRunIds };
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
