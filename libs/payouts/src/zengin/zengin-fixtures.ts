import { businessDate } from '@kenpo/kernel';
import type { TransferFileInput, ZenginSender, ZenginTransfer } from './transfer-file.types.js';

/** Test data for the codec specs (not exported from the library). */
export const sender: ZenginSender = {
  clientCode: '1234567890',
  clientName: 'ケンポケンコウホケンクミアイ',
  bankCode: '0001',
  bankName: 'ミズホ',
  branchCode: '001',
  branchName: 'トウキョウ',
  accountType: 'ordinary',
  accountNumber: '1234567',
};

export function transfer(overrides: Partial<ZenginTransfer> = {}): ZenginTransfer {
  return {
    bankCode: '0005',
    bankName: 'ミツビシユーエフジェイ',
    branchCode: '123',
    branchName: 'シンジュク',
    accountType: 'ordinary',
    accountNumber: '0012345',
    holderName: 'ヤマダ タロウ',
    amount: 123_456,
    ...overrides,
  };
}

export function fileInput(
  records: ZenginTransfer[] = [transfer()],
  options?: TransferFileInput['options'],
): TransferFileInput {
  return { sender, transferDate: businessDate('2025-03-07'), records, ...(options ? { options } : {}) };
}

/** The characters at 1-based position `pos`, `len` long, as domain.md's tables count them. */
export function at(record: string, pos: number, len: number): string {
  return record.slice(pos - 1, pos - 1 + len);
}
