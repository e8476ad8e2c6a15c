import type { Command } from '@kenpo/kernel';
import type { BankResult, TransferBatchOffset } from './transfer-batch.events.js';

export type CreateTransferBatch = Command<
  'CreateTransferBatch',
  {
    runId: string;
    fileName: string;
    sha256: string;
    count: number;
    total: number;
    transferDate: string;
    payoutIds: string[];
    offsets?: TransferBatchOffset[];
    offsetSettledIds?: string[];
  }
>;

export type RecordBankResults = Command<
  'RecordBankResults',
  { runId: string; receivedOn: string; results: BankResult[] }
>;

/** The run instructed every payout of its file. */
export type CompleteTransferBatch = Command<'CompleteTransferBatch', { runId: string }>;

/** The run will not finish (recovery after a crash); `reason` is a code, `detail` a short operator note. */
export type VoidTransferBatch = Command<
  'VoidTransferBatch',
  { runId: string; reason: string; detail: string; on: string }
>;

export type TransferBatchCommand = CreateTransferBatch | CompleteTransferBatch | VoidTransferBatch | RecordBankResults;
