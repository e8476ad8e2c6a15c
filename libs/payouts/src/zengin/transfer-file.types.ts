import type { BusinessDate, Yen } from '@kenpo/kernel';
import type { BankAccountType } from './zengin-layout.js';

/** The paying society (振込依頼人), as agreed with its bank. Names may be full-width; they are converted. */
export interface ZenginSender {
  /** 振込依頼人コード assigned by the bank: 10 digits. */
  clientCode: string;
  clientName: string;
  bankCode: string;
  bankName?: string;
  branchCode: string;
  branchName?: string;
  accountType: BankAccountType;
  accountNumber: string;
}

export interface ZenginTransfer {
  bankCode: string;
  bankName?: string;
  branchCode: string;
  branchName?: string;
  clearingHouseCode?: string;
  accountType: BankAccountType;
  accountNumber: string;
  holderName: string;
  amount: number;
  /** 新規コード: 0 その他 (default), 1 第1回振込分, 2 変更分. */
  newCode?: '0' | '1' | '2';
  customerCode1?: string;
  customerCode2?: string;
  /** EDI情報 (C20) instead of the customer codes; sets 識別表示 to `Y`. */
  ediInfo?: string;
}

export interface TransferFileOptions {
  /**
   * Record separator: CRLF after each record (122 bytes a record) or none (a pure 120-byte stream). Bank-specific
   * and UNCONFIRMED (domain.md 8.4, 11.11): default CRLF, confirm with the paying bank.
   */
  lineSeparator?: 'CRLF' | 'none';
  /** 振込指定区分: 7 テレ振込, 8 文書振込, 0 where the bank leaves it unused. UNCONFIRMED per bank (domain.md 11.11); default 7. */
  transferDesignation?: '0' | '7' | '8';
  /** Cut over-long names at a kana boundary (default) instead of refusing them. */
  truncateNames?: boolean;
  /** Allow ｦ in party names (a 付録1 revision may, UNCONFIRMED domain.md 11.11); default false. */
  allowWo?: boolean;
}

export interface TransferFileInput {
  sender: ZenginSender;
  /** 振込指定日; written as MMDD. */
  transferDate: BusinessDate;
  records: readonly ZenginTransfer[];
  options?: TransferFileOptions;
}

export interface TransferFile {
  /** header, data…, trailer, end: each exactly 120 half-width characters (one Shift_JIS byte each). */
  records: string[];
  /** The records joined with the configured separator, ready for a Shift_JIS encoder at the edge. */
  content: string;
  count: number;
  total: Yen;
}
