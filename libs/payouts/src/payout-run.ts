import type { PayoutInstructed } from './payout.events.js';
import type { ZenginTransfer } from './zengin/transfer-file.types.js';

/** Deterministic from the run id, so a retried run writes the same file (architecture.md 6). */
export function transferFileName(runId: string): string {
  return `zengin-21-${runId}.txt`;
}

/** The data record of one instruction; the run's records sorted by `recordIndex` make the file. */
export function transferRecordOf(instruction: PayoutInstructed['data']): ZenginTransfer {
  const { bankCode, branchCode, accountType, accountNumber, holderName } = instruction.account;
  return { bankCode, branchCode, accountType, accountNumber, holderName, amount: instruction.amount };
}
