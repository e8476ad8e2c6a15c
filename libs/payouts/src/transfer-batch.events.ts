import type { Event } from '@kenpo/kernel';

/**
 * Stream `transfer-batch-<runId>`: one Zengin file per payout run (architecture.md 6). The file itself lives
 * outside the event store; its name and sha256 prove which bytes were handed to the bank.
 */
export type TransferBatchCreated = Event<
  'TransferBatchCreated',
  {
    runId: string;
    fileName: string;
    /** sha256 of the encoded file, lower-case hex. */
    sha256: string;
    count: number;
    total: number;
    transferDate: string;
    /** In data-record order: payoutIds[i] is data record i. */
    payoutIds: string[];
  }
>;

export type BankResultOutcome = 'accepted' | 'returned';

export interface BankResult {
  payoutId: string;
  outcome: BankResultOutcome;
  /** The bank's return (不能) code; required when returned. */
  reasonCode?: string;
}

/** Only results that were new to the batch; the payout reactor turns them into SettlePayout / ReturnPayout. */
export type BankResultsRecorded = Event<
  'BankResultsRecorded',
  { runId: string; receivedOn: string; results: BankResult[] }
>;

/** Every record of the batch has a result. */
export type TransferBatchSettled = Event<
  'TransferBatchSettled',
  { runId: string; settledOn: string; accepted: number; returned: number }
>;

export type TransferBatchEvent = TransferBatchCreated | BankResultsRecorded | TransferBatchSettled;

export const transferBatchStreamId = (runId: string): string => `transfer-batch-${runId}`;
