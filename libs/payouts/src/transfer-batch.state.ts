import type { BankResult, TransferBatchEvent } from './transfer-batch.events.js';

/** planned: recorded, instructions under way; completed: final, payable; voided: never to be paid from. */
export type TransferBatchStatus = 'none' | 'planned' | 'completed' | 'voided' | 'settled';

export interface TransferBatchState {
  status: TransferBatchStatus;
  runId: string;
  sha256: string;
  payoutIds: string[];
  count: number;
  total: number;
  /** The latest result per payout id. */
  results: Record<string, BankResult>;
}

export const initialTransferBatchState = (): TransferBatchState => ({
  status: 'none',
  runId: '',
  sha256: '',
  payoutIds: [],
  count: 0,
  total: 0,
  results: {},
});

export function evolveTransferBatch(state: TransferBatchState, event: TransferBatchEvent): TransferBatchState {
  switch (event.type) {
    case 'TransferBatchCreated':
      return {
        ...state,
        status: 'planned',
        runId: event.data.runId,
        sha256: event.data.sha256,
        payoutIds: event.data.payoutIds,
        count: event.data.count,
        total: event.data.total,
      };
    case 'TransferBatchCompleted':
      return { ...state, status: 'completed' };
    case 'TransferBatchVoided':
      return { ...state, status: 'voided' };
    case 'BankResultsRecorded': {
      const results = { ...state.results };
      for (const result of event.data.results) results[result.payoutId] = result;
      // Batches recorded before TransferBatchCompleted existed were final once the bank answered for them.
      return { ...state, status: state.status === 'planned' ? 'completed' : state.status, results };
    }
    case 'TransferBatchSettled':
      return { ...state, status: 'settled' };
    default: {
      const unknown: never = event;
      return unknown;
    }
  }
}
