import { createHash } from 'node:crypto';
import iconv from 'iconv-lite';
import type { BusinessDate } from '@kenpo/kernel';
import { buildTransferFile, type TransferFile, type ZenginSender } from '@kenpo/payouts';
import type { PlannedTransfer } from './run-plan.js';

export interface EncodedTransferFile {
  file: TransferFile;
  /** Shift_JIS bytes (domain.md 8.4: JIS X 0201 single-byte content, one byte per character). */
  bytes: Buffer;
  sha256: string;
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** The run's Zengin 総合振込 file: deterministic for the same sender, date and transfers. */
export function encodeTransferFile(
  sender: ZenginSender,
  transferDate: BusinessDate,
  transfers: readonly PlannedTransfer[],
): EncodedTransferFile {
  const file = buildTransferFile({
    sender,
    transferDate,
    records: transfers.map(({ account, amount }) => ({ ...account, amount })),
  });
  const bytes = iconv.encode(file.content, 'Shift_JIS');
  return { file, bytes, sha256: sha256Hex(bytes) };
}
