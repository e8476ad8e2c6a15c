import type { BankResult, TransferBatchEvent } from './transfer-batch.events.js';

export interface TransferBatchState {
  status: 'none' | 'created' | 'settled';
  runId: string;
  sha256: string;
  payoutIds: string[];
  /** The latest result per payout id. */
  results: Record<string, BankResult>;
}

export const initialTransferBatchState = (): TransferBatchState => ({
  status: 'none',
  runId: '',
  sha256: '',
  payoutIds: [],
  results: {},
});

export function evolveTransferBatch(state: TransferBatchState, event: TransferBatchEvent): TransferBatchState {
  switch (event.type) {
    case 'TransferBatchCreated':
      return {
        ...state,
        status: 'created',
        runId: event.data.runId,
        sha256: event.data.sha256,
        payoutIds: event.data.payoutIds,
      };
    case 'BankResultsRecorded': {
      const results = { ...state.results };
      for (const result of event.data.results) results[result.payoutId] = result;
      return { ...state, results };
    }
    case 'TransferBatchSettled':
      return { ...state, status: 'settled' };
    default: {
      const unknown: never = event;
      return unknown;
    }
  }
}
