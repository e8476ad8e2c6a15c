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
    /** Recoveries (返納金) the plan keeps back, per payout (issue 13.6); absent when none. */
    offsets?: TransferBatchOffset[];
    /** Payouts the recoveries take wholly: settled by the run without a data record. */
    offsetSettledIds?: string[];
  }
>;

export interface TransferBatchOffset {
  payoutId: string;
  recoveryId: string;
  amount: number;
}

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

/**
 * Every data record of the file is instructed: the file is final and may go to the bank. Until then the file is
 * not served as payable, so a run that dies half-way can still be voided without double payment (issue 18).
 */
export type TransferBatchCompleted = Event<'TransferBatchCompleted', { runId: string; count: number; total: number }>;

/**
 * A planned file that will never go to the bank (architecture.md 11: an unfinished run is resumed or voided
 * explicitly). `reason` is a code (e.g. `transfer_date_passed`); its payouts were released before this event.
 */
export type TransferBatchVoided = Event<
  'TransferBatchVoided',
  { runId: string; reason: string; detail: string; voidedOn: string }
>;

export type TransferBatchEvent =
  TransferBatchCreated | TransferBatchCompleted | TransferBatchVoided | BankResultsRecorded | TransferBatchSettled;

export const transferBatchStreamId = (runId: string): string => `transfer-batch-${runId}`;
