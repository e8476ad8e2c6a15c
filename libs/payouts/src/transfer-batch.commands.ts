import type { Command } from '@kenpo/kernel';
import type { BankResult } from './transfer-batch.events.js';

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
  }
>;

export type RecordBankResults = Command<
  'RecordBankResults',
  { runId: string; receivedOn: string; results: BankResult[] }
>;

export type TransferBatchCommand = CreateTransferBatch | RecordBankResults;
